// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// A feature pass over rows that each start from the zero state
// (reset_per_row), run as streams stepped together (stream_batch.h): a
// stream takes the next row when it finishes one, so every stream stays
// busy while rows of any length go through.
#ifndef BITSTATE_EXPERIMENT_BATCHED_ROWS_H_
#define BITSTATE_EXPERIMENT_BATCHED_ROWS_H_

#include <cstddef>
#include <functional>

#include "bitstate/dataset.h"
#include "bitstate/features.h"
#include "bitstate/ridge_classifier.h"
#include "bitstate/sequence_model.h"

namespace bitstate {

// Rows [begin, end) of `rows` through `streams` streams of `model` (read
// only), each row from the zero state: their features (and final states,
// if final_state is not null) as ComputeStateFeatures with reset_per_row
// writes them, bit for bit. row_done(steps) after each row.
void BatchedRowFeatures(const SequenceModel& model, const Dataset& rows, size_t begin, size_t end,
                        size_t streams, Pooling pooling, FeatureMatrix& features,
                        FeatureMatrix* final_state, const std::function<void(size_t)>& row_done);

}  // namespace bitstate

#endif  // BITSTATE_EXPERIMENT_BATCHED_ROWS_H_
