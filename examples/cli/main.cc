// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The `bitstate` program: subcommand dispatch and error reporting.
#include <cstdio>
#include <cstring>
#include <exception>

#include "commands/commands.h"

namespace {

void PrintUsage() {
  std::printf(
      "usage: bitstate <command> [options]   (bitstate <command> --help for options)\n"
      "  demo        train and classify on built-in synthetic data (no data needed)\n"
      "  train       unsupervised training on a CSV or text file, saved as a model file\n"
      "  features    per-row features of a saved model, as CSV\n"
      "  quantize    a float32 model file to k-bit integer weights (runs on the C API)\n"
      "  experiment  the paper's AG News experiment (Table I, Fig. 2)\n"
      "  sweep-bits  AG News accuracy against weight bits (quantised / integer-trained)\n"
      "  sweep-merge one report from sweep-bits runs made separately (e.g. a trial each)\n"
      "  info        build information; --model FILE shows a model file\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "help") == 0) {
    PrintUsage();
    return argc < 2 ? 2 : 0;
  }
  const char* command = argv[1];
  try {
    bitstate::cli::Args args(argc, argv, 2);
    if (std::strcmp(command, "demo") == 0) return bitstate::cli::RunDemo(args);
    if (std::strcmp(command, "experiment") == 0) return bitstate::cli::RunExperiment(args);
    if (std::strcmp(command, "quantize") == 0) return bitstate::cli::RunQuantize(args);
    if (std::strcmp(command, "sweep-bits") == 0) return bitstate::cli::RunSweepBits(args);
    if (std::strcmp(command, "sweep-merge") == 0) return bitstate::cli::RunSweepMerge(args);
    if (std::strcmp(command, "train") == 0) return bitstate::cli::RunTrain(args);
    if (std::strcmp(command, "features") == 0) return bitstate::cli::RunFeatures(args);
    if (std::strcmp(command, "info") == 0 || std::strcmp(command, "--version") == 0) {
      return bitstate::cli::RunInfo(args);
    }
    std::fprintf(stderr, "bitstate: unknown command '%s'\n", command);
    PrintUsage();
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bitstate %s: error: %s\n", command, e.what());
    return 1;
  }
}
