// Public DNS as the Internet sees the account's Route 53 zones: the registrar's
// delegation, NS cuts inside zones, wildcard records (RFC 4592), CNAME chains
// and CAA lookups (RFC 8659). Private zones never answer here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acmsim/model/route53/route53_service.hpp"

namespace acmsim::model {

enum class LookupStatus { Found, Cname, NoData, NxDomain, NoZone, Lame };

struct LookupResult {
  LookupStatus status = LookupStatus::NoZone;
  const RecordSet* record = nullptr;  // Found (of the type asked) or Cname (the CNAME at the name)
  const HostedZone* zone = nullptr;   // the zone that answered
  bool via_wildcard = false;
};

class PublicDns {
 public:
  explicit PublicDns(const Route53Service& r53) : r53_(r53) {}

  /// The public zone that answers for `name` (normalized), following the
  /// registrar's delegation and NS records inside zones; nullptr when none
  /// answers. `lame` is set when an NS cut leads to no zone of the account.
  [[nodiscard]] const HostedZone* answering_zone(std::string_view name, bool* lame = nullptr) const;

  /// One query, no chasing: the record set of `type` at `name`, or the CNAME there.
  [[nodiscard]] LookupResult lookup(std::string_view name, RRType type) const;

  /// True when the CNAME at `name`, or a chain of at most `max_hops` CNAMEs from
  /// it, reaches `expected` (how ACM checks a validation record).
  [[nodiscard]] bool cname_reaches(std::string_view name, std::string_view expected, int max_hops) const;

  /// The relevant CAA record set for issuing to `name` (RFC 8659: the closest
  /// one up the tree); empty when there is none. The answers of parent nodes
  /// are remembered while DNS is unchanged: names that share parents share
  /// their walk.
  [[nodiscard]] std::vector<std::string> relevant_caa(std::string_view name) const;

  /// Whether the CAA set allows Amazon to issue for a name (wildcard or not).
  static bool caa_allows_amazon(const std::vector<std::string>& caa, bool wildcard);

 private:
  // The CAA set at one node, following a CNAME there; nullopt when it has none.
  [[nodiscard]] std::optional<std::vector<std::string>> caa_at(const std::string& node) const;
  [[nodiscard]] std::vector<std::string> ancestor_caa(std::string_view node) const;
  /// cname_reaches without the cache of answers.
  [[nodiscard]] bool cname_walk(std::string_view name, std::string_view expected, int max_hops) const;
  [[nodiscard]] const HostedZone* descend(const HostedZone* zone, std::string_view name, bool* lame, int depth) const;

  const Route53Service& r53_;
};

}  // namespace acmsim::model
