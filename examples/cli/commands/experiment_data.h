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

#include "bitstate/dataset.h"
#include "bitstate/labelled_text.h"
#include "bitstate/pipeline.h"
#include "bitstate/trial_split.h"
#include "commands/model_options.h"
#include "reports/json.h"

namespace bitstate::cli {

struct ExperimentOptions {
  std::string data;                       // --data DIR: DIR/train.csv and DIR/test.csv
  std::string train_csv, test_csv;        // --train, --test: instead of --data's files
  std::string unsupervised_csv;           // --unsupervised-csv: the unsupervised rows' source
  std::string classifier_from = "train";  // "train" or "test:K", as given
  TrialSplitSpec split;
  LabelledTextOptions csv;
  uint64_t run_seed = 1;
  size_t trials = 5, first_trial = 1;  // first_trial counts from 1, as given
  // --pooling, --reset-per-row, --alpha; the model options.
  PipelineOptions pipeline;
  ModelOptions model;
};

// --data (or --train and --test), --unsupervised-csv, --header, --trials,
// --first-trial, --unsupervised, --supervised, --classifier-from, --seed,
// --skip-malformed, --pooling, --reset-per-row, --alpha and the model options.
void AddExperimentOptions(CLI::App& app, ExperimentOptions& options);

// Trial `t` (counting from 0 over the whole run: first_trial - 1 + k) has
// the seed DeriveSeed(run_seed, t); its model is seeded with it unless
// --init-seed was given.
uint64_t TrialSeed(const ExperimentOptions& options, size_t trial);

// The flags that give this run's data, protocol, trials and model (`model`:
// the configuration of its first trial), for a report's reproduce line.
std::string ExperimentArgs(const ExperimentOptions& options, const ModelConfig& model);
// `classes`: of the loaded data (ExperimentData::classes).
PipelineOptions TrialPipeline(const ExperimentOptions& options, uint64_t trial_seed,
                              size_t classes);

// Throws unless the files are given (--data, or --train and --test);
// before anything is read.
void CheckExperimentOptions(const ExperimentOptions& options);
// What AddExperimentOptions declares, as the first trial would run it.
Json DescribeExperimentOptions(const ExperimentOptions& options);

struct ExperimentData {
  std::string train_path, test_path;
  LabelledTextFile train, test;  // test labelled with train's classes
  // --unsupervised-csv: its rows, and of each the hash of its text (rows
  // equal to a classifier or evaluation row are left out of a trial).
  LabelledTextFile unsupervised_source;
  std::vector<size_t> unsupervised_hashes;
  std::vector<int> test_labels;
  size_t classes = 0;
  std::string protocol;  // which protocol runs, in words
};

// Loads the files (reporting skipped rows on stderr) and checks, before any
// training, that the data can supply a trial's subsets.
ExperimentData LoadExperimentData(const ExperimentOptions& options);

// "data: <train> (N rows, K classes: ...), <test> (N rows)[, unsupervised
// rows from <file> (N rows)]", with malformed rows skipped if any.
std::string DataLine(const ExperimentData& data, const ExperimentOptions& options);

struct TrialRows {
  uint64_t seed = 0;
  Dataset unsupervised, classifier, evaluation;
};

// Trial `trial` (counting from 0 over the whole run): its seed and its
// disjoint row subsets. With --unsupervised-csv the unsupervised rows are a
// random U of that file's rows whose text is no classifier or evaluation
// row's text (throws when fewer are left).
TrialRows MakeTrialRows(const ExperimentData& data, const ExperimentOptions& options, size_t trial);

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_COMMANDS_EXPERIMENT_DATA_H_
