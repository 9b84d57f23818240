// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "args.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "bitstate/error.h"

namespace bitstate {
namespace cli {

Args::Args(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) {
    std::string token = argv[i];
    const size_t eq = token.find('=');
    if (token.rfind("--", 0) == 0 && eq != std::string::npos) {
      tokens_.push_back(token.substr(0, eq));
      tokens_.push_back(token.substr(eq + 1));
    } else {
      tokens_.push_back(token);
    }
  }
  used_.assign(tokens_.size(), false);
}

int Args::Find(const std::string& name) const {
  for (size_t i = 0; i < tokens_.size(); ++i) {
    if (!used_[i] && tokens_[i] == "--" + name) return static_cast<int>(i);
  }
  return -1;
}

bool Args::Has(const std::string& name) const { return Find(name) >= 0; }

bool Args::Flag(const std::string& name) {
  const int i = Find(name);
  if (i < 0) return false;
  used_[i] = true;
  return true;
}

std::string Args::Take(const std::string& name) {
  const int i = Find(name);
  if (i + 1 >= static_cast<int>(tokens_.size())) throw Error("option --" + name + " needs a value");
  used_[i] = used_[i + 1] = true;
  return tokens_[i + 1];
}

std::string Args::String(const std::string& name, const std::string& fallback) {
  return Has(name) ? Take(name) : fallback;
}

int64_t Args::Int(const std::string& name, int64_t fallback, int64_t min, int64_t max) {
  return Has(name) ? ParseInt(Take(name), "--" + name, min, max) : fallback;
}

uint64_t Args::Seed(const std::string& name, uint64_t fallback) {
  return Has(name) ? ParseUnsigned(Take(name), "--" + name) : fallback;
}

double Args::Real(const std::string& name, double fallback, double min, double max) {
  return Has(name) ? ParseReal(Take(name), "--" + name, min, max) : fallback;
}

void Args::Finish() const {
  for (size_t i = 0; i < tokens_.size(); ++i) {
    if (!used_[i]) throw Error("unknown or repeated argument '" + tokens_[i] + "'");
  }
}

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

namespace {

std::string FormatNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", value);
  return text;
}

}  // namespace

double ParseReal(const std::string& text, const std::string& what, double min, double max) {
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || errno == ERANGE || !std::isfinite(value) || value < min ||
      value > max) {
    throw Error(what + ": expected a number in [" + FormatNumber(min) + ", " + FormatNumber(max) +
                "], got '" + text + "'");
  }
  return value;
}

}  // namespace cli
}  // namespace bitstate
