// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Users' own labelled text through the commands: `experiment` on named
// classes from --train/--test files with headers, its unsupervised rows
// from another file (never a classifier or evaluation row), and `train`
// with a classifier head on such a file, `features` naming each row's class.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "bitstate/error.h"
#include "bitstate/random.h"
#include "cli_parse.h"

namespace bitstate::cli {
namespace {

using test::FileBytes;
using test::RunCommand;

// Words of a class: each class draws its letters from its own third of
// the alphabet, so a model that reads characters separates them.
std::string ClassText(size_t cls, Rng& rng) {
  std::string text;
  for (size_t w = 0; w < 6; ++w) {
    for (size_t c = 0; c < 5; ++c) text += static_cast<char>('a' + cls * 8 + rng.UniformBelow(8));
    text += ' ';
  }
  return text;
}

const char* const kClasses[] = {"red", "green", "blue"};

struct Files {
  std::filesystem::path dir;
  std::string train, test, extra;  // extra: every train and test row, then 25 rows more
};

// In a folder of the test's own (`name`): ctest runs tests side by side.
Files WriteFiles(const std::string& name) {
  Files f;
  f.dir = std::filesystem::temp_directory_path() / ("bitstate_cli_labelled_text_" + name);
  std::filesystem::create_directories(f.dir);
  f.train = (f.dir / "train.csv").string();
  f.test = (f.dir / "test.csv").string();
  f.extra = (f.dir / "extra.csv").string();
  std::ofstream train(f.train), test(f.test), extra(f.extra);
  train << "label,text\n";
  test << "label,title,body\n";
  extra << "label,text\n";
  Rng rng(7);
  for (size_t r = 0; r < 90; ++r) {
    const size_t c = r % 3;
    const std::string a = ClassText(c, rng), b = ClassText(c, rng);
    train << kClasses[c] << ",\"" << a << b << "\"\n";
    extra << kClasses[c] << ",\"" << a << b << "\"\n";
  }
  for (size_t r = 0; r < 60; ++r) {
    const size_t c = r % 3;
    const std::string a = ClassText(c, rng), b = ClassText(c, rng);
    test << kClasses[c] << ",\"" << a << "\",\"" << b << "\"\n";
    extra << "unlabelled,\"" << a << ' ' << b << "\"\n";  // the test row's model text
  }
  for (size_t r = 0; r < 25; ++r) extra << "x,\"" << ClassText(r % 3, rng) << "\"\n";
  return f;
}

nlohmann::json ReadJson(const std::filesystem::path& path) {
  return nlohmann::json::parse(FileBytes(path));
}

TEST_CASE("experiment runs named classes from --train and --test files with headers") {
  const Files f = WriteFiles("named");
  const std::string out = (f.dir / "run").string();
  REQUIRE(RunCommand({"experiment", "--train", f.train, "--test", f.test, "--header", "--trials",
                      "1", "--unsupervised", "30", "--supervised", "60", "--hidden", "128",
                      "--threads", "1", "--out", out}) == 0);
  const nlohmann::json results = ReadJson(out + "/results.json");
  CHECK(results["classes"] == nlohmann::json({"blue", "green", "red"}));
  CHECK(results["trials"][0]["evaluation_rows"] == 60);
  CHECK(results["trials"][0]["model_accuracy"].get<double>() > 0.9);

  // A validation split: 20 held-out training rows, the test file unused.
  REQUIRE(RunCommand({"experiment", "--train", f.train, "--test", f.test, "--header", "--trials",
                      "1", "--unsupervised", "30", "--supervised", "40", "--validation", "20",
                      "--hidden", "128", "--threads", "1", "--out", out}) == 0);
  const nlohmann::json held_out = ReadJson(out + "/results.json");
  CHECK(held_out["trials"][0]["evaluation_rows"] == 20);
  CHECK(held_out["protocol"].get<std::string>().rfind("VALIDATION protocol", 0) == 0);

  // A test row of a class the training rows never name: stopped, with its line.
  std::ofstream(f.test, std::ios::app) << "purple,\"a\",\"b\"\n";
  CHECK_THROWS_WITH_AS(
      RunCommand({"experiment", "--train", f.train, "--test", f.test, "--header", "--trials", "1",
                  "--out", out}),
      doctest::Contains("test.csv:62: class 'purple' is not one of blue, green, red"), Error);
  std::filesystem::remove_all(f.dir);
}

TEST_CASE("experiment takes unsupervised rows from another file, none a classifier or test row") {
  const Files f = WriteFiles("unsupervised");
  const std::string out = (f.dir / "run").string();
  // Every training row fits the classifier and every test row evaluates it,
  // so only the 25 extra rows may be learned from.
  const auto run = [&](const char* unsupervised) {
    return RunCommand({"experiment",
                       "--train",
                       f.train,
                       "--test",
                       f.test,
                       "--header",
                       "--unsupervised-csv",
                       f.extra,
                       "--trials",
                       "2",
                       "--unsupervised",
                       unsupervised,
                       "--supervised",
                       "90",
                       "--hidden",
                       "128",
                       "--threads",
                       "1",
                       "--out",
                       out});
  };
  REQUIRE(run("25") == 0);
  const nlohmann::json results = ReadJson(out + "/results.json");
  CHECK(results["trials"][1]["unsupervised_rows"] == 25);
  CHECK(results["unsupervised_csv"] == f.extra);
  CHECK_THROWS_WITH_AS(run("26"),
                       doctest::Contains("only 25 of its rows are no classifier or evaluation "
                                         "row, --unsupervised asks for 26"),
                       Error);
  std::filesystem::remove_all(f.dir);
}

TEST_CASE("train fits a head on named classes and features names each row's class") {
  const Files f = WriteFiles("train");
  const std::string model = (f.dir / "m.bsm").string();
  REQUIRE(RunCommand({"train", "--csv", f.train, "--header", "--hidden", "128", "--classifier-csv",
                      f.train, "--out", model}) == 0);
  REQUIRE(RunCommand({"info", "--model", model}) == 0);
  const std::string features = (f.dir / "f.csv").string();
  REQUIRE(RunCommand({"features", "--model", model, "--csv", f.train, "--header", "--out",
                      features}) == 0);
  // Each row's class as the file names it: red, green, blue, red, ...
  const std::string text = FileBytes(features);
  CHECK(text.substr(0, 4) == "red,");
  CHECK(text.substr(text.find('\n') + 1, 6) == "green,");
  std::filesystem::remove_all(f.dir);
}

}  // namespace
}  // namespace bitstate::cli
