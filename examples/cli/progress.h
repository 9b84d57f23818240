// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_EXAMPLES_CLI_PROGRESS_H_
#define BITSTATE_EXAMPLES_CLI_PROGRESS_H_

#include <chrono>
#include <cstddef>
#include <string>

#include "bitstate/pipeline.h"

namespace bitstate::cli {

// Progress of long runs on stderr: a redrawn bar with rate (characters/s)
// and ETA on a terminal, a plain line every ~10 s otherwise (logs, CI).
class ProgressReporter {
 public:
  // plain: periodic lines even on a terminal (several reporters at once).
  explicit ProgressReporter(std::string label, bool plain = false);
  void Update(const char* phase, size_t done, size_t total);
  ProgressFn Callback() {
    return [this](const char* phase, size_t done, size_t total) { Update(phase, done, total); };
  }

 private:
  std::string label_;
  bool terminal_;
  std::string phase_;
  std::chrono::steady_clock::time_point phase_start_, last_line_;
};

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_PROGRESS_H_
