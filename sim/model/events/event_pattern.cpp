#include "acmsim/model/events/event_pattern.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <span>

namespace acmsim::model {

using core::Json;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(s.size() - p.size()) == p; }

AwsError invalid(const std::string& reason) { return aws_error("InvalidEventPatternException", "Event pattern is not valid. Reason: " + reason); }

struct Refused {
  std::string reason;
};

}  // namespace

/// Leftmost occurrence of `needle` in `hay` from `from`, in time linear in
/// both: a short needle with the library's search (at most 64 comparisons a
/// position), a long one with Knuth-Morris-Pratt.
std::size_t find_linear(std::string_view hay, std::string_view needle, std::size_t from) {
  if (needle.size() <= 64) return hay.find(needle, from);
  std::vector<std::size_t> fail(needle.size(), 0);
  for (std::size_t i = 1, k = 0; i < needle.size(); ++i) {
    while (k > 0 && needle[i] != needle[k]) k = fail[k - 1];
    if (needle[i] == needle[k]) ++k;
    fail[i] = k;
  }
  for (std::size_t i = from, k = 0; i < hay.size(); ++i) {
    while (k > 0 && hay[i] != needle[k]) k = fail[k - 1];
    if (hay[i] == needle[k]) ++k;
    if (k == needle.size()) return i + 1 - needle.size();
  }
  return std::string_view::npos;
}

/// Whether `text` is pieces[0] * pieces[1] * ... * pieces[n-1]. Matching each
/// middle piece at its leftmost place is enough for `*`-only globs, and with a
/// linear search the whole match is linear: a 50,000-character piece against a
/// 200,000-character value takes microseconds, where backtracking took seconds.
template <typename Pieces>
bool match_pieces(const Pieces& pieces, std::string_view text) {
  if (pieces.size() == 1) return text == pieces.front();
  const std::string_view first = pieces.front();
  const std::string_view last = pieces.back();
  if (text.size() < first.size() + last.size()) return false;
  if (text.substr(0, first.size()) != first || text.substr(text.size() - last.size()) != last) return false;
  const std::string_view middle = text.substr(first.size(), text.size() - first.size() - last.size());
  std::size_t at = 0;
  for (std::size_t k = 1; k + 1 < pieces.size(); ++k) {
    at = find_linear(middle, pieces[k], at);
    if (at == std::string_view::npos) return false;
    at += std::string_view(pieces[k]).size();
  }
  return true;
}

bool wildcard_match(std::string_view pattern, std::string_view text) {
  // The pattern is literal pieces between stars; `\*` is a literal star.
  if (pattern.find('\\') == std::string_view::npos) {
    // The usual case: pieces are views of the pattern, nothing is allocated
    // for the few stars EventBridge allows.
    std::array<std::string_view, 8> small{};
    std::vector<std::string_view> large;
    std::size_t n = 0;
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= pattern.size(); ++i) {
      if (i < pattern.size() && pattern[i] != '*') continue;
      const std::string_view piece = pattern.substr(begin, i - begin);
      if (n < small.size()) {
        small[n] = piece;
      } else {
        if (large.empty()) large.assign(small.begin(), small.end());
        large.push_back(piece);
      }
      ++n;
      begin = i + 1;
    }
    if (n <= small.size()) return match_pieces(std::span<const std::string_view>(small.data(), n), text);
    return match_pieces(large, text);
  }
  std::vector<std::string> pieces(1);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size() && pattern[i + 1] == '*') {
      pieces.back() += '*';
      ++i;
    } else if (pattern[i] == '*') {
      pieces.emplace_back();
    } else {
      pieces.back() += pattern[i];
    }
  }
  return match_pieces(pieces, text);
}

