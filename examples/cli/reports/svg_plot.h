// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The axes and lines of the reports' SVG plots (Fig. 2, accuracy against
// bits): one frame, ticks on round 1-2-5 steps with short labels (250k).
#ifndef BITSTATE_EXAMPLES_CLI_REPORTS_SVG_PLOT_H_
#define BITSTATE_EXAMPLES_CLI_REPORTS_SVG_PLOT_H_

#include <string>
#include <utility>
#include <vector>

namespace bitstate::cli {

// The tick step of 1, 2 or 5 times a power of ten that puts about `count`
// ticks on [min, max].
double RoundTickStep(double min, double max, int count);
// 0.08, 2.5, 40, 250k, 1.5M: at most three significant digits.
std::string ShortNumber(double value);

struct Axis {
  double min = 0, max = 1;
  std::vector<double> ticks;  // empty: round steps (RoundTickStep(min, max, 5))
  std::string label;          // under the x axis / beside the y axis
  std::vector<std::string> tick_labels;  // one per tick (e.g. a log axis); empty: the values
};

// An axis from 0 (or `min`) that ends on the round tick at or above `max`.
Axis RoundAxis(double min, double max, std::string label);

class PlotArea {
 public:
  PlotArea(double left, double top, double width, double height, Axis x, Axis y);
  double X(double value) const;
  double Y(double value) const;
  // The frame, the ticks and labels of both axes, the title above.
  std::string Axes(const std::string& title) const;
  std::string Polyline(const std::vector<std::pair<double, double>>& points,
                       const std::string& colour, double width) const;
  // A dashed horizontal line at y, labelled at its right end.
  std::string Level(double y, const std::string& colour, const std::string& label) const;

 private:
  double left_, top_, width_, height_;
  Axis x_, y_;
};

// The colour of series i.
const char* SeriesColour(size_t i);

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_REPORTS_SVG_PLOT_H_
