// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Accuracy per byte: sweep-bits runs of several model sizes as one table of
// accuracy against the bytes a device stores (the inference file: weights,
// biases and head) and the RAM a stream needs, with the Pareto front and
// the best model that fits each flash budget. What an embedded engineer
// chooses a model from.
#ifndef BITSTATE_EXAMPLES_CLI_REPORTS_BYTES_REPORT_H_
#define BITSTATE_EXAMPLES_CLI_REPORTS_BYTES_REPORT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "reports/json.h"
#include "reports/report.h"
#include "reports/sweep_results.h"

namespace bitstate::cli {

struct BytesPoint {
  size_t inputs = 0, hidden = 0;
  unsigned bits = 32;     // 32: float32
  std::string step_rule;  // quantised: "maxabs" or "mse"; float: empty
  std::string granularity;
  size_t trials = 0;
  MeanSd accuracy;          // percent
  size_t file_bytes = 0;    // the inference-only file with the head
  size_t stream_bytes = 0;  // one C API state buffer
  bool pareto = false;      // no other point is as small and at least as accurate
  std::string source;       // the run it came from
};

// One point per (n, setting) of quantised inference and float32 (the float
// reference once per n), over the trials of its run. Runs of the same n may
// hold different settings (e.g. a second step rule); a setting found in two
// runs of the same n is refused, naming both.
std::vector<BytesPoint> CollectBytesPoints(const std::vector<SweepRun>& runs, size_t classes);
// Sets `pareto` on the points no other point dominates.
void MarkPareto(std::vector<BytesPoint>& points);

// "n = 1024, 4-bit (maxabs)" and the like.
std::string BytesPointName(const BytesPoint& p);

// The flash budgets answered (bytes): 32 KB, 64 KB, 256 KB, 1 MB, 4 MB.
std::vector<size_t> FlashBudgets();
// The most accurate point whose file fits `budget`; nullptr when none.
const BytesPoint* BestWithin(const std::vector<BytesPoint>& points, size_t budget);

std::string BytesMarkdown(const std::vector<BytesPoint>& points, const std::string& header);
Json BytesJson(const std::vector<BytesPoint>& points);
// Accuracy against file bytes (log scale), one series per weight width,
// the Pareto front drawn through its points.
std::string BytesSvg(const std::vector<BytesPoint>& points, const std::string& title);

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_REPORTS_BYTES_REPORT_H_
