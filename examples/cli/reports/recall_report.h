// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate recall`'s reports: per lag the exact and top-1 recovery of the
// input symbol and the state's reconstruction error (table, CSV, JSON, SVG),
// and the symbols remembered best.
#ifndef BITSTATE_EXAMPLES_CLI_REPORTS_RECALL_REPORT_H_
#define BITSTATE_EXAMPLES_CLI_REPORTS_RECALL_REPORT_H_

#include <string>

#include "bitstate/recall.h"
#include "reports/json.h"

namespace bitstate::cli {

std::string RecallCsv(const RecallStats& stats);
std::string RecallTable(const RecallStats& stats);
// The symbols (as characters) with the highest exact recovery at `lag`,
// among those seen at least `min_steps` times.
std::string BestRememberedSymbols(const RecallStats& stats, size_t lag, size_t count,
                                  uint64_t min_steps);
Json RecallJson(const RecallStats& stats);
std::string RecallSvg(const RecallStats& stats, const std::string& title);

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_REPORTS_RECALL_REPORT_H_
