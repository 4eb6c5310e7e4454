// JSON text of a value, the same bytes as nlohmann's dump() without indent,
// faster for the values a run writes by the million (trace records: flat
// objects of plain ASCII strings and integers). nlohmann writes every string
// a character at a time through a UTF-8 decoder; here a plain string is one
// copy, and only what needs escaping or a float's shortest form goes to
// nlohmann.
#pragma once

#include <string>

#include "acmsim/core/trace.hpp"

namespace acmsim::core {

/// Appends the value's text (as value.dump()) to `out`.
void append_json_text(std::string& out, const Json& value);

/// The value's text, as value.dump().
inline std::string json_text(const Json& value) {
  std::string out;
  append_json_text(out, value);
  return out;
}

}  // namespace acmsim::core
