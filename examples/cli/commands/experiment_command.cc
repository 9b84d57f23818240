// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// `bitstate experiment`: the paper's Table I protocol on AG News (model.md),
// T trials with their own seeds and disjoint random subsets, reports in
// Markdown, JSON, CSV and SVG.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bitstate/atomic_file.h"
#include "bitstate/error.h"
#include "bitstate/ngram_features.h"
#include "bitstate/pipeline.h"
#include "bitstate/ridge_cross_validation.h"
#include "commands/commands.h"
#include "commands/experiment_data.h"
#include "commands/experiment_presets.h"
#include "git_commit.h"
#include "options.h"
#include "progress.h"
#include "reports/report.h"
#include "reports/table.h"

namespace bitstate::cli {
namespace {

struct ExperimentCommandOptions {
  ExperimentOptions experiment;
  std::string out = "experiment-out";
  size_t threads = 0;  // every core
  size_t curve_window = 1000;
  size_t ngram_buckets = kDefaultNgramBuckets;  // the peer row; 0: off
  size_t train_bits = 0;                        // 0: float32 weights
  size_t models = 1;                            // ensemble members
  size_t alpha_folds = 0;                       // 0: --alpha as given
  FeatureScaling feature_scaling = FeatureScaling::kNone;  // of the state features
  std::vector<double> alpha_grid;  // the penalties cross-validation tries (empty: default)
  std::vector<float> member_densities, member_carries;  // mixed ensembles (empty: not mixed)
  std::string preset;                           // --preset NAME, for the reports
};

// "1", or "chosen by 5-fold cross-validation".
std::string AlphaText(const PipelineOptions& p) {
  return p.alpha_folds == 0 ? NumberText(p.alpha)
                            : "chosen by " + std::to_string(p.alpha_folds) +
                                  "-fold cross-validation on the classifier rows";
}

// The experiment's own flags past ExperimentArgs, for the reproduce line.
std::string ExperimentOnlyArgs(const ExperimentCommandOptions& o) {
  return (o.train_bits != 0 ? " --train-bits " + std::to_string(o.train_bits) : "") +
         (o.models != 1 ? " --models " + std::to_string(o.models) : "") +
         (o.alpha_folds != 0 ? " --alpha-folds " + std::to_string(o.alpha_folds) : "") +
         (o.alpha_grid.empty() ? "" : " --alpha-grid " + Shown(o.alpha_grid)) +
         (o.member_densities.empty() ? "" : " --member-densities " + Shown(o.member_densities)) +
         (o.member_carries.empty() ? "" : " --member-carries " + Shown(o.member_carries)) +
         (o.feature_scaling != FeatureScaling::kNone
              ? std::string(" --feature-scaling ") + FeatureScalingName(o.feature_scaling)
              : "");
}

// "float32" or "8-bit integer training", for the reports.
std::string WeightsText(size_t train_bits) {
  return train_bits == 0 ? "float32" : std::to_string(train_bits) + "-bit integer training";
}

// "; densities 0.05, 0.2 in turn": what mixes the ensemble's members.
std::string MembersText(const PipelineOptions& p) {
  std::string text;
  const auto list = [&](const char* what, const std::vector<float>& values) {
    if (values.empty()) return;
    text += std::string("; ") + what;
    for (size_t i = 0; i < values.size(); ++i)
      text += (i == 0 ? " " : ", ") + NumberText(values[i]);
  };
  list("densities", p.member_densities);
  list(p.member_densities.empty() ? "carries" : "each with carries", p.member_carries);
  return text.empty() ? text : text + " in turn";
}

struct TrialOutcome {
  uint64_t seed = 0;
  PipelineResult result;
  size_t unsupervised_rows = 0, classifier_rows = 0, evaluation_rows = 0;
};

Json ConfigJson(const ExperimentOptions& eo, const PipelineOptions& po) {
  const ModelConfig& c = po.model;
  return {{"weights", WeightsText(po.train_bits)},
          {"train_bits", po.train_bits},
          {"m", c.inputs},
          {"n", c.hidden},
          {"rate_input", FloatForJson(c.rate_input)},
          {"rate_hidden", FloatForJson(c.rate_hidden)},
          {"density", FloatForJson(c.density)},
          {"init_range", FloatForJson(c.init_range)},
          {"init_seed", eo.model.init_seed ? Json(*eo.model.init_seed) : Json("trial seed")},
          {"update_rows", UpdateRowsName(c.update_rows)},
          {"carry", FloatForJson(c.carry)},
          {"learning", LearningName(po.learning)},
          {"zero_init", po.learning.zero_init},
          {"adaptive_tau", FloatForJson(po.learning.adaptive_tau)},
          {"flip_probability", po.learning.flip_probability},
          {"flip_seed", po.learning.flip_seed},
          {"freeze_weights", po.learning.freeze_weights},
          {"pooling", PoolingName(po.pooling)},
          {"reset_per_row", po.reset_per_row},
          {"alpha", po.alpha},
          {"alpha_folds", po.alpha_folds},
          {"alpha_grid", po.alpha_grid.empty() ? DefaultAlphaGrid() : po.alpha_grid},
          {"feature_scaling", FeatureScalingName(po.feature_scaling)},
          {"models", po.models},
          {"member_densities", FloatsForJson(po.member_densities)},
          {"member_carries", FloatsForJson(po.member_carries)},
          {"unsupervised", eo.split.unsupervised},
          {"supervised", eo.split.supervised},
          {"classifier_from", eo.classifier_from},
          {"run_seed", eo.run_seed}};
}

int RunExperiment(const ExperimentCommandOptions& o) {
  const ExperimentOptions& eo = o.experiment;
  CheckExperimentOptions(eo);
  if (o.train_bits != 0 && eo.pipeline.learning.any()) {
    throw Error("--train-bits: the convergence proposals (learning = " +
                LearningName(eo.pipeline.learning) + ") are float training only");
  }
  if (!o.alpha_grid.empty() && o.alpha_folds == 0) {
    throw Error("--alpha-grid: needs --alpha-folds (cross-validation chooses from the grid)");
  }
  const ExperimentData loaded = LoadExperimentData(eo);
  PipelineOptions shown = TrialPipeline(eo, TrialSeed(eo, eo.first_trial - 1), loaded.classes);
  shown.train_bits = static_cast<unsigned>(o.train_bits);
  shown.models = o.models;
  shown.alpha_folds = o.alpha_folds;
  shown.feature_scaling = o.feature_scaling;
  shown.alpha_grid = o.alpha_grid;
  shown.member_densities = o.member_densities;
  shown.member_carries = o.member_carries;
  const ModelConfig& c = shown.model;
  std::printf(
      "bitstate experiment: %s\n%s\n"
      "model: weights=%s m=%zu n=%zu d=%g r_x=%g r_h=%g update_rows=%s carry=%g learning=%s "
      "pooling=%s%s scaling=%s alpha=%s models=%zu; %zu trials, run seed %llu\n",
      loaded.protocol.c_str(), DataLine(loaded, eo).c_str(), WeightsText(o.train_bits).c_str(),
      c.inputs, c.hidden, c.density, c.rate_input, c.rate_hidden, UpdateRowsName(c.update_rows),
      c.carry, LearningName(shown.learning).c_str(), PoolingName(shown.pooling),
      shown.reset_per_row ? " reset-per-row" : "", FeatureScalingName(shown.feature_scaling),
      AlphaText(shown).c_str(), shown.models, eo.trials,
      static_cast<unsigned long long>(eo.run_seed));
  std::fflush(stdout);
  std::filesystem::create_directories(o.out);

  // Trials side by side; threads left over split each trial's training
  // steps (large n) and run its feature passes in segments.
  const size_t threads = ThreadsOrCores(o.threads);
  const size_t side_by_side = std::min(threads, eo.trials);
  const size_t trial_threads = std::max<size_t>(1, threads / side_by_side);
  std::vector<TrialOutcome> outcomes(eo.trials);
  RunConcurrently(eo.trials, side_by_side, [&](size_t t) {
    const size_t trial = eo.first_trial - 1 + t;
    TrialOutcome& outcome = outcomes[t];
    const TrialRows rows = MakeTrialRows(loaded, eo, trial);
    outcome.seed = rows.seed;
    ProgressReporter progress("trial " + std::to_string(trial + 1), side_by_side > 1);
    PipelineOptions pipeline = TrialPipeline(eo, rows.seed, loaded.classes);
    pipeline.threads = trial_threads;
    pipeline.ngram_buckets = o.ngram_buckets;
    pipeline.train_bits = static_cast<unsigned>(o.train_bits);
    pipeline.models = o.models;
    pipeline.alpha_folds = o.alpha_folds;
    pipeline.feature_scaling = shown.feature_scaling;
    pipeline.alpha_grid = o.alpha_grid;
    pipeline.member_densities = o.member_densities;
    pipeline.member_carries = o.member_carries;
    outcome.result = RunPipeline(rows.unsupervised, rows.classifier, rows.evaluation, pipeline,
                                 progress.Callback());
    outcome.unsupervised_rows = rows.unsupervised.size();
    outcome.classifier_rows = rows.classifier.size();
    outcome.evaluation_rows = rows.evaluation.size();
    char peer[64] = "";
    if (outcome.result.ngram_accuracy >= 0) {
      std::snprintf(peer, sizeof(peer), ", char 1-3-gram peer %.2f %%",
                    100 * outcome.result.ngram_accuracy);
    }
    std::printf(
        "trial %zu: model %.2f %%, baseline %.2f %%, final-state pooling %.2f %%%s; training "
        "steps on %zu thread(s), %.1f s; %s\n",
        trial + 1, 100 * outcome.result.model_accuracy, 100 * outcome.result.baseline_accuracy,
        100 * outcome.result.final_state_accuracy, peer, outcome.result.train_threads,
        outcome.result.train_seconds, FeaturePassLine(outcome.result.feature_pass).c_str());
    std::fflush(stdout);
  });

  // Reports.
  std::vector<double> model_acc, baseline_acc, final_acc, ngram_acc;
  std::vector<WindowedCurve> curves;
  Json trials = Json::array();
  Table table({"trial", "seed", "model accuracy (%)", "baseline accuracy (%)",
               "final-state pooling (%)", "char 1-3-gram peer (%)", "train (s)", "features (s)",
               "ridge (s)", "train steps", "late state error (bits)"});
  for (size_t t = 0; t < eo.trials; ++t) {
    const TrialOutcome& outcome = outcomes[t];
    const PipelineResult& r = outcome.result;
    const size_t trial = eo.first_trial + t;
    model_acc.push_back(100 * r.model_accuracy);
    baseline_acc.push_back(100 * r.baseline_accuracy);
    final_acc.push_back(100 * r.final_state_accuracy);
    ngram_acc.push_back(100 * r.ngram_accuracy);
    curves.push_back(Windowed("trial " + std::to_string(trial), r.curve.state_error,
                              r.curve.input_error, o.curve_window));
    table.AddRow({std::to_string(trial), std::to_string(outcome.seed), Fixed(model_acc.back(), 2),
                  Fixed(baseline_acc.back(), 2), Fixed(final_acc.back(), 2),
                  r.ngram_accuracy < 0 ? "" : Fixed(ngram_acc.back(), 2), Fixed(r.train_seconds, 1),
                  Fixed(r.feature_seconds, 1), Fixed(r.classifier_seconds + r.baseline_seconds, 1),
                  std::to_string(r.train_steps), Fixed(LateMean(r.curve.state_error), 1)});
    trials.push_back({{"trial", trial},
                      {"seed", outcome.seed},
                      {"model_accuracy", r.model_accuracy},
                      {"final_state_accuracy", r.final_state_accuracy},
                      {"baseline_accuracy", r.baseline_accuracy},
                      {"ngram_accuracy", r.ngram_accuracy},
                      {"model_alpha", r.model_alpha},
                      {"final_state_alpha", r.final_state_alpha},
                      {"baseline_alpha", r.baseline_alpha},
                      {"ngram_alpha", r.ngram_alpha},
                      {"ngram_seconds", r.ngram_seconds},
                      {"unsupervised_rows", outcome.unsupervised_rows},
                      {"classifier_rows", outcome.classifier_rows},
                      {"evaluation_rows", outcome.evaluation_rows},
                      {"train_steps", r.train_steps},
                      {"feature_steps", r.feature_steps},
                      {"train_seconds", r.train_seconds},
                      {"feature_seconds", r.feature_seconds},
                      {"classifier_seconds", r.classifier_seconds},
                      {"baseline_seconds", r.baseline_seconds},
                      {"train_threads", r.train_threads},
                      {"feature_threads", r.feature_pass.segments},
                      {"feature_recomputed_steps", r.feature_pass.recomputed_steps},
                      {"feature_unmet_segments", r.feature_pass.unmet_segments},
                      {"feature_path", FeaturePathName(r.feature_pass.path)},
                      {"late_state_error", LateMean(r.curve.state_error)}});
  }
  const MeanSd model = Summarise(model_acc), baseline = Summarise(baseline_acc);
  const MeanSd final_pooling = Summarise(final_acc), ngram = Summarise(ngram_acc);
  const bool peer = o.ngram_buckets != 0;
  table.AddRow({"mean ± sd", "", PlusMinus(model), PlusMinus(baseline), PlusMinus(final_pooling),
                peer ? PlusMinus(ngram) : "", "", "", "", "", ""});
  std::string md =
      "# Table I: AG News, " + std::to_string(eo.trials) + " trials\n\n" + loaded.protocol +
      ".\n\nModel: weights " + WeightsText(o.train_bits) + ", m = " + std::to_string(c.inputs) +
      ", n = " + std::to_string(c.hidden) + ", d = " + NumberText(c.density) +
      ", r_x = " + NumberText(c.rate_input) + ", r_h = " + NumberText(c.rate_hidden) +
      ", update_rows = " + UpdateRowsName(c.update_rows) +
      (c.carry != 0.0f ? ", carry lambda = " + NumberText(c.carry) : "") +
      ", learning = " + LearningName(shown.learning) + ", pooling = " + PoolingName(shown.pooling) +
      (shown.reset_per_row ? " (state reset per row)" : "") +
      ", ridge alpha = " + AlphaText(shown) +
      (shown.models != 1 ? ", " + std::to_string(shown.models) + " models (own seeds" +
                               MembersText(shown) + ") with their features side by side"
                         : "") +
      "." +
      (peer ? " Peer: character 1-3-grams of the same rows (sublinear tf-idf, " +
                  std::to_string(o.ngram_buckets) + " hash buckets), the same ridge."
            : "") +
      "\n\n" + table.Markdown() +
      "\nPaper (Table I): model 82.3, 82.6, 81.9, 82.1, 82.2 (mean 82.2); baseline 49.9, 49.2, "
      "48.9, 48.4, 49.4 (mean 49.2).\n\nReproduce: `bitstate experiment " +
      ExperimentArgs(eo, c) + ExperimentOnlyArgs(o) + "` (commit " + BITSTATE_GIT_COMMIT + ")" +
      (o.preset.empty() ? "" : "; the flags of `--preset " + o.preset + "` spelled out") + ".\n";
  const Json results = {{"protocol", loaded.protocol},
                        {"git_commit", BITSTATE_GIT_COMMIT},
                        {"data", eo.data},
                        {"train", loaded.train_path},
                        {"test", loaded.test_path},
                        {"unsupervised_csv", eo.unsupervised_csv},
                        {"classes", loaded.train.classes},
                        {"preset", o.preset},
                        {"config", ConfigJson(eo, shown)},
                        {"trials", std::move(trials)},
                        {"summary",
                         {{"model_mean", model.mean},
                          {"model_sd", model.sd},
                          {"baseline_mean", baseline.mean},
                          {"baseline_sd", baseline.sd},
                          {"final_state_mean", final_pooling.mean},
                          {"final_state_sd", final_pooling.sd},
                          {"ngram_mean", peer ? Json(ngram.mean) : Json(nullptr)},
                          {"ngram_sd", peer ? Json(ngram.sd) : Json(nullptr)},
                          {"ngram_buckets", o.ngram_buckets}}}};
  WriteFileAtomically(o.out + "/table.md", md);
  WriteJsonFile(o.out + "/results.json", results);
  WriteCurveCsv(o.out + "/curves.csv", curves);
  WriteCurveSvg(o.out + "/fig2.svg",
                "Reconstruction errors during training (n = " + std::to_string(c.hidden) +
                    ", update_rows = " + UpdateRowsName(c.update_rows) +
                    (c.carry != 0.0f ? ", carry " + NumberText(c.carry) : "") +
                    ", learning = " + LearningName(shown.learning) +
                    (o.train_bits != 0 ? ", " + WeightsText(o.train_bits) : "") + ")",
                curves);
  std::printf("\n%s\nreports: %s/table.md, results.json, curves.csv, fig2.svg\n", md.c_str(),
              o.out.c_str());
  return 0;
}

void DeclareExperimentFlags(CLI::App& app, ExperimentCommandOptions& o) {
  AddExperimentOptions(app, o.experiment);
  AddText(app, "--out", o.out, "DIR", "where reports go");
  AddInt(app, "--threads", o.threads, 0, 256,
         "threads (0: every core): trials side by side, the rest split each trial's "
         "training steps (n >= 2048) and run its feature passes in segments; results do not "
         "change");
  AddInt(app, "--curve-window", o.curve_window, 1, 100000000,
         "steps per point of the error curves");
  AddInt(app, "--ngram-buckets", o.ngram_buckets, 0, 1 << 20,
         "hash buckets of the character 1-3-gram peer row (sublinear tf-idf, same ridge, same "
         "rows); 0: no peer row");
  AddInt(app, "--train-bits", o.train_bits, 0, 16,
         "train with k-bit integer weights from the start (block scales, stochastic rounding; "
         "the paper's rule only); 0: float32");
  AddInt(app, "--models", o.models, 1, 64,
         "K models with their own seeds trained on the same rows, their pooled features side "
         "by side for the classifier (K x the features and the training)");
  AddInt(app, "--alpha-folds", o.alpha_folds, 0, 100,
         "choose each ridge penalty from 10^-2 .. 10^3 (or --alpha-grid) by K-fold "
         "cross-validation on the classifier rows only (0: --alpha)");
  AddRealList(app, "--alpha-grid", o.alpha_grid, 1e-12, 1e12,
              "with --alpha-folds: the penalties the state features' ridges try (default "
              "10^-2 .. 10^3 in half decades; the baseline and the peer always try the default)");
  AddRealList(app, "--member-densities", o.member_densities, 0, 1,
              "mixed ensembles: member k of --models takes density D[k % |D|] instead of "
              "--density (--models a multiple of |D| x |C|)");
  AddRealList(app, "--member-carries", o.member_carries, 0, 1,
              "mixed ensembles: member k takes carry C[(k / |D|) % |C|] instead of --carry, so "
              "that the members hold every density x carry pair");
  AddChoice<FeatureScaling>(app, "--feature-scaling", o.feature_scaling, ParseFeatureScaling,
                            "none|standard|sqrt|sqrt+standard",
                            FeatureScalingName(o.feature_scaling),
                            "the state features before their ridge, statistics from the "
                            "classifier rows only: none (the paper), standard (zero mean, unit "
                            "sd per feature), sqrt, or sqrt+standard");
}

void DeclareExperiment(CLI::App& app, ExperimentCommandOptions& o) {
  app.description("the paper's AG News experiment (Table I protocol, Fig. 2), default 5 trials");
  DeclareExperimentFlags(app, o);
  // Applied while the command line is read, so that the flags given beside
  // it, stored once it has been read, win.
  app.add_option_function<std::string>(
         "--preset",
         [&o](const std::string& name) {
           const ExperimentPreset& preset = FindExperimentPreset(name);
           CLI::App flags;
           DeclareExperimentFlags(flags, o);
           std::vector<std::string> args = PresetArgs(preset);
           std::reverse(args.begin(), args.end());  // CLI11 reads them from the back
           flags.parse(args);
           o.preset = preset.name;
         },
         PresetHelp())
      ->type_name("NAME")
      ->trigger_on_parse();
}

Json DescribeExperiment(const ExperimentCommandOptions& o) {
  return Merged(DescribeExperimentOptions(o.experiment),
                {{"out", o.out},
                 {"threads", o.threads},
                 {"curve-window", o.curve_window},
                 {"ngram-buckets", o.ngram_buckets},
                 {"train-bits", o.train_bits},
                 {"models", o.models},
                 {"alpha-folds", o.alpha_folds},
                 {"alpha-grid", Shown(o.alpha_grid)},
                 {"member-densities", Shown(o.member_densities)},
                 {"member-carries", Shown(o.member_carries)},
                 {"feature-scaling", FeatureScalingName(o.feature_scaling)},
                 {"preset", o.preset}});
}

}  // namespace

Command AddExperimentCommand(CLI::App& root) {
  return MakeCommand<ExperimentCommandOptions>(root, "experiment", DeclareExperiment, RunExperiment,
                                               DescribeExperiment);
}

}  // namespace bitstate::cli
