// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "options.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "bitstate/error.h"

namespace bitstate {
namespace cli {

int64_t ParseInt(const std::string& text, const std::string& what, int64_t min, int64_t max) {
  errno = 0;
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE || value < min || value > max) {
    throw Error(what + ": expected an integer in " + std::to_string(min) + ".." +
                std::to_string(max) + ", got '" + text + "'");
  }
  return value;
}

uint64_t ParseUnsigned(const std::string& text, const std::string& what) {
  errno = 0;
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || text[0] == '-' || *end != '\0' || errno == ERANGE) {
    throw Error(what + ": expected an unsigned 64-bit integer, got '" + text + "'");
  }
  return value;
}

std::string NumberText(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", value);
  return text;
}

double ParseReal(const std::string& text, const std::string& what, double min, double max) {
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || errno == ERANGE || !std::isfinite(value) || value < min ||
      value > max) {
    throw Error(what + ": expected a number in [" + NumberText(min) + ", " + NumberText(max) +
                "], got '" + text + "'");
  }
  return value;
}

void ParseAs(const std::string& flag, const std::function<void()>& parse) {
  try {
    parse();
  } catch (const Error& e) {
    throw Error(flag + ": " + e.what());
  }
}

namespace {

// One value-taking option whose text goes to `store`.
CLI::Option* AddValue(CLI::App& app, const std::string& flag,
                      std::function<void(const std::string&)> store, const std::string& type_name,
                      const std::string& shown, const std::string& help) {
  CLI::Option* option = app.add_option_function<std::string>(flag, std::move(store), help);
  option->type_name(type_name);
  if (!shown.empty()) option->default_str(shown);
  return option;
}

}  // namespace

CLI::Option* AddInt(CLI::App& app, const std::string& flag, size_t& target, int64_t min,
                    int64_t max, const std::string& help) {
  return AddValue(
      app, flag,
      [&target, flag, min, max](const std::string& text) {
        target = static_cast<size_t>(ParseInt(text, flag, min, max));
      },
      "N", std::to_string(target), help);
}

CLI::Option* AddInt(CLI::App& app, const std::string& flag, std::optional<size_t>& target,
                    int64_t min, int64_t max, const std::string& help) {
  return AddValue(
      app, flag,
      [&target, flag, min, max](const std::string& text) {
        target = static_cast<size_t>(ParseInt(text, flag, min, max));
      },
      "N", target ? std::to_string(*target) : "", help);
}

CLI::Option* AddReal(CLI::App& app, const std::string& flag, double& target, double min,
                     double max, const std::string& help) {
  return AddValue(
      app, flag,
      [&target, flag, min, max](const std::string& text) {
        target = ParseReal(text, flag, min, max);
      },
      "R", NumberText(target), help);
}

CLI::Option* AddReal(CLI::App& app, const std::string& flag, float& target, double min,
                     double max, const std::string& help) {
  return AddValue(
      app, flag,
      [&target, flag, min, max](const std::string& text) {
        target = static_cast<float>(ParseReal(text, flag, min, max));
      },
      "R", NumberText(target), help);
}

CLI::Option* AddSeed(CLI::App& app, const std::string& flag, uint64_t& target,
                     const std::string& help) {
  return AddValue(
      app, flag,
      [&target, flag](const std::string& text) { target = ParseUnsigned(text, flag); }, "S",
      std::to_string(target), help);
}

CLI::Option* AddSeed(CLI::App& app, const std::string& flag, std::optional<uint64_t>& target,
                     const std::string& help) {
  return AddValue(
      app, flag,
      [&target, flag](const std::string& text) { target = ParseUnsigned(text, flag); }, "S",
      target ? std::to_string(*target) : "", help);
}

CLI::Option* AddText(CLI::App& app, const std::string& flag, std::string& target,
                     const std::string& type_name, const std::string& help) {
  return AddValue(
      app, flag, [&target](const std::string& text) { target = text; }, type_name, target, help);
}

CLI::Option* AddFlag(CLI::App& app, const std::string& flag, bool& target,
                     const std::string& help) {
  return app.add_flag(flag, target, help);
}

}  // namespace cli
}  // namespace bitstate
