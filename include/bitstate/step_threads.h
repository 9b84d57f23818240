// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The threads one model's steps run on. A step is split by its outputs, not
// by its sums: each part owns a range of hidden units (its slice of every
// column, its rows) or of visible units, computes every number of that range
// in the order one thread would, and writes nothing outside it. So a step on
// T threads is bit-identical to the step on one.
#ifndef BITSTATE_STEP_THREADS_H_
#define BITSTATE_STEP_THREADS_H_

#include <cstddef>
#include <memory>
#include <type_traits>

#include "bitstate/unit_range.h"

namespace bitstate {

class StepTeam;

// None by default: every step runs on the caller's thread. Resize(T) starts
// T - 1 worker threads once; between steps they spin briefly, then sleep. A
// copy of a model starts with none (a copy usually runs on another thread
// beside the original, which already uses the cores).
class StepThreads {
 public:
  StepThreads();
  StepThreads(const StepThreads&);
  StepThreads& operator=(const StepThreads&);
  StepThreads(StepThreads&&) noexcept;
  StepThreads& operator=(StepThreads&&) noexcept;
  ~StepThreads();

  // 0 and 1 both mean none.
  void Resize(size_t threads);
  // Parts a step is split into: 1 without threads.
  size_t count() const;

  // job(part) for part = 0..count()-1, part 0 on the calling thread; returns
  // when every part is done. Not reentrant; one caller at a time; the job
  // must not throw (the steps' parts are kernels, which do not).
  template <class Job>
  void Run(Job&& job) {
    if (!team_) {
      job(size_t{0});
      return;
    }
    using Callable = std::remove_reference_t<Job>;
    RunErased(&job, [](void* f, size_t part) { (*static_cast<Callable*>(f))(part); });
  }

 private:
  void RunErased(void* job, void (*call)(void*, size_t));
  std::unique_ptr<StepTeam> team_;
};

// How many step threads pay for a model of `hidden` units when `threads` are
// free: all of them (at most one per part granule) from
// kMinHiddenForStepThreads units up, else 1. Measured (docs/performance.md):
// a training step at n = 1024 is slower on 2 threads than on 1 (its parts
// are too small to pay for the hand-offs), at n = 4000 1.6x faster.
inline constexpr size_t kMinHiddenForStepThreads = 2048;
inline size_t StepThreadsFor(size_t hidden, size_t threads) {
  if (hidden < kMinHiddenForStepThreads || threads <= 1) return 1;
  const size_t granules = (hidden + kPartGranule - 1) / kPartGranule;
  return threads < granules ? threads : granules;
}

}  // namespace bitstate

#endif  // BITSTATE_STEP_THREADS_H_
