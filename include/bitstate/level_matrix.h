// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// W as k-bit integer levels, in the narrowest type that holds them (int8 for
// k <= 8, int16 above), by columns (eq. 1) and, for training, by rows
// (eq. 2). Code that touches the levels is written once, as a generic
// lambda over LevelLayouts<T> passed to Visit. An inference-only matrix of
// k <= 4 may instead be packed (packed_shape.h); Visit then sees empty
// layouts and packed() holds the levels.
#ifndef BITSTATE_LEVEL_MATRIX_H_
#define BITSTATE_LEVEL_MATRIX_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <variant>

#include "bitstate/aligned_buffer.h"
#include "bitstate/packed_levels.h"
#include "bitstate/quantization.h"

namespace bitstate {

template <typename T>
struct LevelLayouts {
  using Level = T;
  size_t column_stride = 0, row_stride = 0;  // elements; padded for the kernels
  AlignedBuffer<T> columns;                  // level (i, j) at j * column_stride + i
  AlignedBuffer<T> rows;                     // level (i, j) at i * row_stride + j; may be empty

  LevelLayouts(size_t n, size_t v, bool with_rows)
      : column_stride(PaddedLength<T>(n)),
        row_stride(PaddedLength<T>(v)),
        columns(v * column_stride),
        rows(with_rows ? n * row_stride : 0) {}
};

class LevelMatrix {
 public:
  // n x v levels of `bits` bits, all zero (binary packed: -1); the row
  // layout when `with_rows`; packed when `storage` says so (no rows then).
  LevelMatrix(unsigned bits, size_t n, size_t v, bool with_rows, LevelStorage storage)
      : layouts_(storage == LevelStorage::kInt16
                     ? Layouts(LevelLayouts<int16_t>(n, v, with_rows))
                     : Layouts(LevelLayouts<int8_t>(Packed(storage) ? 0 : n,
                                                    Packed(storage) ? 0 : v, with_rows))),
        packed_(Packed(storage) ? PackedLevels(bits, n, v) : PackedLevels(bits, 0, 0)),
        storage_(storage),
        with_rows_(with_rows) {}

  LevelStorage storage() const { return storage_; }
  const PackedLevels& packed() const { return packed_; }
  PackedLevels& mutable_packed() { return packed_; }

  template <class Visitor>
  decltype(auto) Visit(Visitor&& visit) {
    return std::visit(visit, layouts_);
  }
  template <class Visitor>
  decltype(auto) Visit(Visitor&& visit) const {
    return std::visit(visit, layouts_);
  }

  int32_t Get(size_t row, size_t column) const {
    if (Packed(storage_)) return packed_.Get(row, column);
    return Visit([&](const auto& l) -> int32_t { return l.columns[column * l.column_stride + row]; });
  }
  // Both layouts (the caller keeps `level` on the grid).
  void Set(size_t row, size_t column, int32_t level) {
    if (Packed(storage_)) return packed_.Set(row, column, level);
    Visit([&](auto& l) {
      using T = typename std::decay_t<decltype(l)>::Level;
      l.columns[column * l.column_stride + row] = static_cast<T>(level);
      if (with_rows_) l.rows[row * l.row_stride + column] = static_cast<T>(level);
    });
  }
  // Bytes of the n x v stored levels (packed: as laid out; else no padding).
  size_t bytes(size_t n, size_t v) const {
    if (Packed(storage_)) return packed_.size();
    return n * v * Visit([](const auto& l) { return sizeof(*l.columns.data()); });
  }

 private:
  using Layouts = std::variant<LevelLayouts<int8_t>, LevelLayouts<int16_t>>;
  static constexpr bool Packed(LevelStorage s) { return IsPacked(s); }
  Layouts layouts_;
  PackedLevels packed_;
  LevelStorage storage_;
  bool with_rows_;
};

}  // namespace bitstate

#endif  // BITSTATE_LEVEL_MATRIX_H_
