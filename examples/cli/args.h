// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Command-line options of the form --name value, --name=value and --flag.
// Every getter consumes its option; Finish() rejects what nobody asked for.
// Numbers are parsed strictly: the whole text, in range, finite.
#ifndef BITSTATE_EXAMPLES_CLI_ARGS_H_
#define BITSTATE_EXAMPLES_CLI_ARGS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace bitstate {
namespace cli {

class Args {
 public:
  Args(int argc, char** argv, int first);

  bool Flag(const std::string& name);
  std::string String(const std::string& name, const std::string& fallback);
  bool Has(const std::string& name) const;
  int64_t Int(const std::string& name, int64_t fallback, int64_t min, int64_t max);
  uint64_t Seed(const std::string& name, uint64_t fallback);
  double Real(const std::string& name, double fallback, double min, double max);
  // Throws bitstate::Error naming the first option left unused.
  void Finish() const;

 private:
  // Index of the option's token, or -1.
  int Find(const std::string& name) const;
  std::string Take(const std::string& name);

  std::vector<std::string> tokens_;
  std::vector<bool> used_;
};

// Strict parsers, exposed for tests and fuzzing: throw bitstate::Error with
// `what` (the option name) in the message.
int64_t ParseInt(const std::string& text, const std::string& what, int64_t min, int64_t max);
uint64_t ParseUnsigned(const std::string& text, const std::string& what);
double ParseReal(const std::string& text, const std::string& what, double min, double max);

}  // namespace cli
}  // namespace bitstate

#endif  // BITSTATE_EXAMPLES_CLI_ARGS_H_
