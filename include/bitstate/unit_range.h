// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// A range of units (hidden or visible) that one part of a step owns.
#ifndef BITSTATE_UNIT_RANGE_H_
#define BITSTATE_UNIT_RANGE_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace bitstate {

struct UnitRange {
  size_t begin, end;
  size_t size() const { return end - begin; }
};

// Parts are cut at multiples of this many units (kPadBytes of int8 levels),
// so every part's slice of a stored vector starts aligned for any storage
// type and owns whole words of packed bits.
inline constexpr size_t kPartGranule = 256;

// Units of part `part` of `parts` over [0, units): whole granules, as even
// as they go; a part is empty when there are fewer granules than parts.
inline UnitRange PartOf(size_t units, size_t part, size_t parts) {
  const size_t granules = (units + kPartGranule - 1) / kPartGranule;
  return {std::min(units, granules * part / parts * kPartGranule),
          std::min(units, granules * (part + 1) / parts * kPartGranule)};
}

// The positions [begin, end) of an increasing list whose entries lie in `units`.
inline UnitRange ListedIn(const uint32_t* list, size_t count, UnitRange units) {
  const uint32_t* first = std::lower_bound(list, list + count, units.begin);
  const uint32_t* last = std::lower_bound(first, list + count, units.end);
  return {static_cast<size_t>(first - list), static_cast<size_t>(last - list)};
}

// Streams stepped together (stream_batch.h, bitstate_step_symbols) walk W in
// tiles of hidden units: one tile when W's columns hold at most
// kTilesPayAbove bytes, else as many granules as keep a tile's slices of all
// columns within kTileBudgetBytes (at least one). Measured on a 2-core AMD
// EPYC VM (bench/batch_bench.cc, docs/performance.md): tiles paid for float
// columns of 17.6 MB (n = 2048, 1.17x at 64 streams) and 65 MB (n = 4000,
// 1.3-1.6x) and lost for int8 columns of 4.4 and 16 MB (0.9x and 0.6x:
// those passes run from the last-level cache already).
inline constexpr size_t kTilesPayAbove = size_t{24} << 20;
inline constexpr size_t kTileBudgetBytes = size_t{512} << 10;

// fn(range) for [0, tile), [tile, 2 tile), ... up to `units`.
template <class Fn>
void ForEachTile(size_t units, size_t tile, Fn&& fn) {
  for (size_t begin = 0; begin < units; begin += tile)
    fn(UnitRange{begin, std::min(units, begin + tile)});
}

inline size_t TileUnitsFor(size_t hidden, size_t column_bytes) {
  const size_t granules = (hidden + kPartGranule - 1) / kPartGranule;
  if (column_bytes <= kTilesPayAbove || granules == 0) return granules * kPartGranule;
  const size_t per_granule = column_bytes / granules;
  return std::max<size_t>(1, kTileBudgetBytes / std::max<size_t>(1, per_granule)) * kPartGranule;
}

}  // namespace bitstate

#endif  // BITSTATE_UNIT_RANGE_H_
