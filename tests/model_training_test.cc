// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

#include "bitstate/error.h"
#include "bitstate/model.h"
#include "bitstate/synthetic.h"
#include "bitstate/text_encoder.h"
#include "model_compare.h"
#include "test_util.h"

namespace bitstate {
namespace {

ModelConfig SmallConfig(size_t hidden, UpdateRows rows) {
  ModelConfig config;
  config.inputs = kTextSymbols;
  config.hidden = hidden;
  config.update_rows = rows;
  config.seed = 99;
  return config;
}

TEST_CASE("a 2,000-step training run is bit-identical on every SIMD target and the scalar model") {
  const std::vector<uint8_t> text = test::MarkovText(2000, 5);
  for (UpdateRows rows : {UpdateRows::kNext, UpdateRows::kPrevious}) {
    // n = 200: not a multiple of 64 bits nor of any vector width.
    const ModelConfig config = SmallConfig(200, rows);
    Model reference(config, KernelEngine::kScalarReference);
    std::vector<StepStats> expected;
    std::vector<BitVector> states;
    for (uint8_t symbol : text) {
      expected.push_back(reference.TrainStepSymbol(symbol));
      states.push_back(reference.state());
    }
    size_t total_state_error = 0;
    for (const StepStats& s : expected) total_state_error += s.state_error;
    REQUIRE(total_state_error > 0);  // the run really exercised the updates

    test::ForEachTarget([&](const char* target) {
      Model fast(config, KernelEngine::kSimd);
      INFO("target ", target, ", update_rows ", UpdateRowsName(rows));
      REQUIRE(std::string(fast.engine_name()) == target);
      size_t first_mismatch = text.size();
      for (size_t t = 0; t < text.size(); ++t) {
        const StepStats s = fast.TrainStepSymbol(text[t]);
        const bool same = s.input_error == expected[t].input_error &&
                          s.state_error == expected[t].state_error &&
                          s.active == expected[t].active && fast.state() == states[t];
        if (!same) {
          first_mismatch = t;
          break;
        }
      }
      CHECK(first_mismatch == text.size());
      CHECK(test::SameModel(fast, reference));
    });
  }
}

double MeanStateError(const std::vector<StepStats>& stats, size_t begin, size_t end) {
  double sum = 0;
  for (size_t t = begin; t < end; ++t) sum += stats[t].state_error;
  return sum / static_cast<double>(end - begin);
}

TEST_CASE("state reconstruction error falls over training on a Markov sequence") {
  const std::vector<uint8_t> text = test::MarkovText(40000, 8);
  Model model(SmallConfig(256, UpdateRows::kNext));
  std::vector<StepStats> stats;
  for (uint8_t symbol : text) stats.push_back(model.TrainStepSymbol(symbol));
  const double early = MeanStateError(stats, 0, 2000);
  const double late = MeanStateError(stats, stats.size() - 2000, stats.size());
  MESSAGE("mean state error: first 2,000 steps ", early, ", last 2,000 steps ", late);
  CHECK(late < 0.5 * early);
  size_t late_input_error = 0;
  for (size_t t = stats.size() - 2000; t < stats.size(); ++t) late_input_error += stats[t].input_error;
  MESSAGE("input error over the last 2,000 steps: ", late_input_error, " bits");
}

TEST_CASE("the same seed gives the same model, and another seed a different one") {
  ModelConfig config = SmallConfig(70, UpdateRows::kNext);
  const Model a(config), b(config, KernelEngine::kScalarReference);
  CHECK(test::SameModel(a, b));
  config.seed = 100;
  const Model c(config);
  CHECK(!test::SameModel(a, c));
  // Initial values lie in [-1/(m+n), 1/(m+n)).
  const float range = 1.0f / 166.0f;
  bool in_range = true;
  for (size_t i = 0; i < a.hidden(); ++i) {
    for (size_t j = 0; j < a.visible(); ++j) {
      in_range &= a.weight(i, j) >= -range && a.weight(i, j) < range;
    }
  }
  CHECK(in_range);
}

TEST_CASE("invalid configurations are rejected with the field named") {
  ModelConfig config = SmallConfig(10, UpdateRows::kNext);
  config.hidden = 0;
  CHECK_THROWS_WITH_AS(Model{config}, doctest::Contains("hidden"), Error);
  config = SmallConfig(10, UpdateRows::kNext);
  config.density = 1.0f;
  CHECK_THROWS_WITH_AS(Model{config}, doctest::Contains("density"), Error);
  config = SmallConfig(10, UpdateRows::kNext);
  config.rate_input = std::numeric_limits<float>::quiet_NaN();
  CHECK_THROWS_WITH_AS(Model{config}, doctest::Contains("rate_input"), Error);
  config = SmallConfig(10, UpdateRows::kNext);
  config.inputs = kMaxDimension + 1;
  CHECK_THROWS_WITH_AS(Model{config}, doctest::Contains("inputs"), Error);
  CHECK_THROWS_AS(ParseUpdateRows("sideways"), Error);
  CHECK(ParseUpdateRows("previous") == UpdateRows::kPrevious);
}

}  // namespace
}  // namespace bitstate
