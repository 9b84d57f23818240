// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The subcommands of the `bitstate` program; each returns an exit status.
#ifndef BITSTATE_EXAMPLES_CLI_COMMANDS_H_
#define BITSTATE_EXAMPLES_CLI_COMMANDS_H_

#include "args.h"
#include "bitstate/model_config.h"

namespace bitstate {
namespace cli {

int RunDemo(Args& args);
int RunExperiment(Args& args);
int RunFeatures(Args& args);
int RunInfo(Args& args);
int RunQuantize(Args& args);
int RunSweepBits(Args& args);
int RunSweepMerge(Args& args);
int RunTrain(Args& args);

// Model options shared by the subcommands that build a model: --hidden,
// --rate-input, --rate-hidden, --density, --init-range, --seed,
// --update-rows. `defaults` supplies what is not given.
ModelConfig ParseModelOptions(Args& args, const ModelConfig& defaults);
extern const char* const kModelOptionsHelp;

}  // namespace cli
}  // namespace bitstate

#endif  // BITSTATE_EXAMPLES_CLI_COMMANDS_H_