std::optional<std::vector<std::uint8_t>> parse_ip(std::string_view s) {
  if (s.find(':') == std::string_view::npos) {
    std::vector<std::uint8_t> out;
    std::size_t i = 0;
    while (out.size() < 4) {
      std::size_t j = i;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      if (j == i || j - i > 3) return std::nullopt;
      const int v = std::stoi(std::string(s.substr(i, j - i)));
      if (v > 255) return std::nullopt;
      out.push_back(static_cast<std::uint8_t>(v));
      if (out.size() < 4) {
        if (j >= s.size() || s[j] != '.') return std::nullopt;
        i = j + 1;
      } else if (j != s.size()) {
        return std::nullopt;
      }
    }
    return out;
  }
  // IPv6: groups of up to 4 hex digits, one "::" allowed, optional trailing IPv4.
  std::vector<std::uint16_t> head;
  std::vector<std::uint16_t> tail;
  bool gap = false;
  std::size_t i = 0;
  if (starts_with(s, "::")) {
    gap = true;
    i = 2;
  }
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && std::isxdigit(static_cast<unsigned char>(s[j]))) ++j;
    if (j < s.size() && s[j] == '.') {  // embedded IPv4: the rest, with no colon
      // (found by fuzzing: "1.2:3" recursed on itself until the stack ran out)
      if (s.substr(i).find(':') != std::string_view::npos) return std::nullopt;
      auto v4 = parse_ip(s.substr(i));
      if (!v4) return std::nullopt;
      auto& dst = gap ? tail : head;
      dst.push_back(static_cast<std::uint16_t>(((*v4)[0] << 8) | (*v4)[1]));
      dst.push_back(static_cast<std::uint16_t>(((*v4)[2] << 8) | (*v4)[3]));
      i = s.size();
      break;
    }
    if (j == i || j - i > 4) return std::nullopt;
    (gap ? tail : head).push_back(static_cast<std::uint16_t>(std::stoul(std::string(s.substr(i, j - i)), nullptr, 16)));
    if (j == s.size()) {
      i = j;
      break;
    }
    if (s[j] != ':') return std::nullopt;
    if (j + 1 < s.size() && s[j + 1] == ':') {
      if (gap) return std::nullopt;
      gap = true;
      i = j + 2;
    } else {
      i = j + 1;
      if (i == s.size()) return std::nullopt;
    }
  }
  const std::size_t groups = head.size() + tail.size();
  if ((!gap && groups != 8) || (gap && groups > 7)) return std::nullopt;
  std::vector<std::uint16_t> all = head;
  all.resize(8 - tail.size(), 0);
  all.insert(all.end(), tail.begin(), tail.end());
  std::vector<std::uint8_t> out;
  for (const auto g : all) {
    out.push_back(static_cast<std::uint8_t>(g >> 8));
    out.push_back(static_cast<std::uint8_t>(g & 0xFF));
  }
  return out;
}

// Builds the compiled form; throws Refused with EventBridge's reason.
class PatternCompiler {
 public:
  explicit PatternCompiler(EventPattern& p) : p_(p) {}

  std::size_t node(const Json& obj) {
    const std::size_t index = p_.nodes_.size();
    p_.nodes_.emplace_back();
    EventPattern::Node n;
    for (const auto& [key, value] : obj.items()) {
      if (key == "$or") {
        if (!value.is_array() || value.empty()) throw Refused{"$or must be an array of objects"};
        std::vector<std::size_t> alts;
        for (const auto& alt : value) {
          if (!alt.is_object() || alt.empty()) throw Refused{"Each element of $or must be a non-empty object"};
          alts.push_back(node(alt));
        }
        n.ors.push_back(std::move(alts));
        continue;
      }
      EventPattern::Field f;
      f.key = key;
      if (value.is_object()) {
        if (value.empty()) throw Refused{"Empty objects are not allowed"};
        f.leaf = false;
        f.child = node(value);
      } else if (value.is_array()) {
        if (value.empty()) throw Refused{"Empty arrays are not allowed"};
        for (const auto& m : value) f.matchers.push_back(matcher(m));
      } else {
        throw Refused{"\"" + key + "\" must be an object or an array"};
      }
      n.fields.push_back(std::move(f));
    }
    p_.nodes_[index] = std::move(n);
    return index;
  }

 private:
  using M = EventPattern::Matcher;
  using K = EventPattern::Kind;

