// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The feature pass on several threads equals the sequential pass bit for
// bit: features, final-state features and the model's state afterwards,
// for float, int8 and int16 weights, where segments meet and where they
// never do. The test names say "with threads": .ci/cross-test leaves them
// out on qemu-aarch64, which hangs a guest's second thread.
#include <doctest/doctest.h>

#include <memory>

#include "bitstate/model.h"
#include "bitstate/parallel_features.h"
#include "bitstate/quantized_model.h"
#include "bitstate/synthetic.h"
#include "bitstate/text_encoder.h"
#include "test_util.h"

namespace bitstate {
namespace {

Dataset Rows(size_t count, uint64_t seed) {
  MarkovDatasetSpec spec;
  spec.seed = 5;  // one source of classes for training and features
  return MakeMarkovDataset(spec, count, seed);
}

// Trained on rows like the ones it featurises: its runs from different
// states meet within a row or two.
Model TrainedModel() {
  ModelConfig config;
  config.inputs = kTextSymbols;
  config.hidden = 64;
  Model model(config);
  TrainUnsupervised(model, Rows(80, 99), false, nullptr);
  return model;
}

// Runs both passes on copies of `model` and checks they agree exactly;
// returns the parallel pass's statistics.
FeaturePassStats CheckSameAsSequential(const SequenceModel& model, const Dataset& rows,
                                       Pooling pooling, bool reset_per_row, size_t threads,
                                       size_t window = 20000,
                                       FeaturePassOptions options = FeaturePassOptions()) {
  std::unique_ptr<SequenceModel> sequential = model.Clone(), parallel = model.Clone();
  FeatureMatrix final_sequential, final_parallel;
  const FeatureMatrix expected =
      ComputeStateFeatures(*sequential, rows, pooling, reset_per_row, {}, &final_sequential);
  FeaturePassStats stats;
  options.threads = threads;
  options.meeting_window = window;
  const FeatureMatrix got = ComputeStateFeaturesParallel(*parallel, rows, pooling, reset_per_row,
                                                         options, {}, &final_parallel, &stats);
  CAPTURE(threads);
  CHECK(got.values == expected.values);
  CHECK(final_parallel.values == final_sequential.values);
  CHECK(parallel->state() == sequential->state());
  CHECK(stats.steps == CountSteps(rows));
  CHECK(parallel->step_threads() == model.step_threads());  // put back after the pass
  if (stats.path == FeaturePath::kStepThreads) return stats;
  CHECK(stats.segments <= threads);
  if (stats.path != FeaturePath::kBatched)
    CHECK(stats.segments >= std::min<size_t>(2, rows.size()));
  if (!reset_per_row) {
    CHECK(stats.meeting_steps.size() + stats.unmet_segments + 1 == stats.segments);
    for (size_t step : stats.meeting_steps) CHECK((step >= 1 && step <= stats.recomputed_steps));
  }
  // Without features the pass also leaves the same state (the next pass
  // carries on from it).
  std::unique_ptr<SequenceModel> again = parallel->Clone();
  CHECK(ComputeStateFeaturesParallel(*again, rows, pooling, reset_per_row, options).values ==
        ComputeStateFeatures(*parallel, rows, pooling, reset_per_row).values);
  return stats;
}

TEST_CASE("feature passes with threads equal the sequential pass: float, int8, int16") {
  const Model model = TrainedModel();
  const Dataset rows = Rows(60, 5);
  const QuantizedModel int8 = QuantizedModel::Quantize(model, {8, ScaleGranularity::kRow});
  const QuantizedModel int16 = QuantizedModel::Quantize(model, {12, ScaleGranularity::kBlock});
  for (const SequenceModel* m : std::initializer_list<const SequenceModel*>{&model, &int8, &int16}) {
    for (size_t threads : {2, 3, 5}) {
      const FeaturePassStats mean = CheckSameAsSequential(*m, rows, Pooling::kMean, false, threads);
      // A trained model's runs meet: far fewer steps are run again than the
      // pass holds.
      MESSAGE("threads ", threads, ": recomputed ", mean.recomputed_steps, " of ", mean.steps,
              " steps, ", mean.unmet_segments, " segments never met");
      CHECK(mean.unmet_segments == 0);
      CHECK(mean.recomputed_steps * 4 < mean.steps);
      for (Pooling pooling : {Pooling::kFinal, Pooling::kLateMean, Pooling::kMeanFinal}) {
        CheckSameAsSequential(*m, rows, pooling, false, threads);
      }
    }
  }
}

// Every unit keeps its state (a strong self-connection, inputs ignored), so
// a run from zero never meets a run from a nonzero state.
Model KeepsItsState(size_t hidden) {
  ModelConfig config;
  config.inputs = kTextSymbols;
  config.hidden = hidden;
  Model model(config);
  for (size_t i = 0; i < config.hidden; ++i) {
    for (size_t j = 0; j < model.visible(); ++j) model.SetWeight(i, j, j == config.inputs + i ? 1.0f : 0.0f);
    model.SetHiddenBias(i, -0.5f);
  }
  Rng rng(3);
  model.SetState(test::RandomBits(config.hidden, 0.3, rng));
  return model;
}

TEST_CASE("feature passes with threads: segments whose runs never meet are recomputed whole") {
  const Model model = KeepsItsState(70);
  const Dataset rows = Rows(20, 9);
  const FeaturePassStats stats = CheckSameAsSequential(model, rows, Pooling::kMean, false, 3);
  CHECK(stats.unmet_segments == 2);
  CHECK(stats.recomputed_steps > 0);
  // A window too short to see the meeting is handled the same way.
  const Model trained = TrainedModel();
  CheckSameAsSequential(trained, rows, Pooling::kMean, false, 4, 1);
}

TEST_CASE("feature passes with threads split the steps where a probe finds runs that never meet") {
  // n = 2048: large enough for step threads (StepThreadsFor).
  const Model model = KeepsItsState(2048);
  const Dataset rows = Rows(3, 9);
  FeaturePassOptions probe;
  probe.threads = 2;
  probe.probe_steps = 50;
  const FeaturePassStats split =
      CheckSameAsSequential(model, rows, Pooling::kMean, false, 2, 20000, probe);
  CHECK(split.path == FeaturePath::kStepThreads);
  CHECK(split.step_threads == 2);
  // Without the probe: segments, the unmet one recomputed on step threads.
  probe.probe_steps = 0;
  const FeaturePassStats segments =
      CheckSameAsSequential(model, rows, Pooling::kMean, false, 2, 20000, probe);
  CHECK(segments.path == FeaturePath::kSegments);
  CHECK(segments.unmet_segments == 1);
  CHECK(segments.step_threads == 2);
}

TEST_CASE("feature passes with threads and a reset before every row recompute nothing") {
  const Model model = TrainedModel();
  const Dataset rows = Rows(30, 7);
  const FeaturePassStats stats = CheckSameAsSequential(model, rows, Pooling::kMean, true, 3);
  CHECK(stats.recomputed_steps == 0);
  // More threads than rows, and one row.
  CheckSameAsSequential(model, Rows(2, 8), Pooling::kMean, false, 4);
  CheckSameAsSequential(model, Rows(1, 8), Pooling::kFinal, false, 3);
}

TEST_CASE("feature passes with threads and a reset before every row run rows as batched streams") {
  const Model model = TrainedModel();
  Dataset rows = Rows(40, 11);
  rows[3].symbols.clear();  // an empty row gives zeros, as in the sequential pass
  Dataset ends_empty = Rows(9, 12);
  ends_empty.back().symbols.clear();
  const QuantizedModel int8 = QuantizedModel::Quantize(model, {8, ScaleGranularity::kRow});
  const QuantizedModel int16 = QuantizedModel::Quantize(model, {12, ScaleGranularity::kBlock});
  const QuantizedModel int4 = QuantizedModel::Quantize(model, {4, ScaleGranularity::kRow});
  for (const SequenceModel* m :
       std::initializer_list<const SequenceModel*>{&model, &int8, &int16, &int4}) {
    for (size_t threads : {1, 2, 3}) {
      for (size_t batch : {3, 8, 64}) {  // 64: more streams than rows
        CAPTURE(batch);
        FeaturePassOptions options;
        options.batch_streams = batch;
        for (Pooling pooling :
             {Pooling::kMean, Pooling::kFinal, Pooling::kLateMean, Pooling::kMeanFinal}) {
          const FeaturePassStats stats =
              CheckSameAsSequential(*m, rows, pooling, true, threads, 20000, options);
          CHECK(stats.path == FeaturePath::kBatched);
          CHECK(stats.batch_streams == batch);
          CHECK(stats.segments == threads);
          // Only the last row, run again to leave the model in its state.
          CHECK(stats.recomputed_steps == rows.back().symbols.size());
        }
        CheckSameAsSequential(*m, ends_empty, Pooling::kMean, true, threads, 20000, options);
      }
    }
  }
}

}  // namespace
}  // namespace bitstate
