// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The subcommands of the `bitstate` program. Each declares its options on a
// CLI11 subcommand (one declaration parses a flag and writes its --help
// line), runs with what was parsed, and can describe what it would run.
#ifndef BITSTATE_EXAMPLES_CLI_COMMANDS_COMMANDS_H_
#define BITSTATE_EXAMPLES_CLI_COMMANDS_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "reports/json.h"

namespace bitstate::cli {

struct Command {
  CLI::App* app;                   // the subcommand, its options declared
  std::function<int()> run;        // runs it with the parsed options; the exit status
  // What run would use, one member per flag (named as the flag without
  // "--"), computed the way run computes it: tests check that every flag
  // the help lists reaches what run uses.
  std::function<Json()> describe;
};

// A subcommand whose options live in one Options value (shared by the
// option callbacks and the two functions): `declare` describes the
// subcommand and declares its options, `run` runs it, `describe` says what
// it would run.
template <typename Options>
Command MakeCommand(CLI::App& root, const std::string& name,
                    void (*declare)(CLI::App&, Options&), int (*run)(const Options&),
                    Json (*describe)(const Options&)) {
  auto options = std::make_shared<Options>();
  CLI::App* app = root.add_subcommand(name);
  declare(*app, *options);
  return {app, [options, run] { return run(*options); },
          [options, describe] { return describe(*options); }};
}

// Every subcommand, declared on `root` (the `bitstate` program).
std::vector<Command> AddCommands(CLI::App& root);

Command AddDemoCommand(CLI::App& root);
Command AddTrainCommand(CLI::App& root);
Command AddFeaturesCommand(CLI::App& root);
Command AddQuantizeCommand(CLI::App& root);
Command AddExperimentCommand(CLI::App& root);
Command AddSweepBitsCommand(CLI::App& root);
Command AddSweepMergeCommand(CLI::App& root);
Command AddSweepBytesCommand(CLI::App& root);
Command AddInfoCommand(CLI::App& root);
Command AddExportCCommand(CLI::App& root);
Command AddRecallCommand(CLI::App& root);

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_COMMANDS_COMMANDS_H_
