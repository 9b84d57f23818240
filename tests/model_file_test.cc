// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/model_file.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "bitstate/error.h"
#include "bitstate/synthetic.h"
#include "bitstate/text_encoder.h"
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
  CHECK_THROWS_WITH_AS(load(longer), doctest::Contains("expected"), Error);
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
}

}  // namespace
}  // namespace bitstate
