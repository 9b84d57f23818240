// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "commands/commands.h"

namespace bitstate::cli {

std::vector<Command> AddCommands(CLI::App& root) {
  return {AddDemoCommand(root),       AddTrainCommand(root),      AddFeaturesCommand(root),
          AddQuantizeCommand(root),   AddExperimentCommand(root), AddSweepBitsCommand(root),
          AddSweepMergeCommand(root), AddSweepBytesCommand(root), AddInfoCommand(root),
          AddExportCCommand(root),    AddRecallCommand(root)};
}

}  // namespace bitstate::cli
