#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "acmsim/model/route53/dns_name.hpp"
#include "acmsim/model/route53/hosted_zone.hpp"

using namespace acmsim;
using model::RecordsByName;
using model::RecordSet;

namespace {
// The definition the index must agree with: some record is at or below the name.
bool exists_by_walk(const std::map<std::string, RecordSet>& records, std::string_view name) {
  return std::any_of(records.begin(), records.end(), [&](const auto& kv) { return model::dns::is_at_or_below(kv.second.name, name); });
}
}  // namespace

TEST(RecordsByName, NodeExistsAgreesWithAWalkOverRandomAddsAndRemoves) {
  // Names from a small alphabet of labels, so that names share suffixes,
  // collide in prefix, include escapes and wildcards, and come and go.
  const std::vector<std::string> labels{"a", "b", "www", "_x1", "*", "c\\.d", "example", "com"};
  std::mt19937_64 rng(7);
  auto random_name = [&] {
    std::string n;
    const int depth = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < depth; ++i) n += labels[rng() % labels.size()] + ".";
    return n + "example.com.";
  };
  std::map<std::string, RecordSet> records;  // by name: one set per name is enough here
  RecordsByName index;
  std::vector<std::string> probes{".", "com.", "example.com.", "x.example.com.", "d.example.com.", "c\\.d.example.com."};
  for (int step = 0; step < 4000; ++step) {
    const std::string name = random_name();
    probes.push_back(name);
    if (const auto it = records.find(name); it != records.end()) {
      index.remove(&it->second);
      records.erase(it);
    } else {
      RecordSet r;
      r.name = name;
      index.add(&records.emplace(name, std::move(r)).first->second);
    }
    if (step % 97 != 0) continue;
    for (const auto& p : probes) {
      ASSERT_EQ(index.node_exists(p), exists_by_walk(records, p)) << "step " << step << ", name " << p;
      const std::string parent = model::dns::parent(p);
      if (!parent.empty()) {
        ASSERT_EQ(index.node_exists(parent), exists_by_walk(records, parent)) << parent;
      }
    }
  }
  // Emptied, nothing exists, not even the root.
  for (auto& [name, r] : records) index.remove(&r);
  records.clear();
  for (const auto& p : probes) EXPECT_FALSE(index.node_exists(p)) << p;
}

TEST(RecordsByName, RebuildCountsEveryRecordOnce) {
  std::map<model::RecordKey, RecordSet, model::RecordKeyLess> zone;
  for (const std::string n : {"_a.www.example.com.", "www.example.com.", "b.example.com."}) {
    RecordSet r;
    r.name = n;
    zone.emplace(model::RecordKey{model::dns::sort_key(n), "CNAME", ""}, std::move(r));
  }
  RecordsByName index;
  index.rebuild(zone);
  index.rebuild(zone);  // a second rebuild starts over, it does not add
  EXPECT_TRUE(index.node_exists("www.example.com."));
  EXPECT_FALSE(index.node_exists("a.example.com."));
  for (const auto& [key, r] : zone) index.remove(&r);
  EXPECT_FALSE(index.node_exists("example.com."));
}
