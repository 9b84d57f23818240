// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "reports/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "bitstate/atomic_file.h"
#include "bitstate/error.h"
#include "reports/svg_plot.h"

namespace bitstate::cli {

MeanSd Summarise(const std::vector<double>& values) {
  MeanSd s;
  if (values.empty()) return s;
  for (double v : values) s.mean += v;
  s.mean /= static_cast<double>(values.size());
  if (values.size() > 1) {
    double sq = 0;
    for (double v : values) sq += (v - s.mean) * (v - s.mean);
    s.sd = std::sqrt(sq / static_cast<double>(values.size() - 1));
  }
  return s;
}

std::string FeaturePassLine(const FeaturePassStats& s) {
  if (s.path == FeaturePath::kStepThreads) {
    return "feature pass: sequential, each step split over " + std::to_string(s.step_threads) +
           " threads (runs from the true and the zero state did not meet within " +
           std::to_string(s.probe_steps) + " probe steps, so segments would not pay)";
  }
  if (s.path == FeaturePath::kBatched) {
    return "feature pass: every row from the zero state, " + std::to_string(s.batch_streams) +
           " rows stepped together " +
           (s.segments == 1 ? std::string("on 1 thread")
                            : "on each of " + std::to_string(s.segments) + " threads") +
           "; the features are the sequential pass's, bit for bit";
  }
  if (s.segments <= 1) return "feature pass: 1 thread (sequential)";
  return "feature pass: " + std::to_string(s.segments) + " segments in parallel, " +
         std::to_string(s.recomputed_steps) + " of " + std::to_string(s.steps) +
         " steps recomputed until the runs met" +
         (s.meeting_steps.empty()
              ? std::string()
              : " (after " + std::to_string(*std::max_element(s.meeting_steps.begin(),
                                                              s.meeting_steps.end())) +
                    " steps at most)") +
         (s.unmet_segments ? " (" + std::to_string(s.unmet_segments) +
                                 " segments never met: recomputed whole)"
                           : "") +
         (s.step_threads > 1 ? ", recomputed with each step on " + std::to_string(s.step_threads) +
                                   " threads"
                             : "") +
         "; the features are the sequential pass's, bit for bit";
}

std::string Fixed(double value, int digits) {
  char text[64];
  std::snprintf(text, sizeof(text), "%.*f", digits, value);
  return text;
}

std::string PlusMinus(const MeanSd& s) { return Fixed(s.mean, 2) + " ± " + Fixed(s.sd, 2); }

WindowedCurve Windowed(std::string name, const std::vector<uint32_t>& state_error,
                       const std::vector<uint32_t>& input_error, size_t window) {
  WindowedCurve curve;
  curve.name = std::move(name);
  curve.window = window;
  for (size_t begin = 0; begin < state_error.size(); begin += window) {
    const size_t end = std::min(begin + window, state_error.size());
    double s = 0, x = 0;
    for (size_t t = begin; t < end; ++t) {
      s += state_error[t];
      x += input_error[t];
    }
    curve.state_error.push_back(s / static_cast<double>(end - begin));
    curve.input_error.push_back(x / static_cast<double>(end - begin));
  }
  return curve;
}

void WriteCurveCsv(const std::string& path, const std::vector<WindowedCurve>& curves) {
  std::ostringstream out;
  out << "curve,step_begin,step_end,state_error_mean,input_error_mean\n";
  for (const WindowedCurve& c : curves) {
    for (size_t w = 0; w < c.state_error.size(); ++w) {
      out << c.name << ',' << w * c.window << ',' << (w + 1) * c.window << ','
          << c.state_error[w] << ',' << c.input_error[w] << '\n';
    }
  }
  WriteFileAtomically(path, out.str());
}

namespace {

// One panel: error against training step, one line per curve.
std::string Panel(const std::vector<WindowedCurve>& curves, bool state, double top,
                  const std::string& title) {
  size_t points = 1;
  double y_max = 1e-9;
  for (const WindowedCurve& c : curves) {
    const auto& v = state ? c.state_error : c.input_error;
    points = std::max(points, v.size());
    for (double y : v) y_max = std::max(y_max, y);
  }
  const double window = static_cast<double>(curves.empty() ? 1 : curves[0].window);
  const PlotArea area(70, top, 620, 200, RoundAxis(0, points * window, ""),
                      RoundAxis(0, y_max, ""));
  std::string svg = area.Axes(title);
  for (size_t i = 0; i < curves.size(); ++i) {
    const auto& v = state ? curves[i].state_error : curves[i].input_error;
    std::vector<std::pair<double, double>> line;
    for (size_t w = 0; w < v.size(); ++w) line.emplace_back((w + 0.5) * window, v[w]);
    svg += area.Polyline(line, SeriesColour(i), 1.2);
  }
  return svg;
}

}  // namespace

void WriteCurveSvg(const std::string& path, const std::string& title,
                   const std::vector<WindowedCurve>& curves) {
  std::ostringstream svg;
  svg << "<svg xmlns='http://www.w3.org/2000/svg' width='760' height='600' "
         "font-family='sans-serif'>\n<rect width='100%' height='100%' fill='#fff'/>\n";
  svg << "<text x='380' y='22' text-anchor='middle' font-size='15'>" << title << "</text>\n";
  svg << Panel(curves, true, 60, "state reconstruction error |h - h~| (bits, window mean) vs step")
      << Panel(curves, false, 330, "input reconstruction error |x - x~| (bits, window mean) vs step");
  for (size_t i = 0; i < curves.size(); ++i) {
    svg << "<text x='" << 80 + 110 * (i % 6) << "' y='" << 570 + 16 * (i / 6)
        << "' font-size='12' fill='" << SeriesColour(i) << "'>" << curves[i].name << "</text>\n";
  }
  svg << "</svg>\n";
  WriteFileAtomically(path, svg.str());
}

}  // namespace bitstate::cli
