// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the command line as the `bitstate` program parses it
// (CLI11 and the strict number parsers behind every option). The input is
// split at NUL bytes into argv tokens and parsed, never run.
#include <CLI/CLI.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bitstate/error.h"
#include "commands/commands.h"
#include "options.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> tokens(1, "bitstate");
  std::string current;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      tokens.push_back(current);
      current.clear();
    } else {
      current.push_back(static_cast<char>(data[i]));
    }
  }
  tokens.push_back(current);
  std::vector<char*> argv;
  for (std::string& t : tokens) argv.push_back(&t[0]);
  CLI::App app("fuzz", "bitstate");
  const std::vector<bitstate::cli::Command> commands = bitstate::cli::AddCommands(app);
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
    for (const bitstate::cli::Command& command : commands) {
      if (command.app->parsed()) command.describe();
    }
  } catch (const CLI::Error&) {
  } catch (const bitstate::Error&) {
  }
  if (size < 64) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
      bitstate::cli::ParseInt(text, "fuzz", -5, 5);
    } catch (const bitstate::Error&) {
    }
    try {
      bitstate::cli::ParseReal(text, "fuzz", 0.0, 1.0);
    } catch (const bitstate::Error&) {
    }
  }
  return 0;
}
