// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The commands give the same bytes on any number of threads: `bitstate
// train --threads 2` writes the model file of `--threads 1`, and `bitstate
// features --threads 2` the CSV of `--threads 1`. Named "with threads":
// .ci/cross-test leaves these out on qemu-aarch64 (see
// parallel_features_test.cc).
#include <CLI/CLI.hpp>
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "bitstate/text_encoder.h"
#include "cli_parse.h"
#include "commands/commands.h"
#include "test_util.h"

namespace bitstate::cli {
namespace {

using test::FileBytes;
using test::RunCommand;

TEST_CASE("train and features with threads write the bytes of one thread") {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "bitstate_cli_threads_test";
  std::filesystem::create_directories(dir);
  // Markov text as characters: one sequence to train on, and 40 AG News
  // rows of it to featurise (the parallel pass splits rows into segments).
  std::string text;
  for (uint8_t symbol : bitstate::test::MarkovText(3000, 31)) {
    const char c = CharOfSymbol(symbol);
    text += c == '"' ? '\'' : c;
  }
  const std::string text_file = (dir / "text.txt").string();
  const std::string csv_file = (dir / "rows.csv").string();
  std::ofstream(text_file, std::ios::binary) << text;
  {
    std::ofstream csv(csv_file, std::ios::binary);
    for (size_t r = 0; r < 40; ++r) {
      csv << '"' << 1 + r % 4 << "\",\"" << text.substr(r * 70, 20) << "\",\""
          << text.substr(r * 70 + 20, 50) << "\"\n";
    }
  }

  // n = 600: three part granules, so 2 threads split every step.
  for (const char* threads : {"1", "2"}) {
    REQUIRE(RunCommand({"train", "--text", text_file, "--hidden", "600", "--threads", threads,
                        "--out", (dir / (std::string("model") + threads + ".bsm")).string()}) == 0);
  }
  const std::string model = FileBytes(dir / "model1.bsm");
  REQUIRE(model.size() > 600 * 600);
  CHECK(FileBytes(dir / "model2.bsm") == model);

  for (const char* threads : {"1", "2"}) {
    REQUIRE(RunCommand({"features", "--model", (dir / "model1.bsm").string(), "--csv", csv_file,
                        "--threads", threads, "--out",
                        (dir / (std::string("features") + threads + ".csv")).string()}) == 0);
  }
  const std::string features = FileBytes(dir / "features1.csv");
  REQUIRE(!features.empty());
  CHECK(FileBytes(dir / "features2.csv") == features);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bitstate::cli
