// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate demo`: the library end to end on data it makes itself, in
// seconds: 4 classes of symbol sequences from seeded Markov sources that
// share their symbol frequencies, so the frequency baseline sits near chance
// and only a model with memory separates them.
#include <algorithm>
#include <cstdio>
#include <numeric>

#include "bitstate/model.h"
#include "bitstate/pipeline.h"
#include "bitstate/synthetic.h"
#include "bitstate/text_encoder.h"
#include "commands/commands.h"
#include "progress.h"

namespace bitstate {
namespace cli {
namespace {

double Mean(const std::vector<uint32_t>& v, size_t begin, size_t end) {
  if (end <= begin) return 0.0;
  return std::accumulate(v.begin() + begin, v.begin() + end, 0.0) / static_cast<double>(end - begin);
}

}  // namespace

int RunDemo(Args& args) {
  if (args.Flag("help")) {
    std::printf(
        "usage: bitstate demo [--rows N] [--quick] [model options]\n"
        "Trains on N synthetic rows, fits a ridge classifier on N more, tests on N more.\n"
        "  --rows N            rows per phase (default 400; --quick: 120)\n"
        "  --data-seed S       seed of the synthetic data (default 7)\n%s",
        kModelOptionsHelp);
    return 0;
  }
  const bool quick = args.Flag("quick");
  const size_t rows = static_cast<size_t>(args.Int("rows", quick ? 120 : 400, 4, 1000000));
  const uint64_t data_seed = args.Seed("data-seed", 7);
  ModelConfig defaults;
  defaults.inputs = kTextSymbols;
  defaults.hidden = quick ? 256 : 512;
  PipelineOptions options;
  options.model = ParseModelOptions(args, defaults);
  args.Finish();

  MarkovDatasetSpec spec;
  spec.seed = data_seed;
  const Dataset train = MakeMarkovDataset(spec, rows, DeriveSeed(data_seed, 100));
  const Dataset fit = MakeMarkovDataset(spec, rows, DeriveSeed(data_seed, 101));
  const Dataset test = MakeMarkovDataset(spec, rows, DeriveSeed(data_seed, 102));

  const ModelConfig& c = options.model;
  std::printf("bitstate demo: %zu classes of synthetic sequences (Markov sources over %zu symbols,\n"
              "equal symbol frequencies), %zu rows each to train, fit and test; data seed %llu\n",
              spec.classes, spec.symbols, rows, static_cast<unsigned long long>(data_seed));
  std::printf("model: m=%zu n=%zu d=%g r_x=%g r_h=%g update_rows=%s seed=%llu, kernels %s\n\n",
              c.inputs, c.hidden, c.density, c.rate_input, c.rate_hidden,
              UpdateRowsName(c.update_rows), static_cast<unsigned long long>(c.seed),
              Model(ModelConfig{c.inputs, 1}).engine_name());

  std::fflush(stdout);  // the header before progress lines on stderr
  ProgressReporter progress("demo");
  const PipelineResult r = RunPipeline(train, fit, test, options, progress.Callback());

  const size_t steps = r.curve.state_error.size(), tenth = std::max<size_t>(steps / 10, 1);
  std::printf("\n| features                        | test accuracy |\n");
  std::printf("|---------------------------------|---------------|\n");
  std::printf("| bitstate mean state (n = %-5zu) | %11.1f %% |\n", c.hidden, 100 * r.model_accuracy);
  std::printf("| symbol frequencies (baseline)   | %11.1f %% |\n", 100 * r.baseline_accuracy);
  std::printf("\nchance: %.1f %%\n", 100.0 / static_cast<double>(spec.classes));
  std::printf("state reconstruction error: %.1f bits/step over the first tenth of training, "
              "%.1f over the last\n",
              Mean(r.curve.state_error, 0, tenth), Mean(r.curve.state_error, steps - tenth, steps));
  std::printf("input reconstruction error: %.3f bits/step over the last tenth\n",
              Mean(r.curve.input_error, steps - tenth, steps));
  std::printf("time: train %zu steps %.2f s (%.0f steps/s), features %zu steps %.2f s, "
              "ridge %.2f s\n\n",
              r.train_steps, r.train_seconds, r.train_steps / std::max(r.train_seconds, 1e-9),
              r.feature_steps, r.feature_seconds, r.classifier_seconds);
  return 0;
}

}  // namespace cli
}  // namespace bitstate
