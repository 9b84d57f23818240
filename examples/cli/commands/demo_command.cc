// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate demo`: the library end to end on data it makes itself, in
// seconds: 4 classes of symbol sequences from seeded Markov sources that
// share their symbol frequencies, so the frequency baseline sits near chance
// and only a model with memory separates them.
#include <algorithm>
#include <cstdio>
#include <memory>

#include "bitstate/model.h"
#include "bitstate/pipeline.h"
#include "bitstate/synthetic.h"
#include "commands/commands.h"
#include "commands/model_options.h"
#include "options.h"
#include "progress.h"

namespace bitstate::cli {
namespace {

struct DemoOptions {
  bool quick = false;
  std::optional<size_t> rows;  // default 400, --quick 120
  uint64_t data_seed = 7;
  ModelOptions model;
};

constexpr uint64_t kDefaultInitSeed = 1;

size_t Rows(const DemoOptions& o) { return o.rows.value_or(o.quick ? 120 : 400); }
ModelConfig DemoModel(const DemoOptions& o) {
  return ResolveModel(o.model, o.quick ? 256 : 512, kDefaultInitSeed);
}

int RunDemo(const DemoOptions& o) {
  const size_t rows = Rows(o);
  PipelineOptions options;
  options.model = DemoModel(o);
  MarkovDatasetSpec spec;
  spec.seed = o.data_seed;
  const Dataset train = MakeMarkovDataset(spec, rows, DeriveSeed(o.data_seed, 100));
  const Dataset fit = MakeMarkovDataset(spec, rows, DeriveSeed(o.data_seed, 101));
  const Dataset test = MakeMarkovDataset(spec, rows, DeriveSeed(o.data_seed, 102));

  const ModelConfig& c = options.model;
  std::printf(
      "bitstate demo: %zu classes of synthetic sequences (Markov sources over %zu symbols,\n"
      "equal symbol frequencies), %zu rows each to train, fit and test; data seed %llu\n",
      spec.classes, spec.symbols, rows, static_cast<unsigned long long>(o.data_seed));
  std::printf("model: m=%zu n=%zu d=%g r_x=%g r_h=%g update_rows=%s seed=%llu, kernels %s\n\n",
              c.inputs, c.hidden, c.density, c.rate_input, c.rate_hidden,
              UpdateRowsName(c.update_rows), static_cast<unsigned long long>(c.seed),
              Model(ModelConfig{c.inputs, 1}).engine_name());

  std::fflush(stdout);  // the header before progress lines on stderr
  ProgressReporter progress("demo");
  const PipelineResult r = RunPipeline(train, fit, test, options, progress.Callback());

  std::printf("\n| features                        | test accuracy |\n");
  std::printf("|---------------------------------|---------------|\n");
  std::printf("| bitstate mean state (n = %-5zu) | %11.1f %% |\n", c.hidden,
              100 * r.model_accuracy);
  std::printf("| symbol frequencies (baseline)   | %11.1f %% |\n", 100 * r.baseline_accuracy);
  std::printf("\nchance: %.1f %%\n", 100.0 / static_cast<double>(spec.classes));
  std::printf(
      "state reconstruction error: %.1f bits/step over the first tenth of training, "
      "%.1f over the last\n",
      EarlyMean(r.curve.state_error), LateMean(r.curve.state_error));
  std::printf("input reconstruction error: %.3f bits/step over the last tenth\n",
              LateMean(r.curve.input_error));
  std::printf(
      "time: train %zu steps %.2f s (%.0f steps/s), features %zu steps %.2f s, "
      "ridge %.2f s\n\n",
      r.train_steps, r.train_seconds, r.train_steps / std::max(r.train_seconds, 1e-9),
      r.feature_steps, r.feature_seconds, r.classifier_seconds);
  return 0;
}

void DeclareDemo(CLI::App& app, DemoOptions& o) {
  app.description(
      "train and classify on built-in synthetic data (no data needed): trains on N synthetic "
      "rows, fits a ridge classifier on N more, tests on N more");
  AddFlag(app, "--quick", o.quick, "a smaller, faster run (n = 256, 120 rows)");
  AddInt(app, "--rows", o.rows, 4, 1000000, "rows per phase (default 400; --quick: 120)");
  AddSeed(app, "--data-seed", o.data_seed, "seed of the synthetic data");
  AddModelOptions(app, o.model, "512; --quick: 256", std::to_string(kDefaultInitSeed));
}

Json DescribeDemo(const DemoOptions& o) {
  return Merged(DescribeModel(DemoModel(o)),
                {{"quick", o.quick}, {"rows", Rows(o)}, {"data-seed", o.data_seed}});
}

}  // namespace

Command AddDemoCommand(CLI::App& root) {
  return MakeCommand<DemoOptions>(root, "demo", DeclareDemo, RunDemo, DescribeDemo);
}

}  // namespace bitstate::cli
