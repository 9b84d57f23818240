// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "reports/json.h"

#include <cstdio>
#include <cstdlib>

#include "bitstate/atomic_file.h"
#include "bitstate/csv_reader.h"

namespace bitstate::cli {

Json ParseJson(const std::string& text, const std::string& source) {
  try {
    return Json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.what(): "[json.exception.parse_error.101] parse error at line L, column C: ..."
    const std::string what = e.what();
    const size_t at = what.find("] ");
    throw Error(source + ": " + (at == std::string::npos ? what : what.substr(at + 2)));
  }
}

Json ReadJsonFile(const std::string& path) { return ParseJson(ReadTextFile(path), path); }

void WriteJsonFile(const std::string& path, const Json& value) {
  WriteFileAtomically(path, value.dump(2) + "\n");
}

double FloatForJson(float value) {
  char text[32];
  for (int digits = 6; digits <= 9; ++digits) {
    std::snprintf(text, sizeof(text), "%.*g", digits, static_cast<double>(value));
    if (std::strtof(text, nullptr) == value) break;
  }
  return std::strtod(text, nullptr);
}

Json FloatsForJson(const std::vector<float>& values) {
  Json list = Json::array();
  for (const float v : values) list.push_back(FloatForJson(v));
  return list;
}

const Json* FindMember(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

const Json& Member(const Json& object, const char* key, const std::string& where) {
  if (!object.is_object()) throw Error(where + ": expected an object, got " + object.dump());
  const Json* value = FindMember(object, key);
  if (value == nullptr) throw Error(where + ": missing field \"" + key + "\"");
  return *value;
}

bool SameValue(const Json* a, const Json* b) {
  if (a == nullptr || b == nullptr) return a == b;
  if (a->is_number() && b->is_number()) return a->get<double>() == b->get<double>();
  return *a == *b;
}

std::string ValueText(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_float()) {
    char text[32];
    std::snprintf(text, sizeof(text), "%g", value.get<double>());
    return text;
  }
  return value.dump();
}

}  // namespace bitstate::cli
