#include "acmsim/scenario/matcher.hpp"

#include "acmsim/core/time.hpp"

namespace acmsim::scenario {

namespace {
std::string show(const core::Json& v) {
  std::string s = v.dump();
  if (s.size() > 200) {
    // Cut at a character boundary: a UTF-8 sequence split in two would make
    // the message, the result document and the JUnit XML invalid.
    std::size_t cut = 197;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s = s.substr(0, cut) + "...";
  }
  return s;
}
std::string where(const std::string& path) { return path.empty() ? "the response" : path; }
}  // namespace

std::optional<std::string> partial_match(const core::Json& expected, const core::Json& actual, const std::string& path) {
  if (expected.is_object()) {
    if (!actual.is_object()) return where(path) + ": expected an object, found " + show(actual);
    for (const auto& [k, v] : expected.items()) {
      const std::string child = path.empty() ? k : path + "." + k;
      const auto it = actual.find(k);
      if (v.is_null()) {
        if (it != actual.end() && !it->is_null()) return child + ": expected absent, found " + show(*it);
        continue;
      }
      if (it == actual.end()) return child + ": expected " + show(v) + ", but the member is absent";
      if (auto m = partial_match(v, *it, child)) return m;
    }
    return std::nullopt;
  }
  if (expected.is_array()) {
    if (!actual.is_array()) return where(path) + ": expected an array, found " + show(actual);
    if (expected.size() != actual.size()) {
      return where(path) + ": expected " + std::to_string(expected.size()) + " elements, found " + std::to_string(actual.size()) + ": " +
             show(actual);
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (auto m = partial_match(expected[i], actual[i], path + "[" + std::to_string(i) + "]")) return m;
    }
    return std::nullopt;
  }
  if (expected.is_string() && actual.is_string()) {
    const auto& e = expected.get_ref<const std::string&>();
    const auto& a = actual.get_ref<const std::string&>();
    if (e == a) return std::nullopt;
    const auto te = core::parse_timestamp(e);
    const auto ta = core::parse_timestamp(a);
    if (te && ta && *te == *ta) return std::nullopt;
    return where(path) + ": expected " + show(expected) + ", found " + show(actual);
  }
  if (expected.is_number() && actual.is_number()) {
    bool equal = false;
    if (expected.is_number_integer() && actual.is_number_integer()) {
      auto negative = [](const core::Json& j) { return !j.is_number_unsigned() && j.get<std::int64_t>() < 0; };
      equal = negative(expected) || negative(actual) ? expected.get<std::int64_t>() == actual.get<std::int64_t>()
                                                     : expected.get<std::uint64_t>() == actual.get<std::uint64_t>();
    } else {
      equal = expected.get<double>() == actual.get<double>();
    }
    if (equal) return std::nullopt;
    return where(path) + ": expected " + show(expected) + ", found " + show(actual);
  }
  if (expected == actual) return std::nullopt;
  return where(path) + ": expected " + show(expected) + ", found " + show(actual);
}

}  // namespace acmsim::scenario
