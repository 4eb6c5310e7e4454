#include "acmsim/input/json_source.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <unordered_set>
#include <vector>

namespace acmsim::input {

namespace {

std::string hex_byte(unsigned c) {
  static const char* d = "0123456789ABCDEF";
  return std::string{d[(c >> 4) & 15], d[c & 15]};
}

}  // namespace

std::optional<std::pair<std::size_t, std::string>> utf8_error(std::string_view s) {
  std::size_t k = 0;
  while (k < s.size()) {
    const auto c = static_cast<unsigned char>(s[k]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++k;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return std::pair{k, "invalid UTF-8 byte 0x" + hex_byte(c)};
    }
    if (k + n >= s.size()) return std::pair{k, std::string("truncated UTF-8 sequence")};
    for (std::size_t j = 1; j <= n; ++j) {
      const auto cc = static_cast<unsigned char>(s[k + j]);
      if ((cc & 0xC0) != 0x80) return std::pair{k, std::string("invalid UTF-8 sequence")};
      cp = (cp << 6) | (cc & 0x3F);
    }
    const bool overlong = (n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return std::pair{k, std::string("invalid UTF-8 sequence (overlong, surrogate or out of range)")};
    }
    k += n + 1;
  }
  return std::nullopt;
}

namespace {

class Parser {
 public:
  Parser(std::string_view text, JsonLimits limits, SourceDocument& doc) : s_(text), limits_(limits), doc_(doc) {}

  void parse_document() {
    check_utf8();
    skip_ws();
    if (i_ == s_.size()) fail("the file is empty: a scenario is one JSON object");
    doc_.root = parse_value(doc_.positions, 0);
    skip_ws();
    if (i_ != s_.size()) fail("unexpected text after the end of the JSON document");
  }

 private:
  [[noreturn]] void fail(const std::string& msg) {
    std::string path;
    for (const auto& segment : path_) path += "/" + (segment.key != nullptr ? pointer_escape(*segment.key) : std::to_string(segment.index));
    throw JsonSyntaxError(pos(), path, msg);
  }

  SourcePos pos() const {
    // Computed on demand: only errors and value starts need it.
    return pos_at(i_);
  }

  SourcePos pos_at(std::size_t at) const {
    // Incremental: positions are requested in increasing order while parsing.
    if (at < cache_at_) {
      cache_at_ = 0;
      cache_ = SourcePos{};
    }
    for (std::size_t k = cache_at_; k < at && k < s_.size(); ++k) {
      const auto c = static_cast<unsigned char>(s_[k]);
      if (c == '\n') {
        ++cache_.line;
        cache_.column = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++cache_.column;  // count code points, not bytes
      }
    }
    cache_at_ = at;
    return cache_;
  }

  void check_utf8() {
    if (auto e = utf8_error(s_)) {
      i_ = e->first;
      fail(e->second + ": a scenario must be UTF-8 text");
    }
    if (s_.size() >= 3 && static_cast<unsigned char>(s_[0]) == 0xEF && static_cast<unsigned char>(s_[1]) == 0xBB &&
        static_cast<unsigned char>(s_[2]) == 0xBF) {
      fail("the file starts with a byte-order mark; RFC 8259 JSON must not");
    }
  }

  static std::string hex(unsigned c) {
    static const char* d = "0123456789ABCDEF";
    return std::string{d[(c >> 4) & 15], d[c & 15]};
  }

