// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/model_file.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "bitstate/atomic_file.h"
#include "bitstate/bitstate.h"
#include "bitstate/quantized_model_file.h"
#include "bitstate/error.h"
#include "bitstate/synthetic.h"
#include "bitstate/text_encoder.h"
#include "test_util.h"
#include "model_compare.h"

namespace bitstate {
namespace {

// A trained model (weights, biases and state all moved from their initial
// values), small enough to save many times.
Model TrainedModel(UpdateRows rows = UpdateRows::kNext) {
  ModelConfig config;
  config.inputs = kTextSymbols;
  config.hidden = 77;
  config.seed = 4;
  config.update_rows = rows;
  Model model(config);
  const MarkovSource source(kTextSymbols, 2, 6);
  Rng rng(7);
  for (uint8_t symbol : source.Generate(500, rng)) model.TrainStepSymbol(symbol);
  return model;
}

std::string TempPath(const char* name) {
  return std::string("bitstate_test_") + std::to_string(::getpid()) + "_" + name;
}

std::vector<uint8_t> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

TEST_CASE("save and load round-trip every parameter, the state and the config exactly") {
  for (UpdateRows rows : {UpdateRows::kNext, UpdateRows::kPrevious}) {
    Model original = TrainedModel(rows);
    const std::string path = TempPath("roundtrip.bsm");
    SaveModel(original, path);
    Model loaded = LoadModel(path);
    std::remove(path.c_str());
    CHECK(test::SameModel(original, loaded));
    CHECK(loaded.config().update_rows == rows);
    CHECK(loaded.config().seed == original.config().seed);
    CHECK(loaded.config().rate_hidden == original.config().rate_hidden);
    // Training goes on identically: the row layout was rebuilt correctly.
    for (size_t symbol : {3, 50, 95, 0, 12}) {
      const StepStats a = original.TrainStepSymbol(symbol);
      const StepStats b = loaded.TrainStepSymbol(symbol);
      CHECK(a.state_error == b.state_error);
      CHECK(a.input_error == b.input_error);
    }
    CHECK(test::SameModel(original, loaded));
  }
}

TEST_CASE("saving replaces the file atomically and leaves no temporary behind") {
  const std::string path = TempPath("atomic.bsm");
  { std::ofstream(path) << "old contents"; }
  const Model model = TrainedModel();
  SaveModel(model, path);
  CHECK(ReadFile(path) == SerializeModel(model));
  CHECK(!std::ifstream(path + ".tmp").good());
  std::remove(path.c_str());
  CHECK_THROWS_WITH_AS(SaveModel(model, "/nonexistent-dir/model.bsm"),
                       doctest::Contains("/nonexistent-dir/model.bsm.tmp"), Error);
}

TEST_CASE("a save that does not complete leaves the old file in place") {
  const std::string path = TempPath("interrupted.bsm");
  const Model model = TrainedModel();
  SaveModel(model, path);
  const std::vector<uint8_t> before = ReadFile(path);
  {
    AtomicFileWriter writer(path);  // a second save, cut off half way
    writer.Write(before.data(), before.size() / 2);
  }
  CHECK(ReadFile(path) == before);
  CHECK(!std::ifstream(path + ".tmp").good());
  CHECK_NOTHROW(LoadModel(path));
  std::remove(path.c_str());
}

TEST_CASE("truncated, corrupt or foreign data is rejected with the reason") {
  const std::vector<uint8_t> good = SerializeModel(TrainedModel());
  auto load = [](const std::vector<uint8_t>& bytes) {
    return DeserializeModel(bytes.data(), bytes.size(), "test.bsm");
  };
  CHECK_NOTHROW(load(good));
  CHECK_THROWS_WITH_AS(load({good.begin(), good.begin() + 40}), doctest::Contains("shorter than"), Error);
  CHECK_THROWS_WITH_AS(load({good.begin(), good.end() - 1}), doctest::Contains("truncated"), Error);
  std::vector<uint8_t> longer = good;
  longer.push_back(0);
  CHECK_THROWS_WITH_AS(load(longer), doctest::Contains("payload size field"), Error);
  std::vector<uint8_t> bad = good;
  bad[0] = 'X';
  CHECK_THROWS_WITH_AS(load(bad), doctest::Contains("magic"), Error);
  bad = good;
  bad[good.size() / 2] ^= 0x10;
  CHECK_THROWS_WITH_AS(load(bad), doctest::Contains("payload checksum"), Error);
  bad = good;
  bad[40] ^= 0x01;  // n
  CHECK_THROWS_WITH_AS(load(bad), doctest::Contains("header checksum"), Error);
  // Every header byte matters: a flip anywhere in it is caught.
  for (size_t i = 0; i < 88; ++i) {
    bad = good;
    bad[i] ^= 0x80;
    CHECK_THROWS_WITH_AS(load(bad), doctest::Contains("test.bsm"), Error);
  }
  CHECK_THROWS_WITH_AS(LoadModel("/nonexistent/model.bsm"), doctest::Contains("cannot open"), Error);
  CHECK_THROWS_WITH_AS(LoadModel("."), doctest::Contains(".: not a regular file (a folder)"), Error);
}

TEST_CASE("well-sealed but impossible contents are rejected before use") {
  const std::vector<uint8_t> good = SerializeModel(TrainedModel());
  auto load = [](const std::vector<uint8_t>& bytes) {
    return DeserializeModel(bytes.data(), bytes.size(), "sealed.bsm");
  };
  std::vector<uint8_t> bad = good;
  bad[40 + 5] = 1;  // n = 77 + 2^40: must fail on the bound, not try to allocate
  test::Reseal(bad);
  CHECK_THROWS_WITH_AS(load(bad), doctest::Contains("outside 1.."), Error);
  bad = good;
  const uint32_t nan_bits = 0x7FC00000u;
  for (int b = 0; b < 4; ++b) bad[256 + 4 * 3 + b] = static_cast<uint8_t>(nan_bits >> (8 * b));
  test::Reseal(bad);
  CHECK_THROWS_WITH_AS(load(bad), doctest::Contains("W value 3 is not finite"), Error);
  bad = good;
  bad[256 + 4 * 77] = 1;  // the padding after column 0's 77 values
  test::Reseal(bad);
  CHECK_THROWS_WITH_AS(load(bad), doctest::Contains("W padding is not zero"), Error);
}

TEST_CASE("an inference-only file infers identically and refuses to train") {
  Model full = TrainedModel();
  const std::vector<uint8_t> bytes = SerializeModel(full, {true, nullptr});
  Model light = DeserializeModel(bytes.data(), bytes.size(), "light.bsm");
  CHECK(!light.trainable());
  CHECK(test::SameModel(full, light));
  for (size_t symbol : {1, 2, 3, 40, 95}) {
    full.InferStepSymbol(symbol);
    light.InferStepSymbol(symbol);
    CHECK(full.state() == light.state());
  }
  CHECK_THROWS_WITH_AS(light.TrainStepSymbol(0), doctest::Contains("inference-only"), Error);
}

TEST_CASE("a classifier head travels with the model") {
  const Model model = TrainedModel();
  ClassifierHead head;
  head.classes = 3;
  head.dimension = model.hidden();
  Rng rng(1);
  for (size_t k = 0; k < head.classes * head.dimension; ++k) head.weights.push_back(rng.UniformSymmetric(1.0f));
  head.intercepts = {0.5f, -0.25f, 0.125f};
  const std::vector<uint8_t> bytes = SerializeModel(model, {false, &head});
  ClassifierHead loaded;
  const Model copy = DeserializeModel(bytes.data(), bytes.size(), "head.bsm", KernelEngine::kSimd, &loaded);
  CHECK(test::SameModel(model, copy));
  CHECK(loaded.classes == 3);
  CHECK(loaded.weights == head.weights);
  CHECK(loaded.intercepts == head.intercepts);
  head.dimension = 5;
  CHECK_THROWS_AS(SerializeModel(model, {false, &head}), Error);
  // Without a head, the out-parameter comes back empty.
  const std::vector<uint8_t> plain = SerializeModel(model);
  DeserializeModel(plain.data(), plain.size(), "plain.bsm", KernelEngine::kSimd, &loaded);
  CHECK(loaded.classes == 0);
}

TEST_CASE("empty model files and buffers are rejected with their name, everywhere") {
  const std::string path = TempPath("empty.bsm");
  std::FILE* file = std::fopen(path.c_str(), "wb");
  REQUIRE(file != nullptr);
  std::fclose(file);
  CHECK_THROWS_WITH_AS(LoadModel(path), doctest::Contains((path + ": not a usable bitstate model file: file is 0 bytes").c_str()), Error);
  CHECK_THROWS_WITH_AS(LoadQuantizedModel(path), doctest::Contains(path.c_str()), Error);
  bitstate_model* model = nullptr;
  char error[256] = "";
  CHECK(bitstate_model_open_file(path.c_str(), &model, error, sizeof(error)) == BITSTATE_ERROR_FORMAT);
  CHECK(model == nullptr);
  CHECK(std::string(error).find(path) != std::string::npos);
  std::remove(path.c_str());
  const uint8_t none[1] = {0};
  CHECK_THROWS_WITH_AS(DeserializeModel(none, 0, "<memory>"), doctest::Contains("0 bytes"), Error);
  CHECK(bitstate_model_open_memory(nullptr, 0, 0, &model, error, sizeof(error)) == BITSTATE_ERROR_FORMAT);
  CHECK(bitstate_model_open_memory(nullptr, 10, 0, &model, error, sizeof(error)) == BITSTATE_ERROR_ARGUMENT);
  CHECK(bitstate_model_open_file(nullptr, &model, error, sizeof(error)) == BITSTATE_ERROR_ARGUMENT);
  CHECK(bitstate_model_open_file(path.c_str(), nullptr, error, sizeof(error)) == BITSTATE_ERROR_ARGUMENT);
}

}  // namespace
}  // namespace bitstate
