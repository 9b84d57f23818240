// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/csv_reader.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "bitstate/error.h"
#include "base/regular_file.h"

namespace bitstate {
namespace {

struct ParseError {
  size_t line;
  std::string message;
};

}  // namespace

CsvReader::CsvReader(std::string_view text, std::string source)
    : text_(text), source_(std::move(source)) {}

bool CsvReader::Next(CsvRecord* record, CsvProblem* problem) {
  record->fields.clear();
  if (problem != nullptr) *problem = CsvProblem{};
  if (pos_ >= text_.size()) return false;
  record->line = line_;
  const size_t start_line = line_;
  try {
    std::string field;
    while (true) {
      field.clear();
      if (pos_ < text_.size() && text_[pos_] == '"') {
        const size_t quote_line = line_;
        ++pos_;
        while (true) {
          if (pos_ >= text_.size()) {
            throw ParseError{quote_line, "unterminated quoted field (opened on this line, "
                                         "still open at the end of the file)"};
          }
          const char c = text_[pos_++];
          if (c == '"') {
            if (pos_ < text_.size() && text_[pos_] == '"') {
              field.push_back('"');
              ++pos_;
            } else {
              break;
            }
          } else {
            if (c == '\n') ++line_;
            field.push_back(c);
          }
        }
        if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
            text_[pos_] != '\r') {
          std::string message = std::string("unexpected character '") + text_[pos_] +
                                "' after a closing quote";
          if (quote_line != line_) {
            message += " (the quoted field opened on line " + std::to_string(quote_line) +
                       ": an unbalanced quote?)";
          }
          throw ParseError{line_, message};
        }
      } else {
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
               text_[pos_] != '\r') {
          if (text_[pos_] == '"') throw ParseError{line_, "quote inside an unquoted field"};
          field.push_back(text_[pos_++]);
        }
      }
      record->fields.push_back(field);
      if (pos_ >= text_.size()) return true;
      const char end = text_[pos_++];
      if (end == ',') continue;
      if (end == '\r') {
        if (pos_ < text_.size() && text_[pos_] == '\n') {
          ++pos_;
        } else {
          throw ParseError{line_, "carriage return not followed by a line feed"};
        }
      }
      ++line_;
      return true;
    }
  } catch (const ParseError& e) {
    if (problem == nullptr) {
      throw Error(source_ + ":" + std::to_string(e.line) + ": " + e.message);
    }
    problem->line = e.line;
    problem->message = e.message;
    record->fields.clear();
    record->line = start_line;
    // Resume after the line where the problem was found.
    while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    if (pos_ < text_.size()) {
      ++pos_;
      ++line_;
    }
    return true;
  }
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

std::string ReadTextFile(const std::string& path) {
  RequireRegularFile(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) throw Error(path + ": read error");
  return contents.str();
}

}  // namespace bitstate
