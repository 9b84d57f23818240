// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The AG News CSV files (class 1..4, title, description) as labelled symbol
// sequences, text built as the paper's preprocessing does: labelled text
// (labelled_text.h) held to AG News's three fields and four classes.
#ifndef BITSTATE_AGNEWS_H_
#define BITSTATE_AGNEWS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "bitstate/labelled_text.h"

namespace bitstate {

inline constexpr size_t kAgNewsClasses = 4;

using AgNewsFile = LabelledTextFile;  // labels 0..3 (class 1..4)

// " " + title + " " + description, every backslash replaced by a space.
std::string AgNewsText(const std::string& title, const std::string& description);

// Only skip_malformed of `options` is used: the classes are 1..4, the fields 3.
AgNewsFile ParseAgNewsCsv(std::string_view text, const std::string& source,
                          const LabelledTextOptions& options = {});
AgNewsFile LoadAgNewsCsv(const std::string& path, const LabelledTextOptions& options = {});

}  // namespace bitstate

#endif  // BITSTATE_AGNEWS_H_
