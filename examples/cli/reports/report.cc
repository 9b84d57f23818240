// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "reports/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "bitstate/atomic_file.h"
#include "bitstate/error.h"

namespace bitstate {
namespace cli {

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

const char* SeriesColour(size_t i) {
  static constexpr const char* kColours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                             "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};
  return kColours[i % 8];
}

// Three significant digits: enough to tell 0.075 from 0.15 on a small axis.
std::string TickLabel(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.3g", value);
  return text;
}

namespace {

// One panel: axes with ticks, one polyline per curve.
void Panel(std::ostringstream& svg, const std::vector<WindowedCurve>& curves, bool state,
           double top, const char* label) {
  constexpr double kLeft = 70, kWidth = 620, kHeight = 200;
  size_t points = 1;
  double y_max = 1e-9;
  for (const WindowedCurve& c : curves) {
    const auto& v = state ? c.state_error : c.input_error;
    points = std::max(points, v.size());
    for (double y : v) y_max = std::max(y_max, y);
  }
  y_max *= 1.05;
  const double steps = static_cast<double>(points * (curves.empty() ? 1 : curves[0].window));
  svg << "<rect x='" << kLeft << "' y='" << top << "' width='" << kWidth << "' height='"
      << kHeight << "' fill='none' stroke='#000'/>\n";
  svg << "<text x='" << kLeft + kWidth / 2 << "' y='" << top - 8
      << "' text-anchor='middle' font-size='13'>" << label << "</text>\n";
  for (int k = 0; k <= 4; ++k) {
    const double y = top + kHeight - kHeight * k / 4.0;
    svg << "<text x='" << kLeft - 6 << "' y='" << y + 4 << "' text-anchor='end' font-size='11'>"
        << TickLabel(y_max * k / 4.0) << "</text>\n";
    const double x = kLeft + kWidth * k / 4.0;
    svg << "<text x='" << x << "' y='" << top + kHeight + 15
        << "' text-anchor='middle' font-size='11'>" << std::llround(steps * k / 4.0)
        << "</text>\n";
  }
  for (size_t i = 0; i < curves.size(); ++i) {
    const auto& v = state ? curves[i].state_error : curves[i].input_error;
    svg << "<polyline fill='none' stroke-width='1.2' stroke='" << SeriesColour(i) << "' points='";
    for (size_t w = 0; w < v.size(); ++w) {
      const double x = kLeft + kWidth * (static_cast<double>(w) + 0.5) / static_cast<double>(points);
      const double y = top + kHeight - kHeight * v[w] / y_max;
      svg << x << ',' << y << ' ';
    }
    svg << "'/>\n";
  }
}

}  // namespace

void WriteCurveSvg(const std::string& path, const std::string& title,
                   const std::vector<WindowedCurve>& curves) {
  std::ostringstream svg;
  svg << "<svg xmlns='http://www.w3.org/2000/svg' width='760' height='600' "
         "font-family='sans-serif'>\n<rect width='100%' height='100%' fill='#fff'/>\n";
  svg << "<text x='380' y='22' text-anchor='middle' font-size='15'>" << title << "</text>\n";
  Panel(svg, curves, true, 60, "state reconstruction error |h - h~| (bits, window mean) vs step");
  Panel(svg, curves, false, 330, "input reconstruction error |x - x~| (bits, window mean) vs step");
  for (size_t i = 0; i < curves.size(); ++i) {
    svg << "<text x='" << 80 + 110 * (i % 6) << "' y='" << 570 + 16 * (i / 6)
        << "' font-size='12' fill='" << SeriesColour(i) << "'>" << curves[i].name << "</text>\n";
  }
  svg << "</svg>\n";
  WriteFileAtomically(path, svg.str());
}

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace cli
}  // namespace bitstate
