// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Every command that reads a model reads every precision: `features` and
// `info` on float32, int8, int16 and packed files; `train --resume` on float
// and integer-trained files, bit for bit as one uninterrupted run.
#include <doctest/doctest.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "bitstate/error.h"
#include "bitstate/model_file.h"
#include "bitstate/quantized_model_file.h"
#include "bitstate/text_encoder.h"
#include "cli_parse.h"
#include "commands/commands.h"
#include "test_util.h"

namespace bitstate::cli {
namespace {

using test::FileBytes;
using test::RunCommand;

struct Scratch {
  std::filesystem::path dir;
  explicit Scratch(const char* name) : dir(std::filesystem::temp_directory_path() / name) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~Scratch() { std::filesystem::remove_all(dir); }
  std::string operator()(const std::string& file) const { return (dir / file).string(); }
};

// Markov text as characters, without the CSV quote.
std::string Text(size_t length, uint64_t seed) {
  std::string text;
  for (uint8_t symbol : bitstate::test::MarkovText(length, seed)) {
    const char c = CharOfSymbol(symbol);
    text += c == '"' ? '\'' : c;
  }
  return text;
}

TEST_CASE("features and info read float, int8, int16 and packed model files") {
  const Scratch at("bitstate_cli_precisions");
  const std::string text = Text(4000, 41);
  std::ofstream(at("text.txt"), std::ios::binary) << text;
  {
    std::ofstream csv(at("rows.csv"), std::ios::binary);
    for (size_t r = 0; r < 12; ++r) {
      csv << '"' << 1 + r % 4 << "\",\"" << text.substr(r * 90, 30) << "\",\""
          << text.substr(r * 90 + 30, 60) << "\"\n";
    }
  }
  REQUIRE(RunCommand(
              {"train", "--text", at("text.txt"), "--hidden", "300", "--out", at("f32.bsm")}) == 0);
  std::vector<std::string> models = {"f32.bsm"};
  for (const char* bits : {"1", "2", "3", "4", "8", "12"}) {
    const std::string out = std::string("q") + bits + ".bsm";
    REQUIRE(RunCommand({"quantize", "--model", at("f32.bsm"), "--bits", bits, "--out", at(out)}) ==
            0);
    models.push_back(out);
  }
  for (const std::string& model : models) {
    INFO(model);
    CHECK(RunCommand({"info", "--model", at(model)}) == 0);
    REQUIRE(RunCommand({"features", "--model", at(model), "--csv", at("rows.csv"), "--out",
                        at(model + ".csv")}) == 0);
    const std::string features = FileBytes(at(model + ".csv"));
    CHECK(std::count(features.begin(), features.end(), '\n') == 12);
  }
  // A packed file's features are those of the int8 path on the same levels.
  const Model trained = LoadModel(at("f32.bsm"));
  for (unsigned bits : {1u, 2u, 4u}) {
    QuantizationOptions unpacked{bits, ScaleGranularity::kRow};
    unpacked.packed = false;
    SaveQuantizedModel(QuantizedModel::Quantize(trained, unpacked), at("int8.bsm"));
    REQUIRE(RunCommand({"features", "--model", at("int8.bsm"), "--csv", at("rows.csv"), "--out",
                        at("int8.csv")}) == 0);
    const std::string packed = "q" + std::to_string(bits) + ".bsm.csv";
    INFO(bits, " bits");
    CHECK(FileBytes(at("int8.csv")) == FileBytes(at(packed)));
  }
  CHECK(FileBytes(at("q1.bsm.csv")) != FileBytes(at("f32.bsm.csv")));  // the precisions differ
}

TEST_CASE("train --resume continues float and integer-trained files as one run would") {
  const Scratch at("bitstate_cli_resume");
  const std::string first = Text(1500, 43), second = Text(1200, 44);
  std::ofstream(at("first.txt"), std::ios::binary) << first;
  std::ofstream(at("second.txt"), std::ios::binary) << second;
  std::ofstream(at("both.txt"), std::ios::binary) << first + second;
  for (const std::vector<std::string>& precision :
       {std::vector<std::string>{}, std::vector<std::string>{"--bits", "6"},
        std::vector<std::string>{"--bits", "12", "--granularity", "tensor"}}) {
    const auto train = [&](const std::string& text, const std::string& out) {
      std::vector<std::string> args = {"train", "--text", at(text), "--hidden",
                                       "200",   "--out",  at(out)};
      args.insert(args.end(), precision.begin(), precision.end());
      return RunCommand(args);
    };
    const std::string tag = precision.empty() ? std::string("f32") : precision[1];
    INFO(tag);
    REQUIRE(train("both.txt", tag + "whole.bsm") == 0);
    REQUIRE(train("first.txt", "half.bsm") == 0);
    REQUIRE(RunCommand({"train", "--text", at("second.txt"), "--resume", at("half.bsm"), "--out",
                        at("resumed.bsm")}) == 0);
    CHECK(FileBytes(at("resumed.bsm")) == FileBytes(at(tag + "whole.bsm")));
    CHECK(FileBytes(at("resumed.bsm")) != FileBytes(at("half.bsm")));
    CHECK(RunCommand({"features", "--model", at("resumed.bsm"), "--text", at("second.txt"), "--out",
                      at("features.csv")}) == 0);
  }
  // Inference-only files (quantised, or marked so) cannot be resumed.
  REQUIRE(RunCommand({"quantize", "--model", at("f32whole.bsm"), "--bits", "4", "--out",
                      at("q4.bsm")}) == 0);
  CHECK_THROWS_WITH_AS(RunCommand({"train", "--text", at("second.txt"), "--resume", at("q4.bsm"),
                                   "--out", at("never.bsm")}),
                       doctest::Contains("q4.bsm: an inference-only file (4-bit levels, packed"),
                       Error);
  CHECK_FALSE(std::filesystem::exists(at("never.bsm")));
}

}  // namespace
}  // namespace bitstate::cli
