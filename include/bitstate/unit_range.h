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

}  // namespace bitstate

#endif  // BITSTATE_UNIT_RANGE_H_
