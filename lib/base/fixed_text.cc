// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "base/fixed_text.h"

namespace bitstate {

FixedText& FixedText::operator<<(float value) {
  const double v = value;
  if (v != v) return *this << "nan";
  if (v < 0) *this << "-";
  double magnitude = v < 0 ? -v : v;
  if (magnitude > 3.5e38) return *this << "inf";
  if (magnitude == 0) return *this << "0";
  // magnitude = digits * 10^(exponent - 5), 100000 <= digits < 1000000.
  int exponent = 0;
  while (magnitude >= 10) magnitude /= 10, ++exponent;
  while (magnitude < 1) magnitude *= 10, --exponent;
  uint64_t digits = static_cast<uint64_t>(magnitude * 100000 + 0.5);
  if (digits >= 1000000) digits /= 10, ++exponent;
  char text[8];
  for (int i = 5; i >= 0; --i, digits /= 10) text[i] = static_cast<char>('0' + digits % 10);
  int last = 5;  // trailing zeros are dropped, as %g does
  while (last > 0 && text[last] == '0') --last;
  text[last + 1] = '\0';
  const auto put = [this](char c) {
    const char s[2] = {c, '\0'};
    *this << static_cast<const char*>(s);
  };
  if (exponent < -4 || exponent >= 6) {
    put(text[0]);
    if (last > 0) put('.'), *this << static_cast<const char*>(text + 1);
    *this << (exponent < 0 ? "e-" : "e+");
    const int e = exponent < 0 ? -exponent : exponent;
    if (e < 10) put('0');
    return *this << e;
  }
  if (exponent < 0) {
    *this << "0.";
    for (int i = -1; i > exponent; --i) put('0');
    return *this << static_cast<const char*>(text);
  }
  for (int i = 0; i <= (last > exponent ? last : exponent); ++i) {
    if (i == exponent + 1) put('.');
    put(i <= last ? text[i] : '0');
  }
  return *this;
}

}  // namespace bitstate
