// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Declaring command-line options with CLI11, so that one declaration both
// parses an option and writes its --help line. Values go through strict
// parsers: the whole text, in range, finite; an error names the option.
#ifndef BITSTATE_EXAMPLES_CLI_OPTIONS_H_
#define BITSTATE_EXAMPLES_CLI_OPTIONS_H_

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace bitstate {
namespace cli {

// Strict parsers, exposed for tests and fuzzing: throw bitstate::Error with
// `what` (the option name) in the message.
int64_t ParseInt(const std::string& text, const std::string& what, int64_t min, int64_t max);
uint64_t ParseUnsigned(const std::string& text, const std::string& what);
double ParseReal(const std::string& text, const std::string& what, double min, double max);

// A number as --help and reports show it (%g).
std::string NumberText(double value);

// Each Add* declares `flag` (e.g. "--hidden") on `app`; when given, its
// value is parsed and stored in `target`, whose value at declaration is
// shown as the default (none for an empty string or an empty optional).
CLI::Option* AddInt(CLI::App& app, const std::string& flag, size_t& target, int64_t min,
                    int64_t max, const std::string& help);
CLI::Option* AddInt(CLI::App& app, const std::string& flag, std::optional<size_t>& target,
                    int64_t min, int64_t max, const std::string& help);
CLI::Option* AddReal(CLI::App& app, const std::string& flag, double& target, double min,
                     double max, const std::string& help);
CLI::Option* AddReal(CLI::App& app, const std::string& flag, float& target, double min,
                     double max, const std::string& help);
CLI::Option* AddSeed(CLI::App& app, const std::string& flag, uint64_t& target,
                     const std::string& help);
CLI::Option* AddSeed(CLI::App& app, const std::string& flag, std::optional<uint64_t>& target,
                     const std::string& help);
CLI::Option* AddText(CLI::App& app, const std::string& flag, std::string& target,
                     const std::string& type_name, const std::string& help);
CLI::Option* AddFlag(CLI::App& app, const std::string& flag, bool& target,
                     const std::string& help);
// A word parsed by `parse` (e.g. ParsePooling); its errors are prefixed
// with the flag. `shown` is the default as the user would type it.
template <typename T>
CLI::Option* AddChoice(CLI::App& app, const std::string& flag, T& target,
                       std::function<T(const std::string&)> parse, const std::string& type_name,
                       const std::string& shown, const std::string& help);

// Runs `parse` and prefixes its bitstate::Error with `flag`.
void ParseAs(const std::string& flag, const std::function<void()>& parse);

template <typename T>
CLI::Option* AddChoice(CLI::App& app, const std::string& flag, T& target,
                       std::function<T(const std::string&)> parse, const std::string& type_name,
                       const std::string& shown, const std::string& help) {
  return app
      .add_option_function<std::string>(
          flag,
          [&target, flag, parse](const std::string& text) {
            ParseAs(flag, [&] { target = parse(text); });
          },
          help)
      ->type_name(type_name)
      ->default_str(shown);
}

}  // namespace cli
}  // namespace bitstate

#endif  // BITSTATE_EXAMPLES_CLI_OPTIONS_H_
