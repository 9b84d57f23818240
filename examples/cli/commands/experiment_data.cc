// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "commands/experiment_data.h"

#include <cstdio>
#include <functional>
#include <numeric>
#include <string_view>
#include <unordered_set>

#include "bitstate/error.h"
#include "bitstate/pipeline.h"
#include "bitstate/random.h"
#include "bitstate/text_encoder.h"
#include "commands/sequence_input.h"
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

size_t TextHash(const LabelledSequence& row) {
  return std::hash<std::string_view>{}(
      std::string_view(reinterpret_cast<const char*>(row.symbols.data()), row.symbols.size()));
}

std::string TrainPath(const ExperimentOptions& o) {
  return o.train_csv.empty() ? o.data + "/train.csv" : o.train_csv;
}
std::string TestPath(const ExperimentOptions& o) {
  return o.test_csv.empty() ? o.data + "/test.csv" : o.test_csv;
}

// `count` random rows of the --unsupervised-csv file whose text is no row
// of `taken` (a hash match leaves a row out: at worst one more row is
// passed over, never a shared row let in).
Dataset PickUnsupervised(const ExperimentData& data, size_t count, uint64_t trial_seed,
                         const std::vector<const Dataset*>& taken, const std::string& path) {
  std::unordered_set<size_t> used;
  for (const Dataset* rows : taken) {
    for (const LabelledSequence& row : *rows) used.insert(TextHash(row));
  }
  std::vector<size_t> order(data.unsupervised_source.rows.size());
  std::iota(order.begin(), order.end(), size_t{0});
  Rng rng(DeriveSeed(trial_seed, 2));
  Shuffle(order, rng);
  Dataset out;
  out.reserve(count);
  for (size_t i : order) {
    if (out.size() == count) break;
    if (used.count(data.unsupervised_hashes[i]) == 0)
      out.push_back(data.unsupervised_source.rows[i]);
  }
  if (out.size() < count) {
    throw Error("--unsupervised-csv " + path + ": only " + std::to_string(out.size()) +
                " of its rows are no classifier or evaluation row, --unsupervised asks for " +
                std::to_string(count));
  }
  return out;
}

}  // namespace

void AddExperimentOptions(CLI::App& app, ExperimentOptions& o) {
  AddText(app, "--data", o.data, "DIR",
          "folder with train.csv and test.csv (AG News, or any labelled text: class, then text "
          "fields)");
  AddText(app, "--train", o.train_csv, "FILE", "the training rows (instead of DIR/train.csv)");
  AddText(app, "--test", o.test_csv, "FILE", "the test rows (instead of DIR/test.csv)");
  AddText(app, "--unsupervised-csv", o.unsupervised_csv, "FILE",
          "take the unsupervised rows from FILE (labels unused; e.g. AG News train_text.csv), "
          "leaving out rows equal to a classifier or evaluation row; the classifier rows still "
          "come from the training file");
  AddFlag(app, "--header", o.csv.header, "each CSV file's first line names its columns");
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
  AddInt(app, "--validation", o.split.validation, 0, 100000000,
         "evaluate on N further training rows instead of the test set (a validation split for "
         "choosing settings; 0: the test set)");
  AddSeed(app, "--seed", o.run_seed, "run seed; trial t uses DeriveSeed(S, t)");
  AddFlag(app, "--skip-malformed", o.csv.skip_malformed,
          "skip and count malformed CSV rows instead of stopping");
  AddChoice<Pooling>(app, "--pooling", o.pipeline.pooling, ParsePooling,
                     "mean|final|late-mean|mean+final", PoolingName(o.pipeline.pooling),
                     "feature pooling: the mean state over the row (the paper), the last state, "
                     "the mean over the row's second half, or the mean and the last state side "
                     "by side (2n features)");
  AddFlag(app, "--reset-per-row", o.pipeline.reset_per_row, "reset the state before every row");
  AddReal(app, "--alpha", o.pipeline.alpha, 1e-12, 1e12, "ridge penalty");
  AddModelOptions(app, o.model, "4000, the paper's", "each trial's own seed");
  AddLearningOptions(app, o.pipeline.learning);
}

