// The World: the account's services in every region, wired together, and the
// dispatch of the model's timed events.
#pragma once

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

#include "acmsim/core/simulation.hpp"
#include "acmsim/core/trace.hpp"
#include "acmsim/model/acm/acm_service.hpp"
#include "acmsim/model/apigateway/apigateway_service.hpp"
#include "acmsim/model/changes.hpp"
#include "acmsim/model/client/latency.hpp"
#include "acmsim/model/client/probes.hpp"
#include "acmsim/model/cloudfront/cloudfront_service.hpp"
#include "acmsim/model/config/config_service.hpp"
#include "acmsim/model/elb/elb_service.hpp"
#include "acmsim/model/events/eventbridge_service.hpp"
#include "acmsim/model/route53/resolver.hpp"
#include "acmsim/model/route53/route53_service.hpp"
#include "acmsim/model/service_context.hpp"
#include "acmsim/model/settings.hpp"

namespace acmsim::model {

/// A value of an imported template that cannot be known without deploying
/// (rule unresolved-value): which resource, which property, and why.
struct UnresolvedValue {
  std::string resource;  // "STACK/LogicalId"
  std::string property;  // "Properties.CertificateArn"
  std::string reason;
  std::int32_t origin = -1;
};

class World : private DnsObserver, private AliasTargetRegistry, private AcmEventSink, private ChangeSink {
 public:
  World(core::Simulation& sim, core::Trace& trace, Settings settings, std::string account);
  World(const World&) = delete;
  World& operator=(const World&) = delete;
  ~World() override = default;

  /// Marks what follows as caused by scenario step `step` (for reports).
  void set_origin(std::int32_t step) { context_.origin = step; }
  [[nodiscard]] std::int32_t sim_origin() const { return context_.origin; }

  /// Runs one of the model's own events (ModelEvent kinds).
  void handle(const core::ScheduledEvent& ev);

  /// Counts the changes to what the analysis rules read: model events bump it,
  /// and so must whoever calls the services directly (the scenario runner
  /// after each call), so that the engine can skip instants where nothing changed.
  [[nodiscard]] std::uint64_t revision() const { return revision_; }
  /// The same, per part of the world, so that the engine re-runs only the
  /// rules that read a part that changed. `touch()` marks every part.
  [[nodiscard]] std::uint64_t revision(Part p) const { return part_revisions_[part_index(p)]; }
  void touch(PartMask parts = kAllParts) {
    ++revision_;
    for (std::size_t i = 0; i < kPartCount; ++i) {
      if ((parts & (1U << i)) != 0U) part_revisions_[i] = revision_;
    }
    for (std::size_t i = 0; i < kPartCount; ++i) {
      if ((parts & (1U << i)) != 0U) whole_revisions_[i] = revision_;
    }
  }
  /// Marks a change to one resource of a part: a certificate's state
  /// (Part::Certificates, key: the certificate's id) or the records of one
  /// DNS name (Part::Dns, key: dns::name_key of the name).
  void touch_key(Part p, std::uint64_t key) {
    ++revision_;
    part_revisions_[part_index(p)] = revision_;
    changes_.push_back({revision_, p, key});
  }
  void touch_certificate(std::uint32_t id) { touch_key(Part::Certificates, id); }
  struct Change {
    std::uint64_t revision;
    Part part;
    std::uint64_t key;
  };
  /// The resources changed one at a time since the last forget_changes(), in
  /// order; a change to a whole part is its whole_revision instead.
  [[nodiscard]] const std::vector<Change>& changes() const { return changes_; }
  [[nodiscard]] std::uint64_t whole_revision(Part p) const { return whole_revisions_[part_index(p)]; }
  /// The name of a DNS change's key (for rules that judge the records of one name).
  [[nodiscard]] const std::string* changed_name(std::uint64_t key) const {
    const auto it = changed_names_.find(key);
    return it == changed_names_.end() ? nullptr : &it->second;
  }
  /// The analysis has seen every change so far (keeps the log to one instant's changes).
  void forget_changes() {
    changes_.clear();
    changed_names_.clear();
  }

  core::Simulation& sim;
  core::Trace& trace;
  const Settings settings;
  const std::string account;

 private:
  ServiceContext context_;  // before the services, which keep a reference to it

 public:
  Route53Service route53;
  PublicDns dns;
  AcmService acm;
  ApiGatewayService apigateway;
  CloudFrontService cloudfront;
  ElbService elb;
  EventBridgeService events;
  ConfigService config;
  LatencyModel latency;
  Clients clients;
  std::vector<UnresolvedValue> unresolved;  // Part::Deployment

 private:
  std::uint64_t revision_ = 0;
  std::array<std::uint64_t, kPartCount> part_revisions_{};
  std::array<std::uint64_t, kPartCount> whole_revisions_{};
  std::vector<Change> changes_;
  std::unordered_map<std::uint64_t, std::string> changed_names_;
  void on_dns_changed(const std::vector<ChangedRecord>* records) override;
  void resource_changed(Part part, std::uint64_t key) override { touch_key(part, key); }
  void acm_event(const Certificate& c, std::string_view detail_type, core::Json detail) override;
  bool acm_event_counted(const Certificate& c, std::string_view detail_type) override;
  void issued_index_changed() override { touch_key(Part::Certificates, kIssuedIndexKey); }
  void certificate_changed(const Certificate& c) override {
    touch_certificate(c.id);
    config.certificate_changed(c);
  }
  [[nodiscard]] std::optional<std::string> check_alias(const AliasTarget& target, const std::string& record_name, RRType type,
                                                       bool private_zone) const override;
};

}  // namespace acmsim::model
