// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/text_encoder.h"

namespace bitstate {

void EncodeText(std::string_view text, std::vector<uint8_t>* symbols) {
  symbols->reserve(symbols->size() + text.size());
  for (const char c : text) symbols->push_back(SymbolOfByte(static_cast<unsigned char>(c)));
}

}  // namespace bitstate
