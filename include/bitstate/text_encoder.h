// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Text as symbols: printable ASCII 32..126 -> 0..94, every other byte
// (control characters, UTF-8 lead and continuation bytes) -> 95.
#ifndef BITSTATE_TEXT_ENCODER_H_
#define BITSTATE_TEXT_ENCODER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace bitstate {

inline constexpr size_t kTextSymbols = 96;
inline constexpr uint8_t kUnknownSymbol = 95;

constexpr uint8_t SymbolOfByte(unsigned char byte) {
  return (byte >= 32 && byte <= 126) ? static_cast<uint8_t>(byte - 32)
                                     : kUnknownSymbol;
}

// The printable character of a symbol ('?' stands for the unknown symbol 95).
constexpr char CharOfSymbol(uint8_t symbol) {
  return symbol < kUnknownSymbol ? static_cast<char>(symbol + 32) : '?';
}

// Appends one symbol per byte of text.
void EncodeText(std::string_view text, std::vector<uint8_t>* symbols);

}  // namespace bitstate

#endif  // BITSTATE_TEXT_ENCODER_H_
