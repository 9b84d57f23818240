// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Reports in JSON through nlohmann::json (members kept in the order
// written), with errors that name the file and the place in it.
#ifndef BITSTATE_EXAMPLES_CLI_REPORTS_JSON_H_
#define BITSTATE_EXAMPLES_CLI_REPORTS_JSON_H_

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "bitstate/error.h"

namespace bitstate::cli {

using Json = nlohmann::ordered_json;

// Parses `text`; a syntax error names `source` and nlohmann's line and column.
Json ParseJson(const std::string& text, const std::string& source);
Json ReadJsonFile(const std::string& path);
// Written atomically, two-space indented.
void WriteJsonFile(const std::string& path, const Json& value);

// A float as the shortest decimal that reads back to it (1e-06f is 1e-06,
// not 9.99999997e-07), held as a double.
double FloatForJson(float value);
// A list of them, as a JSON array.
Json FloatsForJson(const std::vector<float>& values);

// Member `key` of `object`; `where` names the object in errors, e.g.
// "results.json: trials[0]".
const Json& Member(const Json& object, const char* key, const std::string& where);
const Json* FindMember(const Json& object, const char* key);  // nullptr if absent

// Member `key` as T (an unsigned integer type, double, bool or std::string),
// or an error naming where, the key and the type wanted: no conversion
// between JSON types (1.5 is not an unsigned integer, "1" not a number).
template <typename T>
T MemberAs(const Json& object, const char* key, const std::string& where) {
  const Json& value = Member(object, key, where);
  bool fits;
  const char* wanted;
  if constexpr (std::is_same_v<T, std::string>) {
    fits = value.is_string(), wanted = "a string";
  } else if constexpr (std::is_same_v<T, bool>) {
    fits = value.is_boolean(), wanted = "true or false";
  } else if constexpr (std::is_unsigned_v<T>) {
    fits = value.is_number_unsigned() &&
           value.template get<uint64_t>() <= std::numeric_limits<T>::max(),
    wanted = "an unsigned integer";
  } else {
    static_assert(std::is_same_v<T, double>, "MemberAs: unsigned, double, bool or string");
    fits = value.is_number(), wanted = "a number";
  }
  if (!fits) throw Error(where + ": field \"" + key + "\" is " + value.dump() + ", not " + wanted);
  return value.template get<T>();
}

// `a` with every member of `b` added (or replaced): one description from parts.
inline Json Merged(Json a, const Json& b) {
  a.update(b);
  return a;
}

// Two members equal: numbers by value (1 == 1.0), anything else exactly;
// absent (nullptr) only equals absent.
bool SameValue(const Json* a, const Json* b);
// A value for Markdown: strings bare, numbers as %g, the rest as JSON.
std::string ValueText(const Json& value);

}  // namespace bitstate::cli

#endif  // BITSTATE_EXAMPLES_CLI_REPORTS_JSON_H_
