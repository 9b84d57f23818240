// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The AG News CSV files (class 1..4, title, description) as labelled symbol
// sequences, text built as the paper's preprocessing does.
#ifndef BITSTATE_AGNEWS_H_
#define BITSTATE_AGNEWS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bitstate/csv_reader.h"
#include "bitstate/dataset.h"

namespace bitstate {

inline constexpr size_t kAgNewsClasses = 4;

struct AgNewsOptions {
  // Malformed rows: false = stop with an error naming file and line; true =
  // skip them, count them and keep their descriptions.
  bool skip_malformed = false;
};

struct AgNewsFile {
  Dataset rows;                       // labels 0..3 (class 1..4)
  std::vector<size_t> lines;          // line of each row in the file
  size_t skipped = 0;
  std::vector<CsvProblem> problems;   // the first few skipped rows
};

// " " + title + " " + description, every backslash replaced by a space.
std::string AgNewsText(const std::string& title, const std::string& description);

AgNewsFile ParseAgNewsCsv(std::string_view text, const std::string& source,
                          const AgNewsOptions& options = {});
AgNewsFile LoadAgNewsCsv(const std::string& path, const AgNewsOptions& options = {});

}  // namespace bitstate

#endif  // BITSTATE_AGNEWS_H_
