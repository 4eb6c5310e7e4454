// `${name.path}` references to saved responses.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "acmsim/core/string_hash.hpp"
#include "acmsim/core/trace.hpp"

namespace acmsim::scenario {

using Json = core::Json;

/// Responses saved by steps (`save`), by name: looked up, never listed, and a
/// fleet saves one per certificate.
using SavedValues = std::unordered_map<std::string, Json, core::StringHash, std::equal_to<>>;

/// The names referenced in a string; nullopt (with `error`) when a `${` is malformed.
std::optional<std::vector<std::string>> referenced_names(std::string_view text, std::string* error);

/// Where for_each_string found a string. Its JSON Pointer is built only when
/// asked (for an error): a fleet's scenario has millions of strings.
class StringPlace {
 public:
  explicit StringPlace(const std::string& base) : base_(base) {}
  [[nodiscard]] std::string pointer() const;

 private:
  friend void for_each_string(const Json&, StringPlace&, const std::function<void(const std::string&, const StringPlace&)>&);
  struct Segment {
    std::size_t index = 0;
    const std::string* key = nullptr;  // an object member's name; null for an array index
  };
  const std::string& base_;
  std::vector<Segment> path_;
};

/// Every string inside `value`, with its place below `pointer`.
void for_each_string(const Json& value, const std::string& pointer, const std::function<void(const std::string&, const StringPlace&)>& fn);

/// Replaces references in every string of `value`. A string that is exactly
/// one reference takes the referenced value's JSON type. On a name with
/// nothing saved or a path that does not resolve, returns the reason.
std::optional<std::string> substitute(Json& value, const SavedValues& saved);

}  // namespace acmsim::scenario
