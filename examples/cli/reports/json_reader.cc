// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "reports/json_reader.h"

#include <cerrno>
#include <cstdlib>

#include "bitstate/csv_reader.h"
#include "bitstate/error.h"
#include "reports/report.h"

namespace bitstate {
namespace cli {
namespace {

// Reports are small and written by bitstate, but a hand-edited or truncated
// file must fail with a position, not crash: nesting is bounded.
constexpr int kMaxDepth = 64;

class Parser {
 public:
  Parser(const std::string& text, const std::string& source) : text_(text), source_(source) {}

  JsonValue Document() {
    JsonValue value = Value(0);
    SkipSpace();
    if (pos_ != text_.size()) Fail("unexpected text after the JSON value");
    return value;
  }

 private:
  // Newlines can only occur in whitespace (strings reject control
  // characters), so SkipSpace keeps the line count.
  std::string Where() const {
    return source_ + ": line " + std::to_string(line_) + ", column " +
           std::to_string(pos_ - line_start_ + 1);
  }

  [[noreturn]] void Fail(const std::string& message) const {
    throw Error(Where() + ": " + message);
  }

  void SkipSpace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t')) {
      if (text_[pos_++] == '\n') {
        ++line_;
        line_start_ = pos_;
      }
    }
  }

  void Expect(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) Fail(std::string("expected '") + c + "'");
    ++pos_;
  }

  bool Literal(const char* word) {
    const std::string w(word);
    if (text_.compare(pos_, w.size(), w) != 0) return false;
    pos_ += w.size();
    return true;
  }

  // The comma-separated elements of an object or array, from its opening
  // bracket (at pos_) to `close`; `element` reads one.
  template <class Element>
  void Elements(char close, const Element& element) {
    ++pos_;
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == close) {
      ++pos_;
      return;
    }
    for (;;) {
      element();
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != ',') break;
      ++pos_;
    }
    Expect(close);
  }

  JsonValue Value(int depth) {
    if (depth > kMaxDepth) Fail("nested too deeply");
    SkipSpace();
    if (pos_ >= text_.size()) Fail("unexpected end of file");
    JsonValue v;
    v.where = Where();
    const char c = text_[pos_];
    if (c == '{') {
      v.type = JsonValue::Type::kObject;
      Elements('}', [&] {
        SkipSpace();
        std::string key = StringBody();
        SkipSpace();
        Expect(':');
        v.members.emplace_back(std::move(key), Value(depth + 1));
      });
      return v;
    }
    if (c == '[') {
      v.type = JsonValue::Type::kArray;
      Elements(']', [&] { v.items.push_back(Value(depth + 1)); });
      return v;
    }
    if (c == '"') {
      v.type = JsonValue::Type::kString;
      v.text = StringBody();
      return v;
    }
    if (Literal("true")) {
      v.type = JsonValue::Type::kBool;
      v.boolean = true;
      return v;
    }
    if (Literal("false")) {
      v.type = JsonValue::Type::kBool;
      return v;
    }
    if (Literal("null")) return v;
    v.type = JsonValue::Type::kNumber;
    const size_t begin = pos_;
    while (pos_ < text_.size() && std::string("+-0123456789.eE").find(text_[pos_]) != std::string::npos) {
      ++pos_;
    }
    if (pos_ == begin) Fail("expected a JSON value");
    v.text = text_.substr(begin, pos_ - begin);
    char* end = nullptr;
    std::strtod(v.text.c_str(), &end);
    if (end != v.text.c_str() + v.text.size()) {
      pos_ = begin;
      Fail("malformed number '" + v.text + "'");
    }
    return v;
  }

  // A string starting at pos_ (the opening quote); escapes decoded, \u as UTF-8.
  std::string StringBody() {
    Expect('"');
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) Fail("unterminated string");
      const char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) Fail("control character in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) Fail("unterminated string");
      const char e = text_[pos_++];
      switch (e) {
        case '"': case '\\': case '/': out += e; break;
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          if (pos_ + 4 > text_.size()) Fail("short \\u escape");
          unsigned code = 0;
          for (int k = 0; k < 4; ++k) {
            const char h = text_[pos_++];
            const int digit = h >= '0' && h <= '9'   ? h - '0'
                              : h >= 'a' && h <= 'f' ? h - 'a' + 10
                              : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                                     : -1;
            if (digit < 0) Fail("bad \\u escape");
            code = code * 16 + static_cast<unsigned>(digit);
          }
          if (code < 0x80) {
            out += static_cast<char>(code);
          } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
          } else {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
          }
          break;
        }
        default: Fail(std::string("unknown escape '\\") + e + "'");
      }
    }
  }

  const std::string& text_;
  const std::string& source_;
  size_t pos_ = 0, line_ = 1, line_start_ = 0;
};

[[noreturn]] void WrongType(const JsonValue& v, const char* wanted) {
  throw Error(v.where + ": expected " + wanted);
}

}  // namespace

const JsonValue* JsonValue::Find(const std::string& key) const {
  if (type != Type::kObject) WrongType(*this, "an object");
  for (const auto& [name, value] : members) {
    if (name == key) return &value;
  }
  return nullptr;
}

const JsonValue& JsonValue::At(const std::string& key) const {
  const JsonValue* value = Find(key);
  if (value == nullptr) throw Error(where + ": missing field \"" + key + "\"");
  return *value;
}

double JsonValue::Number() const {
  if (type != Type::kNumber) WrongType(*this, "a number");
  return std::strtod(text.c_str(), nullptr);
}

uint64_t JsonValue::Unsigned() const {
  if (type != Type::kNumber || text.find_first_not_of("0123456789") != std::string::npos) {
    WrongType(*this, "an unsigned integer");
  }
  errno = 0;
  const unsigned long long value = std::strtoull(text.c_str(), nullptr, 10);
  if (errno == ERANGE) throw Error(where + ": integer out of range");
  return value;
}

const std::string& JsonValue::String() const {
  if (type != Type::kString) WrongType(*this, "a string");
  return text;
}

bool JsonValue::Bool() const {
  if (type != Type::kBool) WrongType(*this, "true or false");
  return boolean;
}

const std::vector<JsonValue>& JsonValue::Array() const {
  if (type != Type::kArray) WrongType(*this, "an array");
  return items;
}

JsonValue ParseJson(const std::string& text, const std::string& source) {
  return Parser(text, source).Document();
}

JsonValue ReadJsonFile(const std::string& path) { return ParseJson(ReadTextFile(path), path); }

std::string ToJson(const JsonValue& value) {
  switch (value.type) {
    case JsonValue::Type::kNull: return "null";
    case JsonValue::Type::kBool: return value.boolean ? "true" : "false";
    case JsonValue::Type::kNumber: return value.text;
    case JsonValue::Type::kString: return JsonString(value.text);
    case JsonValue::Type::kArray: {
      std::string out = "[";
      for (size_t k = 0; k < value.items.size(); ++k) {
        out += (k ? ", " : "") + ToJson(value.items[k]);
      }
      return out + "]";
    }
    case JsonValue::Type::kObject: {
      std::string out = "{";
      for (size_t k = 0; k < value.members.size(); ++k) {
        out += (k ? ", " : "") + JsonString(value.members[k].first) + ": " +
               ToJson(value.members[k].second);
      }
      return out + "}";
    }
  }
  return "null";
}

}  // namespace cli
}  // namespace bitstate
