// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// libFuzzer target: arbitrary bytes as an AG News CSV file and as labelled
// text with classes found in the file, each in stop mode and in
// skip-and-count mode.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bitstate/agnews.h"
#include "bitstate/error.h"
#include "bitstate/labelled_text.h"

namespace {

void CheckFile(const bitstate::LabelledTextFile& file) {
  if (file.rows.size() != file.lines.size() || file.classes.empty()) __builtin_trap();
  for (const auto& row : file.rows) {
    if (row.label < 0 || static_cast<size_t>(row.label) >= file.classes.size()) __builtin_trap();
    for (uint8_t s : row.symbols) {
      if (s > 95) __builtin_trap();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool skip : {false, true}) {
    bitstate::LabelledTextOptions options;
    options.skip_malformed = skip;
    try {
      const bitstate::AgNewsFile file = bitstate::ParseAgNewsCsv(text, "fuzz.csv", options);
      if (file.classes.size() != bitstate::kAgNewsClasses) __builtin_trap();
      CheckFile(file);
    } catch (const bitstate::Error&) {
    }
    options.header = size % 2 == 1;
    try {
      CheckFile(bitstate::ParseLabelledText(text, "fuzz.csv", options));
    } catch (const bitstate::Error&) {
    }
  }
  return 0;
}
