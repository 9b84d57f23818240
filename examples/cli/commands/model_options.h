// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The model options of every command that builds a model.
#ifndef BITSTATE_EXAMPLES_CLI_COMMANDS_MODEL_OPTIONS_H_
#define BITSTATE_EXAMPLES_CLI_COMMANDS_MODEL_OPTIONS_H_

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "bitstate/learning_options.h"
#include "bitstate/model_config.h"
#include "reports/json.h"

namespace bitstate::cli {

struct ModelOptions {
  std::optional<size_t> hidden;       // --hidden; else the command's default
  ModelConfig config;                 // m = 96 (text); rates, d, init range, update_rows
  std::optional<uint64_t> init_seed;  // --init-seed; else the command's default
};

// --hidden, --rate-input, --rate-hidden, --density, --init-range,
// --init-seed, --update-rows, --carry. The help of --hidden and --init-seed names
// the command's defaults.
void AddModelOptions(CLI::App& app, ModelOptions& options, const std::string& hidden_default,
                     const std::string& init_seed_default);

// The configuration a command runs: its defaults where no flag was given,
// checked (ModelConfig::Validate).
ModelConfig ResolveModel(const ModelOptions& options, size_t default_hidden,
                         uint64_t default_init_seed);

// The model flags' values in `config`, keyed by flag name.
Json DescribeModel(const ModelConfig& config);

// The convergence proposals of float training (learning_options.h):
// --zero-init, --adaptive-tau, --flip-probability, --flip-seed, and the
// control --freeze-weights.
void AddLearningOptions(CLI::App& app, LearningOptions& options);
Json DescribeLearning(const LearningOptions& options);
// The flags that give `options`, each followed by a space ("" when off).
std::string LearningArgs(const LearningOptions& options);

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_COMMANDS_MODEL_OPTIONS_H_
