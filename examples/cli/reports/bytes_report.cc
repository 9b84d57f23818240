// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "reports/bytes_report.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "bitstate/bitstate.h"
#include "bitstate/error.h"
#include "bitstate/quantized_model_file.h"
#include "reports/svg_plot.h"
#include "reports/table.h"

namespace bitstate::cli {
namespace {

bool SameSetting(const BytesPoint& a, const BytesPoint& b) {
  return a.hidden == b.hidden && a.bits == b.bits && a.step_rule == b.step_rule &&
         a.granularity == b.granularity;
}

// Accuracies (percent) of `setting` over the run's trials that ran it.
std::vector<double> AccuraciesOf(const SweepTrials& trials, const BitSweepPoint& setting) {
  std::vector<double> values;
  for (const BitSweepResult& r : trials.results) {
    for (const BitSweepPoint& p : r.points) {
      if (p.method == setting.method && p.bits == setting.bits &&
          p.granularity == setting.granularity) {
        values.push_back(100 * p.accuracy);
      }
    }
  }
  return values;
}

std::string Bytes(size_t bytes) {
  std::string digits = std::to_string(bytes), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string BudgetName(size_t budget) {
  return budget >= (1u << 20) ? std::to_string(budget >> 20) + " MB"
                              : std::to_string(budget >> 10) + " KB";
}

std::string WeightsName(const BytesPoint& p) {
  if (p.bits == 32) return "float32";
  const std::string k = std::to_string(p.bits) + "-bit";
  if (p.bits == 1) return k + " (binary, one bit plane)";
  if (p.bits == 2) return k + " (ternary, two bit planes)";
  if (p.bits <= 4) return k + " (two per byte)";
  return k + (p.bits <= 8 ? " (int8)" : " (int16)");
}

}  // namespace

std::vector<BytesPoint> CollectBytesPoints(const std::vector<SweepRun>& runs, size_t classes) {
  std::vector<BytesPoint> points;
  for (const SweepRun& run : runs) {
    const std::string where = run.source + ": config";
    const size_t m = static_cast<size_t>(MemberAs<uint64_t>(run.config, "m", where));
    const size_t n = static_cast<size_t>(MemberAs<uint64_t>(run.config, "n", where));
    const std::string rule = MemberAs<std::string>(run.config, "step_rule", where);
    for (const BitSweepPoint& s : Settings(run.trials)) {
      if (s.method == SweepMethod::kIntegerTraining) continue;  // not quantised inference
      BytesPoint p;
      p.inputs = m;
      p.hidden = n;
      p.bits = s.method == SweepMethod::kFloat ? 32 : s.bits;
      p.step_rule = s.method == SweepMethod::kFloat || s.bits == 1 ? "" : rule;
      p.granularity = s.method == SweepMethod::kFloat ? "" : GranularityName(s.granularity);
      const std::vector<double> accuracies = AccuraciesOf(run.trials, s);
      p.trials = accuracies.size();
      p.accuracy = Summarise(accuracies);
      p.file_bytes = InferenceFileBytes(m, n, p.bits, classes);
      p.stream_bytes = bitstate_state_size_for(m, n);
      p.source = run.source;
      const auto same = std::find_if(points.begin(), points.end(),
                                     [&](const BytesPoint& q) { return SameSetting(p, q); });
      if (same == points.end()) {
        points.push_back(p);
      } else if (s.method != SweepMethod::kFloat) {
        throw Error(run.source + " and " + same->source + " both hold " + BytesPointName(p) +
                    ": give each setting once");
      }
    }
  }
  std::sort(points.begin(), points.end(), [](const BytesPoint& a, const BytesPoint& b) {
    if (a.hidden != b.hidden) return a.hidden < b.hidden;
    return a.file_bytes != b.file_bytes ? a.file_bytes < b.file_bytes : a.bits < b.bits;
  });
  return points;
}

void MarkPareto(std::vector<BytesPoint>& points) {
  for (BytesPoint& p : points) {
    p.pareto = std::none_of(points.begin(), points.end(), [&](const BytesPoint& q) {
      return &q != &p && q.file_bytes <= p.file_bytes && q.accuracy.mean >= p.accuracy.mean &&
             (q.file_bytes < p.file_bytes || q.accuracy.mean > p.accuracy.mean);
    });
  }
}

std::string BytesPointName(const BytesPoint& p) {
  std::string name = "n = " + std::to_string(p.hidden) + ", " + WeightsName(p);
  if (!p.step_rule.empty()) name += ", " + p.step_rule + " steps";
  return name;
}

std::vector<size_t> FlashBudgets() {
  return {size_t{32} << 10, size_t{64} << 10, size_t{256} << 10, size_t{1} << 20,
          size_t{4} << 20};
}

const BytesPoint* BestWithin(const std::vector<BytesPoint>& points, size_t budget) {
  const BytesPoint* best = nullptr;
  for (const BytesPoint& p : points) {
    if (p.file_bytes <= budget && (best == nullptr || p.accuracy.mean > best->accuracy.mean)) {
      best = &p;
    }
  }
  return best;
}

std::string BytesMarkdown(const std::vector<BytesPoint>& points, const std::string& header) {
  const std::vector<Column<BytesPoint>> columns = {
      {"n", [](const BytesPoint& p) { return std::to_string(p.hidden); }},
      {"weights", [](const BytesPoint& p) { return WeightsName(p); }},
      {"steps", [](const BytesPoint& p) { return p.step_rule; }},
      {"trials", [](const BytesPoint& p) { return std::to_string(p.trials); }},
      {"accuracy (%)", [](const BytesPoint& p) { return PlusMinus(p.accuracy); }},
      {"model file (bytes)", [](const BytesPoint& p) { return Bytes(p.file_bytes); }},
      {"RAM per stream (bytes)", [](const BytesPoint& p) { return Bytes(p.stream_bytes); }},
      {"Pareto", [](const BytesPoint& p) { return std::string(p.pareto ? "yes" : ""); }},
  };
  std::ostringstream md;
  md << header << "\n\n" << TableOf(columns, points).Markdown() << "\n";
  md << "| flash | best accuracy (%) | model |\n|---|---|---|\n";
  for (size_t budget : FlashBudgets()) {
    const BytesPoint* best = BestWithin(points, budget);
    md << "| " << BudgetName(budget) << " | " << (best ? PlusMinus(best->accuracy) : "none fits")
       << " | " << (best ? BytesPointName(*best) + ", " + Bytes(best->file_bytes) + " bytes" : "")
       << " |\n";
  }
  return md.str();
}

Json BytesJson(const std::vector<BytesPoint>& points) {
  Json list = Json::array();
  for (const BytesPoint& p : points) {
    list.push_back({{"m", p.inputs},
                    {"n", p.hidden},
                    {"bits", p.bits},
                    {"step_rule", p.step_rule},
                    {"granularity", p.granularity},
                    {"trials", p.trials},
                    {"accuracy_mean", p.accuracy.mean},
                    {"accuracy_sd", p.accuracy.sd},
                    {"file_bytes", p.file_bytes},
                    {"stream_bytes", p.stream_bytes},
                    {"pareto", p.pareto},
                    {"source", p.source}});
  }
  Json budgets = Json::array();
  for (size_t budget : FlashBudgets()) {
    const BytesPoint* best = BestWithin(points, budget);
    budgets.push_back({{"flash_bytes", budget},
                       {"best", best ? Json(BytesPointName(*best)) : Json(nullptr)},
                       {"accuracy_mean", best ? Json(best->accuracy.mean) : Json(nullptr)}});
  }
  return {{"points", list}, {"flash_budgets", budgets}};
}

std::string BytesSvg(const std::vector<BytesPoint>& points, const std::string& title) {
  std::ostringstream svg;
  svg << "<svg xmlns='http://www.w3.org/2000/svg' width='760' height='560' "
         "font-family='sans-serif'>\n<rect width='100%' height='100%' fill='#fff'/>\n";
  if (points.empty()) return svg.str() + "</svg>\n";
  // x: log10 of the file bytes, ticks on whole powers of ten.
  double x_min = 1e300, x_max = 0, y_min = 100, y_max = 0;
  for (const BytesPoint& p : points) {
    x_min = std::min(x_min, std::log10(static_cast<double>(p.file_bytes)));
    x_max = std::max(x_max, std::log10(static_cast<double>(p.file_bytes)));
    y_min = std::min(y_min, p.accuracy.mean - p.accuracy.sd);
    y_max = std::max(y_max, p.accuracy.mean + p.accuracy.sd);
  }
  Axis x{std::floor(x_min), std::ceil(x_max), {}, "model file (bytes, log scale)", {}};
  for (double t = x.min; t <= x.max + 1e-9; t += 1) x.ticks.push_back(t);
  for (double t : x.ticks) x.tick_labels.push_back(ShortNumber(std::pow(10.0, t)));
  const Axis y{std::max(0.0, 5 * std::floor(y_min / 5 - 0.2)),
               std::min(100.0, 5 * std::ceil(y_max / 5 + 0.2)), {}, "accuracy (%)", {}};
  const PlotArea area(70, 50, 620, 360, x, y);
  svg << area.Axes(title);
  const auto at = [](const BytesPoint& p) {
    return std::make_pair(std::log10(static_cast<double>(p.file_bytes)), p.accuracy.mean);
  };
  std::vector<unsigned> widths;
  for (const BytesPoint& p : points) {
    if (std::find(widths.begin(), widths.end(), p.bits) == widths.end()) widths.push_back(p.bits);
  }
  std::sort(widths.begin(), widths.end());
  for (size_t w = 0; w < widths.size(); ++w) {
    const char* colour = SeriesColour(w);
    std::vector<std::pair<double, double>> line;
    for (const BytesPoint& p : points) {
      if (p.bits != widths[w]) continue;
      line.push_back(at(p));
      svg << "<circle cx='" << area.X(at(p).first) << "' cy='" << area.Y(p.accuracy.mean)
          << "' r='3' fill='" << colour << "'/>\n"
          << area.Polyline({{at(p).first, p.accuracy.mean - p.accuracy.sd},
                            {at(p).first, p.accuracy.mean + p.accuracy.sd}},
                           colour, 1);
    }
    svg << area.Polyline(line, colour, 1) << "<text x='80' y='" << 466 + 14 * (w / 3)
        << "' dx='" << 200 * (w % 3) << "' font-size='12' fill='" << colour << "'>"
        << (widths[w] == 32 ? std::string("float32") : std::to_string(widths[w]) + "-bit")
        << " (a line joins the sizes n)</text>\n";
  }
  std::vector<std::pair<double, double>> front;
  for (const BytesPoint& p : points) {
    if (p.pareto) front.push_back(at(p));
  }
  std::sort(front.begin(), front.end());
  svg << area.Polyline(front, "#000", 2.5) << "<text x='80' y='" << 466 + 14 * 3
      << "' font-size='12'>black: the Pareto front (no smaller file is as accurate)</text>\n";
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace bitstate::cli
