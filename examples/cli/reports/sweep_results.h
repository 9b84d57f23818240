// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// A sweep's results.json read back, and runs merged: trials of the same
// configuration run in separate processes (or on separate machines) become
// one table, one JSON and one plot.
#ifndef BITSTATE_EXAMPLES_CLI_SWEEP_RESULTS_H_
#define BITSTATE_EXAMPLES_CLI_SWEEP_RESULTS_H_

#include <string>
#include <vector>

#include "reports/json.h"
#include "reports/sweep_report.h"

namespace bitstate::cli {

struct SweepRun {
  std::string source;  // the results.json read
  Json config;         // its "config" object
  SweepTrials trials;
};

// `path` is a results.json or the folder that holds one.
SweepRun ReadSweepRun(const std::string& path);
// `source` names the document in errors.
SweepTrials ParseSweepTrials(const Json& root, const std::string& source);

// The runs' trials in the order given. Throws naming both files when their
// model, protocol or training ranges differ, or a trial (seed) repeats.
SweepTrials MergeSweepRuns(const std::vector<SweepRun>& runs);

// One sweep split over processes (--first-trial), joined: runs of the same
// n and step rule over disjoint trials become one run (MergeSweepRuns: the
// rest of the setup must match); runs over the same trials stay apart (they
// hold other settings). Throws when two such runs share some trials but not
// all. Order: each joined run where its first part stood.
std::vector<SweepRun> JoinSplitRuns(const std::vector<SweepRun>& runs);

// The report's heading and setup paragraph, from a config object.
std::string SweepHeader(const Json& config, const SweepTrials& trials);

// table.md (returned too, its heading from `heading_config`), results.json
// (with `config` as its config) and accuracy_vs_bits.svg in `out_dir`, each
// written atomically. `reproduce` says (in Markdown) how to make these
// trials again.
std::string WriteSweepReports(const std::string& out_dir, const SweepTrials& trials,
                              const Json& heading_config, const Json& config,
                              const std::string& reproduce);

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_SWEEP_RESULTS_H_
