// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The scalar parts of the eq. 3 update: the row layout's scatter (the same
// for every backend, called by the model) and the column kernels' lane mask
// (Highway's step_kernels-inl.h, xsimd_kernels.cc).
#ifndef BITSTATE_KERNELS_SPARSE_UPDATE_PARTS_H_
#define BITSTATE_KERNELS_SPARSE_UPDATE_PARTS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "kernels/kernel_table.h"

namespace bitstate {
namespace kernels {

// Eq. 3 on the row layout: each selected row gets the sparse delta vector.
inline void AddDeltasToRows(float* rows, size_t row_stride, const SelectedUnits& selected,
                            const SparseDeltas& deltas) {
  for (size_t r = 0; r < selected.count; ++r) {
    float* row = rows + selected.list[r] * row_stride;
    for (size_t k = 0; k < deltas.count; ++k) row[deltas.index[k]] += deltas.delta[k];
  }
}

// Column copy's lane mask, built once per step: all ones in the lanes of
// the selected rows, zero elsewhere, over `padded` lanes. Unselected lanes
// then add +0.0, which changes no weight (no weight is ever -0.0; see
// docs/model.md), so streaming whole columns equals the reference's sparse
// additions bit for bit.
inline void MarkSelectedLanes(const SelectedUnits& rows, size_t padded, uint32_t* lanes) {
  std::memset(lanes, 0, padded * sizeof(uint32_t));
  for (size_t r = 0; r < rows.count; ++r) lanes[rows.list[r]] = ~0u;
}

}  // namespace kernels
}  // namespace bitstate

#endif  // BITSTATE_KERNELS_SPARSE_UPDATE_PARTS_H_
