// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// AG News loading and per-trial row subsets, shared by `experiment` and
// `sweep-bits`: the same --data, split options, seeds and protocol text,
// and the same pipeline and model options.
#ifndef BITSTATE_EXAMPLES_CLI_COMMANDS_EXPERIMENT_DATA_H_
#define BITSTATE_EXAMPLES_CLI_COMMANDS_EXPERIMENT_DATA_H_

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "bitstate/agnews.h"
#include "bitstate/dataset.h"
#include "bitstate/pipeline.h"
#include "bitstate/trial_split.h"
#include "commands/model_options.h"
#include "reports/json.h"

namespace bitstate::cli {

struct ExperimentOptions {
  std::string data;                      // --data DIR
  std::string classifier_from = "train";  // "train" or "test:K", as given
  TrialSplitSpec split;
  AgNewsOptions csv;
  uint64_t run_seed = 1;
  size_t trials = 5, first_trial = 1;  // first_trial counts from 1, as given
  // --pooling, --reset-per-row, --alpha; the model options.
  PipelineOptions pipeline;
  ModelOptions model;
};

// --data, --trials, --first-trial, --unsupervised, --supervised,
// --classifier-from, --seed, --skip-malformed, --pooling, --reset-per-row,
// --alpha and the model options.
void AddExperimentOptions(CLI::App& app, ExperimentOptions& options);

// Trial `t` (counting from 0 over the whole run: first_trial - 1 + k) has
// the seed DeriveSeed(run_seed, t); its model is seeded with it unless
// --init-seed was given.
uint64_t TrialSeed(const ExperimentOptions& options, size_t trial);

// The flags that give this run's data, protocol, trials and model (`model`:
// the configuration of its first trial), for a report's reproduce line.
std::string ExperimentArgs(const ExperimentOptions& options, const ModelConfig& model);
PipelineOptions TrialPipeline(const ExperimentOptions& options, uint64_t trial_seed);

// Throws unless --data was given; before anything is read.
void CheckExperimentOptions(const ExperimentOptions& options);
// What AddExperimentOptions declares, as the first trial would run it.
Json DescribeExperimentOptions(const ExperimentOptions& options);

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

// Trial `trial` (counting from 0 over the whole run): its seed and its
// disjoint row subsets.
TrialRows MakeTrialRows(const ExperimentData& data, const ExperimentOptions& options, size_t trial);

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_COMMANDS_EXPERIMENT_DATA_H_
