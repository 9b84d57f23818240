// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "progress.h"

#include <unistd.h>

#include <cstdio>

namespace bitstate::cli {

ProgressReporter::ProgressReporter(std::string label, bool plain)
    : label_(std::move(label)), terminal_(!plain && ::isatty(STDERR_FILENO) == 1) {}

void ProgressReporter::Update(const char* phase, size_t done, size_t total) {
  const auto now = std::chrono::steady_clock::now();
  if (phase_ != phase || done == 0) {
    phase_ = phase;
    phase_start_ = last_line_ = now;
  }
  const double elapsed = std::chrono::duration<double>(now - phase_start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
  const double fraction = total != 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  if (terminal_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    std::fprintf(stderr, "\r%s %-8s [%-*s] %5.1f%% %9.0f chars/s ETA %5.0f s ", label_.c_str(),
                 phase, kWidth, std::string(filled, '#').c_str(), 100 * fraction, rate, eta);
    if (done == total) std::fprintf(stderr, "\n");
    std::fflush(stderr);
    return;
  }
  const bool finished = done == total;
  if (finished || std::chrono::duration<double>(now - last_line_).count() >= 10.0) {
    std::fprintf(stderr, "%s %s: %zu/%zu chars (%.1f%%), %.0f chars/s, %s %.0f s\n",
                 label_.c_str(), phase, done, total, 100 * fraction, rate,
                 finished ? "took" : "ETA", finished ? elapsed : eta);
    last_line_ = now;
  }
}

}  // namespace bitstate::cli
