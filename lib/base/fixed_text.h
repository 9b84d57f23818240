// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// A message built in a fixed buffer: how the parts that firmware links
// (no heap, no exceptions) say what is wrong. Text past the capacity is
// cut, never written out of bounds.
#ifndef BITSTATE_BASE_FIXED_TEXT_H_
#define BITSTATE_BASE_FIXED_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace bitstate {

class FixedText {
 public:
  static constexpr size_t kCapacity = 255;

  const char* c_str() const { return text_; }
  size_t size() const { return size_; }
  FixedText& Clear() {
    size_ = 0;
    text_[0] = '\0';
    return *this;
  }

  FixedText& operator<<(const char* text) {
    while (*text != '\0' && size_ < kCapacity) text_[size_++] = *text++;
    text_[size_] = '\0';
    return *this;
  }
  template <typename T, typename = std::enable_if_t<std::is_integral<T>::value>>
  FixedText& operator<<(T value) {
    if (std::is_signed<T>::value && value < 0) {
      *this << "-";
      return AppendDecimal(0 - static_cast<uint64_t>(static_cast<int64_t>(value)));
    }
    return AppendDecimal(static_cast<uint64_t>(value));
  }
  // Six significant digits, like printf's %g (the last digit may differ).
  FixedText& operator<<(float value);

 private:
  FixedText& AppendDecimal(uint64_t value) {
    char digits[20];
    size_t count = 0;
    do {
      digits[count++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    char text[21];
    for (size_t i = 0; i < count; ++i) text[i] = digits[count - 1 - i];
    text[count] = '\0';
    return *this << static_cast<const char*>(text);
  }

  char text_[kCapacity + 1] = {};
  size_t size_ = 0;
};

}  // namespace bitstate

#endif  // BITSTATE_BASE_FIXED_TEXT_H_
