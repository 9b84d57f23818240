// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Sweep reports read back and merged: what sweep-bits writes comes back
// exactly, bad files fail with a position, and merged runs are summarised
// per setting over the trials that ran it.
#include "reports/sweep_results.h"

#include <doctest/doctest.h>

#include <string>

#include "bitstate/error.h"

namespace bitstate::cli {
namespace {

BitSweepPoint Point(SweepMethod method, ScaleGranularity g, unsigned bits, double accuracy) {
  BitSweepPoint p;
  p.method = method;
  p.granularity = g;
  p.bits = bits;
  p.accuracy = accuracy;
  p.weight_bytes = 1000 + bits;
  p.packed_weight_bytes = 100 * bits;
  if (method == SweepMethod::kQuantized) p.agreement = p.float_head_accuracy = 0.5;
  if (method == SweepMethod::kIntegerTraining) p.saturated_updates = 12345678901ull;
  return p;
}

// One trial: float at `float_accuracy`, then the given (method, bits,
// accuracy) settings.
BitSweepResult Trial(double float_accuracy, std::vector<BitSweepPoint> settings) {
  BitSweepResult r;
  r.baseline_accuracy = 0.4;
  r.points.push_back(Point(SweepMethod::kFloat, ScaleGranularity::kBlock, 32, float_accuracy));
  for (const BitSweepPoint& p : settings) r.points.push_back(p);
  return r;
}

const char* const kConfig =
    "{\"protocol\": \"synthetic\", \"git_commit\": \"abc\", \"m\": 96, \"n\": 64, "
    "\"rate_input\": 0.01, \"rate_hidden\": 1e-06, \"density\": 0.1, \"reset_per_row\": false, "
    "\"update_rows\": \"next\", \"pooling\": \"mean\", \"alpha\": 1, \"state_range\": 0, "
    "\"input_range\": 0}";

SweepRun Run(const std::string& name, const std::string& config, SweepTrials trials) {
  SweepRun run;
  run.source = name;
  run.config = ParseJson(config, name);
  run.trials = std::move(trials);
  return run;
}

TEST_CASE("a sweep's JSON reads back to the same trials") {
  SweepTrials trials;
  trials.seeds = {18446744073709551615ull, 7};
  const auto q4 = Point(SweepMethod::kQuantized, ScaleGranularity::kRow, 4, 0.8125);
  const auto t10 = Point(SweepMethod::kIntegerTraining, ScaleGranularity::kBlock, 10, 0.75);
  trials.results = {Trial(0.8, {q4, t10}), Trial(0.79, {q4})};
  trials.results[1].partial = true;  // still running: 10-bit training not finished
  const SweepTrials back = ParseSweepTrials(
      ParseJson(SweepJson(trials, ParseJson(kConfig, "c")).dump(2), "results.json"), "results.json");
  REQUIRE(back.results.size() == 2);
  CHECK(back.seeds == trials.seeds);
  CHECK_FALSE(back.results[0].partial);
  CHECK(back.results[1].partial);
  CHECK(SweepHeader(ParseJson(kConfig, "c"), back).find("2 trials (1 still running") !=
        std::string::npos);
  for (size_t t = 0; t < 2; ++t) {
    REQUIRE(back.results[t].points.size() == trials.results[t].points.size());
    CHECK(back.results[t].baseline_accuracy == doctest::Approx(0.4));
    for (size_t k = 0; k < trials.results[t].points.size(); ++k) {
      const BitSweepPoint &a = trials.results[t].points[k], &b = back.results[t].points[k];
      CHECK(SettingName(a) == SettingName(b));
      CHECK(b.accuracy == doctest::Approx(a.accuracy).epsilon(1e-6));
      CHECK(b.agreement == doctest::Approx(a.agreement));
      CHECK(b.weight_bytes == a.weight_bytes);
      CHECK(b.packed_weight_bytes == a.packed_weight_bytes);
      CHECK(b.saturated_updates == a.saturated_updates);
    }
  }
}

TEST_CASE("bad sweep JSON is rejected with its file, line and column") {
  SweepTrials trials;
  trials.seeds = {1};
  trials.results = {Trial(0.8, {})};
  const std::string good = SweepJson(trials, ParseJson(kConfig, "c")).dump(2);
  const std::string truncated = good.substr(0, good.size() / 2);
  CHECK_THROWS_WITH_AS(ParseJson(truncated, "cut.json"),
                       doctest::Contains("cut.json: parse error at line "), Error);
  CHECK_THROWS_WITH_AS(ParseJson("{\"a\": [1, 2,, 3]}", "x.json"),
                       doctest::Contains("x.json: parse error at line 1, column 13"), Error);
  CHECK_THROWS_WITH_AS(ParseJson("{\"a\": 1} extra", "x.json"),
                       doctest::Contains("expected end of input"), Error);
  CHECK_THROWS_WITH_AS(ParseJson("{\"a\": 1.2.3}", "x.json"),
                       doctest::Contains("x.json: parse error at line 1, column 10"), Error);
  std::string nested;
  for (int k = 0; k < 1000; ++k) nested += '[';
  CHECK_THROWS_WITH_AS(ParseJson(nested, "deep.json"),
                       doctest::Contains("deep.json: parse error at line 1, column 1001"), Error);
  // A point without its accuracy: the message names the field and where.
  std::string missing = good;
  const size_t at = missing.find("\"accuracy\": ");
  missing.replace(at, 10, "\"accurac\"");
  CHECK_THROWS_WITH_AS(ParseSweepTrials(ParseJson(missing, "m.json"), "m.json"),
                       doctest::Contains("m.json: trials[0].points[0]"), Error);
  CHECK_THROWS_WITH_AS(ParseSweepTrials(ParseJson(missing, "m.json"), "m.json"),
                       doctest::Contains("missing field \"accuracy\""), Error);
  // A value of the wrong JSON type is refused, not converted.
  std::string fraction = good;
  fraction.replace(fraction.find("\"bits\": 32"), 10, "\"bits\": 3.5");
  CHECK_THROWS_WITH_AS(ParseSweepTrials(ParseJson(fraction, "f.json"), "f.json"),
                       doctest::Contains("f.json: trials[0].points[0]: field \"bits\" is 3.5, "
                                         "not an unsigned integer"),
                       Error);
  CHECK_THROWS_WITH_AS(ParseJson("{\"s\": \"a\\qb\"}", "e.json"),
                       doctest::Contains("forbidden character after backslash"), Error);
}

TEST_CASE("JSON strings and numbers come back as written") {
  const Json v = ParseJson(
      "{\"s\": \"tab\\there \\\"q\\\" \\u00e9\", \"big\": 18446744073709551615, \"x\": -1.5e-3, "
      "\"t\": true, \"f\": false, \"z\": null, \"e\": [], \"o\": {}}",
      "v.json");
  CHECK(MemberAs<std::string>(v, "s", "v.json") == "tab\there \"q\" \xc3\xa9");
  CHECK(MemberAs<uint64_t>(v, "big", "v.json") == 18446744073709551615ull);
  CHECK(MemberAs<double>(v, "x", "v.json") == -1.5e-3);
  CHECK(MemberAs<bool>(v, "t", "v.json"));
  CHECK_FALSE(MemberAs<bool>(v, "f", "v.json"));
  CHECK(Member(v, "z", "v.json").is_null());
  CHECK(Member(v, "e", "v.json").empty());
  CHECK_THROWS_WITH_AS(MemberAs<uint64_t>(v, "x", "v.json"),
                       doctest::Contains("v.json: field \"x\" is -0.0015, not an unsigned integer"),
                       Error);
  CHECK_THROWS_WITH_AS(MemberAs<double>(v, "s", "v.json"), doctest::Contains("not a number"), Error);
  CHECK(ParseJson(v.dump(), "again") == v);
  // Floats are written as the shortest decimal that reads back to them.
  CHECK(Json(FloatForJson(1e-6f)).dump() == "1e-06");
  CHECK(static_cast<float>(FloatForJson(0.1f)) == 0.1f);
  CHECK(SameValue(&Member(ParseJson("{\"a\": 1}", "a"), "a", "a"),
                  &Member(ParseJson("{\"a\": 1.0}", "b"), "a", "b")));
}

TEST_CASE("merged runs are summarised per setting over the trials that ran it") {
  const auto q3 = [](double a) {
    return Point(SweepMethod::kQuantized, ScaleGranularity::kRow, 3, a);
  };
  const auto t8 = [](double a) {
    return Point(SweepMethod::kIntegerTraining, ScaleGranularity::kBlock, 8, a);
  };
  const auto t10 = [](double a) {
    return Point(SweepMethod::kIntegerTraining, ScaleGranularity::kBlock, 10, a);
  };
  // Run A: trials with 3-bit quantised and 8-bit training; run B: one trial
  // with 10-bit training only. 8 bits is 1 point below float in both of its
  // trials; 10 bits 0.25 points in its one.
  SweepTrials a, b;
  a.seeds = {11, 12};
  a.results = {Trial(0.80, {q3(0.798), t8(0.79)}), Trial(0.70, {q3(0.700), t8(0.69)})};
  b.seeds = {13};
  b.results = {Trial(0.90, {t10(0.8975)})};
  const SweepTrials merged = MergeSweepRuns({Run("a", kConfig, a), Run("b", kConfig, b)});
  REQUIRE(merged.results.size() == 3);
  const std::vector<BitSweepPoint> settings = Settings(merged);
  REQUIRE(settings.size() == 4);
  CHECK(settings[0].method == SweepMethod::kFloat);
  CHECK(settings[3].bits == 10);
  // Paired with each trial's own float model: the float means differ (0.75
  // over A, 0.80 over all), the paired answer does not.
  CHECK(FewestBitsWithin(merged, SweepMethod::kIntegerTraining, ScaleGranularity::kBlock, 0.5) ==
        10);
  CHECK(FewestBitsWithin(merged, SweepMethod::kIntegerTraining, ScaleGranularity::kBlock, 1.01) ==
        8);
  CHECK(FewestBitsWithin(merged, SweepMethod::kQuantized, ScaleGranularity::kRow, 0.5) == 3);
  CHECK(FewestBitsWithin(merged, SweepMethod::kQuantized, ScaleGranularity::kBlock, 0.5) == 0);
  const std::string lines = FewestBitsLines(merged, 0.5);
  CHECK(lines.find("quantised inference (row scales): 3") != std::string::npos);
  CHECK(lines.find("integer training (block scales): 10") != std::string::npos);
  const std::string md = SweepMarkdown(merged, "# merged");
  CHECK(md.find("| integer-trained (block) | 8 | 2 | 74.00 ± 7.07 | -1.00 ± 0.00 |") !=
        std::string::npos);
  CHECK(md.find("| integer-trained (block) | 10 | 1 | 89.75 ± 0.00 | -0.25 ± 0.00 |") !=
        std::string::npos);
  CHECK(md.find("| float32 | 32 (float) | 3 | 80.00 ± 10.00 |") != std::string::npos);
}

TEST_CASE("runs of different setups or the same trial twice are not merged") {
  SweepTrials a;
  a.seeds = {11};
  a.results = {Trial(0.8, {})};
  std::string other = kConfig;
  other.replace(other.find("\"n\": 64"), 7, "\"n\": 65");
  CHECK_THROWS_WITH_AS(MergeSweepRuns({Run("a", kConfig, a), Run("b", other, a)}),
                       doctest::Contains("cannot merge b with a: \"n\" is 65 there and 64 here"),
                       Error);
  CHECK_THROWS_WITH_AS(MergeSweepRuns({Run("a", kConfig, a), Run("b", kConfig, a)}),
                       doctest::Contains("seed 11 is in both a and b"), Error);
  // A report from before the pooling was recorded does not merge with one
  // that records it: the two may have pooled differently.
  std::string old = kConfig;
  old.replace(old.find("\"pooling\": \"mean\", "), 19, "");
  SweepTrials c;
  c.seeds = {12};
  c.results = {Trial(0.8, {})};
  CHECK_THROWS_WITH_AS(MergeSweepRuns({Run("a", kConfig, a), Run("c", old, c)}),
                       doctest::Contains("\"pooling\" is (not recorded) there"), Error);
  // Before step rules were recorded every run used max-abs steps.
  std::string maxabs = kConfig;
  maxabs.insert(maxabs.find("\"alpha\""), "\"step_rule\": \"maxabs\", ");
  CHECK(MergeSweepRuns({Run("a", kConfig, a), Run("c", maxabs, c)}).results.size() == 2);
  std::string mse = maxabs;
  mse.replace(mse.find("maxabs"), 6, "mse");
  CHECK_THROWS_WITH_AS(MergeSweepRuns({Run("a", kConfig, a), Run("c", mse, c)}),
                       doctest::Contains("\"step_rule\" is \"mse\" there and \"maxabs\" here"),
                       Error);
}

}  // namespace
}  // namespace bitstate::cli
