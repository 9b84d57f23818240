// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/labelled_text.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <map>

#include "bitstate/error.h"
#include "bitstate/text_encoder.h"

namespace bitstate {
namespace {

constexpr size_t kProblemsKept = 20;
constexpr size_t kLabelShown = 40;  // characters of a bad class kept in a message

bool IsInteger(const std::string& s, long long* value) {
  if (s.empty() || s.size() > 18) return false;
  char* end = nullptr;
  errno = 0;
  *value = std::strtoll(s.c_str(), &end, 10);
  return errno == 0 && end == s.c_str() + s.size() && s.find_first_of(" \t+") == std::string::npos;
}

// Numeric order when every class is an integer ("2" before "10"), else bytes.
void SortClasses(std::vector<std::string>* classes) {
  long long a = 0, b = 0;
  const bool numeric = std::all_of(classes->begin(), classes->end(),
                                   [&](const std::string& s) { return IsInteger(s, &a); });
  std::sort(classes->begin(), classes->end(), [&](const std::string& x, const std::string& y) {
    if (numeric) {
      IsInteger(x, &a);
      IsInteger(y, &b);
      if (a != b) return a < b;
    }
    return x < y;
  });
}

// Why a well-formed CSV record is not a row of this file, or "" if it is one.
std::string CheckRecord(const CsvRecord& record, size_t fields) {
  if (record.fields.size() < 2) {
    return "expected a class and at least one text field, found " +
           std::to_string(record.fields.size()) + " field";
  }
  if (fields != 0 && record.fields.size() != fields) {
    return "expected " + std::to_string(fields) + " fields (a class and " +
           std::to_string(fields - 1) + " text), found " + std::to_string(record.fields.size());
  }
  if (record.fields[0].empty()) return "empty class";
  return "";
}

}  // namespace

std::string LabelledRowText(const std::vector<std::string>& text_fields, bool backslash_as_space) {
  std::string text;
  for (const std::string& field : text_fields) text += " " + field;
  if (backslash_as_space) std::replace(text.begin(), text.end(), '\\', ' ');
  return text;
}

std::string ClassList(const std::vector<std::string>& classes, size_t shown) {
  std::string out;
  for (size_t k = 0; k < classes.size() && k < shown; ++k) out += (k ? ", " : "") + classes[k];
  if (classes.size() > shown) out += ", ... (" + std::to_string(classes.size()) + " classes)";
  return out;
}

LabelledTextFile ParseLabelledText(std::string_view text, const std::string& source,
                                   const LabelledTextOptions& options) {
  LabelledTextFile file;
  file.fields = options.fields;
  const bool fixed_classes = !options.classes.empty();
  std::map<std::string, int> label_of;
  for (size_t k = 0; k < options.classes.size(); ++k) {
    if (!label_of.emplace(options.classes[k], static_cast<int>(k)).second) {
      throw Error(source + ": the class '" + options.classes[k] + "' is given twice");
    }
  }
  std::vector<std::string> row_class;  // derived classes: labelled after the last row
  CsvReader reader(text, source);
  CsvRecord record;
  CsvProblem problem;
  bool header_pending = options.header;
  while (reader.Next(&record, options.skip_malformed ? &problem : nullptr)) {
    if (problem.line == 0 && header_pending) {
      header_pending = false;
      continue;
    }
    if (problem.line == 0) {
      std::string why = CheckRecord(record, file.fields);
      const std::string& name = record.fields.empty() ? std::string() : record.fields[0];
      if (why.empty() && fixed_classes && label_of.count(name) == 0) {
        why = "class '" + name.substr(0, kLabelShown) + "' is not one of " +
              ClassList(options.classes);
      }
      if (why.empty()) {
        if (file.fields == 0) file.fields = record.fields.size();
        LabelledSequence row;
        if (fixed_classes) {
          row.label = label_of[name];
        } else {
          row_class.push_back(name);
        }
        const std::vector<std::string> words(record.fields.begin() + 1, record.fields.end());
        EncodeText(LabelledRowText(words, options.backslash_as_space), &row.symbols);
        file.rows.push_back(std::move(row));
        file.lines.push_back(record.line);
        continue;
      }
      if (!options.skip_malformed) {
        throw Error(source + ":" + std::to_string(record.line) + ": " + why);
      }
      problem = {record.line, why};
    }
    ++file.skipped;
    if (file.problems.size() < kProblemsKept) file.problems.push_back(problem);
  }
  if (file.rows.empty()) {
    throw Error(source + ": no labelled rows" +
                (file.skipped ? " (" + std::to_string(file.skipped) + " malformed rows skipped)"
                              : std::string(" (empty file)")));
  }
  if (fixed_classes) {
    file.classes = options.classes;
    return file;
  }
  for (const std::string& name : row_class) label_of.emplace(name, 0);
  for (const auto& entry : label_of) file.classes.push_back(entry.first);
  SortClasses(&file.classes);
  for (size_t k = 0; k < file.classes.size(); ++k) label_of[file.classes[k]] = static_cast<int>(k);
  for (size_t r = 0; r < file.rows.size(); ++r) file.rows[r].label = label_of[row_class[r]];
  return file;
}

LabelledTextFile LoadLabelledText(const std::string& path, const LabelledTextOptions& options) {
  return ParseLabelledText(ReadTextFile(path), path, options);
}

}  // namespace bitstate