  static M literal(const Json& v) {
    M m;
    if (v.is_string()) {
      m.kind = K::String;
      m.strings = {v.get<std::string>()};
    } else if (v.is_number()) {
      m.kind = K::Number;
      m.numbers = {v.get<double>()};
    } else if (v.is_boolean()) {
      m.kind = K::Bool;
      m.flag = v.get<bool>();
    } else if (v.is_null()) {
      m.kind = K::Null;
    } else {
      throw Refused{"Match value must be String, number, true, false, or null"};
    }
    return m;
  }

  static std::string must_string(const Json& v, const std::string& what) {
    if (!v.is_string()) throw Refused{what + " match pattern must be a string"};
    return v.get<std::string>();
  }

  static void check_wildcard(const std::string& w) {
    for (std::size_t i = 1; i < w.size(); ++i) {
      if (w[i] == '*' && w[i - 1] == '*') throw Refused{"Consecutive wildcard characters at pos " + std::to_string(i)};
    }
    if (std::count(w.begin(), w.end(), '*') > 5) {
      throw Refused{"Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character"};
    }
  }

  M matcher(const Json& v) {
    if (!v.is_object()) return literal(v);
    if (v.size() != 1) throw Refused{"Only one key allowed in match expression"};
    const std::string key = v.begin().key();
    const Json& arg = v.begin().value();
    M m;
    if (key == "prefix" || key == "suffix") {
      const bool prefix = key == "prefix";
      if (arg.is_object() && arg.size() == 1 && arg.contains("equals-ignore-case")) {
        m.kind = prefix ? K::PrefixIgnoreCase : K::SuffixIgnoreCase;
        m.strings = {lower(must_string(arg["equals-ignore-case"], "equals-ignore-case"))};
        return m;
      }
      m.kind = prefix ? K::Prefix : K::Suffix;
      m.strings = {must_string(arg, key)};
      return m;
    }
    if (key == "equals-ignore-case") {
      m.kind = K::EqualsIgnoreCase;
      m.strings = {lower(must_string(arg, "equals-ignore-case"))};
      return m;
    }
    if (key == "wildcard") {
      m.kind = K::Wildcard;
      m.strings = {must_string(arg, "wildcard")};
      check_wildcard(m.strings.front());
      return m;
    }
    if (key == "exists") {
      if (!arg.is_boolean()) throw Refused{"exists match pattern must be either true or false."};
      m.kind = K::Exists;
      m.flag = arg.get<bool>();
      return m;
    }
    if (key == "cidr") {
      const std::string c = must_string(arg, "prefix");
      const auto slash = c.find('/');
      if (slash == std::string::npos || c.find('/', slash + 1) != std::string::npos) throw Refused{"Malformed CIDR, one '/' required"};
      const std::string bits = c.substr(slash + 1);
      if (bits.empty() || bits.size() > 3 || bits.find_first_not_of("0123456789") != std::string::npos)
        throw Refused{"Malformed CIDR, mask bits must be an integer"};
      auto ip = parse_ip(c.substr(0, slash));
      if (!ip) throw Refused{"Nonstandard IP address: " + c.substr(0, slash)};
      const int n = std::stoi(bits);
      if (n > static_cast<int>(ip->size() * 8)) throw Refused{"Malformed CIDR, mask bits must be at most " + std::to_string(ip->size() * 8)};
      m.kind = K::Cidr;
      m.network = *ip;
      m.prefix_bits = n;
      return m;
    }
    if (key == "numeric") return numeric(arg);
    if (key == "anything-but") return anything_but(arg);
    throw Refused{"Unrecognized match type " + key};
  }

