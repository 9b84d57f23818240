// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "reports/sweep_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "bitstate/error.h"
#include "reports/report.h"

namespace bitstate {
namespace cli {
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

std::string Fixed(double value, int digits) {
  char text[64];
  std::snprintf(text, sizeof(text), "%.*f", digits, value);
  return text;
}

std::string PlusMinus(const MeanSd& s) { return Fixed(s.mean, 2) + " ± " + Fixed(s.sd, 2); }

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
  std::ostringstream md;
  md << header << "\n\n"
     << "| weights | bits | trials | accuracy (%) | vs float, paired (points) | float head on these features (%) "
        "| same class as float (%) | W + biases, stored (bytes) | W at k bits, packed (bytes) "
        "| late state error (bits) | updates lost at grid edge | seconds |\n"
     << "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const BitSweepPoint& setting : Settings(trials)) {
    const SettingRuns runs = Runs(trials, setting);
    const std::vector<BitSweepPoint>& column = runs.points;
    const BitSweepPoint& p = setting;
    const MeanSd acc = Summary(column, Accuracy);
    const bool quantised = p.method == SweepMethod::kQuantized;
    const bool has_error = p.final_state_error >= 0;
    md << "| " << (p.method == SweepMethod::kFloat
                       ? std::string("float32")
                       : std::string(SweepMethodName(p.method)) + " (" +
                             GranularityName(p.granularity) + ")")
       << " | " << (p.method == SweepMethod::kFloat ? "32 (float)" : std::to_string(p.bits))
       << " | " << column.size() << " | " << PlusMinus(acc) << " | "
       << (p.method == SweepMethod::kFloat ? std::string("") : PlusMinus(PairedDifference(runs)))
       << " | "
       << (quantised ? PlusMinus(Summary(column, [](const BitSweepPoint& q) {
                         return 100 * q.float_head_accuracy;
                       }))
                     : std::string("")) << " | "
       << (quantised ? PlusMinus(Summary(column, [](const BitSweepPoint& q) {
                         return 100 * q.agreement;
                       }))
                     : std::string("")) << " | "
       << p.weight_bytes << " | " << p.packed_weight_bytes << " | "
       << (has_error ? Fixed(Summary(column, [](const BitSweepPoint& q) {
                               return q.final_state_error;
                             }).mean, 1)
                     : std::string(""))
       << " | "
       << (p.method == SweepMethod::kIntegerTraining
               ? Fixed(Summary(column, [](const BitSweepPoint& q) {
                         return static_cast<double>(q.saturated_updates);
                       }).mean, 0)
               : std::string(""))
       << " | " << Fixed(Summary(column, [](const BitSweepPoint& q) { return q.seconds; }).mean, 1)
       << " |\n";
  }
  md << "| frequency baseline | | " << trials.results.size() << " | "
     << PlusMinus(Baseline(trials)) << " | | | | | | | | |\n";
  return md.str();
}

std::string SweepJson(const SweepTrials& trials, const std::string& config_json) {
  std::ostringstream json;
  json << "{\n  \"config\": " << config_json << ",\n  \"trials\": [\n";
  for (size_t t = 0; t < trials.results.size(); ++t) {
    const BitSweepResult& r = trials.results[t];
    json << "    {\"seed\": " << trials.seeds[t] << ", \"baseline_accuracy\": "
         << r.baseline_accuracy << ", \"partial\": " << (r.partial ? "true" : "false")
         << ", \"points\": [\n";
    for (size_t k = 0; k < r.points.size(); ++k) {
      const BitSweepPoint& p = r.points[k];
      json << "      {\"method\": " << JsonString(SweepMethodName(p.method))
           << ", \"granularity\": " << JsonString(GranularityName(p.granularity))
           << ", \"bits\": " << p.bits << ", \"accuracy\": " << p.accuracy
           << ", \"float_head_accuracy\": " << p.float_head_accuracy
           << ", \"agreement\": " << p.agreement << ", \"weight_bytes\": " << p.weight_bytes
           << ", \"packed_weight_bytes\": " << p.packed_weight_bytes
           << ", \"saturated_updates\": " << p.saturated_updates
           << ", \"final_state_error\": " << p.final_state_error << ", \"seconds\": " << p.seconds
           << "}" << (k + 1 < r.points.size() ? "," : "") << "\n";
    }
    json << "    ]}" << (t + 1 < trials.results.size() ? "," : "") << "\n";
  }
  json << "  ]\n}\n";
  return json.str();
}

