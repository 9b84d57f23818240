// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// What the state remembers (bitstate/recall.h): a tiny model whose recall
// is worked out by hand, the lag-1 reconstruction against a training step's
// own, and `bitstate recall` end to end.
#include "bitstate/recall.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bitstate/error.h"
#include "bitstate/model_file.h"
#include "bitstate/quantized_model_file.h"
#include "cli_parse.h"
#include "test_util.h"

namespace bitstate {
namespace {

// m = 2, n = 2: unit i copies input i (W[i][i] = 1, b = -0.5), so x is read
// back at lag 1; no weight reads the state, so h~ is always 0 and lag 2 sees
// only the input biases (a = -0.5): x~ = 0, top-1 symbol 0 (the tie's lowest).
Model CopyModel() {
  ModelConfig config;
  config.inputs = 2;
  config.hidden = 2;
  Model model(config);
  for (size_t i = 0; i < 2; ++i) {
    for (size_t j = 0; j < 4; ++j) model.SetWeight(i, j, i == j ? 1.0f : 0.0f);
    model.SetHiddenBias(i, -0.5f);
  }
  for (size_t j = 0; j < 4; ++j) model.SetInputBias(j, -0.5f);
  model.ResetState();
  return model;
}

TEST_CASE("recall of a model worked out by hand") {
  Model model = CopyModel();
  RecallProbe probe(model, 2);
  // Symbols 0 1 1 0: states h_1..h_4 = 10, 01, 01, 10 (h_0 = 00).
  for (uint8_t s : {0, 1, 1, 0}) probe.Step(model, s);
  const RecallStats& r = probe.stats();
  CHECK(r.steps == std::vector<uint64_t>{4, 3});
  CHECK(r.exact == std::vector<uint64_t>{4, 0});
  // Lag 2's top-1 is symbol 0: right for x_0 = 0 only (steps 2, 3, 4 look
  // back at 0, 1, 1).
  CHECK(r.top1 == std::vector<uint64_t>{4, 1});
  // h~ = 00 against h_0..h_3 = 00 10 01 01 (lag 1) and h_0..h_2 (lag 2).
  CHECK(r.state_errors == std::vector<uint64_t>{3, 2});
  CHECK(r.state_active == std::vector<uint64_t>{3, 2});
  CHECK(r.symbol_steps == std::vector<uint64_t>{2, 2, 1, 2});
  CHECK(r.symbol_exact == std::vector<uint64_t>{2, 2, 0, 0});
  CHECK(r.ExactRate(1) == 1.0);
  CHECK(r.Top1Rate(2) == doctest::Approx(1.0 / 3));
  // The last chain: x~ = one-hot(0) and h~ = 0 at lag 1, all zero at lag 2.
  CHECK(probe.reconstruction(1) == BitVector(4, {0}));
  CHECK(probe.reconstruction(2) == BitVector(4));

  // A cleared history scores lag 1 only on the next step.
  probe.ClearHistory();
  probe.Step(model, 1);
  CHECK(probe.stats().steps == std::vector<uint64_t>{5, 3});
  CHECK_THROWS_AS(probe.Step(model, 2), Error);  // symbol >= m
  CHECK_THROWS_AS(RecallProbe(model, 0), Error);
}

// Trains `trained` 1,000 steps, then for 10 more checks that the probe's
// lag-1 chain (on a copy, learning off) is each training step's own eq. 2.
template <class SomeModel>
void CheckLag1IsTrainingReconstruction(SomeModel trained, uint64_t seed) {
  const std::vector<uint8_t> text = test::MarkovText(1200, seed);
  for (size_t t = 0; t < 1000; ++t) trained.TrainStepSymbol(text[t]);
  size_t some_on = 0;
  for (size_t t = 1000; t < 1010; ++t) {
    SomeModel probed = trained;
    RecallProbe probe(probed, 1);
    probe.Step(probed, text[t]);
    trained.TrainStepSymbol(text[t]);
    CHECK(probed.state() == trained.state());
    CHECK(probe.reconstruction(1) == trained.reconstruction());
    some_on += trained.reconstruction().CountSet();
  }
  CHECK(some_on > 0);
}

TEST_CASE("the lag-1 reconstruction is the training step's own, bit for bit") {
  ModelConfig config;
  config.hidden = 150;
  CheckLag1IsTrainingReconstruction(Model(config), 5);
}

TEST_CASE("integer recall: the lag-1 reconstruction is integer training's own, bit for bit") {
  for (unsigned bits : {6u, 12u}) {  // int8 and int16 levels
    INFO(bits, " bits");
    ModelConfig config;
    config.hidden = 150;
    config.carry = bits == 6 ? 0.5f : 0.0f;  // the chain reads bits, with a carry too
    CheckLag1IsTrainingReconstruction(QuantizedModel(config, IntegerTrainingOptions{bits}), 6);
  }
  ModelConfig config;
  config.hidden = 64;
  const QuantizedModel inference_only =
      QuantizedModel::Quantize(Model(config), {8, ScaleGranularity::kRow});
  CHECK_THROWS_WITH_AS(RecallProbe(inference_only, 2), doctest::Contains("no input biases a"),
                       Error);
}

TEST_CASE("bitstate recall writes its reports, reads integer-trained files, refuses the rest") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "bitstate_recall";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto at = [&](const std::string& f) { return (dir / f).string(); };
  ModelConfig config;
  config.hidden = 80;
  Model model(config);
  for (uint8_t s : test::MarkovText(2000, 7)) model.TrainStepSymbol(s);
  SaveModel(model, at("m.bsm"));
  std::string text;
  for (uint8_t s : test::MarkovText(600, 8)) text += CharOfSymbol(s);
  std::ofstream(at("t.txt"), std::ios::binary) << text;
  REQUIRE(cli::test::RunCommand({"recall", "--model", at("m.bsm"), "--text", at("t.txt"), "--lags",
                                 "4", "--out", at("out")}) == 0);
  const std::string csv = cli::test::FileBytes(at("out/recall.csv"));
  CHECK(csv.rfind("lag,steps,exact,top1,state_error_bits,state_active_bits\n1,600,", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 5);
  CHECK(cli::test::FileBytes(at("out/recall.svg")).find("</svg>") != std::string::npos);
  CHECK(cli::test::FileBytes(at("out/recall.json")).find("\"exact_rate\"") != std::string::npos);
  REQUIRE(cli::test::RunCommand(
              {"quantize", "--model", at("m.bsm"), "--bits", "8", "--out", at("q.bsm")}) == 0);
  CHECK_THROWS_WITH_AS(cli::test::RunCommand({"recall", "--model", at("q.bsm"), "--text",
                                              at("t.txt"), "--out", at("out2")}),
                       doctest::Contains("holds no input biases a for eq. 2"), Error);
  REQUIRE(cli::test::RunCommand({"train", "--text", at("t.txt"), "--hidden", "80", "--bits", "8",
                                 "--out", at("i.bsm")}) == 0);
  REQUIRE(cli::test::RunCommand({"recall", "--model", at("i.bsm"), "--text", at("t.txt"), "--lags",
                                 "3", "--out", at("out4")}) == 0);
  const std::string int_csv = cli::test::FileBytes(at("out4/recall.csv"));
  CHECK(int_csv.rfind("lag,steps,exact,top1,state_error_bits,state_active_bits\n1,600,", 0) == 0);
  CHECK(cli::test::FileBytes(at("out4/recall.json")).find("8-bit levels in int8") !=
        std::string::npos);
  CHECK_THROWS_WITH_AS(cli::test::RunCommand({"recall", "--model", at("m.bsm"), "--text",
                                              at("t.txt"), "--lags", "0", "--out", at("out3")}),
                       doctest::Contains("--lags"), Error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bitstate
