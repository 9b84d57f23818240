// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate features`: per-row feature vectors of a saved model (learning
// off) as CSV: the row's class as the input names it, then n values.
#include <cstdio>
#include <memory>

#include "bitstate/atomic_file.h"
#include "bitstate/csv_reader.h"
#include "bitstate/error.h"
#include "bitstate/parallel_features.h"
#include "bitstate/pipeline.h"
#include "bitstate/quantized_model_file.h"
#include "commands/commands.h"
#include "commands/sequence_input.h"
#include "options.h"
#include "progress.h"
#include "reports/report.h"

namespace bitstate::cli {
namespace {

struct FeaturesOptions {
  std::string model, out;
  SequenceInputOptions input;
  Pooling pooling = Pooling::kMean;
  bool reset_per_row = false;
  size_t threads = 0;  // 0: every core
  size_t batch_streams = 0;  // 0: BatchStreamsFor(model)
};

int RunFeatures(const FeaturesOptions& o) {
  if (o.model.empty() || o.out.empty()) throw Error("--model MODEL and --out FILE are required");
  CheckSequenceInput(o.input);
  CheckWritableDestination(o.out);
  AnyModel loaded = LoadAnyModel(o.model);  // before the data: a bad model fails fast
  SequenceModel& model = loaded.model();
  std::string source;
  std::vector<std::string> classes;
  const Dataset data = ReadSequenceInput(o.input, &source, &classes);
  ProgressReporter progress("features");
  FeaturePassOptions pass;
  pass.threads = ThreadsOrCores(o.threads);
  pass.batch_streams = o.batch_streams;
  FeaturePassStats stats;
  const FeatureMatrix features = ComputeStateFeaturesParallel(
      model, data, o.pooling, o.reset_per_row, pass, progress.Callback(), nullptr, &stats);
  AtomicFileWriter writer(o.out);
  for (size_t r = 0; r < features.rows; ++r) {
    std::fputs(CsvField(classes[data[r].label]).c_str(), writer.file());
    for (size_t k = 0; k < features.cols; ++k)
      std::fprintf(writer.file(), ",%.6g", features.row(r)[k]);
    std::fputc('\n', writer.file());
  }
  writer.Commit();
  std::printf("%s: %zu rows x %zu features (%s pooling) from %s, weights: %s\n%s\n",
              o.out.c_str(), features.rows, features.cols, PoolingName(o.pooling),
              source.c_str(), loaded.precision_name().c_str(), FeaturePassLine(stats).c_str());
  return 0;
}

void DeclareFeatures(CLI::App& app, FeaturesOptions& o) {
  app.description("per-row features of a saved model, as CSV");
  AddText(app, "--model", o.model, "MODEL", "model file of any precision (required)");
  AddSequenceInputOptions(app, o.input);
  AddText(app, "--out", o.out, "FEATURES.csv", "where the features go (required)");
  AddChoice<Pooling>(app, "--pooling", o.pooling, ParsePooling, "mean|final|late-mean|mean+final",
                     PoolingName(o.pooling), "mean state over the row, or the last state");
  AddFlag(app, "--reset-per-row", o.reset_per_row, "reset the state before every row");
  AddInt(app, "--threads", o.threads, 0, 256,
         "feature pass threads (0: every core); the features do not change");
  AddInt(app, "--batch-streams", o.batch_streams, 0, 4096,
         "with --reset-per-row: rows stepped together on each thread (0: 64 where W's "
         "columns exceed 24 MB, else 1); the features do not change");
}

Json DescribeFeatures(const FeaturesOptions& o) {
  return Merged(DescribeSequenceInput(o.input), {{"model", o.model},
                                                 {"out", o.out},
                                                 {"pooling", PoolingName(o.pooling)},
                                                 {"reset-per-row", o.reset_per_row},
                                                 {"threads", o.threads},
                                                 {"batch-streams", o.batch_streams}});
}

}  // namespace

Command AddFeaturesCommand(CLI::App& root) {
  return MakeCommand<FeaturesOptions>(root, "features", DeclareFeatures, RunFeatures,
                                      DescribeFeatures);
}

}  // namespace bitstate::cli
