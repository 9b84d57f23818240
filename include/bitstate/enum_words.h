// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Enumerations spelled as words (options, reports, model files): one table
// of {value, word} per enumeration serves both directions, so a name and
// its parser cannot drift apart.
#ifndef BITSTATE_ENUM_WORDS_H_
#define BITSTATE_ENUM_WORDS_H_

#include <cstddef>
#include <string>

#include "bitstate/error.h"

namespace bitstate {

template <typename E>
struct EnumWord {
  E value;
  const char* word;
};

template <typename E, size_t N>
const char* WordOf(E value, const EnumWord<E> (&words)[N]) {
  for (const EnumWord<E>& w : words) {
    if (w.value == value) return w.word;
  }
  return "?";
}

// Throws "<what>: expected 'a', 'b' or 'c', got '<text>'".
template <typename E, size_t N>
E ParseWord(const std::string& text, const EnumWord<E> (&words)[N], const char* what) {
  std::string expected;
  for (size_t k = 0; k < N; ++k) {
    if (text == words[k].word) return words[k].value;
    expected += (k == 0 ? "'" : k + 1 == N ? " or '" : ", '") + std::string(words[k].word) + "'";
  }
  throw Error(std::string(what) + ": expected " + expected + ", got '" + text + "'");
}

}  // namespace bitstate

#endif  // BITSTATE_ENUM_WORDS_H_
