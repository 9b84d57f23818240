// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/parallel_features.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <vector>

#include "bitstate/enum_words.h"
#include "bitstate/step_threads.h"
#include "bitstate/stream_batch.h"
#include "experiment/batched_rows.h"
#include "experiment/progress_ticker.h"

namespace bitstate {
namespace {

// Rows [begin, end) of a segment.
struct Segment {
  size_t begin = 0, end = 0, steps = 0;
};

// Up to `count` segments of consecutive rows with about equal steps.
std::vector<Segment> CutSegments(const Dataset& rows, size_t count) {
  const size_t total = CountSteps(rows);
  std::vector<Segment> segments;
  Segment current;
  size_t done = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    current.end = r + 1;
    current.steps += rows[r].symbols.size();
    done += rows[r].symbols.size();
    // Close the segment once the steps so far reach its share of the whole.
    if (segments.size() + 1 < count && done * count >= total * (segments.size() + 1)) {
      segments.push_back(current);
      current = Segment{r + 1, r + 1, 0};
    }
  }
  if (current.end > current.begin || segments.empty()) segments.push_back(current);
  return segments;
}

// The states after each of a segment's first steps, packed.
class StateRecord {
 public:
  StateRecord(size_t words, size_t capacity) : words_(words), capacity_(capacity) {
    states_.reserve(words * capacity);
  }
  void Add(const BitVector& h) {
    if (states_.size() < words_ * capacity_) states_.insert(states_.end(), h.words(), h.words() + words_);
  }
  size_t size() const { return states_.size() / words_; }
  bool Equals(size_t step, const BitVector& h) const {
    return std::equal(h.words(), h.words() + words_, states_.begin() + step * words_);
  }

 private:
  size_t words_, capacity_;
  std::vector<uint64_t> states_;
};

}  // namespace

FeaturePassStats Combined(const FeaturePassStats& a, const FeaturePassStats& b) {
  FeaturePassStats both = a;
  // The second pass's way, if it differs, is the one worth naming.
  if (b.path != FeaturePath::kSequential) both.path = b.path;
  both.step_threads = std::max(a.step_threads, b.step_threads);
  both.batch_streams = std::max(a.batch_streams, b.batch_streams);
  both.probe_steps = std::max(a.probe_steps, b.probe_steps);
  both.segments = std::max(a.segments, b.segments);
  both.steps += b.steps;
  both.recomputed_steps += b.recomputed_steps;
  both.unmet_segments += b.unmet_segments;
  both.meeting_steps.insert(both.meeting_steps.end(), b.meeting_steps.begin(),
                            b.meeting_steps.end());
  return both;
}

namespace {

constexpr EnumWord<FeaturePath> kFeaturePathWords[] = {{FeaturePath::kSequential, "sequential"},
                                                       {FeaturePath::kSegments, "segments"},
                                                       {FeaturePath::kStepThreads, "step threads"},
                                                       {FeaturePath::kBatched, "batched streams"}};

// Whether runs of `model` over the first rows, one from its state and one
// from zero, are in the same state within `steps` steps (the model is not
// changed).
bool RunsMeet(const SequenceModel& model, const Dataset& rows, size_t steps) {
  std::unique_ptr<SequenceModel> true_run = model.Clone(), guessed = model.Clone();
  guessed->ResetState();
  size_t t = 0;
  for (const LabelledSequence& row : rows) {
    for (uint8_t symbol : row.symbols) {
      if (t++ == steps) return false;
      true_run->InferStepSymbol(symbol);
      guessed->InferStepSymbol(symbol);
      if (true_run->state() == guessed->state()) return true;
    }
  }
  return false;
}

// Sets the model's step threads for a scope, then puts back what it had.
class ScopedStepThreads {
 public:
  ScopedStepThreads(SequenceModel& model, size_t threads)
      : model_(model), before_(model.step_threads()) {
    model_.SetStepThreads(threads);
  }
  ~ScopedStepThreads() { model_.SetStepThreads(before_); }
  ScopedStepThreads(const ScopedStepThreads&) = delete;
  ScopedStepThreads& operator=(const ScopedStepThreads&) = delete;