  static M numeric(const Json& arg) {
    if (!arg.is_array()) throw Refused{"Value of numeric must be an array."};
    M m;
    m.kind = K::Numeric;
    if (arg.empty()) throw Refused{"Empty arrays are not allowed"};
    bool have_lo = false;
    bool have_hi = false;
    for (std::size_t i = 0; i < arg.size(); i += 2) {
      if (!arg[i].is_string()) throw Refused{"Unrecognized numeric range operator: " + arg[i].dump()};
      const std::string op = arg[i].get<std::string>();
      if (op != "=" && op != "<" && op != "<=" && op != ">" && op != ">=") throw Refused{"Unrecognized numeric range operator: " + op};
      if (i + 1 >= arg.size() || !arg[i + 1].is_number()) throw Refused{"Value of " + op + " must be numeric"};
      const double v = arg[i + 1].get<double>();
      if (op == "=") {
        if (arg.size() != 2) throw Refused{"Bad numeric range operator: ="};
        m.lo = v;
        m.hi = v;
        m.lo_inclusive = m.hi_inclusive = true;
        return m;
      }
      const bool lower_bound = op == ">" || op == ">=";
      if ((lower_bound && have_lo) || (!lower_bound && have_hi)) throw Refused{"Bad numeric range operator: " + op};
      if (lower_bound) {
        have_lo = true;
        m.lo = v;
        m.lo_inclusive = op == ">=";
      } else {
        have_hi = true;
        m.hi = v;
        m.hi_inclusive = op == "<=";
      }
    }
    if (m.lo && m.hi && *m.lo > *m.hi) throw Refused{"Bad numeric range: the lower bound is above the upper bound"};
    return m;
  }

  static M anything_but(const Json& arg) {
    M m;
    const char* single = "Value of anything-but must be an array or single string/number value.";
    if (arg.is_string() || arg.is_number()) {
      m.kind = K::AnythingBut;
      if (arg.is_string())
        m.strings = {arg.get<std::string>()};
      else
        m.numbers = {arg.get<double>()};
      return m;
    }
    if (arg.is_array()) {
      if (arg.empty()) throw Refused{"Empty arrays are not allowed"};
      m.kind = K::AnythingBut;
      for (const auto& x : arg) {
        if (x.is_string())
          m.strings.push_back(x.get<std::string>());
        else if (x.is_number())
          m.numbers.push_back(x.get<double>());
        else
          throw Refused{"Inside anything but list, start|null|boolean is not supported."};
      }
      return m;
    }
    if (!arg.is_object() || arg.size() != 1) throw Refused{single};
    const std::string key = arg.begin().key();
    const Json& v = arg.begin().value();
    if (key == "prefix" || key == "suffix") {
      if (v.is_object()) throw Refused{single};
      m.kind = key == "prefix" ? K::AnythingButPrefix : K::AnythingButSuffix;
      const Json items = v.is_array() ? v : Json::array({v});
      if (items.empty()) throw Refused{"Empty arrays are not allowed"};
      for (const auto& x : items) {
        if (!x.is_string()) throw Refused{"prefix/suffix match pattern must be a string"};
        if (x.get<std::string>().empty()) throw Refused{"Null prefix/suffix not allowed"};
        m.strings.push_back(x.get<std::string>());
      }
      return m;
    }
    if (key == "equals-ignore-case") {
      m.kind = K::AnythingButIgnoreCase;
      const char* bad = "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.";
      if (v.is_string()) {
        m.strings = {lower(v.get<std::string>())};
      } else if (v.is_array() && !v.empty()) {
        for (const auto& x : v) {
          if (!x.is_string()) throw Refused{bad};
          m.strings.push_back(lower(x.get<std::string>()));
        }
      } else {
        throw Refused{bad};
      }
      return m;
    }
    if (key == "wildcard") {
      m.kind = K::AnythingButWildcard;
      if (v.is_string()) {
        m.strings = {v.get<std::string>()};
      } else if (v.is_array() && !v.empty()) {
        for (const auto& x : v) m.strings.push_back(must_string(x, "wildcard"));
      } else {
        throw Refused{"wildcard match pattern must be a string"};
      }
      for (const auto& w : m.strings) check_wildcard(w);
      return m;
    }
    throw Refused{single};
  }

  EventPattern& p_;
};

namespace {

// Merges `value` into `obj` under a dotted path, creating objects on the way:
// event-ruler reads {"a.b": x} and {"a": {"b": x}} as the same field.
void put_path(Json& obj, std::string_view path, Json value) {
  const auto dot = path.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == path.size()) {
    const std::string key(path);
    if (obj.contains(key) && obj[key].is_object() && value.is_object()) {
      for (auto& [k, v] : value.items()) put_path(obj[key], k, v);
    } else {
      obj[key] = std::move(value);
    }
    return;
  }
  const std::string head(path.substr(0, dot));
  if (!obj.contains(head) || !obj[head].is_object()) {
    if (obj.contains(head)) {
      obj[std::string(path)] = std::move(value);  // a conflicting scalar: keep the dotted key as it is
      return;
    }
    obj[head] = Json::object();
  }
  put_path(obj[head], path.substr(dot + 1), std::move(value));
}

