// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Reports of `bitstate sweep-bits`: per-setting mean +- sd over trials as a
// Markdown table and JSON, and the accuracy-vs-bits plot as SVG.
#ifndef BITSTATE_EXAMPLES_CLI_SWEEP_REPORT_H_
#define BITSTATE_EXAMPLES_CLI_SWEEP_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "bitstate/bit_sweep.h"

namespace bitstate {
namespace cli {

// All trials of a sweep; every trial lists the same settings in one order.
struct SweepTrials {
  std::vector<uint64_t> seeds;
  std::vector<BitSweepResult> results;
};

// "float32", "quantised, block scales, 4 bits", ...
std::string SettingName(const BitSweepPoint& p);

// Fewest bits of a method (and granularity) whose mean accuracy is within
// `points` of the float mean; 0 when none is.
unsigned FewestBitsWithin(const SweepTrials& trials, SweepMethod method,
                          ScaleGranularity granularity, double points);

std::string SweepMarkdown(const SweepTrials& trials, const std::string& header);
std::string SweepJson(const SweepTrials& trials, const std::string& config_json);
// Accuracy (mean, sd bars) against bits, one line per method and
// granularity, the float mean and the frequency baseline as dashed lines.
std::string SweepSvg(const SweepTrials& trials, const std::string& title);

}  // namespace cli
}  // namespace bitstate

#endif  // BITSTATE_EXAMPLES_CLI_SWEEP_REPORT_H_
