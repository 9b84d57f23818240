// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The `bitstate` command line: every flag a command's --help lists is parsed
// and reaches what the command runs, and options are checked before any
// file is read.
#include <doctest/doctest.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "bitstate/error.h"
#include "cli_parse.h"
#include "commands/commands.h"
#include "commands/experiment_presets.h"

namespace bitstate::cli {
namespace {

// A valid value for each value-taking flag, different from every default.
const std::map<std::string, std::string> kSamples = {{"--data", "some/dir"},
                                                     {"--train", "t.csv"},
                                                     {"--test", "e.csv"},
                                                     {"--unsupervised-csv", "u.csv"},
                                                     {"--trials", "2"},
                                                     {"--first-trial", "3"},
                                                     {"--unsupervised", "100"},
                                                     {"--supervised", "50"},
                                                     {"--classifier-from", "test:40"},
                                                     {"--seed", "9"},
                                                     {"--pooling", "final"},
                                                     {"--alpha", "0.5"},
                                                     {"--hidden", "64"},
                                                     {"--rate-input", "0.02"},
                                                     {"--rate-hidden", "2e-6"},
                                                     {"--density", "0.2"},
                                                     {"--init-range", "0.05"},
                                                     {"--init-seed", "42"},
                                                     {"--update-rows", "previous"},
                                                     {"--out", "elsewhere"},
                                                     {"--threads", "3"},
                                                     {"--batch-streams", "16"},
                                                     {"--curve-window", "10"},
                                                     {"--rows", "5"},
                                                     {"--data-seed", "8"},
                                                     {"--csv", "a.csv"},
                                                     {"--text", "a.txt"},
                                                     {"--resume", "m.bsm"},
                                                     {"--classifier-csv", "c.csv"},
                                                     {"--classifier-rows", "7"},
                                                     {"--model", "m.bsm"},
                                                     {"--name", "my_model"},
                                                     {"--lags", "5"},
                                                     {"--ngram-buckets", "1024"},
                                                     {"--bits", "3"},
                                                     {"--granularity", "tensor"},
                                                     {"--step-rule", "mse"},
                                                     {"--train-bits", "2"},
                                                     {"--train-granularity", "tensor"},
                                                     {"--state-range", "0.5"},
                                                     {"--input-range", "0.5"},
                                                     {"--float-models", "fm"},
                                                     {"--runs", "a,b"},
                                                     {"--classes", "3"},
                                                     {"--adaptive-tau", "500"},
                                                     {"--flip-probability", "0.01"},
                                                     {"--flip-seed", "5"},
                                                     {"--validation", "300"},
                                                     {"--carry", "0.5"},
                                                     {"--models", "3"},
                                                     {"--alpha-folds", "5"},
                                                     {"--alpha-grid", "1,10,100"},
                                                     {"--member-densities", "0.05,0.2"},
                                                     {"--member-carries", "0.5,0.9"},
                                                     {"--feature-scaling", "sqrt+standard"},
                                                     {"--preset", "paper"}};

// The flags a help text lists, in order.
std::vector<std::string> HelpFlags(const std::string& help) {
  std::vector<std::string> flags;
  const std::regex line(R"(^\s+(?:-h,)?(--[a-z0-9-]+))");
  std::smatch match;
  std::string rest = help;
  for (size_t at; !rest.empty(); rest = at == std::string::npos ? "" : rest.substr(at + 1)) {
    at = rest.find('\n');
    const std::string text = rest.substr(0, at);
    if (std::regex_search(text, match, line) && match[1] != "--help") flags.push_back(match[1]);
  }
  return flags;
}

// `bitstate <args>` parsed (not run): the described command.
Json Described(const std::vector<std::string>& args) {
  CLI::App root("test", "bitstate");
  const std::vector<Command> commands = AddCommands(root);
  return test::ParseCommand(root, commands, args).describe();
}

TEST_CASE("every flag each command's help lists reaches what the command runs") {
  CLI::App root("test", "bitstate");
  const std::vector<Command> commands = AddCommands(root);
  REQUIRE(commands.size() == 11);
  size_t checked = 0;
  for (const Command& command : commands) {
    const std::string name = command.app->get_name();
    const std::vector<std::string> flags = HelpFlags(command.app->help());
    CHECK(flags.size() >= 1);
    const Json defaults = Described({name});
    for (const std::string& flag : flags) {
      CAPTURE(name);
      CAPTURE(flag);
      const bool takes_value = command.app->get_option(flag)->get_items_expected_max() != 0;
      std::vector<std::string> args = {name, flag};
      if (takes_value) {
        const auto sample = kSamples.find(flag);
        REQUIRE_MESSAGE(sample != kSamples.end(), "no sample value for this flag");
        args.push_back(sample->second);
      }
      const Json set = Described(args);
      const std::string key = flag.substr(2);
      REQUIRE_MESSAGE(set.contains(key), "the command does not describe this flag");
      CHECK_MESSAGE(set[key] != defaults[key], "the flag changed nothing the command runs");
      ++checked;
    }
  }
  CHECK(checked > 60);
}

TEST_CASE("the run seed and the initial-value seed are separate flags") {
  // Without --init-seed each trial's model is seeded by the trial's seed.
  const Json by_trial = Described({"experiment", "--seed", "9"});
  const Json both = Described({"experiment", "--seed", "9", "--init-seed", "42"});
  CHECK(by_trial["seed"] == 9);
  CHECK(both["seed"] == 9);
  CHECK(both["init-seed"] == 42);
  CHECK(by_trial["init-seed"] != 42);
  CHECK(Described({"sweep-bits", "--init-seed", "42"})["init-seed"] == 42);
  CHECK(Described({"train", "--init-seed", "42"})["init-seed"] == 42);
}

TEST_CASE("a preset sets its flags, and the flags given beside it win") {
  for (const ExperimentPreset& preset : ExperimentPresets()) {
    CAPTURE(preset.name);
    // The preset's flags typed out give the same run as the preset.
    std::vector<std::string> typed = {"experiment"};
    for (const std::string& arg : PresetArgs(preset)) typed.push_back(arg);
    Json by_name = Described({"experiment", "--preset", preset.name});
    CHECK(by_name["preset"] == preset.name);
    by_name.erase("preset");
    Json by_flags = Described(typed);
    by_flags.erase("preset");
    CHECK(by_name == by_flags);
    // A flag beside the preset wins, before or after it.
    CHECK(Described({"experiment", "--preset", preset.name, "--hidden", "64"})["hidden"] == 64);
    CHECK(Described({"experiment", "--hidden", "64", "--preset", preset.name})["hidden"] == 64);
  }
  CHECK(Described({"experiment", "--preset", "paper"})["hidden"] == 4000);
  CHECK_THROWS_WITH_AS(Described({"experiment", "--preset", "fastest"}),
                       doctest::Contains("presets: paper"), std::exception);
}

TEST_CASE("a bad option is reported before any file is read") {
  CHECK_THROWS_WITH_AS(
      Described({"train", "--csv", "/nonexistent/bad.csv", "--hidden", "-5", "--out", "m.bsm"}),
      doctest::Contains("--hidden: expected an integer"), Error);
  CHECK_THROWS_WITH_AS(
      Described({"experiment", "--data", "/nonexistent", "--classifier-from", "test:x"}),
      doctest::Contains("--classifier-from"), Error);
  CHECK_THROWS_WITH_AS(Described({"sweep-bits", "--granularity", "rows"}),
                       doctest::Contains("--granularity"), Error);
  for (const char* lambda : {"-0.1", "1.01", "nan", "x"}) {
    CHECK_THROWS_WITH_AS(Described({"experiment", "--carry", lambda}),
                         doctest::Contains("--carry: expected a number in [0, 1]"), Error);
  }
  CHECK_THROWS_AS(Described({"experiment", "--seed", "1", "--seed", "2"}), CLI::ParseError);
  CHECK_THROWS_AS(Described({"demo", "--no-such-flag"}), CLI::ParseError);

  // features: the model is opened before the CSV is read.
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "bitstate_cli_test";
  std::filesystem::create_directories(dir);
  const std::string csv = (dir / "bad.csv").string();
  std::FILE* f = std::fopen(csv.c_str(), "w");
  REQUIRE(f != nullptr);
  std::fputs("\"9\",\"no such class\"\n", f);
  std::fclose(f);
  CLI::App root("test", "bitstate");
  const std::vector<Command> commands = AddCommands(root);
  const std::string missing = (dir / "missing.bsm").string();
  const std::string out = (dir / "features.csv").string();
  root.parse(std::vector<std::string>{out, "--out", csv, "--csv", missing, "--model", "features"});
  for (const Command& c : commands) {
    if (c.app->parsed()) CHECK_THROWS_WITH_AS(c.run(), doctest::Contains(missing.c_str()), Error);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bitstate::cli
