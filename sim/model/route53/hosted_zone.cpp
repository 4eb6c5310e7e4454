#include "acmsim/model/route53/hosted_zone.hpp"

#include <algorithm>
#include <tuple>

#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::model {

namespace {
// The map's order within one name: type, then set identifier.
bool map_order(const RecordSet* a, const RecordSet* b) {
  static const std::string kNone;
  return std::forward_as_tuple(aws_name(a->type), a->set_identifier ? *a->set_identifier : kNone) <
         std::forward_as_tuple(aws_name(b->type), b->set_identifier ? *b->set_identifier : kNone);
}
}  // namespace

// The name and each suffix of it that starts after a dot, then the root:
// the names a record set makes exist.
void RecordsByName::count_node(std::string_view name, int delta) {
  auto bump = [&](std::string_view n) {
    if (delta > 0) {
      const auto it = below_.find(n);
      if (it != below_.end()) {
        ++it->second;
      } else {
        below_.emplace(std::string(n), 1U);
      }
      return;
    }
    const auto it = below_.find(n);
    if (it != below_.end() && --it->second == 0) below_.erase(it);
  };
  std::string_view n = name;
  while (!n.empty() && n != ".") {
    bump(n);
    const auto dot = n.find('.');
    if (dot == std::string_view::npos || dot + 1 >= n.size()) break;
    n = n.substr(dot + 1);
  }
  bump(".");
}

void RecordsByName::add(const RecordSet* r) {
  count_node(r->name, +1);
  auto& list = by_key_[dns::name_key(r->name)];
  list.insert(std::upper_bound(list.begin(), list.end(), r, map_order), r);
}

void RecordsByName::remove(const RecordSet* r) {
  const std::uint64_t key = dns::name_key(r->name);
  auto* list = by_key_.find(key);
  if (list == nullptr) return;
  const auto before = list->size();
  std::erase(*list, r);
  if (list->size() != before) count_node(r->name, -1);
  if (list->empty()) by_key_.erase(key);
}

void RecordsByName::rebuild(const std::map<RecordKey, RecordSet, RecordKeyLess>& records) {
  by_key_.clear();
  below_.clear();
  for (const auto& [key, r] : records) count_node(r.name, +1);
  // The map's order is (name, type, set identifier): appending keeps each list in order.
  for (const auto& [key, r] : records) by_key_[dns::name_key(r.name)].push_back(&r);
}

}  // namespace acmsim::model
