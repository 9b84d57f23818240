// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/bit_sweep.h"

#include <doctest/doctest.h>

#include <string>

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

TEST_CASE("the bit sweep runs every setting, and 16-bit inference matches float") {
  MarkovDatasetSpec spec;
  spec.seed = 21;
  spec.min_length = 40;
  spec.max_length = 60;
  // Small enough to run in seconds under qemu's SVE emulation (cross tests).
  const Dataset train = MakeMarkovDataset(spec, 60, 1);
  const Dataset fit = MakeMarkovDataset(spec, 120, 2);
  const Dataset test = MakeMarkovDataset(spec, 120, 3);
  BitSweepOptions options = SmallSweep();
  const BitSweepResult result = RunBitSweep(train, fit, test, options);

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
  // Stored bytes: int8 levels for 2 bits, int16 for 16; packed: k bits each.
  const size_t weights = 64 * (96 + 64);
  CHECK(result.points[1].weight_bytes == weights + (64 + 1) * 4);
  CHECK(result.points[1].packed_weight_bytes == weights / 4 + (64 + 1) * 4);
  CHECK(result.points[2].weight_bytes == 2 * weights + (64 + 1) * 4);

}

TEST_CASE("the bit sweep gives the same points with threads as without") {
  MarkovDatasetSpec spec;
  spec.seed = 22;
  spec.min_length = 30;
  spec.max_length = 40;
  const Dataset train = MakeMarkovDataset(spec, 20, 1);
  const Dataset fit = MakeMarkovDataset(spec, 40, 2);
  const Dataset test = MakeMarkovDataset(spec, 40, 3);
  BitSweepOptions options = SmallSweep();
  options.quantized_granularities = {ScaleGranularity::kRow};
  const BitSweepResult serial = RunBitSweep(train, fit, test, options);
  options.threads = 2;
  const BitSweepResult threaded = RunBitSweep(train, fit, test, options);
  REQUIRE(threaded.points.size() == serial.points.size());
  for (size_t k = 0; k < serial.points.size(); ++k) {
    CHECK(threaded.points[k].accuracy == serial.points[k].accuracy);
    CHECK(threaded.points[k].agreement == serial.points[k].agreement);
    CHECK(threaded.points[k].final_state_error == serial.points[k].final_state_error);
  }
}

}  // namespace
}  // namespace bitstate
