// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/model_config.h"

#include "bitstate/enum_words.h"
#include "bitstate/error.h"
#include "core/model_config_check.h"

namespace bitstate {

namespace {

constexpr EnumWord<UpdateRows> kUpdateRowsWords[] = {{UpdateRows::kNext, "next"},
                                                     {UpdateRows::kPrevious, "previous"}};

}  // namespace

const char* UpdateRowsName(UpdateRows rows) { return WordOf(rows, kUpdateRowsWords); }
UpdateRows ParseUpdateRows(const std::string& text) {
  return ParseWord(text, kUpdateRowsWords, "update_rows");
}

void ModelConfig::Validate() const {
  FixedText why;
  if (!CheckModelConfig(*this, &why)) throw Error(why.c_str());
}

}  // namespace bitstate
