// Route 53 (global): hosted zones, record changes with Route 53's refusals, the
// registrar's delegations, and a resolver of public DNS (see resolver.hpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "acmsim/core/random.hpp"
#include "acmsim/core/string_hash.hpp"
#include "acmsim/core/trace.hpp"
#include "acmsim/model/aws_error.hpp"
#include "acmsim/model/route53/hosted_zone.hpp"
#include "acmsim/model/service_context.hpp"

namespace acmsim::model {

/// Told after every change that can alter what public DNS answers (records,
/// zones, delegations), so that ACM can re-check pending validations.
/// A record that a change batch wrote or deleted.
struct ChangedRecord {
  std::string name;  // normalized
  RRType type;
};

class DnsObserver {
 public:
  virtual ~DnsObserver() = default;
  /// `records` lists the records that changed, or is null when more may
  /// have (a zone created or deleted, a delegation).
  virtual void on_dns_changed(const std::vector<ChangedRecord>* records) = 0;
};

/// Answers whether an alias target outside Route 53 (CloudFront, API Gateway,
/// ELB) exists; provided by the endpoint services.
class AliasTargetRegistry {
 public:
  virtual ~AliasTargetRegistry() = default;
  /// An error message when Route 53 would refuse the alias, nullopt when valid.
  virtual std::optional<std::string> check_alias(const AliasTarget& target, const std::string& record_name, RRType type, bool private_zone) const = 0;
};

struct CreateHostedZoneRequest {
  std::string name;
  std::string caller_reference;
  std::string comment;
  bool private_zone = false;
  std::optional<std::string> vpc_region;
  std::optional<std::string> vpc_id;
  /// A zone that exists outside the simulated deployment keeps its own id.
  std::optional<std::string> id;
};

struct RecordChange {
  ChangeAction action = ChangeAction::Create;
  RecordSet record;
};

struct ChangeBatch {
  std::string comment;
  std::vector<RecordChange> changes;
};

struct CreatedZone {
  const HostedZone* zone;
  ChangeInfo change;
};

class Route53Service {
 public:
  explicit Route53Service(const ServiceContext& ctx);

  void set_observer(DnsObserver* o) { observer_ = o; }
  void set_alias_registry(const AliasTargetRegistry* r) { alias_registry_ = r; }

  Outcome<CreatedZone> create_hosted_zone(core::SimTime now, const CreateHostedZoneRequest& req);
  Outcome<ChangeInfo> delete_hosted_zone(core::SimTime now, std::string_view id);
  Outcome<ChangeInfo> change_resource_record_sets(core::SimTime now, std::string_view zone_id, const ChangeBatch& batch);
  Outcome<const HostedZone*> get_hosted_zone(std::string_view id) const;
  Outcome<ChangeInfo> get_change(std::string_view id) const;
  Outcome<bool> delegate_domain(core::SimTime now, std::string_view domain, std::string_view zone_id);

  /// Live zones in creation order.
  [[nodiscard]] std::vector<const HostedZone*> zones() const;
  [[nodiscard]] const HostedZone* find_zone(std::string_view id) const;
  /// The live zones named exactly `name` (normalized), as indexes in creation
  /// order; nullptr when there is none. Kept as zones come and go, so that a
  /// rule asking which zones hold a name never walks them all.
  [[nodiscard]] const std::vector<std::size_t>* zones_named(std::string_view name) const {
    const auto it = zones_by_name_.find(name);
    return it == zones_by_name_.end() ? nullptr : &it->second;
  }
  /// The zone of an index from zones_named.
  [[nodiscard]] const HostedZone& zone_at(std::size_t index) const { return zones_[index]; }

  /// The zone id that the registrar's NS records point at for exactly this name.
  [[nodiscard]] const std::map<std::string, std::string, std::less<>>& delegations() const { return delegations_; }

  /// Upserts one record outside the API (sim:CreateValidationRecords); same rules as UPSERT.
  Outcome<ChangeInfo> upsert(core::SimTime now, std::string_view zone_id, RecordSet record);

  /// Changes with every change to zones, records or delegations, and is never
  /// the same in two worlds: answers derived from DNS can be kept while it holds.
  [[nodiscard]] std::uint64_t generation() const { return generation_; }

  /// Strips "/hostedzone/" (and "/change/").
  static std::string bare_id(std::string_view id);
  /// The same, as a view into `id`.
  static std::string_view bare_id_view(std::string_view id);

 private:
  HostedZone* mutable_zone(std::string_view id);
  std::string new_id(char prefix);
  void notify(const std::vector<ChangedRecord>* records = nullptr);

  const ServiceContext& ctx_;
  core::RandomStream ids_;
  std::vector<HostedZone> zones_;                                               // creation order; deleted ones are kept, flagged
  std::map<std::string, std::size_t, std::less<>> zone_index_;                  // transparent: found by a view of the id
  std::map<std::string, std::string, std::less<>> delegations_;                 // normalized name -> zone id
  std::map<std::string, std::vector<std::size_t>, std::less<>> zones_by_name_;  // live zones only
  std::unordered_map<std::string, ChangeInfo, core::StringHash, std::equal_to<>> changes_;  // by id: looked up, never listed
  std::map<std::string, std::string> caller_references_;
  DnsObserver* observer_ = nullptr;
  std::uint64_t generation_;
  const AliasTargetRegistry* alias_registry_ = nullptr;
};

}  // namespace acmsim::model