  void skip_ws() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i_;
      } else if (c == '/' && i_ + 1 < s_.size() && (s_[i_ + 1] == '/' || s_[i_ + 1] == '*')) {
        fail("comments are not allowed in JSON");
      } else {
        break;
      }
    }
  }

  Json parse_value(PosNode& node, std::size_t depth) {
    if (depth > limits_.max_depth) fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    skip_ws();
    if (i_ >= s_.size()) fail("unexpected end of file: a value is missing");
    node.pos = pos();
    const char c = s_[i_];
    switch (c) {
      case '{':
        return parse_object(node, depth);
      case '[':
        return parse_array(node, depth);
      case '"':
        return Json(parse_string());
      case 't':
        return literal("true", Json(true));
      case 'f':
        return literal("false", Json(false));
      case 'n':
        return literal("null", Json(nullptr));
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return parse_number();
        fail(std::string("unexpected character '") + printable(c) + "': expected a JSON value");
    }
  }

  static std::string printable(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7F) return "\\x" + hex(u);
    return std::string(1, c);
  }

  Json literal(std::string_view word, Json v) {
    if (s_.substr(i_, word.size()) != word) fail("invalid literal: expected '" + std::string(word) + "'");
    i_ += word.size();
    return v;
  }

  Json parse_object(PosNode& node, std::size_t depth) {
    ++i_;  // {
    Json obj = Json::object();
    auto& members = obj.get_ref<Json::object_t&>();
    constexpr std::size_t kScanUpTo = 32;
    std::unordered_set<std::string> seen;  // past kScanUpTo names only
    skip_ws();
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return obj;
    }
    for (;;) {
      skip_ws();
      if (i_ >= s_.size()) fail("unexpected end of file inside an object");
      if (s_[i_] == '}') fail("trailing comma before '}' is not allowed in JSON");
      if (s_[i_] != '"') fail("expected a member name in double quotes");
      const std::size_t key_at = i_;
      std::string key = parse_string();
      // Most objects are small: a look through the names so far costs less
      // than a set of copies of them (a scenario has hundreds of thousands of
      // objects). A large one gets the set, so that no input is quadratic.
      bool duplicate = false;
      if (node.keys.size() < kScanUpTo) {
        duplicate = std::find(node.keys.begin(), node.keys.end(), key) != node.keys.end();
      } else {
        if (seen.empty()) seen.insert(node.keys.begin(), node.keys.end());
        duplicate = !seen.insert(key).second;
      }
      if (duplicate) {
        i_ = key_at;
        path_.push_back({&key, 0});
        fail("duplicate member \"" + key + "\"");
      }
      skip_ws();
      if (i_ >= s_.size() || s_[i_] != ':') fail("expected ':' after the member name");
      ++i_;
      path_.push_back({&key, 0});
      node.keys.push_back(key);
      node.children.emplace_back();
      Json value = parse_value(node.children.back(), depth + 1);
      path_.pop_back();
      members.emplace_back(std::move(key), std::move(value));  // a new name: no search for it
      skip_ws();
      if (i_ >= s_.size()) fail("unexpected end of file inside an object: missing '}'");
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (s_[i_] == '}') {
        ++i_;
        index_keys(node);
        return obj;
      }
      fail("expected ',' or '}' after an object member");
    }
  }

  static void index_keys(PosNode& node) {
    node.by_key.resize(node.keys.size());
    for (std::uint32_t k = 0; k < node.by_key.size(); ++k) node.by_key[k] = k;
    std::sort(node.by_key.begin(), node.by_key.end(), [&](std::uint32_t a, std::uint32_t b) { return node.keys[a] < node.keys[b]; });
  }

  Json parse_array(PosNode& node, std::size_t depth) {
    ++i_;  // [
    Json arr = Json::array();
    skip_ws();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return arr;
    }
    for (std::size_t n = 0;; ++n) {
      skip_ws();
      if (i_ < s_.size() && s_[i_] == ']') fail("trailing comma before ']' is not allowed in JSON");
      path_.push_back({nullptr, n});
      node.children.emplace_back();
      arr.push_back(parse_value(node.children.back(), depth + 1));
      path_.pop_back();
      skip_ws();
      if (i_ >= s_.size()) fail("unexpected end of file inside an array: missing ']'");
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (s_[i_] == ']') {
        ++i_;
        return arr;
      }
      fail("expected ',' or ']' after an array element");
    }
  }

  unsigned hex4() {
    if (i_ + 4 > s_.size()) fail("truncated \\u escape");
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<unsigned>(c - 'A' + 10);
      else
        fail("invalid \\u escape: expected four hex digits");
    }
    return v;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  std::string parse_string() {
    ++i_;  // opening quote
    std::string out;
    for (;;) {
      if (i_ >= s_.size()) fail("unterminated string");
      const char c = s_[i_];
      if (c == '"') {
        ++i_;
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string: escape it (\\n, \\t, \\u00XX)");
      if (c != '\\') {
        // The run of plain characters, appended at once.
        std::size_t end = i_ + 1;
        while (end < s_.size() && s_[end] != '"' && s_[end] != '\\' && static_cast<unsigned char>(s_[end]) >= 0x20) ++end;
        out.append(s_.data() + i_, end - i_);
        i_ = end;
        continue;
      }
      ++i_;
      if (i_ >= s_.size()) fail("unterminated escape");
      const char e = s_[i_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i_ + 2 > s_.size() || s_[i_] != '\\' || s_[i_ + 1] != 'u') fail("lone UTF-16 surrogate in \\u escape");
            i_ += 2;
            const std::uint32_t lo = hex4();
            if (lo < 0xDC00 || lo > 0xDFFF) fail("invalid UTF-16 surrogate pair in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail("lone UTF-16 surrogate in \\u escape");
          }
          append_utf8(out, cp);
          break;
        }
        default:
          fail(std::string("invalid escape '\\") + printable(e) + "'");
      }
    }
  }

  Json parse_number() {
    const std::size_t start = i_;
    bool negative = false;
    if (s_[i_] == '-') {
      negative = true;
      ++i_;
    }
    if (i_ >= s_.size() || s_[i_] < '0' || s_[i_] > '9') fail("invalid number");
    if (s_[i_] == '0' && i_ + 1 < s_.size() && s_[i_ + 1] >= '0' && s_[i_ + 1] <= '9') fail("leading zeros are not allowed in JSON numbers");
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    bool is_int = true;
    if (i_ < s_.size() && s_[i_] == '.') {
      is_int = false;
      ++i_;
      if (i_ >= s_.size() || s_[i_] < '0' || s_[i_] > '9') fail("invalid number: digits must follow '.'");
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      is_int = false;
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (i_ >= s_.size() || s_[i_] < '0' || s_[i_] > '9') fail("invalid number: digits must follow the exponent");
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    }
    const std::string text(s_.substr(start, i_ - start));
    if (is_int) {
      errno = 0;
      if (negative) {
        const long long v = std::strtoll(text.c_str(), nullptr, 10);
        if (errno != ERANGE) return Json(static_cast<std::int64_t>(v));
      } else {
        const unsigned long long v = std::strtoull(text.c_str(), nullptr, 10);
        if (errno != ERANGE) return Json(static_cast<std::uint64_t>(v));
      }
    }
    const double d = std::strtod(text.c_str(), nullptr);
    if (!std::isfinite(d)) fail("number out of range");
    return Json(d);
  }

  std::string_view s_;
  JsonLimits limits_;
  SourceDocument& doc_;
  std::size_t i_ = 0;
  /// The value being read, for error messages only: a member's name (the
  /// parser's own copy, alive while the member is read) or an element's index.
  struct PathToken {
    const std::string* key;
    std::size_t index;
  };
  std::vector<PathToken> path_;
  mutable std::size_t cache_at_ = 0;
  mutable SourcePos cache_{};
};

}  // namespace

