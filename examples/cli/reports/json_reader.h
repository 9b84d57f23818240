// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// A small JSON reader for the reports bitstate writes itself (results.json),
// so that runs made in separate processes can be merged. Errors name the
// source, line and column.
#ifndef BITSTATE_EXAMPLES_CLI_JSON_READER_H_
#define BITSTATE_EXAMPLES_CLI_JSON_READER_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace bitstate {
namespace cli {

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;
  std::string text;  // kString: the string; kNumber: its digits as written
  std::vector<JsonValue> items;                             // kArray
  std::vector<std::pair<std::string, JsonValue>> members;  // kObject, in order
  std::string where;  // "file: line L, column C", for errors about this value

  // Member `key` of an object; throws naming `where` and the key if absent.
  const JsonValue& At(const std::string& key) const;
  const JsonValue* Find(const std::string& key) const;  // nullptr if absent
  double Number() const;
  uint64_t Unsigned() const;  // exact for integers up to 2^64 - 1
  const std::string& String() const;
  bool Bool() const;
  const std::vector<JsonValue>& Array() const;
};

// Parses one JSON document; `source` names it in errors.
JsonValue ParseJson(const std::string& text, const std::string& source);
JsonValue ReadJsonFile(const std::string& path);

// The value written back as compact JSON (numbers as they were written).
std::string ToJson(const JsonValue& value);

}  // namespace cli
}  // namespace bitstate

#endif  // BITSTATE_EXAMPLES_CLI_JSON_READER_H_
