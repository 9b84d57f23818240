// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Named settings of `bitstate experiment` (`--preset NAME`): what the
// search measured best, in one command. A preset is a list of flags, so
// the reports' reproduce line spells out what it set, and a flag given on
// the command line beside it wins.
#ifndef BITSTATE_CLI_EXPERIMENT_PRESETS_H_
#define BITSTATE_CLI_EXPERIMENT_PRESETS_H_

#include <string>
#include <vector>

namespace bitstate::cli {

struct ExperimentPreset {
  const char* name;
  const char* flags;    // as typed after `bitstate experiment`
  const char* summary;  // what it is, what it measured, what it costs
};

const std::vector<ExperimentPreset>& ExperimentPresets();

// The preset called `name`; an Error listing the names otherwise.
const ExperimentPreset& FindExperimentPreset(const std::string& name);

// "--a 1 --b" -> {"--a", "1", "--b"} (flags hold no quoted spaces).
std::vector<std::string> PresetArgs(const ExperimentPreset& preset);

// The --help text of --preset: every preset with its flags and summary.
std::string PresetHelp();

}  // namespace bitstate::cli

#endif  // BITSTATE_CLI_EXPERIMENT_PRESETS_H_
