// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The accuracy-per-byte report: points per size and setting with the bytes
// of the file quantize writes, the Pareto front and the flash budgets.
#include "reports/bytes_report.h"
#include "reports/sweep_results.h"

#include <doctest/doctest.h>

#include <string>

#include "bitstate/bitstate.h"
#include "bitstate/error.h"
#include "bitstate/quantized_model_file.h"

namespace bitstate::cli {
namespace {

BitSweepPoint Setting(SweepMethod method, unsigned bits, double accuracy) {
  BitSweepPoint p;
  p.method = method;
  p.granularity = ScaleGranularity::kRow;
  p.bits = bits;
  p.accuracy = accuracy;
  return p;
}

// A run at n with two trials: float at float_accuracy (+-0.01), then the
// quantised widths at their accuracies.
SweepRun Run(const std::string& name, size_t n, const std::string& rule, double float_accuracy,
             const std::vector<std::pair<unsigned, double>>& widths) {
  SweepRun run;
  run.source = name;
  run.config = {
      {"protocol", "synthetic"}, {"m", uint64_t{96}}, {"n", uint64_t{n}}, {"step_rule", rule}};
  for (double shift : {-0.01, 0.01}) {
    BitSweepResult r;
    r.points.push_back(Setting(SweepMethod::kFloat, 32, float_accuracy + shift));
    for (const auto& [bits, accuracy] : widths) {
      r.points.push_back(Setting(SweepMethod::kQuantized, bits, accuracy + shift));
    }
    r.points.push_back(Setting(SweepMethod::kIntegerTraining, 8, 0.1));  // not in the table
    run.trials.results.push_back(r);
    run.trials.seeds.push_back(run.trials.seeds.size() + 1);
  }
  return run;
}

TEST_CASE("accuracy per byte: file bytes, the Pareto front and the best per flash budget") {
  const std::vector<SweepRun> runs = {
      Run("small", 256, "maxabs", 0.64, {{1, 0.62}, {4, 0.66}, {8, 0.63}}),
      Run("small-mse", 256, "mse", 0.64, {{2, 0.635}}),
      Run("large", 1024, "maxabs", 0.75, {{1, 0.70}, {4, 0.74}})};
  std::vector<BytesPoint> points = CollectBytesPoints(runs, 4);
  MarkPareto(points);
  // float once per n, integer training left out: 3 + 1 + 2 quantised, 2 float.
  REQUIRE(points.size() == 8);
  for (const BytesPoint& p : points) {
    INFO(BytesPointName(p));
    CHECK(p.trials == 2);
    CHECK(p.file_bytes == InferenceFileBytes(96, p.hidden, p.bits, 4));
    CHECK(p.stream_bytes == bitstate_state_size_for(96, p.hidden));
  }
  CHECK(points[0].hidden == 256);  // by n, then by bytes
  CHECK(points[0].bits == 1);
  CHECK(points[0].accuracy.mean == doctest::Approx(62.0));
  CHECK(points[0].accuracy.sd == doctest::Approx(1.4142).epsilon(1e-3));
  CHECK(points[1].bits == 2);
  CHECK(points[1].step_rule == "mse");
  const auto find = [&](size_t n, unsigned bits) {
    for (const BytesPoint& p : points) {
      if (p.hidden == n && p.bits == bits) return p;
    }
    FAIL("no point");
    return BytesPoint{};
  };
  // n = 256: 8-bit and float are dominated by 4-bit (smaller and better);
  // n = 1024: float is the most accurate of all, 4-bit and 1-bit each beat
  // every smaller file.
  CHECK(find(256, 1).pareto);
  CHECK(find(256, 2).pareto);
  CHECK(find(256, 4).pareto);
  CHECK_FALSE(find(256, 8).pareto);
  CHECK_FALSE(find(256, 32).pareto);
  CHECK(find(1024, 1).pareto);
  CHECK(find(1024, 4).pareto);
  CHECK(find(1024, 32).pareto);
  // Flash budgets: the most accurate file that fits.
  const BytesPoint* tiny = BestWithin(points, find(256, 1).file_bytes - 1);
  CHECK(tiny == nullptr);
  const BytesPoint* fits = BestWithin(points, find(1024, 4).file_bytes);
  REQUIRE(fits != nullptr);
  CHECK(fits->hidden == 1024);
  CHECK(fits->bits == 4);
  const std::string md = BytesMarkdown(points, "# test");
  CHECK(md.find("| 256 | 2-bit (ternary, two bit planes) | mse | 2 | 63.50 ± 1.41 |") !=
        std::string::npos);
  CHECK(md.find("| 32 KB |") != std::string::npos);
  const std::string svg = BytesSvg(points, "test");
  CHECK(svg.find("stroke-width='2.5'") != std::string::npos);  // the front
  // The same setting in two runs of one n is refused, naming both.
  CHECK_THROWS_WITH_AS(CollectBytesPoints({runs[0], runs[0]}, 4),
                       doctest::Contains("small and small both hold n = 256, 1-bit"), Error);
}

TEST_CASE("accuracy per byte: one sweep split over processes is joined, its trials once") {
  // One size's sweep run as two processes (--first-trial): other trial seeds.
  SweepRun first = Run("t1", 4000, "maxabs", 0.82, {{1, 0.79}, {4, 0.82}});
  SweepRun second = Run("t2", 4000, "maxabs", 0.80, {{1, 0.77}, {4, 0.80}});
  for (uint64_t& seed : second.trials.seeds) seed += 100;
  const SweepRun other_rule = Run("t1-mse", 4000, "mse", 0.82, {{2, 0.81}});
  const std::vector<SweepRun> joined = JoinSplitRuns({first, other_rule, second});
  REQUIRE(joined.size() == 2);  // the mse run stays apart: other settings, the same trials
  CHECK(joined[0].source == "t1 + t2");
  CHECK(joined[0].trials.results.size() == 4);
  CHECK(joined[1].source == "t1-mse");
  std::vector<BytesPoint> points = CollectBytesPoints(joined, 4);
  bool found = false;
  for (const BytesPoint& p : points) {
    if (p.bits != 1) continue;
    found = true;
    CHECK(p.trials == 4);
    CHECK(p.accuracy.mean == doctest::Approx(78.0));  // 78.99, 79.01, 76.99, 77.01
  }
  CHECK(found);
  // Unjoined, the same setting twice is refused.
  CHECK_THROWS_WITH_AS(CollectBytesPoints({first, second}, 4),
                       doctest::Contains("give each setting once"), Error);
  // Runs that share some trials but not all are refused, naming both.
  SweepRun overlap = second;
  overlap.source = "t1-again";
  overlap.trials.seeds[0] = first.trials.seeds[0];
  CHECK_THROWS_WITH_AS(JoinSplitRuns({first, overlap}),
                       doctest::Contains("t1-again and t1 share some trials but not all"), Error);
  // Joined runs must still have the same setup.
  SweepRun denser = second;
  denser.source = "t2-denser";
  denser.config["density"] = 0.2;
  CHECK_THROWS_WITH_AS(JoinSplitRuns({first, denser}), doctest::Contains("\"density\""), Error);
}

}  // namespace
}  // namespace bitstate::cli