std::string pointer_escape(std::string_view key) {
  std::string out;
  for (const char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string readable_path(std::string_view pointer) {
  std::string out = "$";
  std::size_t i = 0;
  while (i < pointer.size()) {
    ++i;  // '/'
    std::size_t j = pointer.find('/', i);
    if (j == std::string_view::npos) j = pointer.size();
    std::string token(pointer.substr(i, j - i));
    std::string key;
    for (std::size_t k = 0; k < token.size(); ++k) {
      if (token[k] == '~' && k + 1 < token.size()) {
        key += token[k + 1] == '1' ? '/' : '~';
        ++k;
      } else {
        key += token[k];
      }
    }
    const bool index = !key.empty() && key.find_first_not_of("0123456789") == std::string::npos;
    if (index)
      out += "[" + key + "]";
    else
      out += "." + key;
    i = j;
  }
  return out;
}

const PosNode* PosNode::child(std::string_view token) const {
  if (!keys.empty()) {
    const auto it = std::lower_bound(by_key.begin(), by_key.end(), token, [&](std::uint32_t k, std::string_view t) { return keys[k] < t; });
    return it != by_key.end() && keys[*it] == token ? &children[*it] : nullptr;
  }
  if (token.empty() || token.size() > 10 || token.find_first_not_of("0123456789") != std::string_view::npos) return nullptr;
  const std::size_t index = std::stoul(std::string(token));
  return index < children.size() ? &children[index] : nullptr;
}

namespace {

/// Walks `pointer` from `root` as far as the document has it; `exact` says
/// whether it got to the end.
const PosNode* walk(const PosNode& root, std::string_view pointer, bool& exact) {
  const PosNode* node = &root;
  exact = true;
  std::size_t i = 0;
  while (i < pointer.size()) {
    ++i;  // '/'
    std::size_t j = pointer.find('/', i);
    if (j == std::string_view::npos) j = pointer.size();
    std::string token;
    for (std::size_t k = i; k < j; ++k) {
      if (pointer[k] == '~' && k + 1 < j) {
        token += pointer[k + 1] == '1' ? '/' : '~';
        ++k;
      } else {
        token += pointer[k];
      }
    }
    const PosNode* next = node->child(token);
    if (next == nullptr) {
      exact = false;
      return node;
    }
    node = next;
    i = j;
  }
  return node;
}

}  // namespace

SourcePos SourceDocument::pos_of(std::string_view pointer) const {
  bool exact = false;
  return walk(positions, pointer, exact)->pos;
}

std::optional<SourcePos> SourceDocument::position(std::string_view pointer) const {
  const PosNode* n = node(pointer);
  return n != nullptr ? std::optional<SourcePos>(n->pos) : std::nullopt;
}

const PosNode* SourceDocument::node(std::string_view pointer) const {
  bool exact = false;
  const PosNode* n = walk(positions, pointer, exact);
  return exact ? n : nullptr;
}

SourceDocument parse_json_with_positions(std::string_view text, JsonLimits limits) {
  SourceDocument doc;
  Parser p(text, limits, doc);
  p.parse_document();
  return doc;
}

}  // namespace acmsim::input
