// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "experiment/batched_rows.h"

#include <algorithm>
#include <vector>

#include "bitstate/stream_batch.h"

namespace bitstate {

void BatchedRowFeatures(const SequenceModel& model, const Dataset& rows, size_t begin, size_t end,
                        size_t streams, Pooling pooling, FeatureMatrix& features,
                        FeatureMatrix* final_state, const std::function<void(size_t)>& row_done) {
  StreamBatch batch(model, std::max<size_t>(1, std::min(streams, end - begin)));
  constexpr size_t kFree = SIZE_MAX;
  std::vector<size_t> row_of(batch.streams(), kFree), at(batch.streams(), 0);
  std::vector<RowPooling> pools(batch.streams(), RowPooling(model.hidden()));
  // A finished row's outputs, as StateFeatures::ComputeRow writes them.
  const auto finish = [&](size_t s) {
    const size_t r = row_of[s], steps = rows[r].symbols.size();
    pools[s].Finish(batch.state(s), features.row(r),
                    final_state != nullptr ? final_state->row(r) : nullptr);
    row_of[s] = kFree;
    if (row_done) row_done(steps);
  };
  size_t next = begin, busy = 0;
  for (;;) {
    // Free streams take the next rows (an empty row is finished at once).
    for (size_t s = 0; s < batch.streams(); ++s) {
      while (row_of[s] == kFree && next < end) {
        row_of[s] = next++;
        at[s] = 0;
        batch.Reset(s);
        pools[s].Start(pooling, rows[row_of[s]].symbols.size());
        if (rows[row_of[s]].symbols.empty()) {
          finish(s);
        } else {
          ++busy;
        }
      }
    }
    if (busy == 0) return;
    for (size_t s = 0; s < batch.streams(); ++s) {
      if (row_of[s] != kFree) batch.SetInput(s, rows[row_of[s]].symbols[at[s]]);
    }
    model.InferStepBatch(batch);
    for (size_t s = 0; s < batch.streams(); ++s) {
      if (row_of[s] == kFree) continue;
      pools[s].Add(at[s], batch.state(s));
      if (++at[s] == rows[row_of[s]].symbols.size()) {
        finish(s);
        --busy;
      }
    }
  }
}

}  // namespace bitstate