uint64_t TrialSeed(const ExperimentOptions& o, size_t trial) { return DeriveSeed(o.run_seed, trial); }

std::string ExperimentArgs(const ExperimentOptions& o, const ModelConfig& c) {
  const PipelineOptions& p = o.pipeline;
  return (o.data.empty() ? "" : "--data " + o.data + " ") +
         (o.train_csv.empty() ? "" : "--train " + o.train_csv + " ") +
         (o.test_csv.empty() ? "" : "--test " + o.test_csv + " ") +
         (o.unsupervised_csv.empty() ? "" : "--unsupervised-csv " + o.unsupervised_csv + " ") +
         (o.csv.header ? "--header " : "") + "--trials " + std::to_string(o.trials) +
         " --first-trial " + std::to_string(o.first_trial) + " --seed " +
         std::to_string(o.run_seed) + " --classifier-from " + o.classifier_from +
         " --unsupervised " + std::to_string(o.split.unsupervised) + " --supervised " +
         std::to_string(o.split.supervised) +
         (o.split.validation ? " --validation " + std::to_string(o.split.validation) : "") +
         (o.csv.skip_malformed ? " --skip-malformed" : "") + " --hidden " +
         std::to_string(c.hidden) + " --density " + NumberText(c.density) + " --rate-input " +
         NumberText(c.rate_input) + " --rate-hidden " + NumberText(c.rate_hidden) +
         " --init-range " + NumberText(c.init_range) +
         (o.model.init_seed ? " --init-seed " + std::to_string(*o.model.init_seed) : "") +
         " --update-rows " + UpdateRowsName(c.update_rows) +
         (c.carry != 0.0f ? " --carry " + NumberText(c.carry) : "") + " " +
         LearningArgs(p.learning) + "--pooling " + PoolingName(p.pooling) +
         (p.reset_per_row ? " --reset-per-row" : "") + " --alpha " + NumberText(p.alpha);
}

PipelineOptions TrialPipeline(const ExperimentOptions& o, uint64_t trial_seed, size_t classes) {
  PipelineOptions p = o.pipeline;
  p.model = ResolveModel(o.model, ModelConfig{}.hidden, trial_seed);
  p.classes = classes;
  return p;
}

void CheckExperimentOptions(const ExperimentOptions& o) {
  if (o.data.empty() && (o.train_csv.empty() || o.test_csv.empty())) {
    throw Error(
        "give --data DIR (the folder with train.csv and test.csv, e.g. AG News) or both --train "
        "FILE and --test FILE");
  }
  TrialPipeline(o, 0, 2);  // the model options, checked
  o.pipeline.learning.Validate();
}

Json DescribeExperimentOptions(const ExperimentOptions& o) {
  const PipelineOptions p = TrialPipeline(o, TrialSeed(o, o.first_trial - 1), 0);
  Json out = {{"data", o.data},
              {"train", o.train_csv},
              {"test", o.test_csv},
              {"unsupervised-csv", o.unsupervised_csv},
              {"header", o.csv.header},
              {"trials", o.trials},
              {"first-trial", o.first_trial},
              {"unsupervised", o.split.unsupervised},
              {"supervised", o.split.supervised},
              {"validation", o.split.validation},
              {"classifier-from", o.split.classifier_from_test},
              {"seed", o.run_seed},
              {"skip-malformed", o.csv.skip_malformed},
              {"pooling", PoolingName(p.pooling)},
              {"reset-per-row", p.reset_per_row},
              {"alpha", p.alpha}};
  out.update(DescribeModel(p.model));
  out.update(DescribeLearning(p.learning));
  return out;
}

