// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The integer model: post-training quantisation is round to nearest and
// exact where the float weights lie on the grid; every SIMD target runs it
// and trains it bit-identically to the scalar reference; integer training
// is reproducible and learns.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "bitstate/error.h"
#include "bitstate/model.h"
#include "bitstate/quantized_model.h"
#include "bitstate/synthetic.h"
#include "bitstate/text_encoder.h"
#include "test_util.h"

namespace bitstate {
namespace {

ModelConfig Config(size_t inputs, size_t hidden, uint64_t seed = 3) {
  ModelConfig config;
  config.inputs = inputs;
  config.hidden = hidden;
  config.seed = seed;
  return config;
}

// A float model trained a little on Markov text, so that input and state
// weights have the magnitudes quantisation has to cope with.
Model TrainedModel(size_t hidden, size_t steps) {
  Model model(Config(kTextSymbols, hidden));
  for (uint8_t symbol : test::MarkovText(steps, 11)) model.TrainStepSymbol(symbol);
  return model;
}

TEST_CASE("quantising a float model whose weights lie on the grid changes no state") {
  // State weights: integers times 2^-12 up to 127; input weights: four times
  // coarser (K = 4); biases: any integer times 2^-12. Float sums of such
  // values are exact, so float and integer thresholds must agree always.
  const double unit = std::ldexp(1.0, -12);
  for (ScaleGranularity granularity : {ScaleGranularity::kBlock, ScaleGranularity::kRow}) {
    const ModelConfig config = Config(8, 70);
    Model model(config);
    Rng rng(5);
    for (size_t i = 0; i < model.hidden(); ++i) {
      for (size_t j = 0; j < model.visible(); ++j) {
        const int32_t level = j == 0 ? 127 : j == config.inputs ? -127
                                                : static_cast<int32_t>(rng.UniformBelow(255)) - 127;
        model.SetWeight(i, j, static_cast<float>(level * unit * (j < config.inputs ? 4 : 1)));
      }
      model.SetHiddenBias(i, static_cast<float>((static_cast<int32_t>(rng.UniformBelow(2001)) - 1000) * unit));
    }
    const QuantizedModel quantized = QuantizedModel::Quantize(model, {8, granularity});
    INFO("granularity ", GranularityName(granularity));
    CHECK(quantized.input_multiplier(0) == 4);
    QuantizedModel q = quantized;
    size_t mismatches = 0, active = 0;
    for (int t = 0; t < 300; ++t) {
      const BitVector x = test::RandomBits(config.inputs, 0.3, rng);
      model.InferStep(x);
      q.InferStep(x);
      mismatches += model.state() != q.state();
      active += model.state().CountSet();
    }
    CHECK(active > 300);  // the states were not trivially empty
    CHECK(mismatches == 0);
  }
}

TEST_CASE("post-training quantisation rounds every weight to the nearest level") {
  const Model model = TrainedModel(90, 3000);
  for (ScaleGranularity granularity :
       {ScaleGranularity::kTensor, ScaleGranularity::kBlock, ScaleGranularity::kRow}) {
    for (unsigned bits : {1u, 2u, 3u, 5u, 8u, 9u, 12u, 16u}) {
      const QuantizedModel q = QuantizedModel::Quantize(model, {bits, granularity});
      INFO(GranularityName(granularity), " ", bits, " bits");
      bool on_grid = true, nearest = true;
      for (size_t i = 0; i < model.hidden(); ++i) {
        for (size_t j = 0; j < model.visible(); ++j) {
          const int32_t level = q.level(i, j);
          const double w = model.weight(i, j);
          if (bits == 1) {
            on_grid &= level == (w >= 0 ? 1 : -1);
          } else {
            on_grid &= std::abs(level) <= MaxLevel(bits);
            nearest &= std::fabs(w - q.weight(i, j)) <= 0.5 * q.step(i, j) * (1 + 1e-9);
          }
        }
      }
      CHECK(on_grid);
      CHECK(nearest);
      const size_t n = model.hidden(), v = model.visible();
      const size_t levels = bits <= 2   ? v * bits * 8 * WordsForBits(n)  // bit planes
                            : bits <= 4 ? v * ((n + 31) / 32 * 16)        // nibbles
                                        : n * v * (bits <= 8 ? 1 : 2);
      CHECK(q.weight_bytes() ==
            levels + (n + (granularity == ScaleGranularity::kRow ? n : 1)) * 4);
    }
  }
}

// Fraction of state bits where one step of each model, from the same state,
// disagrees, over `steps` steps of Markov text.
double OneStepDisagreement(Model& model, QuantizedModel& q, size_t steps) {
  size_t differ = 0;
  const std::vector<uint8_t> text = test::MarkovText(steps, 12);
  for (uint8_t symbol : text) {
    q.SetState(model.state());
    model.InferStepSymbol(symbol);
    q.InferStepSymbol(symbol);
    for (size_t w = 0; w < model.state().num_words(); ++w) {
      differ += __builtin_popcountll(model.state().words()[w] ^ q.state().words()[w]);
    }
  }
  return static_cast<double>(differ) / static_cast<double>(steps * model.hidden());
}

TEST_CASE("int16 and int8 inference agree with float inference on nearly every state bit") {
  Model model = TrainedModel(256, 20000);
  QuantizedModel q16 = QuantizedModel::Quantize(model, {16, ScaleGranularity::kBlock});
  QuantizedModel q8 = QuantizedModel::Quantize(model, {8, ScaleGranularity::kRow});
  QuantizedModel q2 = QuantizedModel::Quantize(model, {2, ScaleGranularity::kRow});
  const double d16 = OneStepDisagreement(model, q16, 2000);
  const double d8 = OneStepDisagreement(model, q8, 2000);
  const double d2 = OneStepDisagreement(model, q2, 2000);
  MESSAGE("one-step state bits that disagree with float: int16 ", d16, ", int8 ", d8,
          ", 2-bit ", d2);
  CHECK(d16 < 1e-4);
  CHECK(d8 < 0.01);
  CHECK(d8 < d2);  // fewer bits, more disagreement: the test can tell them apart
}

TEST_CASE("integer inference and training are bit-identical on every SIMD target") {
  const std::vector<uint8_t> text = test::MarkovText(1500, 9);
  const Model trained = TrainedModel(200, 2000);
  for (unsigned bits : {1u, 4u, 8u, 12u}) {
    for (UpdateRows rows : {UpdateRows::kNext, UpdateRows::kPrevious}) {
      ModelConfig config = Config(kTextSymbols, 200);
      config.update_rows = rows;
      QuantizedModel reference(config, IntegerTrainingOptions{bits}, KernelEngine::kScalarReference);
      QuantizedModel ptq_reference = QuantizedModel::Quantize(
          trained, {bits, ScaleGranularity::kRow}, KernelEngine::kScalarReference);
      std::vector<BitVector> states, ptq_states;
      size_t errors = 0;
      for (uint8_t symbol : text) {
        errors += reference.TrainStepSymbol(symbol).state_error;
        states.push_back(reference.state());
        ptq_reference.InferStepSymbol(symbol);
        ptq_states.push_back(ptq_reference.state());
      }
      REQUIRE(errors > 0);
      test::ForEachTarget([&](const char* target) {
        INFO("target ", target, ", ", bits, " bits, update_rows ", UpdateRowsName(rows));
        QuantizedModel fast(config, IntegerTrainingOptions{bits});
        QuantizedModel ptq = QuantizedModel::Quantize(trained, {bits, ScaleGranularity::kRow});
        REQUIRE(std::string(fast.engine_name()) == target);
        size_t mismatches = 0;
        for (size_t t = 0; t < text.size(); ++t) {
          fast.TrainStepSymbol(text[t]);
          ptq.InferStepSymbol(text[t]);
          mismatches += fast.state() != states[t];
          mismatches += ptq.state() != ptq_states[t];
        }
        CHECK(mismatches == 0);
        bool same_levels = true;
        for (size_t i = 0; i < fast.hidden(); ++i) {
          for (size_t j = 0; j < fast.visible(); ++j) same_levels &= fast.level(i, j) == reference.level(i, j);
          same_levels &= fast.hidden_bias_level(i) == reference.hidden_bias_level(i);
        }
        for (size_t j = 0; j < fast.visible(); ++j) same_levels &= fast.input_bias_level(j) == reference.input_bias_level(j);
        CHECK(same_levels);
      });
    }
  }
}

TEST_CASE("integer training is reproducible from the seed and learns") {
  const std::vector<uint8_t> text = test::MarkovText(30000, 8);
  ModelConfig config = Config(kTextSymbols, 256, 99);
  QuantizedModel a(config, IntegerTrainingOptions{8});
  QuantizedModel b(config, IntegerTrainingOptions{8});
  std::vector<StepStats> stats;
  for (uint8_t symbol : text) {
    stats.push_back(a.TrainStepSymbol(symbol));
    b.TrainStepSymbol(symbol);
  }
  CHECK(a.state() == b.state());
  bool same = true;
  for (size_t i = 0; i < a.hidden(); ++i) {
    for (size_t j = 0; j < a.visible(); ++j) same &= a.level(i, j) == b.level(i, j);
  }
  CHECK(same);
  double early = 0, late = 0;
  for (size_t t = 0; t < 2000; ++t) early += stats[t].state_error;
  for (size_t t = text.size() - 2000; t < text.size(); ++t) late += stats[t].state_error;
  MESSAGE("8-bit integer training, mean state error: first 2,000 steps ", early / 2000,
          ", last 2,000 ", late / 2000, "; saturated updates ", a.saturated_updates());
  CHECK(late < 0.5 * early);
  // Another seed: other rounding noise and initial values.
  config.seed = 100;
  QuantizedModel c(config, IntegerTrainingOptions{8});
  bool differs = false;
  for (size_t j = 0; j < c.visible(); ++j) differs |= c.level(0, j) != a.level(0, j);
  CHECK(differs);
}

double SquaredRoundingError(const std::vector<float>& magnitudes, double step, unsigned bits) {
  double error = 0;
  for (float w : magnitudes) {
    const double level = std::min<double>(MaxLevel(bits), std::round(w / step));
    error += (w - step * level) * (w - step * level);
  }
  return error;
}

TEST_CASE("the least-squared-error step beats max-abs and keeps small weights off zero") {
  Rng rng(21);
  for (unsigned bits : {2u, 3u, 4u, 8u}) {
    for (int group = 0; group < 20; ++group) {
      std::vector<float> magnitudes(1 + rng.UniformBelow(300));
      for (float& w : magnitudes) w = static_cast<float>(rng.UniformFloat() * rng.UniformFloat());
      const double max_abs = *std::max_element(magnitudes.begin(), magnitudes.end());
      const double step = MinSquaredErrorStep(magnitudes.data(), magnitudes.size(), bits);
      INFO(bits, " bits, group ", group);
      CHECK(step > 0);
      CHECK(step <= max_abs / MaxLevel(bits));
      CHECK(SquaredRoundingError(magnitudes, step, bits) <=
            SquaredRoundingError(magnitudes, max_abs / MaxLevel(bits), bits));
    }
  }
  // Ten weights of 3 among a thousand below 1: the ternary max-abs step
  // (3) zeroes all of the thousand; clipping the ten costs less.
  std::vector<float> outlier(1010);
  for (float& w : outlier) w = rng.UniformFloat();
  for (size_t k = 0; k < 10; ++k) outlier[k * 100] = 3.0f;
  const double step = MinSquaredErrorStep(outlier.data(), outlier.size(), 2);
  size_t nonzero = 0;
  for (float w : outlier) nonzero += std::round(w / step) != 0;
  CHECK(step < 1.5);
  CHECK(nonzero > 300);
  CHECK(MinSquaredErrorStep(outlier.data(), 0, 2) == 0);
  std::vector<float> zeros(5, 0.0f);
  CHECK(MinSquaredErrorStep(zeros.data(), zeros.size(), 4) == 0);
  CHECK(ParseStepRule(StepRuleName(StepRule::kMinSquaredError)) == StepRule::kMinSquaredError);
  CHECK_THROWS_WITH_AS(ParseStepRule("clip"), doctest::Contains("'maxabs' or 'mse'"), Error);
}

TEST_CASE("quantisation with least-squared-error steps rounds to nearest with clipping") {
  const Model model = TrainedModel(90, 3000);
  const size_t m = model.inputs();
  for (ScaleGranularity granularity :
       {ScaleGranularity::kTensor, ScaleGranularity::kBlock, ScaleGranularity::kRow}) {
    for (unsigned bits : {1u, 2u, 3u, 4u}) {
      INFO(GranularityName(granularity), " ", bits, " bits");
      const QuantizedModel mse =
          QuantizedModel::Quantize(model, {bits, granularity, StepRule::kMinSquaredError});
      const QuantizedModel maxabs = QuantizedModel::Quantize(model, {bits, granularity});
      bool nearest = true, same_as_maxabs = true;
      double mse_error = 0, maxabs_error = 0;
      for (size_t i = 0; i < model.hidden(); ++i) {
        for (size_t j = 0; j < model.visible(); ++j) {
          const double w = model.weight(i, j), top = MaxLevel(bits);
          if (bits >= 2) {
            const double level = std::max(-top, std::min(top, std::round(w / mse.step(i, j))));
            nearest &= mse.level(i, j) == level;
          }
          same_as_maxabs &= mse.level(i, j) == maxabs.level(i, j);
          if (j >= m) {
            mse_error += (w - mse.weight(i, j)) * (w - mse.weight(i, j));
            maxabs_error += (w - maxabs.weight(i, j)) * (w - maxabs.weight(i, j));
          }
        }
      }
      CHECK(nearest);
      // The state columns' step is the rule's own (K only scales the
      // input columns), so their error can only shrink.
      CHECK(mse_error <= maxabs_error * (1 + 1e-12));
      // Binary weights take mean |w| under either rule.
      CHECK(same_as_maxabs == (bits == 1));
    }
  }
}

TEST_CASE("bad quantisation settings are rejected with a clear error") {
  const ModelConfig config = Config(kTextSymbols, 64);
  CHECK_THROWS_WITH_AS(QuantizedModel(config, IntegerTrainingOptions{0}),
                       doctest::Contains("weight bits"), Error);
  CHECK_THROWS_WITH_AS(QuantizedModel(config, IntegerTrainingOptions{17}),
                       doctest::Contains("weight bits"), Error);
  IntegerTrainingOptions row;
  row.granularity = ScaleGranularity::kRow;
  CHECK_THROWS_WITH_AS(QuantizedModel(config, row), doctest::Contains("granularity"), Error);
  IntegerTrainingOptions negative;
  negative.state_range = -1.0f;
  CHECK_THROWS_WITH_AS(QuantizedModel(config, negative), doctest::Contains("state_range"), Error);
  // 16-bit levels over 70,000 state columns could overflow int32: refused
  // before anything is allocated (on 32-bit targets the address-space check
  // of ModelConfig refuses such a model first).
  CHECK_FALSE(IntegerSumsFit(16, kTextSymbols, 70000, 1));
  CHECK(IntegerSumsFit(16, kTextSymbols, 4000, 64));
  CHECK(IntegerSumsFit(8, kTextSymbols, kMaxDimension, 1000));
  if (sizeof(size_t) >= 8) {
    CHECK_THROWS_WITH_AS(QuantizedModel(Config(kTextSymbols, 70000), IntegerTrainingOptions{16}),
                         doctest::Contains("overflow"), Error);
  } else {
    CHECK_THROWS_AS(QuantizedModel(Config(kTextSymbols, 70000), IntegerTrainingOptions{16}), Error);
  }
  CHECK_THROWS_AS(ParseGranularity("column"), Error);
  QuantizedModel ptq = QuantizedModel::Quantize(Model(config), {8, ScaleGranularity::kBlock});
  CHECK_THROWS_WITH_AS(ptq.TrainStepSymbol(1), doctest::Contains("inference only"), Error);
  CHECK_THROWS_AS(ptq.InferStepSymbol(kTextSymbols), Error);
}

}  // namespace
}  // namespace bitstate
