// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate sweep-bytes`: the accuracy-per-byte table from sweep-bits runs
// of several model sizes (reports/bytes_report.h).
#include <cstdio>
#include <filesystem>

#include "bitstate/atomic_file.h"
#include "bitstate/error.h"
#include "commands/commands.h"
#include "options.h"
#include "reports/bytes_report.h"
#include "reports/sweep_results.h"

namespace bitstate::cli {
namespace {

struct SweepBytesOptions {
  std::string runs;
  std::string out = "sweep-bytes";
  size_t classes = 4;  // AG News
};

int RunSweepBytes(const SweepBytesOptions& o) {
  if (o.runs.empty()) throw Error("--runs: give the sweep-bits run folders, separated by commas");
  std::vector<SweepRun> runs;
  for (const std::string& path : SplitList(o.runs)) runs.push_back(ReadSweepRun(path));
  // A size's trials may come from several processes (--first-trial).
  std::vector<BytesPoint> points = CollectBytesPoints(JoinSplitRuns(runs), o.classes);
  MarkPareto(points);
  const std::string header =
      "# Accuracy per byte: AG News, post-training quantisation\n\n" +
      MemberAs<std::string>(runs[0].config, "protocol", runs[0].source + ": config") +
      ". Model file: the inference-only file `bitstate quantize` writes (W as stored, biases, "
      "per-row steps, a " +
      std::to_string(o.classes) +
      "-class head); RAM per stream: one C API state buffer (`bitstate_state_size_for`). "
      "Made by `bitstate sweep-bytes --runs " +
      o.runs +
      "` (each run's command is in its "
      "table.md).";
  std::filesystem::create_directories(o.out);
  const std::string md = BytesMarkdown(points, header);
  WriteFileAtomically(o.out + "/table.md", md);
  Json sources = Json::array();
  for (const SweepRun& run : runs)
    sources.push_back({{"source", run.source}, {"config", run.config}});
  Json json = BytesJson(points);
  json["runs"] = std::move(sources);
  WriteJsonFile(o.out + "/results.json", json);
  WriteFileAtomically(o.out + "/accuracy_vs_bytes.svg",
            BytesSvg(points, "AG News accuracy against model file bytes"));
  std::printf("%s\nreports: %s/table.md, results.json, accuracy_vs_bytes.svg\n", md.c_str(),
              o.out.c_str());
  return 0;
}

void DeclareSweepBytes(CLI::App& app, SweepBytesOptions& o) {
  app.description(
      "accuracy against model bytes from sweep-bits runs of several sizes n (each DIR holds a "
      "results.json): file and RAM bytes per setting, the Pareto front, and the best model "
      "for 32 KB .. 4 MB of flash");
  AddText(app, "--runs", o.runs, "DIR,DIR,...",
          "the sweep-bits runs (required); runs of one size and step rule over other trials "
          "(--first-trial) are joined");
  AddInt(app, "--classes", o.classes, 2, 65536, "classes of the stored head");
  AddText(app, "--out", o.out, "DIR", "where the reports go");
}

Json DescribeSweepBytes(const SweepBytesOptions& o) {
  return Json{{"runs", SplitList(o.runs)}, {"classes", o.classes}, {"out", o.out}};
}

}  // namespace

Command AddSweepBytesCommand(CLI::App& root) {
  return MakeCommand<SweepBytesOptions>(root, "sweep-bytes", DeclareSweepBytes, RunSweepBytes,
                                        DescribeSweepBytes);
}

}  // namespace bitstate::cli
