// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// ProgressFn calls every so many steps of a pass, and at its start and end.
#ifndef BITSTATE_EXPERIMENT_PROGRESS_TICKER_H_
#define BITSTATE_EXPERIMENT_PROGRESS_TICKER_H_

#include <cstddef>

#include "bitstate/pipeline.h"

namespace bitstate {

// Progress is reported about this often (in steps), so the callback costs
// nothing measurable.
constexpr size_t kProgressEvery = 1 << 14;

// Not thread-safe: a pass on several threads adds under a lock.
class ProgressTicker {
 public:
  ProgressTicker(const ProgressFn& fn, const char* phase, size_t total)
      : fn_(fn), phase_(phase), total_(total) {
    if (fn_) fn_(phase_, 0, total_);
  }
  void Add(size_t steps) {
    done_ += steps;
    if (fn_ && done_ >= next_) {
      fn_(phase_, done_, total_);
      next_ = done_ + kProgressEvery;
    }
  }
  ~ProgressTicker() {
    if (fn_) fn_(phase_, done_, total_);
  }

 private:
  const ProgressFn& fn_;
  const char* phase_;
  size_t total_, done_ = 0, next_ = kProgressEvery;
};

}  // namespace bitstate

#endif  // BITSTATE_EXPERIMENT_PROGRESS_TICKER_H_