bool has_dotted_keys(const Json& v) {
  // The members themselves, not items(): its proxy builds strings per member,
  // and every event published is asked this.
  if (v.is_object()) {
    for (const auto& [k, x] : v.get_ref<const Json::object_t&>()) {
      if (k.find('.') != std::string::npos || has_dotted_keys(x)) return true;
    }
  } else if (v.is_array()) {
    for (const auto& x : v.get_ref<const Json::array_t&>()) {
      if (has_dotted_keys(x)) return true;
    }
  }
  return false;
}

Json undot(const Json& v, bool pattern) {
  if (v.is_object()) {
    Json out = Json::object();
    for (const auto& [k, x] : v.items()) {
      // In a pattern, "$or" and match expressions are not paths.
      if (pattern && k == "$or") {
        Json alts = Json::array();
        if (x.is_array()) {
          for (const auto& a : x) alts.push_back(undot(a, true));
        } else {
          alts = x;
        }
        out[k] = alts;
        continue;
      }
      put_path(out, k, pattern && x.is_array() ? x : undot(x, pattern));
    }
    return out;
  }
  if (v.is_array() && !pattern) {
    Json out = Json::array();
    for (const auto& x : v) out.push_back(undot(x, false));
    return out;
  }
  return v;
}

}  // namespace

std::optional<core::Json> EventPattern::normalize_event(const core::Json& event) {
  if (!has_dotted_keys(event)) return std::nullopt;
  return undot(event, false);
}

Outcome<EventPattern> EventPattern::compile(const Json& pattern) {
  if (!pattern.is_object()) return invalid("Filter is not an object");
  if (pattern.empty()) return invalid("Empty objects are not allowed");
  EventPattern p;
  p.source_ = pattern;
  try {
    PatternCompiler(p).node(has_dotted_keys(pattern) ? undot(pattern, true) : pattern);
  } catch (const Refused& r) {
    return invalid(r.reason);
  }
  return p;
}

bool EventPattern::matches(const Json& event) const {
  if (has_dotted_keys(event)) {
    const Json normalized = undot(event, false);
    return match_node(0, &normalized);
  }
  return match_node(0, &event);
}

bool EventPattern::matches_normalized(const Json& event) const { return match_node(0, &event); }

std::optional<bool> EventPattern::decides(const Json& source, const Json& detail_type) const {
  if (nodes_.empty()) return std::nullopt;
  const Node& root = nodes_[0];
  bool only_these = root.ors.empty();
  for (const Field& f : root.fields) {
    const Json* value = f.key == "source" ? &source : f.key == "detail-type" ? &detail_type : nullptr;
    if (!f.leaf || value == nullptr) {
      only_these = false;
      continue;
    }
    if (!match_leaf(f.matchers, value)) return false;  // top-level fields must all match
  }
  if (!only_these) return std::nullopt;
  return true;
}

bool EventPattern::match_node(std::size_t index, const Json* value) const {
  if (value != nullptr && value->is_array()) {
    // Array consistency: one element must satisfy the whole object pattern.
    return std::any_of(value->begin(), value->end(), [&](const Json& e) { return (e.is_object() || e.is_array()) && match_node(index, &e); });
  }
  const Node& n = nodes_[index];
  const bool object = value != nullptr && value->is_object();
  for (const Field& f : n.fields) {
    const Json* child = nullptr;
    if (object) {
      const auto it = value->find(f.key);
      if (it != value->end()) child = &*it;
    }
    if (f.leaf ? !match_leaf(f.matchers, child) : !match_node(f.child, child)) return false;
  }
  for (const auto& alternatives : n.ors) {
    if (std::none_of(alternatives.begin(), alternatives.end(), [&](std::size_t a) { return match_node(a, value); })) return false;
  }
  return true;
}

