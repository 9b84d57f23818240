// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// libFuzzer target: arbitrary bytes as an AG News CSV file, in stop mode
// and in skip-and-count mode.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bitstate/agnews.h"
#include "bitstate/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool skip : {false, true}) {
    bitstate::AgNewsOptions options;
    options.skip_malformed = skip;
    try {
      const bitstate::AgNewsFile file = bitstate::ParseAgNewsCsv(text, "fuzz.csv", options);
      if (file.rows.size() != file.lines.size()) __builtin_trap();
      for (const auto& row : file.rows) {
        if (row.label < 0 || row.label > 3) __builtin_trap();
        for (uint8_t s : row.symbols) {
          if (s > 95) __builtin_trap();
        }
      }
    } catch (const bitstate::Error&) {
    }
  }
  return 0;
}
