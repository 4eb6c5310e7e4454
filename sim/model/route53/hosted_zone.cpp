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

void RecordsByName::add(const RecordSet* r) {
  auto& list = by_key_[dns::name_key(r->name)];
  list.insert(std::upper_bound(list.begin(), list.end(), r, map_order), r);
}

void RecordsByName::remove(const RecordSet* r) {
  const std::uint64_t key = dns::name_key(r->name);
  auto* list = by_key_.find(key);
  if (list == nullptr) return;
  std::erase(*list, r);
  if (list->empty()) by_key_.erase(key);
}

void RecordsByName::rebuild(const std::map<RecordKey, RecordSet, RecordKeyLess>& records) {
  by_key_.clear();
  // The map's order is (name, type, set identifier): appending keeps each list in order.
  for (const auto& [key, r] : records) by_key_[dns::name_key(r.name)].push_back(&r);
}

}  // namespace acmsim::model
