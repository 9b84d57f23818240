// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate sweep-merge`: one report from sweep-bits runs of the same setup
// made separately, e.g. one trial per process (--first-trial F --trials 1)
// so that trials run side by side.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "bitstate/error.h"
#include "commands/commands.h"
#include "options.h"
#include "reports/sweep_results.h"

namespace bitstate::cli {
namespace {

struct SweepMergeOptions {
  std::string runs;
  std::string out = "sweep-merged";
};

int RunSweepMerge(const SweepMergeOptions& o) {
  if (o.runs.empty()) throw Error("--runs: give the run folders, separated by commas");
  std::vector<SweepRun> runs;
  for (const std::string& path : SplitList(o.runs)) runs.push_back(ReadSweepRun(path));
  const SweepTrials trials = MergeSweepRuns(runs);

  // The merged JSON keeps every run's own configuration; the heading shows
  // the first run's, with every commit that made the trials.
  std::string commits;
  Json sources = Json::array(), configs = Json::array();
  for (const SweepRun& run : runs) {
    const Json* commit = FindMember(run.config, "git_commit");
    const std::string c = commit == nullptr ? "(not recorded)" : ValueText(*commit);
    if (commits.find(c) == std::string::npos) commits += (commits.empty() ? "" : ", ") + c;
    sources.push_back(run.source);
    configs.push_back(run.config);
  }
  Json heading = runs[0].config;
  heading["git_commit"] = commits;
  const Json config = {{"merged_from", std::move(sources)}, {"runs", std::move(configs)}};
  std::filesystem::create_directories(o.out);
  const std::string md =
      WriteSweepReports(o.out, trials, heading, config,
                        "`bitstate sweep-merge --runs " + o.runs + " --out " + o.out +
                            "` (each run's own command is in its table.md)");
  std::printf("%s\nreports: %s/table.md, results.json, accuracy_vs_bits.svg\n", md.c_str(),
              o.out.c_str());
  return 0;
}

void DeclareSweepMerge(CLI::App& app, SweepMergeOptions& o) {
  app.description(
      "one table, JSON and plot from sweep-bits runs of the same model and protocol (each DIR "
      "holds a results.json; a results.json path works too), each setting summarised over the "
      "trials that ran it");
  AddText(app, "--runs", o.runs, "DIR,DIR,...", "the runs to merge (required)");
  AddText(app, "--out", o.out, "DIR", "where the merged reports go");
}

Json DescribeSweepMerge(const SweepMergeOptions& o) {
  return Json{{"runs", SplitList(o.runs)}, {"out", o.out}};
}

}  // namespace

Command AddSweepMergeCommand(CLI::App& root) {
  return MakeCommand<SweepMergeOptions>(root, "sweep-merge", DeclareSweepMerge, RunSweepMerge,
                                        DescribeSweepMerge);
}

}  // namespace bitstate::cli
