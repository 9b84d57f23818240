// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate sweep-merge`: one report from sweep-bits runs of the same setup
// made separately, e.g. one trial per process (--first-trial F --trials 1)
// so that trials run side by side.
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "bitstate/error.h"
#include "commands/commands.h"
#include "reports/report.h"
#include "reports/sweep_results.h"

namespace bitstate {
namespace cli {

int RunSweepMerge(Args& args) {
  if (args.Flag("help")) {
    std::printf(
        "usage: bitstate sweep-merge --runs DIR,DIR,... [--out DIR]\n"
        "One table, JSON and plot from sweep-bits runs of the same model and protocol\n"
        "(each DIR holds a results.json; a results.json path works too). Each setting is\n"
        "summarised over the trials that ran it.\n"
        "  --out DIR   where the merged reports go (default sweep-merged)\n");
    return 0;
  }
  const std::string runs_text = args.String("runs", "");
  const std::string out_dir = args.String("out", "sweep-merged");
  args.Finish();
  if (runs_text.empty()) throw Error("--runs: give the run folders, separated by commas");

  std::vector<SweepRun> runs;
  std::stringstream list(runs_text);
  for (std::string path; std::getline(list, path, ',');) runs.push_back(ReadSweepRun(path));
  const SweepTrials trials = MergeSweepRuns(runs);

  // The merged JSON keeps every run's own configuration; the heading shows
  // the first run's, with every commit that made the trials.
  std::string commits, sources, configs;
  for (size_t r = 0; r < runs.size(); ++r) {
    const JsonValue* commit = runs[r].config.Find("git_commit");
    const std::string c = commit == nullptr ? "(not recorded)" : commit->String();
    if (commits.find(c) == std::string::npos) commits += (commits.empty() ? "" : ", ") + c;
    sources += (r ? ", " : "") + JsonString(runs[r].source);
    configs += (r ? ", " : "") + ToJson(runs[r].config);
  }
  JsonValue heading = runs[0].config;
  for (auto& [key, value] : heading.members) {
    if (key == "git_commit") value.text = commits;
  }
  const std::string config_json = "{\"merged_from\": [" + sources + "], \"runs\": [" + configs + "]}";
  std::filesystem::create_directories(out_dir);
  const std::string md = WriteSweepReports(
      out_dir, trials, heading, config_json,
      "`bitstate sweep-merge --runs " + runs_text + " --out " + out_dir +
          "` (each run's own command is in its table.md)");
  std::printf("%s\nreports: %s/table.md, results.json, accuracy_vs_bits.svg\n", md.c_str(),
              out_dir.c_str());
  return 0;
}

}  // namespace cli
}  // namespace bitstate
