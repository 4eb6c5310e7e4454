// Building a template's document with positions: the values a reader makes
// (SAM's expansion, a Terraform plan's resources) keep the positions of the
// input they come from, so findings and errors point there.
#pragma once

#include <optional>
#include <string>

#include "template.hpp"

namespace acmsim::iac {

/// A value with the positions of its parts, as the document keeps them.
struct Node {
  Json v;
  input::PosNode p;
};

/// A new value made at `pos`: every part of it there.
Node made(Json v, SourcePos pos);
/// The value at `pointer` of the document, with its positions.
std::optional<Node> copy(const SourceDocument& doc, const std::string& pointer);
/// Sets an object's member (keeping its positions).
void set(Node& obj, const std::string& key, Node value);
/// Appends to an array.
void push(Node& arr, Node value);
/// Adds (or replaces) a resource of the document's Resources.
void put_resource(SourceDocument& doc, const std::string& id, Node resource);

inline Json ref(const std::string& id) { return Json{{"Ref", id}}; }
inline Json get_att(const std::string& id, const std::string& attr) { return Json{{"Fn::GetAtt", Json::array({id, attr})}}; }

}  // namespace acmsim::iac
