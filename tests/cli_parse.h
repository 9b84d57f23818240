// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate <args>` parsed as main parses it, for the command-line tests.
#ifndef BITSTATE_TESTS_CLI_PARSE_H_
#define BITSTATE_TESTS_CLI_PARSE_H_

#include <CLI/CLI.hpp>
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bitstate/error.h"
#include "commands/commands.h"

namespace bitstate::cli::test {

// Parses args on `root` (whose subcommands are `commands`); returns the
// subcommand that was parsed.
inline const Command& ParseCommand(CLI::App& root, const std::vector<Command>& commands,
                                   const std::vector<std::string>& args) {
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them reversed
  root.parse(reversed);
  for (const Command& c : commands) {
    if (c.app->parsed()) return c;
  }
  throw Error("no command parsed");
}

}  // namespace bitstate::cli::test

#endif  // BITSTATE_TESTS_CLI_PARSE_H_