ExperimentData LoadExperimentData(const ExperimentOptions& options) {
  ExperimentData d;
  d.train_path = TrainPath(options);
  d.test_path = TestPath(options);
  LabelledTextOptions csv = options.csv;
  d.train = LoadLabelledText(d.train_path, csv);
  ReportSkippedRows(d.train, d.train_path);
  d.classes = d.train.classes.size();
  if (d.classes < 2) {
    throw Error(d.train_path + ": every row has the class '" + d.train.classes[0] +
                "': a classifier needs at least two");
  }
  csv.classes = d.train.classes;  // the test file's labels mean the same classes
  d.test = LoadLabelledText(d.test_path, csv);
  ReportSkippedRows(d.test, d.test_path);
  d.test_labels = Labels(d.test.rows);

  TrialSplitSpec s = options.split;
  const bool own_source = !options.unsupervised_csv.empty();
  if (own_source) {
    LabelledTextOptions text_only = options.csv;  // any classes: the labels are not used
    d.unsupervised_source = LoadLabelledText(options.unsupervised_csv, text_only);
    ReportSkippedRows(d.unsupervised_source, options.unsupervised_csv);
    for (const LabelledSequence& row : d.unsupervised_source.rows) {
      d.unsupervised_hashes.push_back(TextHash(row));
    }
    if (d.unsupervised_source.rows.size() < s.unsupervised) {
      throw Error("--unsupervised-csv " + options.unsupervised_csv + " has " +
                  std::to_string(d.unsupervised_source.rows.size()) +
                  " rows, --unsupervised asks for " + std::to_string(s.unsupervised));
    }
    s.unsupervised = 0;
  }
  // Fail early (before hours of training) if the data cannot supply a trial.
  MakeTrialSplit(d.train.rows.size(), d.test_labels, d.classes, s);

  const std::string unsupervised =
      std::to_string(options.split.unsupervised) +
      (own_source ? " random rows of " + options.unsupervised_csv +
                        " (none equal to a classifier or evaluation row)"
                  : std::string(" random training rows")) +
      " for unsupervised learning, ";
  if (s.validation > 0) {
    d.protocol = "VALIDATION protocol (no test row used): " + unsupervised +
                 std::to_string(s.supervised) + (own_source ? " random" : " further") +
                 " training rows for the classifier, evaluation on " +
                 std::to_string(s.validation) + " further training rows";
  } else if (s.classifier_from_test == 0) {
    d.protocol = "paper protocol: " + unsupervised + std::to_string(s.supervised) +
                 (own_source ? " random" : " further") +
                 " training rows for the classifier, evaluation on all " +
                 std::to_string(d.test.rows.size()) + " test rows";
  } else {
    const size_t k = s.classifier_from_test;
    d.protocol = "MODIFIED protocol (classifier rows from the test set): " + unsupervised +
                 "a class-balanced " + std::to_string(k) +
                 " of the test rows for the classifier, evaluation on the other " +
                 std::to_string(d.test.rows.size() - k) + " test rows";
  }
  return d;
}

std::string DataLine(const ExperimentData& d, const ExperimentOptions& o) {
  const auto rows = [](const LabelledTextFile& f) {
    return std::to_string(f.rows.size()) + " rows" +
           (f.skipped ? ", " + std::to_string(f.skipped) + " malformed skipped" : "");
  };
  return "data: " + d.train_path + " (" + rows(d.train) + ", " + std::to_string(d.classes) +
         " classes: " + ClassList(d.train.classes) + "), " + d.test_path + " (" + rows(d.test) +
         ")" +
         (o.unsupervised_csv.empty() ? std::string()
                                     : ", unsupervised rows from " + o.unsupervised_csv + " (" +
                                           rows(d.unsupervised_source) + ")");
}

TrialRows MakeTrialRows(const ExperimentData& data, const ExperimentOptions& options,
                        size_t trial) {
  TrialRows rows;
  rows.seed = TrialSeed(options, trial);
  TrialSplitSpec spec = options.split;
  spec.seed = rows.seed;
  const bool own_source = !options.unsupervised_csv.empty();
  if (own_source) spec.unsupervised = 0;
  const TrialSplit split =
      MakeTrialSplit(data.train.rows.size(), data.test_labels, data.classes, spec);
  rows.classifier = Pick(split.classifier_from_test ? data.test.rows : data.train.rows,
                         split.classifier);
  rows.evaluation = Pick(split.evaluation_from_train ? data.train.rows : data.test.rows,
                         split.evaluation);
  rows.unsupervised =
      own_source ? PickUnsupervised(data, options.split.unsupervised, rows.seed,
                                    {&rows.classifier, &rows.evaluation}, options.unsupervised_csv)
                 : Pick(data.train.rows, split.unsupervised);
  return rows;
}

}  // namespace bitstate::cli
