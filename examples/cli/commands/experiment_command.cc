// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate experiment`: the paper's Table I protocol on AG News (model.md),
// T trials with their own seeds and disjoint random subsets, reports in
// Markdown, JSON, CSV and SVG.
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <thread>

#include "bitstate/agnews.h"
#include "bitstate/atomic_file.h"
#include "bitstate/error.h"
#include "bitstate/pipeline.h"
#include "bitstate/random.h"
#include "bitstate/text_encoder.h"
#include "bitstate/trial_split.h"
#include "commands/commands.h"
#include "git_commit.h"
#include "commands/experiment_data.h"
#include "progress.h"
#include "reports/report.h"

namespace bitstate {
namespace cli {
namespace {

struct TrialOutcome {
  uint64_t seed = 0;
  PipelineResult result;
  size_t unsupervised_rows = 0, classifier_rows = 0, evaluation_rows = 0;
};

const char* const kHelp =
    "usage: bitstate experiment --data DIR [options]\n"
    "The paper's Table I protocol on AG News (default 5 trials).\n";
const char* const kReportHelp =
    "  --out DIR               where reports go (default experiment-out)\n"
    "  --threads N             trials run concurrently (default 1; results do not change)\n"
    "  --pooling mean|final    feature pooling (default mean)\n"
    "  --reset-per-row         reset the state before every row\n"
    "  --alpha A               ridge penalty (default 1)\n"
    "  --curve-window W        steps per point of the error curves (default 1000)\n";

}  // namespace

int RunExperiment(Args& args) {
  if (args.Flag("help")) {
    std::printf("%s%s%s%s", kHelp, kExperimentDataHelp, kReportHelp, kModelOptionsHelp);
    return 0;
  }
  const ExperimentOptions eo = ReadExperimentOptions(args, 5);
  const std::string& data = eo.data;
  const size_t trials = eo.trials, first_trial = eo.first_trial;
  const TrialSplitSpec& split_spec = eo.split;
  const std::string& classifier_from = eo.classifier_from;
  const uint64_t run_seed = eo.run_seed;
  const std::string out_dir = args.String("out", "experiment-out");
  const size_t threads = static_cast<size_t>(args.Int("threads", 1, 1, 256));
  PipelineOptions options;
  options.pooling = ParsePooling(args.String("pooling", "mean"));
  options.reset_per_row = args.Flag("reset-per-row");
  options.alpha = args.Real("alpha", 1.0, 1e-12, 1e12);
  const size_t window = static_cast<size_t>(args.Int("curve-window", 1000, 1, 100000000));
  ModelConfig defaults;
  defaults.inputs = kTextSymbols;
  options.model = ParseModelOptions(args, defaults);
  options.classes = kAgNewsClasses;
  args.Finish();

  const ExperimentData loaded = LoadExperimentData(eo);
  const std::string& protocol = loaded.protocol;
  const ModelConfig& c = options.model;
  std::printf("bitstate experiment: %s\ndata: %s (train.csv %zu rows, test.csv %zu rows%s)\n"
              "model: m=%zu n=%zu d=%g r_x=%g r_h=%g update_rows=%s pooling=%s%s alpha=%g; "
              "%zu trials, run seed %llu\n",
              protocol.c_str(), data.c_str(), loaded.train.rows.size(), loaded.test.rows.size(),
              loaded.train.skipped + loaded.test.skipped ? ", malformed rows skipped" : "",
              c.inputs, c.hidden, c.density, c.rate_input, c.rate_hidden,
              UpdateRowsName(c.update_rows), PoolingName(options.pooling),
              options.reset_per_row ? " reset-per-row" : "", options.alpha, trials,
              static_cast<unsigned long long>(run_seed));
  std::fflush(stdout);
  std::filesystem::create_directories(out_dir);

  std::vector<TrialOutcome> outcomes(trials);
  std::atomic<size_t> next{0};
  std::mutex error_mutex;
  std::string first_error;
  auto worker = [&] {
    for (size_t t; (t = next++) < trials;) {
      try {
        TrialOutcome& o = outcomes[t];
        const TrialRows rows = MakeTrialRows(loaded, eo, first_trial + t);
        o.seed = rows.seed;
        PipelineOptions trial_options = options;
        trial_options.model.seed = o.seed;
        ProgressReporter progress("trial " + std::to_string(first_trial + t + 1),
                                  threads > 1);
        o.result = RunPipeline(rows.unsupervised, rows.classifier, rows.evaluation, trial_options,
                               progress.Callback());
        o.unsupervised_rows = rows.unsupervised.size();
        o.classifier_rows = rows.classifier.size();
        o.evaluation_rows = rows.evaluation.size();
        std::printf("trial %zu: model %.2f %%, baseline %.2f %%, final-state pooling %.2f %%\n",
                    first_trial + t + 1, 100 * o.result.model_accuracy,
                    100 * o.result.baseline_accuracy, 100 * o.result.final_state_accuracy);
        std::fflush(stdout);
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (first_error.empty()) first_error = e.what();
      }
    }
  };
  std::vector<std::thread> pool;
  for (size_t i = 0; i < std::min(threads, trials); ++i) pool.emplace_back(worker);
  for (std::thread& th : pool) th.join();
  if (!first_error.empty()) throw Error(first_error);

  // Reports.
  std::vector<double> model_acc, baseline_acc, final_acc;
  std::vector<WindowedCurve> curves;
  std::ostringstream md, json;
  md << "# Table I: AG News, " << trials << " trials\n\n" << protocol << ".\n\n"
     << "Model: m = " << c.inputs << ", n = " << c.hidden << ", d = " << c.density
     << ", r_x = " << c.rate_input << ", r_h = " << c.rate_hidden
     << ", update_rows = " << UpdateRowsName(c.update_rows) << ", pooling = "
     << PoolingName(options.pooling) << (options.reset_per_row ? " (state reset per row)" : "")
     << ", ridge alpha = " << options.alpha << ".\n\n"
     << "| trial | seed | model accuracy (%) | baseline accuracy (%) | final-state pooling (%) "
        "| train (s) | features (s) | ridge (s) | train steps | final state error (bits) |\n"
     << "|---|---|---|---|---|---|---|---|---|---|\n";
  json << "{\n  \"protocol\": " << JsonString(protocol) << ",\n  \"git_commit\": "
       << JsonString(BITSTATE_GIT_COMMIT) << ",\n  \"data\": " << JsonString(data)
       << ",\n  \"config\": {\"m\": " << c.inputs << ", \"n\": " << c.hidden
       << ", \"rate_input\": " << c.rate_input << ", \"rate_hidden\": " << c.rate_hidden
       << ", \"density\": " << c.density << ", \"init_range\": " << c.init_range
       << ", \"update_rows\": " << JsonString(UpdateRowsName(c.update_rows))
       << ", \"pooling\": " << JsonString(PoolingName(options.pooling))
       << ", \"reset_per_row\": " << (options.reset_per_row ? "true" : "false")
       << ", \"alpha\": " << options.alpha << ", \"unsupervised\": " << split_spec.unsupervised
       << ", \"supervised\": " << split_spec.supervised << ", \"classifier_from\": "
       << JsonString(classifier_from) << ", \"run_seed\": " << run_seed << "},\n  \"trials\": [\n";
  for (size_t t = 0; t < trials; ++t) {
    const TrialOutcome& o = outcomes[t];
    const PipelineResult& r = o.result;
    model_acc.push_back(100 * r.model_accuracy);
    baseline_acc.push_back(100 * r.baseline_accuracy);
    final_acc.push_back(100 * r.final_state_accuracy);
    curves.push_back(Windowed("trial " + std::to_string(first_trial + t + 1), r.curve.state_error,
                              r.curve.input_error, window));
    const double final_error = curves.back().state_error.empty() ? 0 : curves.back().state_error.back();
    char line[512];
    std::snprintf(line, sizeof(line),
                  "| %zu | %llu | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %zu | %.1f |\n",
                  first_trial + t + 1, static_cast<unsigned long long>(o.seed), model_acc.back(),
                  baseline_acc.back(), final_acc.back(), r.train_seconds, r.feature_seconds,
                  r.classifier_seconds + r.baseline_seconds, r.train_steps, final_error);
    md << line;
    json << "    {\"trial\": " << first_trial + t + 1 << ", \"seed\": " << o.seed
         << ", \"model_accuracy\": " << r.model_accuracy
         << ", \"final_state_accuracy\": " << r.final_state_accuracy
         << ", \"baseline_accuracy\": " << r.baseline_accuracy
         << ", \"unsupervised_rows\": " << o.unsupervised_rows
         << ", \"classifier_rows\": " << o.classifier_rows
         << ", \"evaluation_rows\": " << o.evaluation_rows << ", \"train_steps\": " << r.train_steps
         << ", \"feature_steps\": " << r.feature_steps << ", \"train_seconds\": " << r.train_seconds
         << ", \"feature_seconds\": " << r.feature_seconds
         << ", \"classifier_seconds\": " << r.classifier_seconds
         << ", \"baseline_seconds\": " << r.baseline_seconds << "}" << (t + 1 < trials ? "," : "")
         << "\n";
  }
  const MeanSd model = Summarise(model_acc), baseline = Summarise(baseline_acc);
  const MeanSd final_pooling = Summarise(final_acc);
  char summary[256];
  std::snprintf(summary, sizeof(summary),
                "| mean ± sd | | %.2f ± %.2f | %.2f ± %.2f | %.2f ± %.2f | | | | | |\n", model.mean,
                model.sd, baseline.mean, baseline.sd, final_pooling.mean, final_pooling.sd);
  md << summary
     << "\nPaper (Table I): model 82.3, 82.6, 81.9, 82.1, 82.2 (mean 82.2); baseline 49.9, 49.2, "
        "48.9, 48.4, 49.4 (mean 49.2).\n\nReproduce: `bitstate experiment --data "
     << data << " --trials " << trials << " --first-trial " << first_trial + 1 << " --seed " << run_seed << " --hidden " << c.hidden
     << " --update-rows " << UpdateRowsName(c.update_rows) << " --classifier-from "
     << classifier_from << " --unsupervised " << split_spec.unsupervised << " --supervised "
     << split_spec.supervised << "` (commit " << BITSTATE_GIT_COMMIT << ").\n";
  json << "  ],\n  \"summary\": {\"model_mean\": " << model.mean << ", \"model_sd\": " << model.sd
       << ", \"baseline_mean\": " << baseline.mean << ", \"baseline_sd\": " << baseline.sd
       << ", \"final_state_mean\": " << final_pooling.mean << ", \"final_state_sd\": " << final_pooling.sd
       << "}\n}\n";
  WriteFileAtomically(out_dir + "/table.md", md.str());
  WriteFileAtomically(out_dir + "/results.json", json.str());
  WriteCurveCsv(out_dir + "/curves.csv", curves);
  WriteCurveSvg(out_dir + "/fig2.svg",
                "Reconstruction errors during training (n = " + std::to_string(c.hidden) +
                    ", update_rows = " + UpdateRowsName(c.update_rows) + ")",
                curves);
  std::printf("\n%s\nreports: %s/table.md, results.json, curves.csv, fig2.svg\n", md.str().c_str(),
              out_dir.c_str());
  return 0;
}

}  // namespace cli
}  // namespace bitstate
