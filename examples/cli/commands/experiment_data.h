// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// AG News loading and per-trial row subsets, shared by `experiment` and
// `sweep-bits`: the same --data, split options, seeds and protocol text.
#ifndef BITSTATE_EXAMPLES_CLI_EXPERIMENT_DATA_H_
#define BITSTATE_EXAMPLES_CLI_EXPERIMENT_DATA_H_

#include <cstdint>
#include <string>
#include <vector>

#include "args.h"
#include "bitstate/agnews.h"
#include "bitstate/dataset.h"
#include "bitstate/trial_split.h"

namespace bitstate {
namespace cli {

// Help lines of the options ReadExperimentOptions takes.
extern const char* const kExperimentDataHelp;

struct ExperimentOptions {
  std::string data;             // --data DIR
  std::string classifier_from;  // "train" or "test:K", as given
  TrialSplitSpec split;
  AgNewsOptions csv;
  uint64_t run_seed = 1;
  size_t trials = 5, first_trial = 0;  // first_trial counts from 0
};

// --data, --trials, --first-trial, --unsupervised, --supervised,
// --classifier-from, --seed, --skip-malformed.
ExperimentOptions ReadExperimentOptions(Args& args, size_t default_trials);

struct ExperimentData {
  AgNewsFile train, test;
  std::vector<int> test_labels;
  std::string protocol;  // which protocol runs, in words
};

// Loads both files (reporting skipped rows on stderr) and checks, before any
// training, that the data can supply a trial's subsets.
ExperimentData LoadExperimentData(const ExperimentOptions& options);

struct TrialRows {
  uint64_t seed = 0;
  Dataset unsupervised, classifier, evaluation;
};

// Trial `trial` (counting from 0 over the whole run): its seed,
// DeriveSeed(run_seed, trial), and its disjoint row subsets.
TrialRows MakeTrialRows(const ExperimentData& data, const ExperimentOptions& options, size_t trial);

}  // namespace cli
}  // namespace bitstate

#endif  // BITSTATE_EXAMPLES_CLI_EXPERIMENT_DATA_H_
