// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Cross-platform determinism: a fixed-seed training run must give the same
// signature (hash of every state and of the final parameters) on x86-64
// with every SIMD target, on aarch64 (NEON, SVE, SVE2) and on armhf. The
// expected value was produced by this test on x86-64 (AVX2) and confirmed
// under qemu for aarch64; a change to it means the model's numerics changed.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "bitstate/model.h"
#include "bitstate/quantized_model.h"
#include "bitstate/quantized_model_file.h"
#include "bitstate/synthetic.h"
#include "bitstate/text_encoder.h"
#include "kernels/kernel_table.h"
#include "test_util.h"

namespace bitstate {
namespace {

// FNV-1a, 64-bit.
class Fnv1a {
 public:
  void Add(const void* data, size_t size) {
    const auto* p = static_cast<const uint8_t*>(data);
    for (size_t i = 0; i < size; ++i) hash_ = (hash_ ^ p[i]) * 0x100000001B3ull;
  }
  void AddFloat(float f) {
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    for (int b = 0; b < 4; ++b) {
      const uint8_t byte = static_cast<uint8_t>(bits >> (8 * b));  // byte order fixed
      Add(&byte, 1);
    }
  }
  void AddInt(int32_t v) {
    for (int b = 0; b < 4; ++b) {
      const uint8_t byte = static_cast<uint8_t>(static_cast<uint32_t>(v) >> (8 * b));
      Add(&byte, 1);
    }
  }
  uint64_t value() const { return hash_; }

