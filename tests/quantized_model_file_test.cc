// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Integer-weight model files: exact round trip, the C API runs them like the
// C++ QuantizedModel, and impossible contents are rejected before use.
#include "bitstate/quantized_model_file.h"

#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "bitstate/bitstate.h"
#include "bitstate/error.h"
#include "bitstate/features.h"
#include "bitstate/model_file.h"
#include "bitstate/synthetic.h"
#include "bitstate/text_encoder.h"
#include "base/crc32.h"
#include "format/model_file_view.h"
#include "test_util.h"

namespace bitstate {
namespace {

Model TrainedFloatModel() {
  ModelConfig config;
  config.inputs = kTextSymbols;
  config.hidden = 130;  // not a multiple of 64
  Model model(config);
  for (uint8_t s : test::MarkovText(1500, 2)) model.TrainStepSymbol(s);
  return model;
}

ClassifierHead RandomHead(size_t n) {
  ClassifierHead head;
  head.classes = 3;
  head.dimension = n;
  Rng rng(8);
  for (size_t k = 0; k < 3 * n; ++k) head.weights.push_back(rng.UniformSymmetric(1.0f));
  head.intercepts = {0.1f, -0.2f, 0.0f};
  return head;
}

bool SameQuantizedModel(const QuantizedModel& a, const QuantizedModel& b) {
  bool same = a.bits() == b.bits() && a.granularity() == b.granularity() && a.state() == b.state();
  for (size_t i = 0; i < a.hidden(); ++i) {
    for (size_t j = 0; j < a.visible(); ++j) same &= a.level(i, j) == b.level(i, j);
    same &= a.input_multiplier(i) == b.input_multiplier(i);
    same &= a.hidden_bias_level(i) == b.hidden_bias_level(i);
    same &= a.step(i, 0) == b.step(i, 0) && a.step(i, a.inputs()) == b.step(i, a.inputs());
  }
  return same;
}

TEST_CASE("integer model files round-trip levels, scales, biases, state and head exactly") {
  const Model trained = TrainedFloatModel();
  const ClassifierHead head = RandomHead(trained.hidden());
  for (unsigned bits : {1u, 2u, 3u, 4u, 8u, 12u, 16u}) {
    for (ScaleGranularity g : {ScaleGranularity::kTensor, ScaleGranularity::kRow}) {
      const QuantizedModel q = QuantizedModel::Quantize(trained, {bits, g});
      CHECK(q.storage() == StorageFor(bits, true));
      const std::vector<uint8_t> bytes = SerializeQuantizedModel(q, &head);
      ClassifierHead loaded_head;
      QuantizedModel loaded = DeserializeQuantizedModel(bytes.data(), bytes.size(), "<test>",
                                                        KernelEngine::kSimd, &loaded_head);
      INFO(bits, " bits, ", std::string(GranularityName(g)));
      CHECK(SameQuantizedModel(q, loaded));
      CHECK(loaded_head.weights == head.weights);
      CHECK_FALSE(loaded.trainable());
      CHECK(loaded.storage() == q.storage());
      // Smaller than float32: at n = 130 the 256-byte column padding keeps
      // int8 above a quarter (n = 4000: see docs/embedded.md).
      CHECK(bytes.size() < SerializeModel(trained, {true, nullptr}).size() / (bits <= 8 ? 2 : 1));
    }
  }
  // An integer-trained model saves too (and loads for inference).
  ModelConfig config = trained.config();
  QuantizedModel int_trained(config, IntegerTrainingOptions{6});
  for (uint8_t s : test::MarkovText(500, 4)) int_trained.TrainStepSymbol(s);
  const std::vector<uint8_t> bytes = SerializeQuantizedModel(int_trained);
  QuantizedModel loaded = DeserializeQuantizedModel(bytes.data(), bytes.size(), "<test>");
  CHECK(SameQuantizedModel(int_trained, loaded));
  for (uint8_t s : test::MarkovText(300, 5)) {
    int_trained.InferStepSymbol(s);
    loaded.InferStepSymbol(s);
  }
  CHECK(int_trained.state() == loaded.state());
}

TEST_CASE("the C API runs int8, int16 and packed files step for step like QuantizedModel") {
  const Model trained = TrainedFloatModel();
  const ClassifierHead head = RandomHead(trained.hidden());
  const std::string text = "Wall St. Bears Claw Back Into the Black (Reuters) Reuters - Short-sellers";
  for (unsigned bits : {1u, 2u, 3u, 4u, 8u, 16u}) {
    QuantizedModel q = QuantizedModel::Quantize(trained, {bits, ScaleGranularity::kRow});
    const std::vector<uint8_t> bytes = SerializeQuantizedModel(q, &head);
    AlignedBuffer<uint8_t> image(bytes.size());
    std::copy(bytes.begin(), bytes.end(), image.data());
    bitstate_model* model = nullptr;
    REQUIRE(bitstate_model_open_memory(image.data(), image.size(), 0, &model, nullptr, 0) ==
            BITSTATE_OK);
    CHECK(bitstate_model_is_zero_copy(model));
    CHECK(bitstate_model_weight_bits(model) == bits);
    std::vector<uint8_t> state(bitstate_state_size(model));
    REQUIRE(bitstate_state_init(model, state.data(), state.size()) == BITSTATE_OK);
    std::vector<uint8_t> symbols;
    for (char c : text) symbols.push_back(static_cast<uint8_t>(SymbolOfByte(static_cast<unsigned char>(c))));
    std::vector<float> expected(q.hidden()), features(q.hidden());
    StateFeatures(q.hidden()).Compute(q, symbols.data(), symbols.size(), Pooling::kMean,
                                      expected.data());
    REQUIRE(bitstate_step_text(model, state.data(), text.data(), text.size()) == BITSTATE_OK);
    std::vector<uint64_t> h(WordsForBits(q.hidden()));
    REQUIRE(bitstate_state_bits(model, state.data(), h.data(), h.size()) == BITSTATE_OK);
    INFO(bits, " bits");
    CHECK(std::memcmp(h.data(), q.state().words(), 8 * h.size()) == 0);
    REQUIRE(bitstate_features(model, state.data(), features.data(), features.size()) == BITSTATE_OK);
    CHECK(features == expected);
    int label = -1;
    REQUIRE(bitstate_classify(model, state.data(), &label, nullptr) == BITSTATE_OK);
    CHECK(label == head.Predict(expected.data()));
    bitstate_model_close(model);
  }
}

// Rejected by the C++ loader and the C API, each saying `why`.
void Rejects(std::vector<uint8_t> bytes, const char* why) {
  test::Reseal(bytes);
  CHECK_THROWS_WITH_AS(DeserializeQuantizedModel(bytes.data(), bytes.size(), "<test>"),
                       doctest::Contains(why), Error);
  bitstate_model* model = nullptr;
  char error[256] = "";
  CHECK(bitstate_model_open_memory(bytes.data(), bytes.size(), BITSTATE_OPEN_COPY, &model, error,
                                   sizeof(error)) == BITSTATE_ERROR_FORMAT);
  CHECK(std::string(error).find(why) != std::string::npos);
}

TEST_CASE("integer model files with impossible contents are rejected before use") {
  const Model trained = TrainedFloatModel();
  const QuantizedModel q =
      QuantizedModel::Quantize(trained, {4, ScaleGranularity::kBlock, StepRule::kMaxAbs, false});
  const std::vector<uint8_t> good = SerializeQuantizedModel(q);
  const auto rejects = Rejects;
  std::vector<uint8_t> bad = good;
  bad[256 + 5] = 9;  // a 4-bit level of 9 (the grid ends at 7)
  rejects(bad, "off the 4-bit grid");
  bad = good;
  bad[256 + 200] = 1;  // column 0 padding (n = 130 levels, stride 256)
  rejects(bad, "padding");
  const FileLayout l = ComputeLayout(q.inputs(), q.hidden(), 0, kPrecisionInt8);
  bad = good;
  std::memset(bad.data() + l.multipliers, 0, 4);  // K = 0
  rejects(bad, "multiplier");
  bad = good;
  bad[l.quant_meta] = 12;  // 12-bit levels cannot be stored in int8
  rejects(bad, "do not match");
  bad = good;
  bad[28] = 0;  // without the inference-only flag the layout has a and training counts too
  rejects(bad, "truncated");
  std::vector<uint8_t> packed = SerializeQuantizedModel(QuantizedModel::Quantize(trained, {4}));
  packed[28] = 0;
  rejects(packed, "packed integer weights must be marked inference-only");
  // A trainable (integer-trained) file with row scales or an input bias out of range.
  QuantizedModel int_trained(trained.config(), IntegerTrainingOptions{6});
  const std::vector<uint8_t> trainable = SerializeQuantizedModel(int_trained);
  const FileLayout t = ComputeLayout(q.inputs(), q.hidden(), 0, kPrecisionInt8, true);
  bad = trainable;
  bad[t.quant_meta + 4] = 2;
  rejects(bad, "integer training needs tensor or block scales");
  bad = trainable;
  StoreLittleEndian(bad.data() + t.input_bias + 4 * 7, uint32_t{1} << 30);
  rejects(bad, "input bias level of column 7 is outside");
  bad = good;
  bad.resize(bad.size() - 256);
  CHECK_THROWS_WITH_AS(DeserializeQuantizedModel(bad.data(), bad.size(), "<test>"),
                       doctest::Contains("truncated"), Error);
  // Each loader says which one the file needs.
  CHECK_THROWS_WITH_AS(DeserializeModel(good.data(), good.size(), "<test>"),
                       doctest::Contains("LoadQuantizedModel"), Error);
  const std::vector<uint8_t> float_bytes = SerializeModel(trained);
  CHECK_THROWS_WITH_AS(DeserializeQuantizedModel(float_bytes.data(), float_bytes.size(), "<test>"),
                       doctest::Contains("float32"), Error);
}

TEST_CASE("packed model files with impossible levels or sizes are rejected, naming the field") {
  const Model trained = TrainedFloatModel();  // n = 130: the last group and word are partial
  const auto packed = [&](unsigned bits) {
    return SerializeQuantizedModel(
        QuantizedModel::Quantize(trained, {bits, ScaleGranularity::kRow}));
  };
  const size_t columns = 256;  // the columns section follows the header block
  // Nibbles: 8 is -8, off every grid; 4 is off the 3-bit grid; units 130..159 pad.
  std::vector<uint8_t> bad = packed(4);
  bad[columns + 3] = static_cast<uint8_t>((bad[columns + 3] & 0xF0) | 8);
  Rejects(bad, "level -8 at row 3, column 0 is off the 4-bit grid");
  bad = packed(3);
  bad[columns + 20] = static_cast<uint8_t>((bad[columns + 20] & 0x0F) | 0x40);  // unit 32+16+4
  Rejects(bad, "level 4 at row 52, column 0 is off the 3-bit grid");
  bad = packed(4);
  bad[columns + 4 * 16 + 5] = 1;  // group 4, unit 128 + 5 = 133 >= n
  Rejects(bad, "row 133, column 0 is off the 4-bit grid (padding)");
  // Bit planes: bits past n, and a ternary unit both +1 and -1.
  bad = packed(1);
  const size_t plane = 8 * WordsForBits(130);
  bad[columns + 2 * plane + 16] |= 0x08;  // column 2, unit 128 + 3
  Rejects(bad, "W bit plane 0 at row 131, column 2");
  bad = packed(2);
  bad[columns + 2 * plane + 1] |= 0x04;  // column 1: unit 10 +1 and -1
  bad[columns + 2 * plane + plane + 1] |= 0x04;
  Rejects(bad, "unit with both its +1 and -1 bits set at row 10, column 1");
  // A precision that does not hold the stated k, and a truncated plane.
  bad = packed(1);
  const FileLayout l = ComputeLayout(trained.inputs(), trained.hidden(), 0, kPrecisionBinary);
  bad[l.quant_meta] = 2;
  Rejects(bad, "2-bit levels do not match the stored precision 4");
  bad = packed(2);
  bad.resize(bad.size() - 300);
  CHECK_THROWS_WITH_AS(DeserializeQuantizedModel(bad.data(), bad.size(), "<test>"),
                       doctest::Contains("truncated"), Error);
}

TEST_CASE("file and stream sizes are known before a model exists") {
  const Model trained = TrainedFloatModel();
  const ClassifierHead head = RandomHead(trained.hidden());
  const size_t m = trained.inputs(), n = trained.hidden();
  CHECK(InferenceFileBytes(m, n, 32, 3) == SerializeModel(trained, {true, &head}).size());
  CHECK(InferenceFileBytes(m, n, 32, 0) == SerializeModel(trained, {true, nullptr}).size());
  for (unsigned bits : {1u, 2u, 3u, 4u, 7u, 8u, 12u}) {
    const std::vector<uint8_t> file =
        SerializeQuantizedModel(QuantizedModel::Quantize(trained, {bits}), &head);
    INFO(bits, " bits");
    CHECK(InferenceFileBytes(m, n, bits, 3) == file.size());
    bitstate_model* model = nullptr;
    REQUIRE(bitstate_model_open_memory(file.data(), file.size(), BITSTATE_OPEN_COPY, &model,
                                       nullptr, 0) == BITSTATE_OK);
    CHECK(bitstate_state_size_for(m, n) == bitstate_state_size(model));
    bitstate_model_close(model);
  }
  CHECK(bitstate_state_size_for(0, n) == 0);
}

TEST_CASE("packed files are a fraction of int8 files of the same levels") {
  // At the paper's size, by InferenceFileBytes (equal to the written files:
  // test above), so that no 16-million-weight model is built under qemu.
  const auto file_bytes = [](unsigned bits) {
    return static_cast<double>(InferenceFileBytes(kTextSymbols, 4000, bits, 4));
  };
  const double int8_bytes = file_bytes(8);
  MESSAGE("n = 4000: 4-bit ", file_bytes(4) / int8_bytes, ", ternary ",
          file_bytes(2) / int8_bytes, ", 1-bit ", file_bytes(1) / int8_bytes, " of the int8 file");
  CHECK(file_bytes(4) <= 0.56 * int8_bytes);
  CHECK(file_bytes(1) <= 0.16 * int8_bytes);
  CHECK(file_bytes(2) < file_bytes(3));
  CHECK(file_bytes(3) == file_bytes(4));  // both two levels per byte
}

}  // namespace
}  // namespace bitstate