 private:
  SequenceModel& model_;
  size_t before_;
};

// Every row from the zero state, as streams stepped together: one batch
// per segment of rows, one segment per thread. The model is only read;
// then its state is made the sequential pass's by running the last row.
FeatureMatrix BatchedPass(SequenceModel& model, const Dataset& rows, Pooling pooling,
                          size_t threads, size_t batch, const ProgressFn& progress,
                          FeatureMatrix* final_state, FeaturePassStats* stats) {
  FeaturePassStats pass;
  pass.path = FeaturePath::kBatched;
  pass.steps = CountSteps(rows);
  pass.batch_streams = batch;
  const std::vector<Segment> segments = CutSegments(rows, threads);
  pass.segments = segments.size();
  FeatureMatrix features(rows.size(), PooledWidth(pooling, model.hidden()));
  if (final_state != nullptr) *final_state = FeatureMatrix(rows.size(), model.hidden());
  std::mutex progress_mutex;
  ProgressTicker ticker(progress, "features", pass.steps);
  const std::function<void(size_t)> row_done = [&](size_t steps) {
    std::lock_guard<std::mutex> lock(progress_mutex);
    ticker.Add(steps);
  };
  const SequenceModel& shared = model;
  RunConcurrently(segments.size(), segments.size(), [&](size_t k) {
    BatchedRowFeatures(shared, rows, segments[k].begin, segments[k].end, batch, pooling, features,
                       final_state, row_done);
  });
  model.ResetState();
  for (uint8_t symbol : rows.back().symbols) model.InferStepSymbol(symbol);
  pass.recomputed_steps = rows.back().symbols.size();
  if (stats != nullptr) *stats = pass;
  return features;
}

}  // namespace

const char* FeaturePathName(FeaturePath path) { return WordOf(path, kFeaturePathWords); }

size_t BatchStreamsFor(const SequenceModel& model) {
  return model.column_bytes() > kTilesPayAbove ? 64 : 1;
}

