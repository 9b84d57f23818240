// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The C API agrees with the C++ model step for step, and reports bad input
// with the right status.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bitstate/bitstate.h"
#include "bitstate/features.h"
#include "bitstate/model_file.h"
#include "bitstate/quantized_model.h"
#include "bitstate/quantized_model_file.h"
#include "bitstate/synthetic.h"
#include "bitstate/text_encoder.h"
#include "test_util.h"

namespace bitstate {
namespace {

struct Fixture {
  Fixture() {
    ModelConfig config;
    config.inputs = kTextSymbols;
    config.hidden = 130;  // not a multiple of 64
    Model model(config);
    const MarkovSource source(kTextSymbols, 3, 2);
    Rng rng(3);
    for (uint8_t s : source.Generate(800, rng)) model.TrainStepSymbol(s);
    head.classes = 4;
    head.dimension = config.hidden;
    for (size_t k = 0; k < 4 * config.hidden; ++k) head.weights.push_back(rng.UniformSymmetric(1.0f));
    head.intercepts = {0.1f, -0.1f, 0.2f, 0.0f};
    bytes = SerializeModel(model, {true, &head});
    image = AlignedBuffer<uint8_t>(bytes.size());
    std::copy(bytes.begin(), bytes.end(), image.data());
  }
  std::vector<uint8_t> bytes;
  AlignedBuffer<uint8_t> image;  // 256-byte aligned copy
  ClassifierHead head;
};

TEST_CASE("C API steps, features and classes equal the C++ model's") {
  Fixture f;
  bitstate_model* model = nullptr;
  char error[256] = "";
  REQUIRE(bitstate_model_open_memory(f.image.data(), f.image.size(), 0, &model, error, sizeof(error)) ==
          BITSTATE_OK);
  CHECK(bitstate_model_is_zero_copy(model) == 1);
  CHECK(bitstate_model_inputs(model) == 96);
  CHECK(bitstate_model_hidden(model) == 130);
  CHECK(bitstate_model_classes(model) == 4);
  std::vector<uint8_t> buffer(bitstate_state_size(model) + 3);
  void* state = buffer.data() + 3;  // any alignment works
  REQUIRE(bitstate_state_init(model, state, buffer.size() - 3) == BITSTATE_OK);

  Model reference = DeserializeModel(f.bytes.data(), f.bytes.size(), "reference");
  StateFeatures pool(130);
  std::vector<float> expected(130), got(130);
  const std::string line = "Stocks rallied on Tuesday as oil prices fell.";
  std::vector<uint8_t> symbols;
  EncodeText(line, &symbols);
  REQUIRE(bitstate_step_text(model, state, line.data(), line.size()) == BITSTATE_OK);
  pool.Compute(reference, symbols.data(), symbols.size(), Pooling::kMean, expected.data());
  std::vector<uint64_t> h(WordsForBits(130));
  REQUIRE(bitstate_state_bits(model, state, h.data(), h.size()) == BITSTATE_OK);
  for (size_t w = 0; w < h.size(); ++w) CHECK(h[w] == reference.state().words()[w]);
  REQUIRE(bitstate_features(model, state, got.data(), got.size()) == BITSTATE_OK);
  CHECK(got == expected);
  int label = -1;
  float scores[4];
  REQUIRE(bitstate_classify(model, state, &label, scores) == BITSTATE_OK);
  CHECK(label == f.head.Predict(expected.data()));
  CHECK(scores[label] >= scores[(label + 1) % 4]);

  // A new window: features restart, the state carries on.
  REQUIRE(bitstate_features_reset(model, state) == BITSTATE_OK);
  REQUIRE(bitstate_features(model, state, got.data(), got.size()) == BITSTATE_OK);
  CHECK(got == std::vector<float>(130, 0.0f));
  std::vector<uint64_t> x(WordsForBits(96), 0);
  x[0] = uint64_t{1} << 33;  // 'A' as bits
  REQUIRE(bitstate_step_bits(model, state, x.data(), x.size()) == BITSTATE_OK);
  reference.InferStepSymbol(33);
  REQUIRE(bitstate_state_bits(model, state, h.data(), h.size()) == BITSTATE_OK);
  for (size_t w = 0; w < h.size(); ++w) CHECK(h[w] == reference.state().words()[w]);
  bitstate_model_close(model);
}

// Streams of one model stepped together (bitstate_step_symbols) and the
// same streams stepped one at a time end every step in the same states and
// features; stream s waits at steps where (t + s) % 3 == 0.
void CheckStepsTogether(const std::vector<uint8_t>& image) {
  bitstate_model* model = nullptr;
  char error[256] = "";
  REQUIRE(bitstate_model_open_memory(image.data(), image.size(), BITSTATE_OPEN_COPY, &model, error,
                                     sizeof(error)) == BITSTATE_OK);
  const size_t n = bitstate_model_hidden(model), size = bitstate_state_size(model);
  constexpr size_t kStreams = 5, kSteps = 60;
  std::vector<std::vector<uint8_t>> together(kStreams, std::vector<uint8_t>(size + 1)),
      alone(kStreams, std::vector<uint8_t>(size));
  std::vector<std::vector<uint8_t>> texts;
  for (size_t s = 0; s < kStreams; ++s) {
    REQUIRE(bitstate_state_init(model, together[s].data() + 1, size) == BITSTATE_OK);  // unaligned
    REQUIRE(bitstate_state_init(model, alone[s].data(), size) == BITSTATE_OK);
    texts.push_back(test::MarkovText(kSteps, 60 + s));
  }
  std::vector<uint64_t> a(WordsForBits(n)), b(WordsForBits(n));
  std::vector<float> fa(n), fb(n);
  size_t mismatches = 0, active = 0;
  for (size_t t = 0; t < kSteps; ++t) {
    std::vector<void*> states;
    std::vector<unsigned> symbols;
    for (size_t s = 0; s < kStreams; ++s) {
      if ((t + s) % 3 == 0) continue;
      states.push_back(together[s].data() + 1);
      symbols.push_back(texts[s][t]);
      REQUIRE(bitstate_step_symbol(model, alone[s].data(), texts[s][t]) == BITSTATE_OK);
    }
    REQUIRE(bitstate_step_symbols(model, states.data(), symbols.data(), states.size()) ==
            BITSTATE_OK);
    for (size_t s = 0; s < kStreams; ++s) {
      REQUIRE(bitstate_state_bits(model, together[s].data() + 1, a.data(), a.size()) ==
              BITSTATE_OK);
      REQUIRE(bitstate_state_bits(model, alone[s].data(), b.data(), b.size()) == BITSTATE_OK);
      REQUIRE(bitstate_features(model, together[s].data() + 1, fa.data(), n) == BITSTATE_OK);
      REQUIRE(bitstate_features(model, alone[s].data(), fb.data(), n) == BITSTATE_OK);
      mismatches += a != b || fa != fb;
      active += CountSetBits(a.data(), a.size());
    }
  }
  CHECK(mismatches == 0);
  CHECK(active > kSteps);
  // Bad calls change nothing: the same state twice, a symbol out of range,
  // a buffer that is no state.
  const std::vector<uint8_t> before = together[0];
  void* twice[2] = {together[0].data() + 1, together[0].data() + 1};
  const unsigned two[2] = {1, 2};
  CHECK(bitstate_step_symbols(model, twice, two, 2) == BITSTATE_ERROR_ARGUMENT);
  void* pair[2] = {together[0].data() + 1, together[1].data() + 1};
  const unsigned out_of_range[2] = {1, static_cast<unsigned>(bitstate_model_inputs(model))};
  CHECK(bitstate_step_symbols(model, pair, out_of_range, 2) == BITSTATE_ERROR_ARGUMENT);
  std::vector<uint8_t> junk(size);
  void* with_junk[2] = {together[0].data() + 1, junk.data()};
  CHECK(bitstate_step_symbols(model, with_junk, two, 2) == BITSTATE_ERROR_STATE);
  CHECK(together[0] == before);
  CHECK(bitstate_step_symbols(model, nullptr, nullptr, 0) == BITSTATE_OK);
  CHECK(bitstate_step_symbols(model, nullptr, two, 1) == BITSTATE_ERROR_ARGUMENT);
  bitstate_model_close(model);
}

TEST_CASE("C API: streams stepped together equal streams stepped one at a time") {
  ModelConfig config;
  config.inputs = kTextSymbols;
  config.hidden = 300;
  const std::vector<uint8_t> text = test::MarkovText(800, 7);
  for (float carry : {0.0f, 0.5f}) {
    config.carry = carry;
    Model model(config);
    for (uint8_t s : text) model.TrainStepSymbol(s);
    INFO("carry ", carry);
    CheckStepsTogether(SerializeModel(model));
    for (unsigned bits : {8u, 4u, 1u}) {
      INFO(bits, " bits");
      CheckStepsTogether(SerializeQuantizedModel(
          QuantizedModel::Quantize(model, {bits, ScaleGranularity::kRow}), nullptr, true));
    }
  }
  // Float columns over 24 MB: W is walked in tiles of 256 units (10 here).
  config.carry = 0.0f;
  config.hidden = 2560;
  CheckStepsTogether(SerializeModel(Model(config), {true, nullptr}));
}

TEST_CASE("C API: unaligned images are copied, files open, bad input gets a status") {
  Fixture f;
  std::vector<uint8_t> shifted(f.bytes.size() + 1);
  std::copy(f.bytes.begin(), f.bytes.end(), shifted.begin() + 1);
  bitstate_model* model = nullptr;
  char error[256] = "";
  REQUIRE(bitstate_model_open_memory(shifted.data() + 1, f.bytes.size(), 0, &model, error,
                                     sizeof(error)) == BITSTATE_OK);
  CHECK(bitstate_model_is_zero_copy(model) == 0);

  std::vector<uint8_t> buffer(bitstate_state_size(model));
  CHECK(bitstate_step_symbol(model, buffer.data(), 1) == BITSTATE_ERROR_STATE);  // not initialised
  CHECK(bitstate_state_init(model, buffer.data(), buffer.size() - 1) == BITSTATE_ERROR_ARGUMENT);
  REQUIRE(bitstate_state_init(model, buffer.data(), buffer.size()) == BITSTATE_OK);
  CHECK(bitstate_step_symbol(model, buffer.data(), 96) == BITSTATE_ERROR_ARGUMENT);
  std::vector<uint64_t> x(2, 0);
  x[1] = uint64_t{1} << 40;  // bit 104 >= m
  CHECK(bitstate_step_bits(model, buffer.data(), x.data(), 2) == BITSTATE_ERROR_ARGUMENT);
  int label;
  CHECK(bitstate_classify(model, buffer.data(), nullptr, nullptr) == BITSTATE_ERROR_ARGUMENT);
  std::vector<uint8_t> moved(buffer.size() + 1);
  std::copy(buffer.begin(), buffer.end(), moved.begin() + 1);
  CHECK(bitstate_classify(model, moved.data() + 1, &label, nullptr) == BITSTATE_ERROR_STATE);
  bitstate_model_close(model);

  std::vector<uint8_t> corrupt = f.bytes;
  corrupt[1000] ^= 1;
  CHECK(bitstate_model_open_memory(corrupt.data(), corrupt.size(), BITSTATE_OPEN_COPY, &model, error,
                                   sizeof(error)) == BITSTATE_ERROR_FORMAT);
  CHECK(model == nullptr);
  CHECK(std::string(error).find("payload checksum") != std::string::npos);
  CHECK(bitstate_model_open_file("/nonexistent/m.bsm", &model, error, sizeof(error)) ==
        BITSTATE_ERROR_IO);
  CHECK(std::string(error).find("/nonexistent/m.bsm") != std::string::npos);
  CHECK(std::string(bitstate_status_message(BITSTATE_ERROR_NO_HEAD)).find("head") != std::string::npos);

  const std::string path = "bitstate_c_api_" + std::to_string(::getpid()) + ".bsm";
  {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    std::fwrite(f.bytes.data(), 1, f.bytes.size(), file);
    std::fclose(file);
  }
  REQUIRE(bitstate_model_open_file(path.c_str(), &model, error, sizeof(error)) == BITSTATE_OK);
  std::remove(path.c_str());
  CHECK(bitstate_model_classes(model) == 4);
  bitstate_model_close(model);

  // Without a head, classify says so.
  ModelConfig config;
  config.hidden = 64;
  const std::vector<uint8_t> plain = SerializeModel(Model(config));
  REQUIRE(bitstate_model_open_memory(plain.data(), plain.size(), BITSTATE_OPEN_COPY, &model, nullptr,
                                     0) == BITSTATE_OK);
  std::vector<uint8_t> state(bitstate_state_size(model));
  REQUIRE(bitstate_state_init(model, state.data(), state.size()) == BITSTATE_OK);
  CHECK(bitstate_classify(model, state.data(), &label, nullptr) == BITSTATE_ERROR_NO_HEAD);
  bitstate_model_close(model);
}

TEST_CASE("C API in place: caller storage, static sizes, bad images give a status") {
  Fixture f;
  // The static sizes equal the queries, for shapes around every padding edge.
  for (size_t m : {1, 64, 96, 97, 300}) {
    for (size_t n : {1, 63, 64, 65, 130, 256, 1000, 4000}) {
      CAPTURE(m);
      CAPTURE(n);
      CHECK(BITSTATE_STATE_BYTES(m, n) == bitstate_state_size_for(m, n));
    }
  }
  std::vector<uint8_t> storage(BITSTATE_MODEL_STORAGE_BYTES + 1);
  bitstate_model* model = nullptr;
  char error[256] = "";
  // Any alignment of the storage; the image must be aligned.
  REQUIRE(bitstate_model_open_in_place(f.image.data(), f.image.size(), storage.data() + 1,
                                       storage.size() - 1, &model, error,
                                       sizeof(error)) == BITSTATE_OK);
  CHECK(bitstate_model_is_zero_copy(model) == 1);
  CHECK(bitstate_state_size(model) == BITSTATE_STATE_BYTES(96, 130));
  std::vector<uint8_t> state(BITSTATE_STATE_BYTES(96, 130));
  REQUIRE(bitstate_state_init(model, state.data(), state.size()) == BITSTATE_OK);
  const std::string line = "Stocks rallied on Tuesday as oil prices fell.";
  REQUIRE(bitstate_step_text(model, state.data(), line.data(), line.size()) == BITSTATE_OK);
  std::vector<float> got(130), expected(130);
  REQUIRE(bitstate_features(model, state.data(), got.data(), got.size()) == BITSTATE_OK);
  Model reference = DeserializeModel(f.bytes.data(), f.bytes.size(), "reference");
  std::vector<uint8_t> symbols;
  EncodeText(line, &symbols);
  StateFeatures(130).Compute(reference, symbols.data(), symbols.size(), Pooling::kMean,
                             expected.data());
  CHECK(got == expected);
  int label = -1;
  REQUIRE(bitstate_classify(model, state.data(), &label, nullptr) == BITSTATE_OK);
  CHECK(label == f.head.Predict(expected.data()));
  bitstate_model_close(model);  // frees nothing: the storage is the caller's

  CHECK(bitstate_model_open_in_place(f.image.data(), f.image.size(), storage.data(),
                                     BITSTATE_MODEL_STORAGE_BYTES - 1, &model, error,
                                     sizeof(error)) == BITSTATE_ERROR_ARGUMENT);
  std::vector<uint8_t> shifted(f.bytes.size() + 1);
  CHECK(bitstate_model_open_in_place(shifted.data() + 1, f.bytes.size(), storage.data(),
                                     storage.size(), &model, error,
                                     sizeof(error)) == BITSTATE_ERROR_ARGUMENT);
  CHECK(std::string(error).find("256-byte boundary") != std::string::npos);
  // Corrupt images, each rejected with its reason and no model.
  AlignedBuffer<uint8_t> bad(f.bytes.size());
  const auto rejects = [&](size_t size, const char* why) {
    model = reinterpret_cast<bitstate_model*>(&storage);
    CHECK(bitstate_model_open_in_place(bad.data(), size, storage.data(), storage.size(), &model,
                                       error, sizeof(error)) == BITSTATE_ERROR_FORMAT);
    CHECK(model == nullptr);
    CHECK_MESSAGE(std::string(error).find(why) != std::string::npos, error);
  };
  std::copy(f.bytes.begin(), f.bytes.end(), bad.data());
  bad[0] = 'X';
  rejects(bad.size(), "bad magic");
  bad[0] = f.bytes[0];
  rejects(bad.size() - 256, "truncated");
  rejects(100, "shorter than the 256-byte header");
  bad[bad.size() / 2] ^= 0x10;
  rejects(bad.size(), "payload checksum");
  bad[bad.size() / 2] ^= 0x10;
  bad[40] ^= 1;  // n
  rejects(bad.size(), "header checksum");
  // A message that does not fit the buffer is cut, not overrun.
  char tiny[8];
  std::memset(tiny, 'z', sizeof(tiny));
  CHECK(bitstate_model_open_in_place(bad.data(), bad.size(), storage.data(), storage.size(), &model,
                                     tiny, 5) == BITSTATE_ERROR_FORMAT);
  CHECK(std::string(tiny, 4) == "<in ");
  CHECK(tiny[4] == '\0');
  CHECK(tiny[5] == 'z');
}

}  // namespace
}  // namespace bitstate
