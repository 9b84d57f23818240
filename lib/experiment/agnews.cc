// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/agnews.h"

#include <algorithm>

#include "bitstate/error.h"
#include "bitstate/text_encoder.h"

namespace bitstate {
namespace {

constexpr size_t kProblemsKept = 20;

// Why a well-formed CSV record is not an AG News row, or "" if it is one.
std::string CheckRecord(const CsvRecord& record) {
  if (record.fields.size() != 3) {
    return "expected 3 fields (class, title, description), found " +
           std::to_string(record.fields.size());
  }
  const std::string& label = record.fields[0];
  if (label.size() != 1 || label[0] < '1' || label[0] > '4') {
    return "class must be 1, 2, 3 or 4, found '" + label.substr(0, 20) + "'";
  }
  return "";
}

}  // namespace

std::string AgNewsText(const std::string& title, const std::string& description) {
  std::string text = " " + title + " " + description;
  std::replace(text.begin(), text.end(), '\\', ' ');
  return text;
}

AgNewsFile ParseAgNewsCsv(std::string_view text, const std::string& source,
                          const AgNewsOptions& options) {
  AgNewsFile file;
  CsvReader reader(text, source);
  CsvRecord record;
  CsvProblem problem;
  while (reader.Next(&record, options.skip_malformed ? &problem : nullptr)) {
    if (problem.line == 0) {
      const std::string why = CheckRecord(record);
      if (why.empty()) {
        LabelledSequence row;
        row.label = record.fields[0][0] - '1';
        EncodeText(AgNewsText(record.fields[1], record.fields[2]), &row.symbols);
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
    throw Error(source + ": no AG News rows" +
                (file.skipped ? " (" + std::to_string(file.skipped) + " malformed rows skipped)"
                              : std::string(" (empty file)")));
  }
  return file;
}

AgNewsFile LoadAgNewsCsv(const std::string& path, const AgNewsOptions& options) {
  return ParseAgNewsCsv(ReadTextFile(path), path, options);
}

}  // namespace bitstate
