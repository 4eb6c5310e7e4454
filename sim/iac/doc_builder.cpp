#include "doc_builder.hpp"

#include <algorithm>
#include <vector>

namespace acmsim::iac {

using input::PosNode;

namespace {

void sort_keys(PosNode& node) {
  node.by_key.resize(node.keys.size());
  for (std::uint32_t k = 0; k < node.by_key.size(); ++k) node.by_key[k] = k;
  std::sort(node.by_key.begin(), node.by_key.end(), [&](std::uint32_t a, std::uint32_t b) { return node.keys[a] < node.keys[b]; });
}

}  // namespace

/// A new value made at `pos`: every part of it there.
Node made(Json v, SourcePos pos) {
  Node n{std::move(v), PosNode{pos, {}, {}, {}}};
  std::vector<std::pair<const Json*, PosNode*>> todo{{&n.v, &n.p}};
  while (!todo.empty()) {
    auto [j, p] = todo.back();
    todo.pop_back();
    if (j->is_object()) {
      for (const auto& [k, _] : j->items()) {
        p->keys.push_back(k);
        p->children.push_back(PosNode{pos, {}, {}, {}});
      }
      sort_keys(*p);
      std::size_t i = 0;
      for (const auto& [k, e] : j->items()) todo.emplace_back(&e, &p->children[i++]);
    } else if (j->is_array()) {
      p->children.assign(j->size(), PosNode{pos, {}, {}, {}});
      for (std::size_t i = 0; i < j->size(); ++i) todo.emplace_back(&(*j)[i], &p->children[i]);
    }
  }
  return n;
}

/// The value at `pointer` of the document, with its positions.
std::optional<Node> copy(const SourceDocument& doc, const std::string& pointer) {
  const Json::json_pointer ptr(pointer);
  if (!doc.root.contains(ptr)) return std::nullopt;
  const PosNode* p = doc.node(pointer);
  return Node{doc.root[ptr], p != nullptr ? *p : PosNode{doc.pos_of(pointer), {}, {}, {}}};
}

void set(Node& obj, const std::string& key, Node value) {
  obj.v[key] = std::move(value.v);
  for (std::size_t i = 0; i < obj.p.keys.size(); ++i) {
    if (obj.p.keys[i] == key) {
      obj.p.children[i] = std::move(value.p);
      return;
    }
  }
  obj.p.keys.push_back(key);
  obj.p.children.push_back(std::move(value.p));
  sort_keys(obj.p);
}

void push(Node& arr, Node value) {
  arr.v.push_back(std::move(value.v));
  arr.p.children.push_back(std::move(value.p));
}

void put_resource(SourceDocument& doc, const std::string& id, Node resource) {
  Node all{doc.root["Resources"], *doc.node("/Resources")};
  set(all, id, std::move(resource));
  doc.root["Resources"] = std::move(all.v);
  *doc.node("/Resources") = std::move(all.p);
}

}  // namespace acmsim::iac
