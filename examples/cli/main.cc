// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The `bitstate` program: the subcommands (commands/), parsed by CLI11, and
// error reporting.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <string>

#include "commands/commands.h"

int main(int argc, char** argv) {
  CLI::App app("bitstate: binary, stateful neural networks (Grushin, arXiv 2312.14359)",
               "bitstate");
  app.require_subcommand(0, 1);
  bool version = false;
  app.add_flag("--version", version, "build information (as `bitstate info`)");
  const std::vector<bitstate::cli::Command> commands = bitstate::cli::AddCommands(app);
  const std::string name = argc > 1 ? argv[1] : "";
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "bitstate %s: error: %s\n", name.c_str(), e.what());
    std::fprintf(stderr, "(bitstate --help lists the commands; bitstate COMMAND --help their options)\n");
    return 2;
  } catch (const std::exception& e) {  // an option's value, from the strict parsers
    std::fprintf(stderr, "bitstate %s: error: %s\n", name.c_str(), e.what());
    return 1;
  }
  try {
    for (const bitstate::cli::Command& command : commands) {
      if (command.app->parsed()) return command.run();
    }
    if (version) {
      for (const bitstate::cli::Command& command : commands) {
        if (command.app->get_name() == "info") return command.run();
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bitstate %s: error: %s\n", name.c_str(), e.what());
    return 1;
  }
  std::printf("%s", app.help().c_str());
  return 2;
}
