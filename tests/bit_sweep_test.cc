// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/bit_sweep.h"

#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "bitstate/error.h"
#include "bitstate/synthetic.h"

namespace bitstate {
namespace {

BitSweepOptions SmallSweep() {
  BitSweepOptions options;
  options.pipeline.model.inputs = 96;
  options.pipeline.model.hidden = 64;
  options.pipeline.model.seed = 4;
  options.quantized_bits = {2, 16};
  options.quantized_granularities = {ScaleGranularity::kBlock, ScaleGranularity::kRow};
  options.training_bits = {8};
  // Short trajectories (reset per row): float and 16-bit states then differ
  // only where a step really disagrees, not after chaotic divergence
  // (docs/precision.md), so the class agreement can be asserted tightly.
  options.pipeline.reset_per_row = true;
  return options;
}

// Markov rows of lengths [min_length, max_length]: `train_rows` for
// unsupervised training, `other_rows` each to fit and to test the classifier.
struct SweepRows {
  Dataset train, fit, test;
};

SweepRows MakeSweepRows(uint64_t seed, size_t min_length, size_t max_length, size_t train_rows,
                        size_t other_rows) {
  MarkovDatasetSpec spec;
  spec.seed = seed;
  spec.min_length = min_length;
  spec.max_length = max_length;
  return {MakeMarkovDataset(spec, train_rows, 1), MakeMarkovDataset(spec, other_rows, 2),
          MakeMarkovDataset(spec, other_rows, 3)};
}

TEST_CASE("the bit sweep runs every setting, and 16-bit inference matches float") {
  // Small enough to run in seconds under qemu's SVE emulation (cross tests).
  const SweepRows rows = MakeSweepRows(21, 40, 60, 60, 120);
  BitSweepOptions options = SmallSweep();
  const BitSweepResult result = RunBitSweep(rows.train, rows.fit, rows.test, options);

  REQUIRE(result.points.size() == 1 + 2 * 2 + 1);
  const BitSweepPoint& reference = result.points[0];
  CHECK(reference.method == SweepMethod::kFloat);
  CHECK(reference.accuracy > result.baseline_accuracy);  // the model learned something
  for (const BitSweepPoint& p : result.points) {
    INFO(std::string(SweepMethodName(p.method)), " ", std::string(GranularityName(p.granularity)),
         " ", p.bits);
    if (p.method == SweepMethod::kQuantized && p.bits == 16) {
      CHECK(p.accuracy >= reference.accuracy - 0.05);
      CHECK(p.agreement >= 0.9);
    }
    if (p.method == SweepMethod::kIntegerTraining) {
      CHECK(p.accuracy > result.baseline_accuracy);
      CHECK(p.final_state_error >= 0);
    }
    CHECK(p.weight_bytes > 0);
  }
  // Stored bytes: two bit planes for 2 bits (n = 64: exactly k bits each),
  // int16 for 16.
  const size_t weights = 64 * (96 + 64);
  CHECK(result.points[1].weight_bytes == weights / 4 + (64 + 1) * 4);
  CHECK(result.points[1].packed_weight_bytes == result.points[1].weight_bytes);
  CHECK(result.points[2].weight_bytes == 2 * weights + (64 + 1) * 4);

}

TEST_CASE("the bit sweep of neurons that keep their value: 16-bit inference matches float") {
  const SweepRows rows = MakeSweepRows(21, 40, 60, 60, 120);
  BitSweepOptions options = SmallSweep();
  options.pipeline.model.carry = 0.5f;
  options.quantized_granularities = {ScaleGranularity::kRow};
  const BitSweepResult result = RunBitSweep(rows.train, rows.fit, rows.test, options);
  REQUIRE(result.points.size() == 1 + 2 + 1);
  CHECK(result.points[0].accuracy > result.baseline_accuracy);
  CHECK(result.points[2].bits == 16);
  CHECK(result.points[2].accuracy >= result.points[0].accuracy - 0.05);
  CHECK(result.points[2].agreement >= 0.9);
  CHECK(result.points[3].accuracy > result.baseline_accuracy);  // integer training with a carry
}

TEST_CASE("the bit sweep gives the same points with threads as without") {
  const SweepRows rows = MakeSweepRows(22, 30, 40, 20, 40);
  BitSweepOptions options = SmallSweep();
  options.quantized_granularities = {ScaleGranularity::kRow};
  const BitSweepResult serial = RunBitSweep(rows.train, rows.fit, rows.test, options);
  options.threads = 2;
  // Every finished point comes with the trial so far: float first, the
  // finished settings in option order, marked partial.
  size_t calls = 0;
  bool ordered = true;
  const auto done = [&](const BitSweepPoint& p, const BitSweepResult& so_far) {
    ++calls;
    ordered &= so_far.partial && so_far.points.size() == calls &&
               so_far.points[0].method == SweepMethod::kFloat &&
               so_far.baseline_accuracy == serial.baseline_accuracy;
    bool found = false;  // the point just finished is in the trial so far
    for (const BitSweepPoint& q : so_far.points) {
      found |= q.method == p.method && q.bits == p.bits && q.accuracy == p.accuracy;
    }
    ordered &= found;
  };
  const BitSweepResult threaded = RunBitSweep(rows.train, rows.fit, rows.test, options, done);
  CHECK(calls == serial.points.size());
  CHECK(ordered);
  CHECK_FALSE(threaded.partial);
  REQUIRE(threaded.points.size() == serial.points.size());
  for (size_t k = 0; k < serial.points.size(); ++k) {
    CHECK(threaded.points[k].accuracy == serial.points[k].accuracy);
    CHECK(threaded.points[k].agreement == serial.points[k].agreement);
    CHECK(threaded.points[k].final_state_error == serial.points[k].final_state_error);
  }
}

TEST_CASE("a sweep's float model file is reused, and refused for another configuration") {
  const SweepRows rows = MakeSweepRows(23, 30, 40, 20, 40);
  BitSweepOptions options = SmallSweep();
  options.quantized_granularities = {ScaleGranularity::kRow};
  options.training_bits.clear();
  options.float_model_file = "bitstate_test_" + std::to_string(::getpid()) + "_float.bsm";
  std::remove(options.float_model_file.c_str());
  const BitSweepResult trained = RunBitSweep(rows.train, rows.fit, rows.test, options);
  REQUIRE(std::ifstream(options.float_model_file).good());
  CHECK(trained.points[0].final_state_error >= 0);
  // Loaded instead of trained: the same weights and state, so every
  // feature, class and accuracy comes out the same.
  const BitSweepResult loaded = RunBitSweep(rows.train, rows.fit, rows.test, options);
  REQUIRE(loaded.points.size() == trained.points.size());
  CHECK(loaded.points[0].final_state_error == -1);
  for (size_t k = 0; k < trained.points.size(); ++k) {
    CHECK(loaded.points[k].accuracy == trained.points[k].accuracy);
    CHECK(loaded.points[k].agreement == trained.points[k].agreement);
  }
  options.pipeline.model.seed += 1;
  const std::string seed_message = options.float_model_file + ": holds a float model with seed";
  CHECK_THROWS_WITH_AS(RunBitSweep(rows.train, rows.fit, rows.test, options),
                       doctest::Contains(seed_message.c_str()), Error);
  options.pipeline.model.seed -= 1;
  const float rate_hidden = options.pipeline.model.rate_hidden;
  options.pipeline.model.rate_hidden = rate_hidden * 1.1f;  // a small rate, a small change
  CHECK_THROWS_WITH_AS(RunBitSweep(rows.train, rows.fit, rows.test, options),
                       doctest::Contains("r_h = 1e-06, the sweep needs 1.1e-06"), Error);
  options.pipeline.model.rate_hidden = rate_hidden;
  options.pipeline.model.hidden = 65;
  CHECK_THROWS_WITH_AS(RunBitSweep(rows.train, rows.fit, rows.test, options),
                       doctest::Contains("n = 64, the sweep needs 65"), Error);
  std::remove(options.float_model_file.c_str());
}

}  // namespace
}  // namespace bitstate
