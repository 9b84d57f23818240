// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "reports/svg_plot.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace bitstate::cli {

double RoundTickStep(double min, double max, int count) {
  const double raw = (max - min) / std::max(count, 1);
  if (!(raw > 0)) return 1;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0}) {
    if (m * power >= raw) return m * power;
  }
  return 10 * power;
}

std::string ShortNumber(double value) {
  const double a = std::fabs(value);
  char text[32];
  if (a >= 1e6) {
    std::snprintf(text, sizeof(text), "%.3gM", value / 1e6);
  } else if (a >= 1e4) {
    std::snprintf(text, sizeof(text), "%.3gk", value / 1e3);
  } else {
    std::snprintf(text, sizeof(text), "%.3g", value);
  }
  return text;
}

Axis RoundAxis(double min, double max, std::string label) {
  Axis axis;
  const double step = RoundTickStep(min, max, 5);
  axis.min = min;
  axis.max = min + step * std::ceil((max - min) / step - 1e-9);
  if (axis.max <= min) axis.max = min + step;
  axis.label = std::move(label);
  return axis;
}

namespace {

std::vector<double> TicksOf(const Axis& axis) {
  if (!axis.ticks.empty()) return axis.ticks;
  const double step = RoundTickStep(axis.min, axis.max, 5);
  std::vector<double> ticks;
  for (double t = std::ceil(axis.min / step - 1e-9) * step; t <= axis.max + 1e-9 * step;
       t += step) {
    ticks.push_back(std::fabs(t) < 1e-12 * step ? 0.0 : t);
  }
  return ticks;
}

}  // namespace

PlotArea::PlotArea(double left, double top, double width, double height, Axis x, Axis y)
    : left_(left), top_(top), width_(width), height_(height), x_(std::move(x)), y_(std::move(y)) {}

double PlotArea::X(double value) const {
  return left_ + width_ * (value - x_.min) / (x_.max - x_.min);
}

double PlotArea::Y(double value) const {
  return top_ + height_ - height_ * (value - y_.min) / (y_.max - y_.min);
}

std::string PlotArea::Axes(const std::string& title) const {
  std::ostringstream svg;
  svg << "<rect x='" << left_ << "' y='" << top_ << "' width='" << width_ << "' height='"
      << height_ << "' fill='none' stroke='#000'/>\n";
  svg << "<text x='" << left_ + width_ / 2 << "' y='" << top_ - 8
      << "' text-anchor='middle' font-size='13'>" << title << "</text>\n";
  const std::vector<double> x_ticks = TicksOf(x_);
  for (size_t k = 0; k < x_ticks.size(); ++k) {
    const double t = x_ticks[k];
    svg << "<text x='" << X(t) << "' y='" << top_ + height_ + 15
        << "' text-anchor='middle' font-size='11'>"
        << (k < x_.tick_labels.size() ? x_.tick_labels[k] : ShortNumber(t)) << "</text>\n";
  }
  for (double t : TicksOf(y_)) {
    svg << "<text x='" << left_ - 6 << "' y='" << Y(t) + 4
        << "' text-anchor='end' font-size='11'>" << ShortNumber(t) << "</text>\n";
  }
  if (!x_.label.empty()) {
    svg << "<text x='" << left_ + width_ / 2 << "' y='" << top_ + height_ + 32
        << "' text-anchor='middle' font-size='12'>" << x_.label << "</text>\n";
  }
  if (!y_.label.empty()) {
    const double x = left_ - 52, y = top_ + height_ / 2;
    svg << "<text x='" << x << "' y='" << y << "' font-size='12' text-anchor='middle' "
        << "transform='rotate(-90 " << x << " " << y << ")'>" << y_.label << "</text>\n";
  }
  return svg.str();
}

std::string PlotArea::Polyline(const std::vector<std::pair<double, double>>& points,
                               const std::string& colour, double width) const {
  std::ostringstream svg;
  svg << "<polyline fill='none' stroke-width='" << width << "' stroke='" << colour
      << "' points='";
  for (const auto& [x, y] : points) svg << X(x) << ',' << Y(y) << ' ';
  svg << "'/>\n";
  return svg.str();
}

std::string PlotArea::Level(double y, const std::string& colour, const std::string& label) const {
  std::ostringstream svg;
  svg << "<line x1='" << left_ << "' x2='" << left_ + width_ << "' y1='" << Y(y) << "' y2='"
      << Y(y) << "' stroke='" << colour << "' stroke-dasharray='6,4'/>\n"
      << "<text x='" << left_ + width_ - 4 << "' y='" << Y(y) - 4
      << "' text-anchor='end' font-size='11' fill='" << colour << "'>" << label << "</text>\n";
  return svg.str();
}

const char* SeriesColour(size_t i) {
  static constexpr const char* kColours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                             "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};
  return kColours[i % 8];
}

}  // namespace bitstate::cli
