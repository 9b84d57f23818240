// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// A team of worker threads for the parts of a step: started once, woken per
// job through one generation counter. A step has one to three jobs of
// microseconds each, so waiting spins (a mutex per job would cost more than
// the job); a worker that has spun ~60 us with no job sleeps on a condition
// variable, so an idle model costs no CPU.
#include "bitstate/step_threads.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bitstate/error.h"

namespace bitstate {
namespace {

// A hint to the core that this is a spin-wait loop (frees the pipeline for
// the sibling hyper-thread, lowers power).
inline void SpinPause() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
  asm volatile("yield");
#endif
}

// A worker spins ~60 us (2^11 pauses of ~29 ns on this VM) for the next
// job before it sleeps; the caller spins ~7 us for the parts to finish before
// it yields its core (to a worker that shares it, when there are more
// threads than cores).
constexpr int kWorkerSpins = 1 << 11;
constexpr int kCallerSpins = 1 << 8;

}  // namespace

class StepTeam {
 public:
  // With more threads than cores a spinning thread only delays the one it
  // waits for: then workers sleep at once.
  explicit StepTeam(size_t threads)
      : parts_(threads),
        worker_spins_(threads <= std::thread::hardware_concurrency() ? kWorkerSpins : 0) {
    workers_.reserve(threads - 1);
    for (size_t part = 1; part < threads; ++part) {
      workers_.emplace_back([this, part] { Work(part); });
    }
  }
  ~StepTeam() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_.store(true);
      generation_.fetch_add(1);
    }
    wake_.notify_all();
    for (std::thread& worker : workers_) worker.join();
  }
  StepTeam(const StepTeam&) = delete;
  StepTeam& operator=(const StepTeam&) = delete;

  size_t parts() const { return parts_; }

  void Run(void* job, void (*call)(void*, size_t)) {
    job_ = job;
    call_ = call;
    pending_.store(workers_.size(), std::memory_order_relaxed);
    generation_.fetch_add(1);  // seq_cst: ordered before the sleepers_ read
    if (sleepers_.load() != 0) {
      // Taking the mutex orders this wake after a sleeper's check of the
      // generation (it holds the mutex from the check to the wait).
      { std::lock_guard<std::mutex> lock(mutex_); }
      wake_.notify_all();
    }
    call(job, 0);
    for (int spins = 0; pending_.load(std::memory_order_acquire) != 0; ++spins) {
      if (spins < kCallerSpins) {
        SpinPause();
      } else {
        std::this_thread::yield();
      }
    }
  }

 private:
  void Work(size_t part) {
    uint64_t seen = 0;
    for (;;) {
      uint64_t now = generation_.load(std::memory_order_acquire);
      for (int spins = 0; now == seen && spins < worker_spins_; ++spins) {
        SpinPause();
        now = generation_.load(std::memory_order_acquire);
      }
      if (now == seen) {
        std::unique_lock<std::mutex> lock(mutex_);
        sleepers_.fetch_add(1);
        wake_.wait(lock, [&] { return generation_.load() != seen; });
        sleepers_.fetch_sub(1);
        now = generation_.load();
      }
      seen = now;
      if (stop_.load()) return;
      call_(job_, part);
      pending_.fetch_sub(1, std::memory_order_release);
    }
  }

  const size_t parts_;
  const int worker_spins_;
  std::vector<std::thread> workers_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<size_t> pending_{0};
  std::atomic<int> sleepers_{0};
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  // Written by Run before the generation is bumped, read by workers after.
  void* job_ = nullptr;
  void (*call_)(void*, size_t) = nullptr;
};

StepThreads::StepThreads() = default;
StepThreads::StepThreads(const StepThreads&) {}
StepThreads& StepThreads::operator=(const StepThreads& other) {
  if (this != &other) team_.reset();
  return *this;
}
StepThreads::StepThreads(StepThreads&&) noexcept = default;
StepThreads& StepThreads::operator=(StepThreads&&) noexcept = default;
StepThreads::~StepThreads() = default;

void StepThreads::Resize(size_t threads) {
  if (threads > 1024) throw Error("step threads: " + std::to_string(threads) + " is too many");
  if (threads == count()) return;
  team_.reset();
  if (threads > 1) team_ = std::make_unique<StepTeam>(threads);
}

size_t StepThreads::count() const { return team_ ? team_->parts() : 1; }

void StepThreads::RunErased(void* job, void (*call)(void*, size_t)) { team_->Run(job, call); }

}  // namespace bitstate