FeatureMatrix ComputeStateFeaturesParallel(SequenceModel& model, const Dataset& rows,
                                           Pooling pooling, bool reset_per_row,
                                           const FeaturePassOptions& options,
                                           const ProgressFn& progress, FeatureMatrix* final_state,
                                           FeaturePassStats* stats) {
  const size_t n = model.hidden();
  FeaturePassStats pass;
  pass.steps = CountSteps(rows);
  const size_t threads = std::max<size_t>(options.threads, 1);
  const size_t step_threads = StepThreadsFor(n, threads);
  const size_t batch = options.batch_streams != 0 ? options.batch_streams : BatchStreamsFor(model);
  if (reset_per_row && batch > 1 && !rows.empty()) {
    return BatchedPass(model, rows, pooling, threads, batch, progress, final_state, stats);
  }
  // A carried potential is state that segments neither compare (the
  // meeting test sees bits) nor hand on (SetState takes bits): such a
  // model's pass splits its steps instead.
  if (model.config().carry != 0.0f) {
    pass.path = step_threads > 1 ? FeaturePath::kStepThreads : FeaturePath::kSequential;
    pass.step_threads = step_threads;
    const ScopedStepThreads split(model, step_threads);
    if (stats != nullptr) *stats = pass;
    return ComputeStateFeatures(model, rows, pooling, reset_per_row, progress, final_state);
  }
  // Segments pay only where the runs meet: probed when steps could be split instead.
  if (!reset_per_row && step_threads > 1 && options.probe_steps > 0) {
    pass.probe_steps = options.probe_steps;
    if (!RunsMeet(model, rows, options.probe_steps)) {
      pass.path = FeaturePath::kStepThreads;
      pass.step_threads = step_threads;
      const ScopedStepThreads split(model, step_threads);
      if (stats != nullptr) *stats = pass;
      return ComputeStateFeatures(model, rows, pooling, reset_per_row, progress, final_state);
    }
  }
  const std::vector<Segment> segments = CutSegments(rows, threads);
  pass.segments = segments.size();
  if (segments.size() == 1) {
    if (stats != nullptr) *stats = pass;
    return ComputeStateFeatures(model, rows, pooling, reset_per_row, progress, final_state);
  }
  pass.path = FeaturePath::kSegments;
  FeatureMatrix features(rows.size(), PooledWidth(pooling, n));
  if (final_state != nullptr) *final_state = FeatureMatrix(rows.size(), n);
  const auto row_outputs = [&](size_t r) {
    return std::make_pair(features.row(r), final_state != nullptr ? final_state->row(r) : nullptr);
  };

  // Segment 0 runs on `model` from its true state; the others on copies
  // from the zero state, recording their first states.
  std::vector<std::unique_ptr<SequenceModel>> copies(segments.size());
  std::vector<StateRecord> records;
  for (size_t k = 0; k < segments.size(); ++k) {
    const bool guessed = k != 0 && !reset_per_row;
    records.emplace_back(model.state().num_words(),
                         guessed ? std::min(options.meeting_window, segments[k].steps) : 0);
    if (k != 0) {
      copies[k] = model.Clone();
      copies[k]->ResetState();
    }
  }
  std::mutex progress_mutex;
  ProgressTicker ticker(progress, "features", pass.steps);
  RunConcurrently(segments.size(), segments.size(), [&](size_t k) {
    SequenceModel& m = k == 0 ? model : *copies[k];
    StateRecord& record = records[k];
    StateFeatures pool(n);
    const StepObserver remember = [&record](const BitVector& h) { record.Add(h); };
    for (size_t r = segments[k].begin; r < segments[k].end; ++r) {
      if (reset_per_row) m.ResetState();
      const auto [out, out_final] = row_outputs(r);
      pool.ComputeRow(m, rows[r].symbols.data(), rows[r].symbols.size(), pooling, out, out_final,
                      k != 0 && !reset_per_row ? remember : StepObserver());
      std::lock_guard<std::mutex> lock(progress_mutex);
      ticker.Add(rows[r].symbols.size());
    }
  });

  // In segment order, the true state (in `model`) runs on until it meets
  // the segment's recorded run; the rows up to the meeting are recomputed,
  // alone, so each step is split over the threads where that pays. With
  // reset_per_row every segment started from its true state.
  StateFeatures pool(n);
  const size_t fixup_threads = reset_per_row ? model.step_threads() : step_threads;
  const ScopedStepThreads split(model, fixup_threads);
  pass.step_threads = fixup_threads;
  for (size_t k = reset_per_row ? segments.size() : 1; k < segments.size(); ++k) {
    const StateRecord& record = records[k];
    size_t step = 0;
    bool met = false;
    const StepObserver compare = [&](const BitVector& h) {
      ++step;
      if (!met && step <= record.size() && record.Equals(step - 1, h)) {
        met = true;
        pass.meeting_steps.push_back(step);
      }
    };
    for (size_t r = segments[k].begin; r < segments[k].end && !met; ++r) {
      const auto [out, out_final] = row_outputs(r);
      pool.ComputeRow(model, rows[r].symbols.data(), rows[r].symbols.size(), pooling, out,
                      out_final, compare);
      pass.recomputed_steps += rows[r].symbols.size();
    }
    // Met: the copy's end state is the true one. Not met: `model` ran the
    // whole segment and holds it already.
    if (met) {
      model.SetState(copies[k]->state());
    } else {
      ++pass.unmet_segments;
    }
  }
  if (reset_per_row) model.SetState(copies.back()->state());
  if (stats != nullptr) *stats = pass;
  return features;
}

}  // namespace bitstate
