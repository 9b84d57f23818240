// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The sequence input of `train` and `features`: an AG News CSV or any text.
#ifndef BITSTATE_EXAMPLES_CLI_COMMANDS_SEQUENCE_INPUT_H_
#define BITSTATE_EXAMPLES_CLI_COMMANDS_SEQUENCE_INPUT_H_

#include <CLI/CLI.hpp>

#include <string>

#include "bitstate/dataset.h"
#include "reports/json.h"

namespace bitstate::cli {

struct SequenceInputOptions {
  std::string csv;   // AG News format: one labelled row per record
  std::string text;  // the whole file as one unlabelled sequence
  size_t rows = 0;   // CSV: only the first N rows (0: all)
  bool skip_malformed = false;
};

// --csv, --text, --rows, --skip-malformed.
void AddSequenceInputOptions(CLI::App& app, SequenceInputOptions& options);
// Throws unless exactly one of --csv and --text is given (before any file is read).
void CheckSequenceInput(const SequenceInputOptions& options);
// The sequences; `description` receives a line saying what was read.
Dataset ReadSequenceInput(const SequenceInputOptions& options, std::string* description);
Json DescribeSequenceInput(const SequenceInputOptions& options);

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_COMMANDS_SEQUENCE_INPUT_H_
