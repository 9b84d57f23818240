// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Packed weight levels in memory (the layout: packed_shape.h).
#ifndef BITSTATE_PACKED_LEVELS_H_
#define BITSTATE_PACKED_LEVELS_H_

#include <cstddef>
#include <cstdint>

#include "bitstate/aligned_buffer.h"
#include "bitstate/packed_shape.h"

namespace bitstate {

// n x v packed levels (all 0, or -1 for binary), by columns.
class PackedLevels {
 public:
  PackedLevels(unsigned bits, size_t n, size_t v)
      : shape_(PackedShapeFor(bits, n)), bytes_(v * shape_.column_bytes + kPackedSlackBytes) {}

  const PackedShape& shape() const { return shape_; }
  const uint8_t* data() const { return bytes_.data(); }
  uint8_t* mutable_data() { return bytes_.data(); }
  // Bytes of the levels (without the slack).
  size_t size() const { return bytes_.size() - kPackedSlackBytes; }
  const uint8_t* column(size_t j) const { return bytes_.data() + j * shape_.column_bytes; }
  uint8_t* column(size_t j) { return bytes_.data() + j * shape_.column_bytes; }
  int32_t Get(size_t row, size_t j) const { return GetPackedLevel(column(j), shape_, row); }
  void Set(size_t row, size_t j, int32_t level) { SetPackedLevel(column(j), shape_, row, level); }

 private:
  PackedShape shape_;
  AlignedBuffer<uint8_t> bytes_;
};

}  // namespace bitstate

#endif  // BITSTATE_PACKED_LEVELS_H_
