// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "commands/experiment_data.h"

#include <cstdio>

#include "bitstate/error.h"
#include "bitstate/pipeline.h"
#include "bitstate/random.h"

namespace bitstate {
namespace cli {
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

const char* const kExperimentDataHelp =
    "  --data DIR              AG News folder with train.csv and test.csv (required)\n"
    "  --trials T              trials, each with its own seed and subsets\n"
    "  --first-trial F         number the trials from F (seeds as in a full run), to\n"
    "                          split one run over several processes (default 1)\n"
    "  --unsupervised U        training rows for unsupervised learning (default 5000)\n"
    "  --supervised S          training rows for the classifier (default 5000)\n"
    "  --classifier-from SRC   train (the paper) or test:K (class-balanced K test rows fit\n"
    "                          the classifier, the other test rows evaluate it)\n"
    "  --seed S                run seed; trial t uses DeriveSeed(S, t) (default 1)\n"
    "  --skip-malformed        skip and count malformed CSV rows instead of stopping\n";

ExperimentOptions ReadExperimentOptions(Args& args, size_t default_trials) {
  ExperimentOptions o;
  o.data = args.String("data", "");
  if (o.data.empty()) {
    throw Error("--data DIR is required (the folder with AG News train.csv and test.csv)");
  }
  o.trials = static_cast<size_t>(args.Int("trials", static_cast<int64_t>(default_trials), 1, 1000));
  o.first_trial = static_cast<size_t>(args.Int("first-trial", 1, 1, 1000000)) - 1;
  o.split.unsupervised = static_cast<size_t>(args.Int("unsupervised", 5000, 0, 100000000));
  o.split.supervised = static_cast<size_t>(args.Int("supervised", 5000, 1, 100000000));
  o.classifier_from = args.String("classifier-from", "train");
  o.split.classifier_from_test = ParseClassifierFrom(o.classifier_from);
  o.run_seed = args.Seed("seed", 1);
  o.csv.skip_malformed = args.Flag("skip-malformed");
  return o;
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
  rows.seed = DeriveSeed(options.run_seed, trial);
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

}  // namespace cli
}  // namespace bitstate
