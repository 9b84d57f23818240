// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate recall`: what the state remembers (bitstate/recall.h) on a
// model and a text, per lag: table on stdout; recall.csv, recall.json and
// recall.svg in --out.
#include <cstdio>
#include <filesystem>

#include "bitstate/atomic_file.h"
#include "bitstate/error.h"
#include "bitstate/quantized_model_file.h"
#include "bitstate/recall.h"
#include "commands/commands.h"
#include "commands/sequence_input.h"
#include "options.h"
#include "reports/recall_report.h"

namespace bitstate::cli {
namespace {

struct RecallOptions {
  std::string model, out;
  SequenceInputOptions input;
  size_t lags = 16;
  bool reset_per_row = false;
};

int RunRecall(const RecallOptions& o) {
  if (o.model.empty() || o.out.empty()) throw Error("--model MODEL and --out DIR are required");
  CheckSequenceInput(o.input);
  AnyModel loaded = LoadAnyModel(o.model);
  if (loaded.integer_model && !loaded.integer_model->trainable()) {
    throw Error(o.model + ": an inference-only integer file (" + loaded.precision_name() +
                ") holds no input biases a for eq. 2; run recall on the float file quantize "
                "read, or on an integer-trained file");
  }
  SequenceModel& model = loaded.model();
  std::string source;
  const Dataset data = ReadSequenceInput(o.input, &source);
  RecallProbe probe = loaded.float_model ? RecallProbe(*loaded.float_model, o.lags)
                                         : RecallProbe(*loaded.integer_model, o.lags);
  size_t steps = 0;
  for (const LabelledSequence& row : data) {
    if (o.reset_per_row) {
      model.ResetState();
      probe.ClearHistory();
    }
    for (uint8_t symbol : row.symbols) probe.Step(model, symbol);
    steps += row.symbols.size();
  }
  const RecallStats& stats = probe.stats();
  std::filesystem::create_directories(o.out);
  const std::string dir = o.out + "/";
  WriteFileAtomically(dir + "recall.csv", RecallCsv(stats));
  Json json = RecallJson(stats);
  json["model"] = o.model;
  json["input"] = source;
  json["reset_per_row"] = o.reset_per_row;
  json["weights"] = loaded.precision_name();
  WriteJsonFile(dir + "recall.json", json);
  const std::string title = "What the state remembers: n = " + std::to_string(model.hidden()) +
                            ", " + std::to_string(steps) + " steps";
  WriteFileAtomically(dir + "recall.svg", RecallSvg(stats, title));
  std::printf("recall of %s (n = %zu, %s) over %zu steps of %s%s\n\n%s\n", o.model.c_str(),
              model.hidden(), loaded.precision_name().c_str(), steps, source.c_str(),
              o.reset_per_row ? ", state reset per row" : "", RecallTable(stats).c_str());
  std::printf(
      "remembered best at lag 1: %s\nat lag 2: %s\nreports: %srecall.csv, recall.json, "
      "recall.svg\n",
      BestRememberedSymbols(stats, 1, 8, 100).c_str(),
      o.lags >= 2 ? BestRememberedSymbols(stats, 2, 8, 100).c_str() : "-", dir.c_str());
  return 0;
}

void DeclareRecall(CLI::App& app, RecallOptions& o) {
  app.description(
      "what the state remembers: eq. 2 applied k = 1..K times from each new state; per lag the "
      "fraction of steps whose input symbol is recovered exactly and as the top-1 symbol, and "
      "the Hamming error of the reconstructed state (float32 or integer-trained model files)");
  AddText(app, "--model", o.model, "MODEL",
          "float32 or trainable integer model file (required; inference-only integer files "
          "hold no input biases for eq. 2)");
  AddSequenceInputOptions(app, o.input);
  AddText(app, "--out", o.out, "DIR", "where recall.csv, recall.json and recall.svg go (required)");
  AddInt(app, "--lags", o.lags, 1, 256, "K: how many steps back");
  AddFlag(app, "--reset-per-row", o.reset_per_row,
          "reset the state before every row (and lags stop at the row's start)");
}

Json DescribeRecall(const RecallOptions& o) {
  return Merged(
      DescribeSequenceInput(o.input),
      {{"model", o.model}, {"out", o.out}, {"lags", o.lags}, {"reset-per-row", o.reset_per_row}});
}

}  // namespace

Command AddRecallCommand(CLI::App& root) {
  return MakeCommand<RecallOptions>(root, "recall", DeclareRecall, RunRecall, DescribeRecall);
}

}  // namespace bitstate::cli