 private:
  uint64_t hash_ = 0xCBF29CE484222325ull;
};

// Trains `model` 3,000 steps on fixed Markov text, hashing every state and
// handing each step's statistics to add_stats.
template <class SomeModel, class AddStats>
void HashTrainingRun(SomeModel& model, Fnv1a& hash, const AddStats& add_stats) {
  const MarkovSource source(kTextSymbols, 3, 11);
  Rng rng(12);
  for (uint8_t symbol : source.Generate(3000, rng)) {
    const StepStats s = model.TrainStepSymbol(symbol);
    for (size_t i = 0; i < model.hidden(); ++i) {
      const uint8_t bit = model.state().Get(i);
      hash.Add(&bit, 1);
    }
    add_stats(s);
  }
}

uint64_t TrainingSignature(KernelEngine engine, float carry = 0.0f) {
  ModelConfig config;
  config.inputs = kTextSymbols;
  config.hidden = 100;
  config.seed = 2023;
  config.carry = carry;
  Model model(config, engine);
  Fnv1a hash;
  HashTrainingRun(model, hash, [&](const StepStats& s) {
    const uint32_t errors[2] = {s.input_error, s.state_error};
    for (uint32_t e : errors) hash.AddFloat(static_cast<float>(e));
  });
  for (size_t i = 0; i < model.hidden(); ++i) {
    for (size_t j = 0; j < model.visible(); ++j) hash.AddFloat(model.weight(i, j));
    hash.AddFloat(model.hidden_bias(i));
  }
  for (size_t j = 0; j < model.visible(); ++j) hash.AddFloat(model.input_bias(j));
  if (carry != 0.0f) {
    for (size_t i = 0; i < model.hidden(); ++i) hash.AddFloat(model.potentials()[i]);
  }
  return hash.value();
}

constexpr uint64_t kGoldenSignature = 0x58E37DE22C6A6AC1ull;

TEST_CASE("golden signature of a 3,000-step run: same on every platform and target") {
  const uint64_t reference = TrainingSignature(KernelEngine::kScalarReference);
  MESSAGE("signature ", reference);
  CHECK(reference == kGoldenSignature);
  test::ForEachTarget([&](const char* target) {
    INFO("target ", target);
    CHECK(TrainingSignature(KernelEngine::kSimd) == reference);
  });
  if (kernels::XsimdKernels() != nullptr) CHECK(TrainingSignature(KernelEngine::kXsimd) == reference);
}

// The same for integer training at `bits` (int8 or int16 storage): states,
// errors, lost updates and every final level.
uint64_t IntegerTrainingSignature(unsigned bits, KernelEngine engine, float carry = 0.0f) {
  ModelConfig config;
  config.inputs = kTextSymbols;
  config.hidden = 100;
  config.seed = 2024;
  config.carry = carry;
  QuantizedModel model(config, IntegerTrainingOptions{bits}, engine);
  Fnv1a hash;
  HashTrainingRun(model, hash, [&](const StepStats& s) {
    hash.AddInt(static_cast<int32_t>(s.input_error));
    hash.AddInt(static_cast<int32_t>(s.state_error));
  });
  hash.AddInt(static_cast<int32_t>(model.saturated_updates()));
  for (size_t i = 0; i < model.hidden(); ++i) {
    for (size_t j = 0; j < model.visible(); ++j) hash.AddInt(model.level(i, j));
    hash.AddInt(model.hidden_bias_level(i));
  }
  for (size_t j = 0; j < model.visible(); ++j) hash.AddInt(model.input_bias_level(j));
  if (carry != 0.0f) {
    for (size_t i = 0; i < model.hidden(); ++i) hash.AddInt(model.potential_levels()[i]);
  }
  return hash.value();
}

TEST_CASE("golden signatures of 3,000-step integer training runs (int8, int16)") {
  // Produced before the update loop was restructured (split changes, SIMD
  // noise): a change means the integer numerics changed.
  const std::pair<unsigned, uint64_t> golden[] = {{6, 0xB278591239036115ull}, {12, 0xF92889CDB5851163ull}};
  for (const auto& [bits, expected] : golden) {
    const uint64_t reference = IntegerTrainingSignature(bits, KernelEngine::kScalarReference);
    MESSAGE(bits, " bits: signature ", reference);
    CHECK(reference == expected);
    test::ForEachTarget([&, bits = bits](const char* target) {
      INFO("target ", target, ", ", bits, " bits");
      CHECK(IntegerTrainingSignature(bits, KernelEngine::kSimd) == reference);
    });
  }
}

TEST_CASE("golden signatures of 3,000-step runs of neurons that keep their value") {
  // Produced when the carry landed (float lambda 0.5; integer 8 bits,
  // lambda 0.9 = 58982 / 65536): a change means the carry's numerics changed.
  constexpr uint64_t kFloat = 0xFF6EF46A937A1AE2ull, kInteger = 0x22CD85862620A6A2ull;
  const uint64_t float_reference = TrainingSignature(KernelEngine::kScalarReference, 0.5f);
  const uint64_t int_reference = IntegerTrainingSignature(8, KernelEngine::kScalarReference, 0.9f);
  MESSAGE("float signature ", float_reference, ", integer signature ", int_reference);
  CHECK(float_reference == kFloat);
  CHECK(int_reference == kInteger);
  CHECK(float_reference != TrainingSignature(KernelEngine::kScalarReference));
  test::ForEachTarget([&](const char* target) {
    INFO("target ", target);
    CHECK(TrainingSignature(KernelEngine::kSimd, 0.5f) == float_reference);
    CHECK(IntegerTrainingSignature(8, KernelEngine::kSimd, 0.9f) == int_reference);
  });
}

// Packed inference: the golden float run's model quantised to `bits` (row
// scales), its file bytes (the packed layout itself) and 2,000 inference
// steps' states. `states` gets the states' hash alone, which the int8 store
// of the same levels must give too.
uint64_t PackedInferenceSignature(unsigned bits, bool packed, KernelEngine engine,
                                  uint64_t* states) {
  ModelConfig config;
  config.inputs = kTextSymbols;
  config.hidden = 100;  // a partial group of 32 nibbles and a partial word of bits
  config.seed = 2023;
  Model trained(config, KernelEngine::kScalarReference);
  Fnv1a ignored;
  HashTrainingRun(trained, ignored, [](const StepStats&) {});
  QuantizationOptions options{bits, ScaleGranularity::kRow};
  options.packed = packed;
  QuantizedModel model = QuantizedModel::Quantize(trained, options, engine);
  const MarkovSource source(kTextSymbols, 3, 13);
  Rng rng(14);
  Fnv1a state_hash;
  for (uint8_t symbol : source.Generate(2000, rng)) {
    model.InferStepSymbol(symbol);
    for (size_t w = 0; w < model.state().num_words(); ++w) {
      const uint64_t word = model.state().words()[w];
      for (int b = 0; b < 8; ++b) {
        const uint8_t byte = static_cast<uint8_t>(word >> (8 * b));
        state_hash.Add(&byte, 1);
      }
    }
  }
  *states = state_hash.value();
  Fnv1a hash;
  const std::vector<uint8_t> file = SerializeQuantizedModel(model);
  hash.Add(file.data(), file.size());
  hash.Add(states, sizeof(*states));  // little-endian hosts only run the packed kernels
  return hash.value();
}

TEST_CASE("golden signatures of packed inference (1, 2 and 4 bits): file and states") {
  // Produced when the packed kernels landed: a change means the packed
  // layout or the quantised numerics changed.
  const std::pair<unsigned, uint64_t> golden[] = {
      {1, 0xCC5BAA89E9F7D15Eull}, {2, 0xD6C61488B4D17958ull}, {4, 0xC04798D12613B281ull}};
  for (const auto& [bits, expected] : golden) {
    uint64_t states = 0, int8_states = 0;
    const uint64_t reference =
        PackedInferenceSignature(bits, true, KernelEngine::kScalarReference, &states);
    PackedInferenceSignature(bits, false, KernelEngine::kScalarReference, &int8_states);
    MESSAGE(bits, " bits: signature ", reference);
    CHECK(reference == expected);
    CHECK(states == int8_states);
    test::ForEachTarget([&, bits = bits](const char* target) {
      INFO("target ", target, ", ", bits, " bits");
      uint64_t simd_states = 0;
      CHECK(PackedInferenceSignature(bits, true, KernelEngine::kSimd, &simd_states) == reference);
    });
  }
}

}  // namespace
}  // namespace bitstate