std::string SweepSvg(const SweepTrials& trials, const std::string& title) {
  constexpr double kLeft = 70, kTop = 50, kWidth = 620, kHeight = 360;
  constexpr unsigned kMaxBits = 16;
  std::ostringstream svg;
  svg << "<svg xmlns='http://www.w3.org/2000/svg' width='760' height='560' "
         "font-family='sans-serif'>\n<rect width='100%' height='100%' fill='#fff'/>\n"
      << "<text x='380' y='24' text-anchor='middle' font-size='15'>" << title << "</text>\n";
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
  y_min = std::max(0.0, 5 * std::floor(y_min / 5 - 0.2));
  y_max = std::min(100.0, 5 * std::ceil(y_max / 5 + 0.2));
  const auto x_of = [&](double bits) { return kLeft + kWidth * (bits - 1) / (kMaxBits - 1); };
  const auto y_of = [&](double acc) {
    return kTop + kHeight - kHeight * (acc - y_min) / (y_max - y_min);
  };
  svg << "<rect x='" << kLeft << "' y='" << kTop << "' width='" << kWidth << "' height='"
      << kHeight << "' fill='none' stroke='#000'/>\n";
  for (unsigned b = 1; b <= kMaxBits; ++b) {
    svg << "<text x='" << x_of(b) << "' y='" << kTop + kHeight + 16
        << "' text-anchor='middle' font-size='11'>" << b << "</text>\n";
  }
  svg << "<text x='" << kLeft + kWidth / 2 << "' y='" << kTop + kHeight + 34
      << "' text-anchor='middle' font-size='12'>weight bits k</text>\n";
  for (int k = 0; k <= 5; ++k) {
    const double acc = y_min + (y_max - y_min) * k / 5.0;
    svg << "<text x='" << kLeft - 6 << "' y='" << y_of(acc) + 4
        << "' text-anchor='end' font-size='11'>" << TickLabel(acc) << "</text>\n";
  }
  svg << "<text x='18' y='" << kTop + kHeight / 2 << "' font-size='12' text-anchor='middle' "
      << "transform='rotate(-90 18 " << kTop + kHeight / 2 << ")'>accuracy (%)</text>\n";
  const auto dashed = [&](double acc, const char* colour, const std::string& label) {
    svg << "<line x1='" << kLeft << "' x2='" << kLeft + kWidth << "' y1='" << y_of(acc)
        << "' y2='" << y_of(acc) << "' stroke='" << colour << "' stroke-dasharray='6,4'/>\n"
        << "<text x='" << kLeft + kWidth - 4 << "' y='" << y_of(acc) - 4
        << "' text-anchor='end' font-size='11' fill='" << colour << "'>" << label << "</text>\n";
  };
  dashed(reference.mean, "#000", "float32 " + Fixed(reference.mean, 2) + " %");
  dashed(baseline.mean, "#999", "frequency baseline " + Fixed(baseline.mean, 2) + " %");
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
    svg << "<polyline fill='none' stroke-width='1.5' stroke='" << colour << "' points='";
    for (const auto& [bits, s] : line) svg << x_of(bits) << ',' << y_of(s.mean) << ' ';
    svg << "'/>\n";
    for (const auto& [bits, s] : line) {
      svg << "<circle cx='" << x_of(bits) << "' cy='" << y_of(s.mean) << "' r='3' fill='"
          << colour << "'/>\n<line x1='" << x_of(bits) << "' x2='" << x_of(bits) << "' y1='"
          << y_of(s.mean - s.sd) << "' y2='" << y_of(s.mean + s.sd) << "' stroke='" << colour
          << "'/>\n";
    }
    svg << "<text x='" << kLeft + 10 << "' y='" << kTop + kHeight + 60 + 16 * series
        << "' font-size='12' fill='" << colour << "'>" << SweepMethodName(settings[first].method)
        << " (" << GranularityName(settings[first].granularity) << " scales)</text>\n";
    ++series;
  }
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace cli
}  // namespace bitstate
