// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "commands/experiment_data.h"

#include <cstdio>

#include "bitstate/error.h"
#include "bitstate/pipeline.h"
#include "bitstate/random.h"
#include "bitstate/text_encoder.h"
#include "options.h"

namespace bitstate::cli {
namespace {

// "train" -> 0, "test:K" -> K.
size_t ParseClassifierFrom(const std::string& text) {
  if (text == "train") return 0;
  if (text.rfind("test:", 0) == 0) {
    return static_cast<size_t>(ParseInt(text.substr(5), "--classifier-from test:K", 4, 1000000));
  }
  throw Error("--classifier-from: expected 'train' or 'test:K', got '" + text + "'");
}

Dataset Pick(const Dataset& rows, const std::vector<size_t>& indices) {
  Dataset out;
  out.reserve(indices.size());
  for (size_t i : indices) out.push_back(rows[i]);
  return out;
}

}  // namespace

void AddExperimentOptions(CLI::App& app, ExperimentOptions& o) {
  AddText(app, "--data", o.data, "DIR", "AG News folder with train.csv and test.csv (required)");
  AddInt(app, "--trials", o.trials, 1, 1000, "trials, each with its own seed and subsets");
  AddInt(app, "--first-trial", o.first_trial, 1, 1000000,
         "number the trials from N (seeds as in a full run), to split one run over several "
         "processes");
  AddInt(app, "--unsupervised", o.split.unsupervised, 0, 100000000,
         "training rows for unsupervised learning");
  AddInt(app, "--supervised", o.split.supervised, 1, 100000000,
         "training rows for the classifier");
  app.add_option_function<std::string>(
         "--classifier-from",
         [&o](const std::string& text) {
           o.split.classifier_from_test = ParseClassifierFrom(text);
           o.classifier_from = text;
         },
         "train (the paper) or test:K (class-balanced K test rows fit the classifier, the "
         "other test rows evaluate it)")
      ->type_name("SRC")
      ->default_str(o.classifier_from);
  AddSeed(app, "--seed", o.run_seed, "run seed; trial t uses DeriveSeed(S, t)");
  AddFlag(app, "--skip-malformed", o.csv.skip_malformed,
          "skip and count malformed CSV rows instead of stopping");
  AddChoice<Pooling>(app, "--pooling", o.pipeline.pooling, ParsePooling, "mean|final",
                     PoolingName(o.pipeline.pooling), "feature pooling");
  AddFlag(app, "--reset-per-row", o.pipeline.reset_per_row, "reset the state before every row");
  AddReal(app, "--alpha", o.pipeline.alpha, 1e-12, 1e12, "ridge penalty");
  AddModelOptions(app, o.model, "4000, the paper's", "each trial's own seed");
}

uint64_t TrialSeed(const ExperimentOptions& o, size_t trial) { return DeriveSeed(o.run_seed, trial); }

std::string ExperimentArgs(const ExperimentOptions& o, const ModelConfig& c) {
  const PipelineOptions& p = o.pipeline;
  return "--data " + o.data + " --trials " + std::to_string(o.trials) + " --first-trial " +
         std::to_string(o.first_trial) + " --seed " + std::to_string(o.run_seed) +
         " --classifier-from " + o.classifier_from + " --unsupervised " +
         std::to_string(o.split.unsupervised) + " --supervised " +
         std::to_string(o.split.supervised) + (o.csv.skip_malformed ? " --skip-malformed" : "") +
         " --hidden " + std::to_string(c.hidden) + " --density " + NumberText(c.density) +
         " --rate-input " + NumberText(c.rate_input) + " --rate-hidden " +
         NumberText(c.rate_hidden) + " --init-range " + NumberText(c.init_range) +
         (o.model.init_seed ? " --init-seed " + std::to_string(*o.model.init_seed) : "") +
         " --update-rows " + UpdateRowsName(c.update_rows) + " --pooling " +
         PoolingName(p.pooling) + (p.reset_per_row ? " --reset-per-row" : "") + " --alpha " +
         NumberText(p.alpha);
}

PipelineOptions TrialPipeline(const ExperimentOptions& o, uint64_t trial_seed) {
  PipelineOptions p = o.pipeline;
  p.model = ResolveModel(o.model, ModelConfig{}.hidden, trial_seed);
  p.classes = kAgNewsClasses;
  return p;
}

void CheckExperimentOptions(const ExperimentOptions& o) {
  if (o.data.empty()) {
    throw Error("--data DIR is required (the folder with AG News train.csv and test.csv)");
  }
  TrialPipeline(o, 0);  // the model options, checked
}

Json DescribeExperimentOptions(const ExperimentOptions& o) {
  const PipelineOptions p = TrialPipeline(o, TrialSeed(o, o.first_trial - 1));
  Json out = {{"data", o.data},
              {"trials", o.trials},
              {"first-trial", o.first_trial},
              {"unsupervised", o.split.unsupervised},
              {"supervised", o.split.supervised},
              {"classifier-from", o.split.classifier_from_test},
              {"seed", o.run_seed},
              {"skip-malformed", o.csv.skip_malformed},
              {"pooling", PoolingName(p.pooling)},
              {"reset-per-row", p.reset_per_row},
              {"alpha", p.alpha}};
  out.update(DescribeModel(p.model));
  return out;
}

ExperimentData LoadExperimentData(const ExperimentOptions& options) {
  ExperimentData d;
  d.train = LoadAgNewsCsv(options.data + "/train.csv", options.csv);
  d.test = LoadAgNewsCsv(options.data + "/test.csv", options.csv);
  for (const AgNewsFile* f : {&d.train, &d.test}) {
    for (const CsvProblem& p : f->problems) {
      std::fprintf(stderr, "skipped line %zu: %s\n", p.line, p.message.c_str());
    }
  }
  d.test_labels = Labels(d.test.rows);
  // Fail early (before hours of training) if the data cannot supply a trial.
  MakeTrialSplit(d.train.rows.size(), d.test_labels, kAgNewsClasses, options.split);

  const TrialSplitSpec& s = options.split;
  if (s.classifier_from_test == 0) {
    d.protocol = "paper protocol: " + std::to_string(s.unsupervised) +
                 " random training rows for unsupervised learning, " +
                 std::to_string(s.supervised) +
                 " further training rows for the classifier, evaluation on all " +
                 std::to_string(d.test.rows.size()) + " test rows";
  } else {
    const size_t k = s.classifier_from_test;
    d.protocol = "MODIFIED protocol (classifier rows from the test set): " +
                 std::to_string(s.unsupervised) +
                 " random training rows for unsupervised learning, a class-balanced " +
                 std::to_string(k) + " of the test rows for the classifier, evaluation on the other " +
                 std::to_string(d.test.rows.size() - k) + " test rows";
  }
  return d;
}

TrialRows MakeTrialRows(const ExperimentData& data, const ExperimentOptions& options,
                        size_t trial) {
  TrialRows rows;
  rows.seed = TrialSeed(options, trial);
  TrialSplitSpec spec = options.split;
  spec.seed = rows.seed;
  const TrialSplit split =
      MakeTrialSplit(data.train.rows.size(), data.test_labels, kAgNewsClasses, spec);
  rows.unsupervised = Pick(data.train.rows, split.unsupervised);
  rows.classifier = Pick(split.classifier_from_test ? data.test.rows : data.train.rows,
                         split.classifier);
  rows.evaluation = Pick(data.test.rows, split.evaluation);
  return rows;
}

}  // namespace bitstate::cli
