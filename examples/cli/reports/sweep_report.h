// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Reports of `bitstate sweep-bits`: per-setting mean +- sd over trials as a
// Markdown table and JSON, and the accuracy-vs-bits plot as SVG.
#ifndef BITSTATE_EXAMPLES_CLI_SWEEP_REPORT_H_
#define BITSTATE_EXAMPLES_CLI_SWEEP_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "bitstate/bit_sweep.h"
#include "reports/json.h"

namespace bitstate::cli {

// All trials of a sweep. Trials of one run list the same settings; merged
// runs may differ, and each setting is summarised over the trials that ran it.
struct SweepTrials {
  std::vector<uint64_t> seeds;
  std::vector<BitSweepResult> results;
};

// "float32", "quantised, block scales, 4 bits", ...
std::string SettingName(const BitSweepPoint& p);

// Every setting any trial ran, float first, then in order of appearance.
std::vector<BitSweepPoint> Settings(const SweepTrials& trials);

// Fewest bits of a method (and granularity) whose mean paired difference
// with the float model of the same trial is at least -`points`; 0 when none.
unsigned FewestBitsWithin(const SweepTrials& trials, SweepMethod method,
                          ScaleGranularity granularity, double points);
// That answer for every (method, granularity) the trials ran, one line each.
std::string FewestBitsLines(const SweepTrials& trials, double points);

std::string SweepMarkdown(const SweepTrials& trials, const std::string& header);
Json SweepJson(const SweepTrials& trials, const Json& config);
// Accuracy (mean, sd bars) against bits, one line per method and
// granularity, the float mean and the frequency baseline as dashed lines.
std::string SweepSvg(const SweepTrials& trials, const std::string& title);

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_SWEEP_REPORT_H_