namespace {
void collect_scalars(const Json& v, std::vector<const Json*>& out) {
  if (v.is_array()) {
    for (const auto& e : v) collect_scalars(e, out);
  } else if (!v.is_object()) {
    out.push_back(&v);
  }
}
}  // namespace

bool EventPattern::match_leaf(const std::vector<Matcher>& matchers, const Json* value) {
  // Most values are one scalar: only an array needs the list (no allocation per match).
  std::vector<const Json*> list;
  std::span<const Json* const> scalars;
  if (value != nullptr && value->is_array()) {
    collect_scalars(*value, list);
    scalars = list;
  } else if (value != nullptr && !value->is_object()) {
    scalars = std::span<const Json* const>(&value, 1);
  }
  for (const Matcher& m : matchers) {
    if (m.kind == Kind::Exists) {
      if (m.flag != scalars.empty()) return true;
      continue;
    }
    for (const Json* s : scalars) {
      if (match_scalar(m, *s)) return true;
    }
  }
  return false;
}

bool EventPattern::match_scalar(const Matcher& m, const Json& v) {
  const bool is_string = v.is_string();
  const std::string* s = is_string ? &v.get_ref<const std::string&>() : nullptr;
  switch (m.kind) {
    case Kind::String:
      return is_string && *s == m.strings.front();
    case Kind::Number:
      return v.is_number() && v.get<double>() == m.numbers.front();
    case Kind::Bool:
      return v.is_boolean() && v.get<bool>() == m.flag;
    case Kind::Null:
      return v.is_null();
    case Kind::Prefix:
      return is_string && starts_with(*s, m.strings.front());
    case Kind::PrefixIgnoreCase:
      return is_string && starts_with(lower(*s), m.strings.front());
    case Kind::Suffix:
      return is_string && ends_with(*s, m.strings.front());
    case Kind::SuffixIgnoreCase:
      return is_string && ends_with(lower(*s), m.strings.front());
    case Kind::EqualsIgnoreCase:
      return is_string && lower(*s) == m.strings.front();
    case Kind::Wildcard:
      return is_string && wildcard_match(m.strings.front(), *s);
    // anything-but matches every value that is not excluded: other types included.
    case Kind::AnythingBut:
      if (is_string) return std::find(m.strings.begin(), m.strings.end(), *s) == m.strings.end();
      if (v.is_number()) return std::find(m.numbers.begin(), m.numbers.end(), v.get<double>()) == m.numbers.end();
      return true;
    case Kind::AnythingButPrefix:
      return !is_string || std::none_of(m.strings.begin(), m.strings.end(), [&](const std::string& x) { return starts_with(*s, x); });
    case Kind::AnythingButSuffix:
      return !is_string || std::none_of(m.strings.begin(), m.strings.end(), [&](const std::string& x) { return ends_with(*s, x); });
    case Kind::AnythingButIgnoreCase: {
      if (!is_string) return true;
      const std::string l = lower(*s);
      return std::find(m.strings.begin(), m.strings.end(), l) == m.strings.end();
    }
    case Kind::AnythingButWildcard:
      return !is_string || std::none_of(m.strings.begin(), m.strings.end(), [&](const std::string& w) { return wildcard_match(w, *s); });
    case Kind::Numeric: {
      if (!v.is_number()) return false;
      const double x = v.get<double>();
      if (m.lo && (m.lo_inclusive ? x < *m.lo : x <= *m.lo)) return false;
      if (m.hi && (m.hi_inclusive ? x > *m.hi : x >= *m.hi)) return false;
      return true;
    }
    case Kind::Cidr: {
      if (!is_string) return false;
      auto ip = parse_ip(*s);
      if (!ip || ip->size() != m.network.size()) return false;
      int bits = m.prefix_bits;
      for (std::size_t i = 0; i < ip->size() && bits > 0; ++i, bits -= 8) {
        const int take = std::min(8, bits);
        const auto mask = static_cast<std::uint8_t>(0xFF << (8 - take));
        if (((*ip)[i] & mask) != (m.network[i] & mask)) return false;
      }
      return true;
    }
    case Kind::Exists:
      return false;
  }
  return false;
}

}  // namespace acmsim::model
