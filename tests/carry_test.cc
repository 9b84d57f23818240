// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Neurons that keep their value (ModelConfig::carry): the threshold with a
// carried potential, by hand, against the paper's threshold at lambda = 0,
// on every engine, target, precision and thread count, through files, the
// C API and the parallel feature pass.
#include <doctest/doctest.h>

#include <cstring>
#include <vector>

#include "bitstate/bitstate.h"
#include "bitstate/error.h"
#include "bitstate/model.h"
#include "bitstate/model_file.h"
#include "bitstate/parallel_features.h"
#include "bitstate/pipeline.h"
#include "bitstate/quantized_model.h"
#include "bitstate/quantized_model_file.h"
#include "core/carry_step.h"
#include "kernels/int_kernel_table.h"
#include "kernels/kernel_table.h"
#include "test_util.h"

namespace bitstate {
namespace {

constexpr size_t kM = 2, kN = 2, kV = kM + kN;
// W rows over [x0, x1, h0, h1] and b: dyadic, so every sum is exact.
constexpr float kW[kN][kV] = {{0.5f, -0.25f, 0.25f, 0.0f}, {-0.5f, 0.75f, 0.0f, -0.25f}};
constexpr float kB[kN] = {-0.25f, 0.0f};

Model HandModel(float carry, KernelEngine engine) {
  ModelConfig config;
  config.inputs = kM;
  config.hidden = kN;
  config.carry = carry;
  Model model(config, engine);
  for (size_t i = 0; i < kN; ++i) {
    for (size_t j = 0; j < kV; ++j) model.SetWeight(i, j, kW[i][j]);
    model.SetHiddenBias(i, kB[i]);
  }
  return model;
}

struct HandStep {
  BitVector x;
  float v0, v1;  // potentials after the step (lambda 0: unused)
  bool h0, h1;
};

void RunHand(float carry, const std::vector<HandStep>& steps) {
  for (KernelEngine engine : {KernelEngine::kScalarReference, KernelEngine::kSimd}) {
    Model model = HandModel(carry, engine);
    INFO("lambda ", carry, ", engine ", model.engine_name());
    CHECK((model.potentials() != nullptr) == (carry != 0.0f));
    for (size_t t = 0; t < steps.size(); ++t) {
      INFO("step ", t + 1);
      model.InferStep(steps[t].x);
      CHECK(model.state().Get(0) == steps[t].h0);
      CHECK(model.state().Get(1) == steps[t].h1);
      if (carry != 0.0f) {
        CHECK(model.potentials()[0] == steps[t].v0);
        CHECK(model.potentials()[1] == steps[t].v1);
      }
    }
  }
}

TEST_CASE("neurons that keep their value: a run computed by hand at lambda 0, 0.5 and 1") {
  const BitVector x0(kM, {0}), x1(kM, {1}), none(kM);
  // Step 1, x = [1, 0], h = [0, 0]: z = W col 0 + b = [0.25, -0.5].
  // Step 2, x = [0, 1], h = [1, 0]: cols 1 + 2 + b = [-0.25, 0.75].
  // Step 3, x = [0, 0], h = [0, 1]: col 3 + b = [-0.25, -0.25].
  // Step 4, as step 3 (h = [0, 0] at lambda 0).
  // lambda = 0: the paper's model, H(z).
  RunHand(0.0f, {{x0, 0, 0, true, false},
                 {x1, 0, 0, false, true},
                 {none, 0, 0, false, false},
                 {none, 0, 0, false, false}});
  // lambda = 0.5: step 2 unit 0: -0.25 + 0.5 * 0.25 = -0.125 (off); step 3
  // unit 1: -0.25 + 0.5 * 0.75 = 0.125 (stays on: it kept its value);
  // step 4 unit 1: -0.25 + 0.0625 < 0 (off).
  RunHand(0.5f, {{x0, 0.25f, 0, true, false},
                 {x1, 0, 0.75f, false, true},
                 {none, 0, 0.125f, false, true},
                 {none, 0, 0, false, false}});
  // lambda = 1, an integrator: unit 1 holds 0.75 - 0.25 k, on while > 0;
  // at z = 0 exactly it is off (H(0) = 0) and its potential is 0.
  RunHand(1.0f, {{x0, 0.25f, 0, true, false},
                 {x1, 0, 0.75f, false, true},
                 {none, 0, 0.5f, false, true},
                 {none, 0, 0.25f, false, true},
                 {none, 0, 0, false, false}});
}

TEST_CASE("the carry threshold at lambda 0 is threshold_pack, on floats and on integers") {
  Rng rng(31);
  for (size_t length : test::AwkwardSizes()) {
    std::vector<float> sum(length), bias(length), potential(length);
    std::vector<int32_t> isum(length), ibias(length), ipotential(length);
    for (size_t i = 0; i < length; ++i) {
      sum[i] = rng.UniformSymmetric(1.0f);
      bias[i] = i % 3 == 0 ? -sum[i] : rng.UniformSymmetric(1.0f);  // exactly zero: off
      potential[i] = rng.UniformSymmetric(1.0f) + 1.0f;             // ignored at lambda 0
      isum[i] = static_cast<int32_t>(rng.UniformBelow(2001)) - 1000;
      ibias[i] = i % 3 == 0 ? -isum[i] : static_cast<int32_t>(rng.UniformBelow(2001)) - 1000;
      ipotential[i] = static_cast<int32_t>(rng.UniformBelow(1000));
    }
    const size_t words = (length + 63) / 64;
    std::vector<uint64_t> plain(words), carried(words, ~0ull);
    kernels::ScalarReferenceKernels().threshold_pack(sum.data(), bias.data(), length, plain.data());
    CarryThresholdPack(sum.data(), bias.data(), 0.0f, potential.data(), length, carried.data());
    test::CheckThresholdBits(carried, plain, length);
    for (size_t i = 0; i < length; ++i) {
      const float z = sum[i] + bias[i];
      CHECK(potential[i] == (z > 0.0f ? z : 0.0f));
    }
    std::vector<uint64_t> iplain(words), icarried(words, ~0ull);
    kernels::ScalarReferenceIntKernels().threshold_pack_i32(isum.data(), ibias.data(), length,
                                                            iplain.data());
    CarryThresholdPackInt(isum.data(), ibias.data(), 0, ipotential.data(), length, icarried.data());
    test::CheckThresholdBits(icarried, iplain, length);
    for (size_t i = 0; i < length; ++i) {
      CHECK(ipotential[i] == std::max(0, isum[i] + ibias[i]));
    }
  }
}

TEST_CASE("integer potentials: lambda in units of 2^-16, a floor, saturation at 2^30") {
  CHECK(CarryUnits(0.5f) == 32768);
  CHECK(CarryUnits(1.0f) == 65536);
  CHECK(CarryUnits(0.9f) == 58982);  // 0.9 * 65536 = 58982.4
  const int32_t sum[3] = {0, 5, kPotentialLimit}, bias[3] = {0, -5, 100};
  int32_t potential[3] = {3, 7, kPotentialLimit};
  uint64_t bits = 0;
  // unit 0: floor(0.5 * 3) = 1; unit 1: 0 + floor(3.5) = 3; unit 2 saturates.
  CarryThresholdPackInt(sum, bias, CarryUnits(0.5f), potential, 3, &bits);
  CHECK(potential[0] == 1);
  CHECK(potential[1] == 3);
  CHECK(potential[2] == kPotentialLimit);
  CHECK(bits == 0b111);
}

ModelConfig RandomConfig(float carry, size_t hidden = 300) {
  ModelConfig config;
  config.inputs = kTextSymbols;
  config.hidden = hidden;  // not a multiple of 64; parts of 256 with threads
  config.rate_hidden = 1e-3f;
  config.seed = 77;
  config.carry = carry;
  return config;
}

// Every state bit and potential of a run, for comparisons.
struct Trace {
  std::vector<uint64_t> words;
  std::vector<float> potentials;
  std::vector<int32_t> levels;
  bool operator==(const Trace& o) const {
    return words == o.words && potentials == o.potentials && levels == o.levels;
  }
};

template <class SomeModel>
void Record(const SomeModel& model, Trace& trace) {
  const BitVector& h = model.state();
  trace.words.insert(trace.words.end(), h.words(), h.words() + h.num_words());
  if constexpr (std::is_same_v<SomeModel, Model>) {
    trace.potentials.insert(trace.potentials.end(), model.potentials(),
                            model.potentials() + model.hidden());
  } else {
    trace.levels.insert(trace.levels.end(), model.potential_levels(),
                        model.potential_levels() + model.hidden());
  }
}

template <class SomeModel>
Trace TrainTrace(SomeModel& model, size_t steps, uint64_t seed) {
  Trace trace;
  for (uint8_t symbol : test::MarkovText(steps, seed)) {
    model.TrainStepSymbol(symbol);
    Record(model, trace);
  }
  return trace;
}

TEST_CASE("carry training is bit-identical on every engine and SIMD target") {
  for (float carry : {0.5f, 0.9f, 1.0f}) {
    Model reference(RandomConfig(carry), KernelEngine::kScalarReference);
    const Trace expected = TrainTrace(reference, 1500, 5);
    size_t on = 0;
    for (size_t i = 0; i < reference.hidden(); ++i) on += reference.potentials()[i] > 0.0f;
    CHECK(on > 0);  // the potentials are in use
    test::ForEachTarget([&](const char* target) {
      INFO("lambda ", carry, ", target ", target);
      Model model(RandomConfig(carry), KernelEngine::kSimd);
      CHECK(TrainTrace(model, 1500, 5) == expected);
    });
    if (kernels::XsimdKernels() != nullptr) {
      Model model(RandomConfig(carry), KernelEngine::kXsimd);
      CHECK(TrainTrace(model, 1500, 5) == expected);
    }
  }
}

// Eq. 1 with a carry on integers, dense and in int64: the exact result every
// kernel must give.
void ReferenceIntStep(const QuantizedModel& q, const BitVector& x, BitVector& h,
                      std::vector<int32_t>& v) {
  const size_t m = q.inputs(), n = q.hidden();
  BitVector next(n);
  for (size_t i = 0; i < n; ++i) {
    int64_t inputs = 0, states = 0;
    for (size_t j = 0; j < m; ++j) inputs += x.Get(j) ? q.level(i, j) : 0;
    for (size_t j = 0; j < n; ++j) states += h.Get(j) ? q.level(i, m + j) : 0;
    const int64_t z = q.input_multiplier(i) * inputs + states + q.hidden_bias_level(i) +
                      ((int64_t{q.carry_units()} * v[i]) >> 16);
    v[i] = static_cast<int32_t>(std::min<int64_t>(std::max<int64_t>(z, 0), kPotentialLimit));
    next.Set(i, z > 0);
  }
  h = next;
}

TEST_CASE("integer carry inference equals a dense int64 reference on every storage and target") {
  Model trained(RandomConfig(0.9f, 200), KernelEngine::kScalarReference);
  TrainTrace(trained, 1000, 9);
  const std::vector<uint8_t> text = test::MarkovText(400, 10);
  for (unsigned bits : {1u, 2u, 4u, 8u, 12u}) {
    QuantizationOptions options{bits, ScaleGranularity::kRow};
    const QuantizedModel start =
        QuantizedModel::Quantize(trained, options, KernelEngine::kScalarReference);
    CHECK(start.carry_units() == CarryUnits(0.9f));
    BitVector h = start.state();
    std::vector<int32_t> v(start.potential_levels(), start.potential_levels() + start.hidden());
    Trace expected;
    for (uint8_t symbol : text) {
      BitVector x(start.inputs());
      x.Set(symbol, true);
      ReferenceIntStep(start, x, h, v);
      expected.words.insert(expected.words.end(), h.words(), h.words() + h.num_words());
      expected.levels.insert(expected.levels.end(), v.begin(), v.end());
    }
    const auto run = [&](KernelEngine engine) {
      QuantizedModel q = QuantizedModel::Quantize(trained, options, engine);
      Trace trace;
      for (uint8_t symbol : text) {
        q.InferStepSymbol(symbol);
        Record(q, trace);
      }
      return trace;
    };
    INFO(bits, " bits");
    CHECK(run(KernelEngine::kScalarReference) == expected);
    test::ForEachTarget([&](const char* target) {
      INFO("target ", target);
      CHECK(run(KernelEngine::kSimd) == expected);
    });
  }
}

TEST_CASE("carry training with threads is bit-identical to one thread (float and integer)") {
  for (size_t threads : {2, 3}) {
    INFO(threads, " threads");
    Model one(RandomConfig(0.5f, 600)), many(RandomConfig(0.5f, 600));
    many.SetStepThreads(threads);
    CHECK(TrainTrace(many, 800, 3) == TrainTrace(one, 800, 3));
    QuantizedModel int_one(RandomConfig(0.5f, 600), IntegerTrainingOptions{8});
    QuantizedModel int_many(RandomConfig(0.5f, 600), IntegerTrainingOptions{8});
    int_many.SetStepThreads(threads);
    CHECK(TrainTrace(int_many, 800, 3) == TrainTrace(int_one, 800, 3));
  }
}

TEST_CASE("carry models keep lambda and potentials in their files and go on exactly") {
  Model model(RandomConfig(0.5f, 100));
  TrainTrace(model, 500, 1);
  Model copy = model;
  Model loaded = DeserializeModel(SerializeModel(model).data(), SerializeModel(model).size(), "m");
  CHECK(loaded.config().carry == 0.5f);
  CHECK(TrainTrace(loaded, 300, 2) == TrainTrace(copy, 300, 2));

  QuantizedModel trained(RandomConfig(0.9f, 100), IntegerTrainingOptions{8});
  TrainTrace(trained, 500, 1);
  QuantizedModel int_copy = trained;
  const std::vector<uint8_t> image = SerializeQuantizedModel(trained);
  QuantizedModel int_loaded = DeserializeQuantizedModel(image.data(), image.size(), "q");
  CHECK(int_loaded.config().carry == 0.9f);
  CHECK(TrainTrace(int_loaded, 300, 2) == TrainTrace(int_copy, 300, 2));

  // SetState and ResetState forget the potentials: a state given as bits.
  copy.ResetState();
  for (size_t i = 0; i < copy.hidden(); ++i) CHECK(copy.potentials()[i] == 0.0f);
  // Without a carry no potentials are stored: the paper's files unchanged.
  Model plain(RandomConfig(0.0f, 100));
  CHECK(plain.potentials() == nullptr);
  CHECK(SerializeModel(plain).size() + 512 == SerializeModel(model).size());
}

// The carry block of a float image (model_file_format.h): lambda, a zero
// word, then the potentials; here found from the end, before the state.
TEST_CASE("bad carry sections are rejected with a message naming what is wrong") {
  Model model(RandomConfig(0.5f, 100));
  TrainTrace(model, 200, 1);
  const std::vector<uint8_t> good = SerializeModel(model);
  const size_t carry_at = good.size() - 512;  // no head: the carry block is the last section
  const auto rejected = [&](size_t offset, uint32_t value, const char* message) {
    std::vector<uint8_t> bad = good;
    for (int b = 0; b < 4; ++b) bad[offset + b] = static_cast<uint8_t>(value >> (8 * b));
    test::Reseal(bad);
    CHECK_THROWS_WITH_AS(DeserializeModel(bad.data(), bad.size(), "bad.bsm"),
                         doctest::Contains(message), Error);
  };
  float lambda = 1.5f;
  uint32_t bits;
  std::memcpy(&bits, &lambda, 4);
  rejected(carry_at, bits, "carry lambda 1.5 is outside (0, 1]");
  rejected(carry_at, 0, "carry lambda 0 is outside (0, 1]");
  rejected(carry_at + 4, 1, "reserved word");
  float negative = -1.0f;
  std::memcpy(&bits, &negative, 4);
  rejected(carry_at + 8 + 4 * 7, bits, "potential of hidden unit 7 is not finite and >= 0");
  rejected(carry_at + 8 + 4 * 9, 0x7FC00000u, "potential of hidden unit 9");  // NaN

  QuantizedModel q = QuantizedModel::Quantize(model, {8, ScaleGranularity::kRow});
  const std::vector<uint8_t> image = SerializeQuantizedModel(q, nullptr, true);
  std::vector<uint8_t> bad = image;
  const size_t at = image.size() - 512 + 8 + 4 * 3;
  const uint32_t over = (uint32_t{1} << 30) + 1;
  for (int b = 0; b < 4; ++b) bad[at + b] = static_cast<uint8_t>(over >> (8 * b));
  test::Reseal(bad);
  CHECK_THROWS_WITH_AS(DeserializeQuantizedModel(bad.data(), bad.size(), "bad.bsm"),
                       doctest::Contains("potential of hidden unit 3 is outside 0..2^30"), Error);
}

// Runs `image` through the C API and the C++ model side by side.
template <class SomeModel>
void CheckCApi(const std::vector<uint8_t>& image, SomeModel model) {
  bitstate_model* c_model = nullptr;
  char error[256] = "";
  REQUIRE(bitstate_model_open_memory(image.data(), image.size(), BITSTATE_OPEN_COPY, &c_model,
                                     error, sizeof(error)) == BITSTATE_OK);
  const size_t m = model.inputs(), n = model.hidden();
  CHECK(bitstate_model_carry(c_model) == model.config().carry);
  CHECK(bitstate_state_size(c_model) == BITSTATE_CARRY_STATE_BYTES(m, n));
  std::vector<uint8_t> state(bitstate_state_size(c_model));
  REQUIRE(bitstate_state_init(c_model, state.data(), state.size()) == BITSTATE_OK);
  std::vector<uint64_t> words((n + 63) / 64);
  const std::vector<uint8_t> text = test::MarkovText(600, 21);
  for (size_t t = 0; t < text.size(); ++t) {
    if (t == 300) {  // clear: h and the potentials to zero
      REQUIRE(bitstate_state_clear(c_model, state.data()) == BITSTATE_OK);
      model.ResetState();
    }
    REQUIRE(bitstate_step_symbol(c_model, state.data(), text[t]) == BITSTATE_OK);
    model.InferStepSymbol(text[t]);
    REQUIRE(bitstate_state_bits(c_model, state.data(), words.data(), words.size()) == BITSTATE_OK);
    CHECK(std::memcmp(words.data(), model.state().words(), 8 * words.size()) == 0);
  }
  // A state buffer made for a model without a carry (same m, n) is refused.
  ModelConfig plain_config = model.config();
  plain_config.carry = 0.0f;
  const std::vector<uint8_t> plain_image = SerializeModel(Model(plain_config));
  bitstate_model* plain = nullptr;
  REQUIRE(bitstate_model_open_memory(plain_image.data(), plain_image.size(), BITSTATE_OPEN_COPY,
                                     &plain, error, sizeof(error)) == BITSTATE_OK);
  std::vector<uint8_t> small(bitstate_state_size(plain));
  CHECK(small.size() < state.size());
  REQUIRE(bitstate_state_init(plain, small.data(), small.size()) == BITSTATE_OK);
  CHECK(bitstate_step_symbol(c_model, small.data(), 0) == BITSTATE_ERROR_STATE);
  bitstate_model_close(plain);
  bitstate_model_close(c_model);
}

TEST_CASE("the C API runs carry models (float, int8, 4-bit, 1-bit) as the C++ model does") {
  Model model(RandomConfig(0.9f, 130));
  TrainTrace(model, 800, 4);
  CheckCApi(SerializeModel(model), model);
  for (unsigned bits : {8u, 4u, 1u}) {
    INFO(bits, " bits");
    QuantizedModel q = QuantizedModel::Quantize(model, {bits, ScaleGranularity::kRow});
    CheckCApi(SerializeQuantizedModel(q, nullptr, true), q);
  }
}

TEST_CASE("the feature pass of a carry model with threads equals the sequential pass") {
  Model model(RandomConfig(0.5f, 2048));  // large enough for step threads
  TrainTrace(model, 300, 6);
  Dataset rows;
  for (size_t r = 0; r < 12; ++r)
    rows.push_back({static_cast<int>(r % 4), test::MarkovText(90, r)});
  // Reset per row: rows as batched streams, or one at a time with the
  // steps split.
  struct Case {
    bool reset;
    size_t batch;
    FeaturePath path;
  };
  for (const Case& c :
       {Case{false, 0, FeaturePath::kStepThreads}, Case{true, 8, FeaturePath::kBatched},
        Case{true, 1, FeaturePath::kStepThreads}}) {
    const bool reset = c.reset;
    INFO("reset per row ", reset, ", batch ", c.batch);
    std::unique_ptr<SequenceModel> sequential = model.Clone(), parallel = model.Clone();
    const FeatureMatrix expected = ComputeStateFeatures(*sequential, rows, Pooling::kMean, reset);
    FeaturePassOptions options;
    options.threads = 3;
    options.batch_streams = c.batch;
    FeaturePassStats stats;
    const FeatureMatrix got = ComputeStateFeaturesParallel(*parallel, rows, Pooling::kMean, reset,
                                                           options, {}, nullptr, &stats);
    CHECK(got.values == expected.values);
    CHECK(parallel->state() == sequential->state());
    const auto& a = static_cast<const Model&>(*parallel);
    const auto& b = static_cast<const Model&>(*sequential);
    CHECK(test::SameFloats(a.potentials(), b.potentials(), model.hidden()));
    CHECK(stats.path == c.path);
  }
}

}  // namespace
}  // namespace bitstate
