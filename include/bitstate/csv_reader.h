// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// RFC 4180 CSV: fields separated by commas, records by LF or CRLF; a field in
// double quotes may hold commas, line breaks and doubled quotes ("").
#ifndef BITSTATE_CSV_READER_H_
#define BITSTATE_CSV_READER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bitstate {

struct CsvRecord {
  size_t line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

// A record that could not be parsed, and where.
struct CsvProblem {
  size_t line = 0;
  std::string message;
};

class CsvReader {
 public:
  // `source` names the text in messages (normally the file path).
  CsvReader(std::string_view text, std::string source);

  // Reads the next record; false at the end. A malformed record throws
  // bitstate::Error "<source>:<line>: <what>" unless `problem` is given, in
  // which case it is filled (problem->line != 0), the reader skips to the
  // next line, and Next returns true with no fields in `record`.
  bool Next(CsvRecord* record, CsvProblem* problem = nullptr);

 private:
  std::string_view text_;
  std::string source_;
  size_t pos_ = 0;
  size_t line_ = 1;
};

// `text` as one CSV field: as it is, or in double quotes (quotes doubled)
// when it holds a comma, a quote or a line break, so CsvReader reads it back.
std::string CsvField(std::string_view text);

// The whole file as text; throws bitstate::Error naming the path.
std::string ReadTextFile(const std::string& path);

}  // namespace bitstate

#endif  // BITSTATE_CSV_READER_H_
