// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/agnews.h"

#include "bitstate/csv_reader.h"

namespace bitstate {
namespace {

LabelledTextOptions AgNewsFormat(const LabelledTextOptions& given) {
  LabelledTextOptions o;
  o.skip_malformed = given.skip_malformed;
  o.classes = {"1", "2", "3", "4"};
  o.fields = 3;
  return o;
}

}  // namespace

std::string AgNewsText(const std::string& title, const std::string& description) {
  return LabelledRowText({title, description});
}

AgNewsFile ParseAgNewsCsv(std::string_view text, const std::string& source,
                          const LabelledTextOptions& options) {
  return ParseLabelledText(text, source, AgNewsFormat(options));
}

AgNewsFile LoadAgNewsCsv(const std::string& path, const LabelledTextOptions& options) {
  return ParseAgNewsCsv(ReadTextFile(path), path, options);
}

}  // namespace bitstate
