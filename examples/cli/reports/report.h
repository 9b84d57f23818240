// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Writers for experiment results: Markdown table, JSON, curve CSV and an SVG
// plot of the reconstruction errors (the paper's Fig. 2).
#ifndef BITSTATE_EXAMPLES_CLI_REPORT_H_
#define BITSTATE_EXAMPLES_CLI_REPORT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bitstate/pipeline.h"

namespace bitstate::cli {

struct MeanSd {
  double mean = 0, sd = 0;  // sd: sample standard deviation (n - 1)
};
MeanSd Summarise(const std::vector<double>& values);
// "feature pass: 2 threads, 494 of 12156 steps recomputed (...)".
std::string FeaturePassLine(const FeaturePassStats& stats);

// "81.23" (digits after the point), and "81.23 ± 0.45".
std::string Fixed(double value, int digits);
std::string PlusMinus(const MeanSd& s);

// Error curve of one trial, averaged over windows of `window` steps.
struct WindowedCurve {
  std::string name;
  size_t window = 0;
  std::vector<double> state_error, input_error;  // one value per window
};
WindowedCurve Windowed(std::string name, const std::vector<uint32_t>& state_error,
                       const std::vector<uint32_t>& input_error, size_t window);

void WriteCurveCsv(const std::string& path, const std::vector<WindowedCurve>& curves);
// Two panels (state error, input error) against training step, one line per
// curve.
void WriteCurveSvg(const std::string& path, const std::string& title,
                   const std::vector<WindowedCurve>& curves);


}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_REPORT_H_
