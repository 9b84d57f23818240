// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "reports/sweep_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <sstream>

#include "bitstate/error.h"
#include "reports/report.h"
#include "reports/svg_plot.h"
#include "reports/table.h"

namespace bitstate::cli {
namespace {

bool SameSeries(const BitSweepPoint& a, const BitSweepPoint& b) {
  return a.method == b.method && (a.method == SweepMethod::kFloat || a.granularity == b.granularity);
}

bool SameSetting(const BitSweepPoint& a, const BitSweepPoint& b) {
  return SameSeries(a, b) && (a.method == SweepMethod::kFloat || a.bits == b.bits);
}

const BitSweepPoint& FloatPoint(const BitSweepResult& result) {
  for (const BitSweepPoint& p : result.points) {
    if (p.method == SweepMethod::kFloat) return p;
  }
  throw Error("sweep report: a trial without its float32 reference");
}

// One setting over the trials that ran it, with each trial's float accuracy
// for paired differences.
struct SettingRuns {
  std::vector<BitSweepPoint> points;
  std::vector<double> float_accuracy;
};

SettingRuns Runs(const SweepTrials& trials, const BitSweepPoint& setting) {
  SettingRuns runs;
  for (const BitSweepResult& r : trials.results) {
    for (const BitSweepPoint& p : r.points) {
      if (!SameSetting(p, setting)) continue;
      runs.points.push_back(p);
      runs.float_accuracy.push_back(FloatPoint(r).accuracy);
      break;
    }
  }
  return runs;
}

template <class Field>
MeanSd Summary(const std::vector<BitSweepPoint>& points, Field field) {
  std::vector<double> values;
  for (const BitSweepPoint& p : points) values.push_back(field(p));
  return Summarise(values);
}

double Accuracy(const BitSweepPoint& p) { return 100 * p.accuracy; }

MeanSd Baseline(const SweepTrials& trials) {
  std::vector<double> values;
  for (const BitSweepResult& r : trials.results) values.push_back(100 * r.baseline_accuracy);
  return Summarise(values);
}

// Accuracy minus the same trial's float accuracy, in points.
MeanSd PairedDifference(const SettingRuns& runs) {
  std::vector<double> differences;
  for (size_t t = 0; t < runs.points.size(); ++t) {
    differences.push_back(100 * (runs.points[t].accuracy - runs.float_accuracy[t]));
  }
  return Summarise(differences);
}

}  // namespace

std::string SettingName(const BitSweepPoint& p) {
  if (p.method == SweepMethod::kFloat) return "float32";
  return std::string(SweepMethodName(p.method)) + ", " + GranularityName(p.granularity) +
         " scales, " + std::to_string(p.bits) + " bits";
}

std::vector<BitSweepPoint> Settings(const SweepTrials& trials) {
  std::vector<BitSweepPoint> settings;
  for (const BitSweepResult& r : trials.results) {
    for (const BitSweepPoint& p : r.points) {
      bool seen = false;
      for (const BitSweepPoint& q : settings) seen |= SameSetting(p, q);
      if (!seen) settings.push_back(p);
    }
  }
  std::stable_partition(settings.begin(), settings.end(),
                        [](const BitSweepPoint& p) { return p.method == SweepMethod::kFloat; });
  return settings;
}

unsigned FewestBitsWithin(const SweepTrials& trials, SweepMethod method,
                          ScaleGranularity granularity, double points) {
  unsigned best = 0;
  for (const BitSweepPoint& setting : Settings(trials)) {
    if (setting.method != method || setting.granularity != granularity) continue;
    if (PairedDifference(Runs(trials, setting)).mean >= -points &&
        (best == 0 || setting.bits < best)) {
      best = setting.bits;
    }
  }
  return best;
}

std::string FewestBitsLines(const SweepTrials& trials, double points) {
  std::ostringstream out;
  const std::vector<BitSweepPoint> settings = Settings(trials);
  for (size_t k = 0; k < settings.size(); ++k) {
    const BitSweepPoint& p = settings[k];
    bool seen = p.method == SweepMethod::kFloat;
    for (size_t j = 0; j < k; ++j) seen |= SameSeries(settings[j], p);
    if (seen) continue;
    out << "Fewest bits within " << points << " points of float, "
        << (p.method == SweepMethod::kQuantized ? "quantised inference" : "integer training")
        << " (" << GranularityName(p.granularity)
        << " scales): " << FewestBitsWithin(trials, p.method, p.granularity, points) << "\n";
  }
  return out.str();
}

std::string SweepMarkdown(const SweepTrials& trials, const std::string& header) {
  // A row: one setting over the trials that ran it.
  struct Row {
    BitSweepPoint setting;
    SettingRuns runs;
  };
  using Cell = std::function<std::string(const Row&)>;
  const auto is = [](const Row& r, SweepMethod m) { return r.setting.method == m; };
  const auto mean_of = [](double (*field)(const BitSweepPoint&), int digits) {
    return [field, digits](const Row& r) { return Fixed(Summary(r.runs.points, field).mean, digits); };
  };
  const auto only_if = [](std::function<bool(const Row&)> when, Cell cell) -> Cell {
    return [when, cell](const Row& r) { return when(r) ? cell(r) : std::string(); };
  };
  const auto quantised = [&](const Row& r) { return is(r, SweepMethod::kQuantized); };
  const std::vector<Column<Row>> columns = {
      {"weights",
       [&](const Row& r) {
         return is(r, SweepMethod::kFloat) ? std::string("float32")
                                           : std::string(SweepMethodName(r.setting.method)) +
                                                 " (" + GranularityName(r.setting.granularity) + ")";
       }},
      {"bits",
       [&](const Row& r) {
         return is(r, SweepMethod::kFloat) ? std::string("32 (float)")
                                           : std::to_string(r.setting.bits);
       }},
      {"trials", [](const Row& r) { return std::to_string(r.runs.points.size()); }},
      {"accuracy (%)", [](const Row& r) { return PlusMinus(Summary(r.runs.points, Accuracy)); }},
      {"vs float, paired (points)",
       only_if([&](const Row& r) { return !is(r, SweepMethod::kFloat); },
               [](const Row& r) { return PlusMinus(PairedDifference(r.runs)); })},
      {"float head on these features (%)",
       only_if(quantised, [](const Row& r) {
         return PlusMinus(Summary(r.runs.points, [](const BitSweepPoint& q) {
           return 100 * q.float_head_accuracy;
         }));
       })},
      {"same class as float (%)",
       only_if(quantised, [](const Row& r) {
         return PlusMinus(
             Summary(r.runs.points, [](const BitSweepPoint& q) { return 100 * q.agreement; }));
       })},
      {"W + biases, stored (bytes)",
       [](const Row& r) { return std::to_string(r.setting.weight_bytes); }},
      {"W at k bits, packed (bytes)",
       [](const Row& r) { return std::to_string(r.setting.packed_weight_bytes); }},
      {"late state error (bits)",
       only_if([](const Row& r) { return r.setting.final_state_error >= 0; },
               mean_of([](const BitSweepPoint& q) { return q.final_state_error; }, 1))},
      {"updates lost at grid edge",
       only_if([&](const Row& r) { return is(r, SweepMethod::kIntegerTraining); },
               mean_of([](const BitSweepPoint& q) { return static_cast<double>(q.saturated_updates); }, 0))},
      {"seconds", mean_of([](const BitSweepPoint& q) { return q.seconds; }, 1)}};
  std::vector<Row> rows;
  for (const BitSweepPoint& setting : Settings(trials)) rows.push_back({setting, Runs(trials, setting)});
  Table table = TableOf(columns, rows);
  std::vector<std::string> baseline(columns.size());
  baseline[0] = "frequency baseline";
  baseline[2] = std::to_string(trials.results.size());
  baseline[3] = PlusMinus(Baseline(trials));
  table.AddRow(baseline);
  return header + "\n\n" + table.Markdown();
}

Json SweepJson(const SweepTrials& trials, const Json& config) {
  Json out = {{"config", config}, {"trials", Json::array()}};
  for (size_t t = 0; t < trials.results.size(); ++t) {
    const BitSweepResult& r = trials.results[t];
    Json points = Json::array();
    for (const BitSweepPoint& p : r.points) {
      points.push_back({{"method", SweepMethodName(p.method)},
                        {"granularity", GranularityName(p.granularity)},
                        {"bits", p.bits},
                        {"accuracy", p.accuracy},
                        {"float_head_accuracy", p.float_head_accuracy},
                        {"agreement", p.agreement},
                        {"weight_bytes", p.weight_bytes},
                        {"packed_weight_bytes", p.packed_weight_bytes},
                        {"saturated_updates", p.saturated_updates},
                        {"final_state_error", p.final_state_error},
                        {"seconds", p.seconds}});
    }
    out["trials"].push_back({{"seed", trials.seeds[t]},
                             {"baseline_accuracy", r.baseline_accuracy},
                             {"partial", r.partial},
                             {"points", std::move(points)}});
  }
  return out;
}

std::string SweepSvg(const SweepTrials& trials, const std::string& title) {
  constexpr unsigned kMaxBits = 16;
  std::ostringstream svg;
  svg << "<svg xmlns='http://www.w3.org/2000/svg' width='760' height='560' "
         "font-family='sans-serif'>\n<rect width='100%' height='100%' fill='#fff'/>\n";
  if (trials.results.empty()) return svg.str() + "</svg>\n";
  const std::vector<BitSweepPoint> settings = Settings(trials);
  const MeanSd reference = Summary(Runs(trials, settings[0]).points, Accuracy),
               baseline = Baseline(trials);
  double y_min = std::min(reference.mean, baseline.mean), y_max = reference.mean;
  for (size_t k = 1; k < settings.size(); ++k) {
    const MeanSd s = Summary(Runs(trials, settings[k]).points, Accuracy);
    y_min = std::min(y_min, s.mean - s.sd);
    y_max = std::max(y_max, s.mean + s.sd);
  }
  Axis bits_axis{1, kMaxBits, {}, "weight bits k", {}};
  for (unsigned b = 1; b <= kMaxBits; ++b) bits_axis.ticks.push_back(b);
  Axis accuracy_axis{std::max(0.0, 5 * std::floor(y_min / 5 - 0.2)),
                     std::min(100.0, 5 * std::ceil(y_max / 5 + 0.2)), {}, "accuracy (%)", {}};
  const PlotArea area(70, 50, 620, 360, bits_axis, accuracy_axis);
  svg << area.Axes(title)
      << area.Level(reference.mean, "#000", "float32 " + Fixed(reference.mean, 2) + " %")
      << area.Level(baseline.mean, "#999", "frequency baseline " + Fixed(baseline.mean, 2) + " %");
  // One series per (method, granularity), in the order they first appear.
  size_t series = 0;
  for (size_t first = 1; first < settings.size(); ++first) {
    bool seen = false;
    for (size_t k = 1; k < first; ++k) seen |= SameSeries(settings[k], settings[first]);
    if (seen) continue;
    const char* colour = SeriesColour(series);
    std::vector<std::pair<double, MeanSd>> line;
    for (size_t k = first; k < settings.size(); ++k) {
      if (SameSeries(settings[k], settings[first])) {
        line.emplace_back(settings[k].bits, Summary(Runs(trials, settings[k]).points, Accuracy));
      }
    }
    std::sort(line.begin(), line.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::pair<double, double>> means;
    for (const auto& [bits, s] : line) means.emplace_back(bits, s.mean);
    svg << area.Polyline(means, colour, 1.5);
    for (const auto& [bits, s] : line) {
      svg << "<circle cx='" << area.X(bits) << "' cy='" << area.Y(s.mean) << "' r='3' fill='"
          << colour << "'/>\n"
          << area.Polyline({{bits, s.mean - s.sd}, {bits, s.mean + s.sd}}, colour, 1);
    }
    svg << "<text x='80' y='" << 470 + 16 * series << "' font-size='12' fill='" << colour << "'>"
        << SweepMethodName(settings[first].method) << " ("
        << GranularityName(settings[first].granularity) << " scales)</text>\n";
    ++series;
  }
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace bitstate::cli
