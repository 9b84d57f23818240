// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "options.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "bitstate/error.h"

namespace bitstate::cli {

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

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) items.push_back(item);
  return items;
}

size_t ThreadsOrCores(size_t threads) {
  return threads != 0 ? threads : std::max<size_t>(1, std::thread::hardware_concurrency());
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

CLI::Option* AddText(CLI::App& app, const std::string& flag, std::string& target,
                     const std::string& type_name, const std::string& help) {
  return AddParsed(
      app, flag, target, [](const std::string& text) { return text; }, type_name, help);
}

CLI::Option* AddFlag(CLI::App& app, const std::string& flag, bool& target,
                     const std::string& help) {
  return app.add_flag(flag, target, help);
}

}  // namespace bitstate::cli
