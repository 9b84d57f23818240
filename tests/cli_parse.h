// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate <args>` parsed and run as main does, for the command-line tests.
#ifndef BITSTATE_TESTS_CLI_PARSE_H_
#define BITSTATE_TESTS_CLI_PARSE_H_

#include <CLI/CLI.hpp>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
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

// Runs `bitstate <args>` as main would; returns its exit status.
inline int RunCommand(const std::vector<std::string>& args) {
  CLI::App root("test", "bitstate");
  const std::vector<Command> commands = AddCommands(root);
  return ParseCommand(root, commands, args).run();
}

// A file's contents.
inline std::string FileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace bitstate::cli::test

#endif  // BITSTATE_TESTS_CLI_PARSE_H_
