// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_EXAMPLES_CLI_SEQUENCE_INPUT_H_
#define BITSTATE_EXAMPLES_CLI_SEQUENCE_INPUT_H_

#include <string>

#include "args.h"
#include "bitstate/dataset.h"

namespace bitstate {
namespace cli {

// Reads the sequences named by --csv FILE (AG News format: one labelled
// row per record; --skip-malformed) or --text FILE (the whole file as one
// unlabelled sequence), keeping the first --rows N rows if given.
// `description` receives a line saying what was read.
Dataset ReadSequenceInput(Args& args, std::string* description);
extern const char* const kSequenceInputHelp;

}  // namespace cli
}  // namespace bitstate

#endif  // BITSTATE_EXAMPLES_CLI_SEQUENCE_INPUT_H_
