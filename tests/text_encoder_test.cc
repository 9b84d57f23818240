// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/text_encoder.h"

#include <doctest/doctest.h>

#include <vector>

namespace bitstate {
namespace {

TEST_CASE("printable ASCII maps to 0..94, every other byte to 95") {
  CHECK(SymbolOfByte(' ') == 0);
  CHECK(SymbolOfByte('A') == 33);
  CHECK(SymbolOfByte('~') == 94);
  CHECK(SymbolOfByte('\n') == 95);
  CHECK(SymbolOfByte(127) == 95);
  CHECK(SymbolOfByte(0xC3) == 95);  // UTF-8 lead byte
  for (int byte = 32; byte <= 126; ++byte) {
    CHECK(CharOfSymbol(SymbolOfByte(static_cast<unsigned char>(byte))) == byte);
  }
}

TEST_CASE("EncodeText appends one symbol per byte") {
  std::vector<uint8_t> symbols = {7};
  EncodeText("a \xC3\xA9!", &symbols);
  CHECK(symbols == std::vector<uint8_t>{7, 65, 0, 95, 95, 1});
}

}  // namespace
}  // namespace bitstate
