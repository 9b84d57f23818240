// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "commands/experiment_presets.h"

#include <sstream>

#include "bitstate/error.h"

namespace bitstate::cli {

const std::vector<ExperimentPreset>& ExperimentPresets() {
  // Accuracies: the paper's protocol on agnews-52k (docs/results.md).
  static const std::vector<ExperimentPreset> kPresets = {
      {"paper", "--hidden 4000 --density 0.1 --rate-input 0.01 --rate-hidden 1e-06 --alpha 1",
       "the paper's Table I model: 82.37 +- 0.20 % (5 trials); ~30-40 min a trial here; W "
       "16.4 M weights: 65.5 MB in float32, 8.2 MB at 4 bits"},
      {"best",
       "--hidden 1024 --density 0.05 --carry 0.9 --models 16 --alpha-folds 5 --rate-input 0.01 "
       "--rate-hidden 1e-06",
       "the search's best: 16 models of n = 1024 with a carry, states side by side, penalty by "
       "cross-validation: 84.75 +- 0.17 % (5 trials; 86.08 % on the search's validation "
       "split); ~3 min of training and ~12-15 min a trial on two threads here, 4.5 GB; "
       "16 x 1.15 M weights: 73.4 MB in float32, 9.2 MB at 4 bits"},
      {"best8",
       "--hidden 1024 --density 0.05 --carry 0.9 --models 8 --alpha-folds 5 --rate-input 0.01 "
       "--rate-hidden 1e-06",
       "half the best's cost: 8 models of n = 1024: 83.55 +- 0.15 % (5 trials; 85.08 % on "
       "validation); ~3 min of training and ~17 min a trial (most of it the cross-validated "
       "ridges) on one thread here; 8 x 1.15 M weights: 36.7 MB in float32, 4.6 MB at 4 bits"},
  };
  return kPresets;
}

const ExperimentPreset& FindExperimentPreset(const std::string& name) {
  std::string names;
  for (const ExperimentPreset& preset : ExperimentPresets()) {
    if (name == preset.name) return preset;
    names += std::string(names.empty() ? "" : ", ") + preset.name;
  }
  throw Error("--preset: no preset '" + name + "' (presets: " + names + ")");
}

std::vector<std::string> PresetArgs(const ExperimentPreset& preset) {
  std::vector<std::string> args;
  std::istringstream words(preset.flags);
  for (std::string word; words >> word;) args.push_back(word);
  return args;
}

std::string PresetHelp() {
  std::string help = "named settings; flags given beside it win:";
  for (const ExperimentPreset& preset : ExperimentPresets()) {
    help += std::string("\n  ") + preset.name + ": " + preset.flags + " (" + preset.summary + ")";
  }
  return help;
}

}  // namespace bitstate::cli
