// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// A feature pass on several threads that gives exactly the sequential
// pass's features and final state.
//
// The paper never resets the state between rows, so a pass looks
// sequential. But two runs of a trained model over the same text, started
// from different states, often reach exactly the same state after a few
// hundred steps and then stay together. So the rows are cut into segments,
// one per thread; every segment after the first is run from a guessed state
// (zero) while its states are recorded; then, in segment order, the true
// state is run on from the previous segment's true end until it equals the
// recorded state of the same step. Only the rows up to that meeting are
// recomputed; from there the segment's own features are the true ones. A
// segment whose runs never meet is recomputed whole (correct, just slower).
// With reset_per_row every row starts from zero, so every segment is exact.
//
// Where a model's runs do not meet, segments only add work; the other exact
// way is to split each step over the threads (step_threads.h). So, carrying
// the state and with a model large enough for step threads, a short probe
// first runs the first rows from the true and from the zero state: if they
// do not meet within probe_steps, the pass runs sequentially with each step
// on all threads. Segments that do not meet are recomputed on step threads
// too. A model with a carry (ModelConfig::carry) holds potentials that
// segments can neither compare nor hand on, so it always splits its steps.
// With reset_per_row the rows are independent streams: on each thread they
// run as a batch of streams stepped together (stream_batch.h), so a weight
// read from memory serves many rows. FeaturePassStats::path says which way
// ran.
#ifndef BITSTATE_PARALLEL_FEATURES_H_
#define BITSTATE_PARALLEL_FEATURES_H_

#ifdef BITSTATE_INFERENCE_LIBRARY
#error "bitstate/parallel_features.h belongs to the full library, not to bitstate_inference"
#endif

#include <cstddef>

#include "bitstate/dataset.h"
#include "bitstate/features.h"
#include "bitstate/pipeline.h"
#include "bitstate/ridge_classifier.h"
#include "bitstate/sequence_model.h"

namespace bitstate {

struct FeaturePassOptions {
  size_t threads = 1;
  // States recorded per segment: the meeting is looked for within this many
  // steps (memory: n / 8 bytes each), else the segment is recomputed whole.
  size_t meeting_window = 20000;
  // Steps of the probe (0: no probe, always segments).
  size_t probe_steps = 2000;
  // Rows stepped together per thread with reset_per_row (1: one at a
  // time); 0: BatchStreamsFor.
  size_t batch_streams = 0;
};

// The batch that pays for `model`: 64 streams where its columns are larger
// than kTilesPayAbove (unit_range.h), else 1.
size_t BatchStreamsFor(const SequenceModel& model);

// Both passes' counts together.
FeaturePassStats Combined(const FeaturePassStats& a, const FeaturePassStats& b);

// ComputeStateFeatures (pipeline.h) with the same result bit for bit,
// including the model's state afterwards; `model` is cloned once per
// further thread. `stats` (if given) says what the pass recomputed.
FeatureMatrix ComputeStateFeaturesParallel(SequenceModel& model, const Dataset& rows,
                                           Pooling pooling, bool reset_per_row,
                                           const FeaturePassOptions& options,
                                           const ProgressFn& progress = {},
                                           FeatureMatrix* final_state = nullptr,
                                           FeaturePassStats* stats = nullptr);

}  // namespace bitstate

#endif  // BITSTATE_PARALLEL_FEATURES_H_
