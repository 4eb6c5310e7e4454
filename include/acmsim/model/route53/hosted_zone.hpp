// Route 53 hosted zones and resource record sets, as plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "acmsim/core/flat_map.hpp"
#include "acmsim/core/string_hash.hpp"
#include "acmsim/core/time.hpp"
#include "acmsim/model/aws_names.hpp"

namespace acmsim::model {

struct AliasTarget {
  std::string hosted_zone_id;
  std::string dns_name;  // normalized
  bool evaluate_target_health = false;
  bool operator==(const AliasTarget&) const = default;
};

struct RecordSet {
  std::string name;  // normalized, absolute
  RRType type = RRType::A;
  std::optional<std::int64_t> ttl;
  std::vector<std::string> values;  // ResourceRecords[].Value, as given
  std::optional<AliasTarget> alias;
  std::optional<std::string> set_identifier;
  std::int32_t origin = -1;  // scenario step that last wrote it (for reports)
  bool same_content(const RecordSet& o) const {
    return name == o.name && type == o.type && ttl == o.ttl && values == o.values && alias == o.alias && set_identifier == o.set_identifier;
  }
};

/// Key in Route 53's listing order: name with labels reversed, then type.
struct RecordKey {
  std::string sort_name;
  std::string type;
  std::string set_identifier;
  auto operator<=>(const RecordKey&) const = default;
};

/// A key to look records up with, without building strings (lookups are on
/// the path of every DNS query and every rule pass).
struct RecordKeyView {
  std::string_view sort_name;
  std::string_view type;
  std::string_view set_identifier;
};

struct RecordKeyLess {
  using is_transparent = void;
  template <class A, class B>
  bool operator()(const A& a, const B& b) const {
    return std::tie(a.sort_name, a.type, a.set_identifier) < std::tie(b.sort_name, b.type, b.set_identifier);
  }
  bool operator()(const RecordKey& a, const RecordKeyView& b) const { return view(a) < view(b); }
  bool operator()(const RecordKeyView& a, const RecordKey& b) const { return view(a) < view(b); }

 private:
  static std::tuple<std::string_view, std::string_view, std::string_view> view(const RecordKey& k) { return {k.sort_name, k.type, k.set_identifier}; }
  static std::tuple<std::string_view, std::string_view, std::string_view> view(const RecordKeyView& k) {
    return {k.sort_name, k.type, k.set_identifier};
  }
};

/// A zone's record sets by the exact name they are at, so that a DNS query
/// costs one hash lookup instead of a walk down the ordered map (every
/// certificate check asks several). Keyed by dns::name_key of the name: a
/// collision of keys only puts two names in one list, and readers compare
/// names. Each list is in the map's order (type, then set identifier).
/// It points into its zone's map, whose nodes never move: a copy would point
/// into the original, so there is none.
class RecordsByName {
 public:
  RecordsByName() = default;
  RecordsByName(const RecordsByName&) = delete;
  RecordsByName& operator=(const RecordsByName&) = delete;
  RecordsByName(RecordsByName&&) noexcept = default;
  RecordsByName& operator=(RecordsByName&&) noexcept = default;
  ~RecordsByName() = default;

  void add(const RecordSet* r);
  void remove(const RecordSet* r);
  /// Every record set indexed from `records`, and nothing else.
  void rebuild(const std::map<RecordKey, RecordSet, RecordKeyLess>& records);
  /// The record sets at the name of this key (and at colliding names), or nullptr.
  [[nodiscard]] const std::vector<const RecordSet*>* at(std::uint64_t name_key) const { return by_key_.find(name_key); }
  /// Whether the name exists as a DNS node: it owns records or lies above a
  /// name that does (an empty non-terminal, RFC 4592), as
  /// dns::is_at_or_below reads "above". One hash lookup: a certificate's
  /// own name is usually such a node (its validation record is below it),
  /// and every CAA check asks.
  [[nodiscard]] bool node_exists(std::string_view name) const { return below_.find(name) != below_.end(); }

 private:
  void count_node(std::string_view name, int delta);
  core::FlatMap<std::vector<const RecordSet*>> by_key_;
  /// How many record sets are at or below each name that has any: exact
  /// names, not keys, since a false "exists" would turn NXDOMAIN into NODATA.
  std::unordered_map<std::string, std::uint32_t, core::StringHash, std::equal_to<>> below_;
};

struct HostedZone {
  std::string id;    // without the /hostedzone/ prefix
  std::string name;  // normalized, absolute
  std::string caller_reference;
  std::string comment;
  bool private_zone = false;
  std::vector<std::pair<std::string, std::string>> vpcs;  // region, vpc id
  std::vector<std::string> name_servers;
  std::map<RecordKey, RecordSet, RecordKeyLess> records;
  RecordsByName by_name;  // kept with `records` by Route53Service, the only writer
  /// NS record sets below the apex (delegations inside the zone). Most zones
  /// have none, and then a lookup need not look for a cut on its way down.
  std::size_t ns_cuts = 0;
  core::SimTime created_at;
  std::int32_t origin = -1;
  bool deleted = false;
};

struct ChangeInfo {
  std::string id;  // without the /change/ prefix
  core::SimTime submitted_at;
  std::string comment;
};

}  // namespace acmsim::model
