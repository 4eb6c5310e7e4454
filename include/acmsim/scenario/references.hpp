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

/// Every string inside `value`, with its JSON Pointer below `pointer`.
void for_each_string(const Json& value, const std::string& pointer, const std::function<void(const std::string&, const std::string&)>& fn);

/// Replaces references in every string of `value`. A string that is exactly
/// one reference takes the referenced value's JSON type. On a name with
/// nothing saved or a path that does not resolve, returns the reason.
std::optional<std::string> substitute(Json& value, const SavedValues& saved);

}  // namespace acmsim::scenario
