// Request shapes: what the AWS SDKs check on the client before a call leaves
// (required members, known members, JSON types). Everything else is the
// simulated service's business and comes back as an AWS error.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acmsim/core/trace.hpp"

namespace acmsim::api {

using Json = core::Json;

enum class ShapeType { String, Integer, Boolean, Timestamp, Blob, List, Structure, Map, Any };

struct Shape;

struct Member {
  std::string_view name;
  const Shape* shape;
  bool required = false;
};

struct Shape {
  ShapeType type = ShapeType::Any;
  std::vector<Member> members;         // Structure
  const Shape* element = nullptr;      // List, Map (values)
  const Shape* alternative = nullptr;  // a Blob that may also be given as this Structure (ImportCertificate)
};

/// Shape builders; shapes live for the whole program (they are immutable).
namespace shapes {
const Shape* string();
const Shape* integer();
const Shape* boolean();
const Shape* timestamp();
const Shape* blob();
const Shape* any();
const Shape* list(const Shape* element);
const Shape* map(const Shape* value);
const Shape* structure(std::initializer_list<Member> members);
const Shape* blob_or(const Shape* structure);
}  // namespace shapes

/// A problem found in params: where (a JSON Pointer below the params) and what.
struct ShapeIssue {
  std::string pointer;
  std::string message;
};

/// Checks `value` against `shape`. With `allow_references`, a string that is
/// exactly one `${...}` reference stands for a value of any type.
std::optional<ShapeIssue> check_shape(const Shape& shape, const Json& value, bool allow_references, const std::string& pointer = "");

/// True when `s` is exactly one `${...}` reference.
bool is_whole_reference(std::string_view s);

}  // namespace acmsim::api
