// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Declaring command-line options with CLI11, so that one declaration both
// parses an option and writes its --help line. Values go through strict
// parsers: the whole text, in range, finite; an error names the option.
#ifndef BITSTATE_EXAMPLES_CLI_OPTIONS_H_
#define BITSTATE_EXAMPLES_CLI_OPTIONS_H_

#include <CLI/CLI.hpp>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "bitstate/error.h"

namespace bitstate::cli {

// Strict parsers, exposed for tests and fuzzing: throw bitstate::Error with
// `what` (the option name) in the message.
int64_t ParseInt(const std::string& text, const std::string& what, int64_t min, int64_t max);
uint64_t ParseUnsigned(const std::string& text, const std::string& what);
double ParseReal(const std::string& text, const std::string& what, double min, double max);

// `threads`, or every core of this machine for 0.
size_t ThreadsOrCores(size_t threads);
// "a,b,c" into its items (a list option's text).
std::vector<std::string> SplitList(const std::string& text);

// A number as --help and reports show it (%g).
std::string NumberText(double value);

// The default as --help shows it: none for an empty optional or string.
inline std::string Shown(size_t v) { return std::to_string(v); }
#if SIZE_MAX != UINT64_MAX
inline std::string Shown(uint64_t v) { return std::to_string(v); }
#endif
inline std::string Shown(double v) { return NumberText(v); }
inline std::string Shown(const std::string& v) { return v; }
// "0.1,1,10"; empty for an empty list.
template <typename T>
std::string Shown(const std::vector<T>& values) {
  std::string text;
  for (const T v : values) text += (text.empty() ? "" : ",") + NumberText(v);
  return text;
}
template <typename E, typename = std::enable_if_t<std::is_enum_v<E>>>
std::string Shown(E) {
  return {};  // AddChoice shows the word
}
template <typename T>
std::string Shown(const std::optional<T>& v) {
  return v ? Shown(*v) : std::string();
}

// Declares `flag` (e.g. "--hidden") on `app`: when given, parse(text) is
// stored in `target`, whose value at declaration --help shows as the default.
template <typename T, typename Parse>
CLI::Option* AddParsed(CLI::App& app, const std::string& flag, T& target, Parse parse,
                       const std::string& type_name, const std::string& help) {
  CLI::Option* option = app.add_option_function<std::string>(
      flag, [&target, parse](const std::string& text) { target = parse(text); }, help);
  option->type_name(type_name);
  const std::string shown = Shown(target);
  if (!shown.empty()) option->default_str(shown);
  return option;
}

// A number in [min, max] (Bound: int64_t for integers, double for reals)
// into T or std::optional<T>.
template <typename T, typename Bound, typename Target>
CLI::Option* AddNumber(CLI::App& app, const std::string& flag, Target& target, Bound min,
                       Bound max, const std::string& help) {
  const auto parse = [flag, min, max](const std::string& text) {
    if constexpr (std::is_floating_point_v<T>) {
      return static_cast<T>(ParseReal(text, flag, min, max));
    } else {
      return static_cast<T>(ParseInt(text, flag, min, max));
    }
  };
  return AddParsed(app, flag, target, parse, std::is_floating_point_v<T> ? "R" : "N", help);
}
// Integers into size_t or std::optional<size_t> (--help shows N).
template <typename Target>
CLI::Option* AddInt(CLI::App& app, const std::string& flag, Target& target, int64_t min,
                    int64_t max, const std::string& help) {
  return AddNumber<size_t>(app, flag, target, min, max, help);
}
// Finite reals into float or double (R).
template <typename Target>
CLI::Option* AddReal(CLI::App& app, const std::string& flag, Target& target, double min,
                     double max, const std::string& help) {
  return AddNumber<Target>(app, flag, target, min, max, help);
}
// "R,R,...": a non-empty list of finite reals, each in [min, max], into
// std::vector<T> (T: float or double).
template <typename T>
CLI::Option* AddRealList(CLI::App& app, const std::string& flag, std::vector<T>& target, double min,
                         double max, const std::string& help) {
  const auto parse = [flag, min, max](const std::string& text) {
    std::vector<T> values;
    for (const std::string& item : SplitList(text)) {
      values.push_back(static_cast<T>(ParseReal(item, flag, min, max)));
    }
    if (values.empty()) throw Error(flag + ": no value given");
    return values;
  };
  return AddParsed(app, flag, target, parse, "R,R,...", help);
}
// Unsigned 64-bit seeds into uint64_t or std::optional<uint64_t>.
template <typename T>
CLI::Option* AddSeed(CLI::App& app, const std::string& flag, T& target, const std::string& help) {
  return AddParsed(
      app, flag, target, [flag](const std::string& text) { return ParseUnsigned(text, flag); },
      "S", help);
}
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
  CLI::Option* option = AddParsed(
      app, flag, target,
      [flag, parse](const std::string& text) {
        T value{};
        ParseAs(flag, [&] { value = parse(text); });
        return value;
      },
      type_name, help);
  return option->default_str(shown);
}

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_OPTIONS_H_
