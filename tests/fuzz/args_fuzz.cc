// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the command-line parsing that reads numbers. The input
// is split at NUL bytes into argv tokens; every getter the commands use is
// called, then Finish().
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "args.h"
#include "bitstate/error.h"
#include "commands/commands.h"

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
  try {
    bitstate::cli::Args args(static_cast<int>(argv.size()), argv.data(), 1);
    args.Int("trials", 5, 1, 1000);
    args.Seed("seed", 1);
    args.Real("alpha", 1.0, 1e-12, 1e12);
    args.Flag("quick");
    args.String("data", "");
    bitstate::ModelConfig defaults;
    bitstate::cli::ParseModelOptions(args, defaults);
    args.Finish();
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
