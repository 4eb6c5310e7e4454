#include "acmsim/api/shape.hpp"

#include <deque>

#include "acmsim/core/suggest.hpp"
#include "acmsim/input/json_source.hpp"
#include "acmsim/model/regions.hpp"

namespace acmsim::api {

namespace {

std::deque<Shape>& pool() {
  static std::deque<Shape> p;  // immutable after construction; shared by all runs
  return p;
}

const Shape* make(Shape s) {
  pool().push_back(std::move(s));
  return &pool().back();
}

std::string_view json_type_name(const Json& v) {
  if (v.is_string()) return "a string";
  if (v.is_number_integer()) return "an integer";
  if (v.is_number()) return "a number";
  if (v.is_boolean()) return "a boolean";
  if (v.is_array()) return "an array";
  if (v.is_object()) return "an object";
  return "null";
}

std::string_view expected_name(ShapeType t) {
  switch (t) {
    case ShapeType::String:
      return "a string";
    case ShapeType::Integer:
      return "an integer";
    case ShapeType::Boolean:
      return "a boolean (true or false)";
    case ShapeType::Timestamp:
      return "an RFC 3339 timestamp string";
    case ShapeType::Blob:
      return "a base64 string";
    case ShapeType::List:
      return "an array";
    case ShapeType::Structure:
    case ShapeType::Map:
      return "an object";
    case ShapeType::Any:
      return "any value";
  }
  return "?";
}

}  // namespace

namespace shapes {
const Shape* string() {
  static const Shape* s = make(Shape{ShapeType::String, {}, nullptr, nullptr});
  return s;
}
const Shape* integer() {
  static const Shape* s = make(Shape{ShapeType::Integer, {}, nullptr, nullptr});
  return s;
}
const Shape* boolean() {
  static const Shape* s = make(Shape{ShapeType::Boolean, {}, nullptr, nullptr});
  return s;
}
const Shape* timestamp() {
  static const Shape* s = make(Shape{ShapeType::Timestamp, {}, nullptr, nullptr});
  return s;
}
const Shape* blob() {
  static const Shape* s = make(Shape{ShapeType::Blob, {}, nullptr, nullptr});
  return s;
}
const Shape* any() {
  static const Shape* s = make(Shape{ShapeType::Any, {}, nullptr, nullptr});
  return s;
}
const Shape* list(const Shape* element) { return make(Shape{ShapeType::List, {}, element, nullptr}); }
const Shape* map(const Shape* value) { return make(Shape{ShapeType::Map, {}, value, nullptr}); }
const Shape* structure(std::initializer_list<Member> members) { return make(Shape{ShapeType::Structure, members, nullptr, nullptr}); }
const Shape* blob_or(const Shape* structure) { return make(Shape{ShapeType::Blob, {}, nullptr, structure}); }
}  // namespace shapes

bool is_whole_reference(std::string_view s) {
  return s.size() > 3 && s.substr(0, 2) == "${" && s.back() == '}' && s.find("${", 2) == std::string_view::npos && s.find('}') == s.size() - 1;
}

std::optional<ShapeIssue> check_shape(const Shape& shape, const Json& v, bool allow_refs, const std::string& pointer) {
  if (allow_refs && v.is_string() && is_whole_reference(v.get_ref<const std::string&>())) return std::nullopt;
  auto wrong = [&](ShapeType t) {
    return ShapeIssue{pointer, "expected " + std::string(expected_name(t)) + ", found " + std::string(json_type_name(v))};
  };
  switch (shape.type) {
    case ShapeType::Any:
      return std::nullopt;
    case ShapeType::String:
    case ShapeType::Timestamp:
      if (!v.is_string()) return wrong(shape.type);
      return std::nullopt;
    case ShapeType::Blob:
      if (v.is_object() && shape.alternative != nullptr) return check_shape(*shape.alternative, v, allow_refs, pointer);
      if (!v.is_string()) {
        if (shape.alternative != nullptr)
          return ShapeIssue{pointer, "expected a PEM string or an object with the certificate's fields, found " + std::string(json_type_name(v))};
        return wrong(shape.type);
      }
      return std::nullopt;
    case ShapeType::Integer:
      if (!v.is_number_integer()) return wrong(shape.type);
      return std::nullopt;
    case ShapeType::Boolean:
      if (!v.is_boolean()) return wrong(shape.type);
      return std::nullopt;
    case ShapeType::List:
      if (!v.is_array()) return wrong(shape.type);
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (auto e = check_shape(*shape.element, v[i], allow_refs, pointer + "/" + std::to_string(i))) return e;
      }
      return std::nullopt;
    case ShapeType::Map:
      if (!v.is_object()) return wrong(shape.type);
      for (const auto& [k, x] : v.items()) {
        if (auto e = check_shape(*shape.element, x, allow_refs, pointer + "/" + input::pointer_escape(k))) return e;
      }
      return std::nullopt;
    case ShapeType::Structure: {
      if (!v.is_object()) return wrong(shape.type);
      std::vector<std::string_view> names;
      for (const auto& m : shape.members) names.push_back(m.name);
      for (const auto& [k, x] : v.items()) {
        const Member* found = nullptr;
        for (const auto& m : shape.members) {
          if (m.name == k) found = &m;
        }
        const std::string child = pointer + "/" + input::pointer_escape(k);
        if (found == nullptr) {
          std::string msg = "unknown member \"" + k + "\"";
          const auto near = core::nearest(k, names, 3);
          if (!near.empty()) {
            msg += "; valid members: ";
            for (std::size_t i = 0; i < names.size(); ++i) msg += (i > 0 ? ", " : "") + std::string(names[i]);
            if (core::edit_distance(k, near.front()) <= 3) msg += " (did you mean \"" + std::string(near.front()) + "\"?)";
          }
          return ShapeIssue{child, msg};
        }
        if (auto e = check_shape(*found->shape, x, allow_refs, child)) return e;
      }
      for (const auto& m : shape.members) {
        if (m.required && !v.contains(std::string(m.name))) {
          return ShapeIssue{pointer, "missing required member \"" + std::string(m.name) + "\""};
        }
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace acmsim::api
