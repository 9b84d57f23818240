// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The sequence input of `train` and `features`: labelled text in CSV (AG
// News, or any classes) or any text file.
#ifndef BITSTATE_EXAMPLES_CLI_COMMANDS_SEQUENCE_INPUT_H_
#define BITSTATE_EXAMPLES_CLI_COMMANDS_SEQUENCE_INPUT_H_

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "bitstate/dataset.h"
#include "bitstate/labelled_text.h"
#include "reports/json.h"

namespace bitstate::cli {

struct SequenceInputOptions {
  std::string csv;   // labelled text: a class, then text fields, per record
  std::string text;  // the whole file as one unlabelled sequence
  size_t rows = 0;   // CSV: only the first N rows (0: all)
  bool skip_malformed = false;
  bool header = false;  // the CSV's first record names its columns
};

// --csv, --text, --rows, --skip-malformed, --header.
void AddSequenceInputOptions(CLI::App& app, SequenceInputOptions& options);
// Throws unless exactly one of --csv and --text is given (before any file is read).
void CheckSequenceInput(const SequenceInputOptions& options);
// The sequences; `description` receives a line saying what was read, and
// `classes` (if given) the class name of each label (--text: one, "1").
Dataset ReadSequenceInput(const SequenceInputOptions& options, std::string* description,
                          std::vector<std::string>* classes = nullptr);
Json DescribeSequenceInput(const SequenceInputOptions& options);

// "<path>:<line>: skipped: <why>" on stderr for each kept problem of `file`.
void ReportSkippedRows(const LabelledTextFile& file, const std::string& path);

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_COMMANDS_SEQUENCE_INPUT_H_
