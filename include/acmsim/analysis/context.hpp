// What a rule's check sees: the world at one instant (read-only), helpers for
// the questions several rules ask, and where findings go.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "acmsim/analysis/finding.hpp"
#include "acmsim/model/world.hpp"

namespace acmsim::analysis {

struct RuleDef;

class Context {
 public:
  Context(const model::World& world, core::SimTime now) : world_(world), now_(now) {}

  [[nodiscard]] const model::World& world() const { return world_; }
  [[nodiscard]] core::SimTime now() const { return now_; }

  /// Reports that the current rule holds for these resources.
  void report(std::vector<std::string> resources, std::string message, std::int32_t origin);
  /// Asks for a re-evaluation at `t`: a condition that changes with time alone.
  void wake_at(core::SimTime t);

  // Shared questions.
  /// Whether the certificate's validation CNAME for `v` resolves in public DNS.
  [[nodiscard]] bool validation_resolves(const model::DomainValidation& v) const;
  /// The names a certificate covers now (its current version's, else its SANs).
  [[nodiscard]] static const std::vector<std::string>& names_of(const model::Certificate& c);
  [[nodiscard]] static bool covers(const model::Certificate& c, const std::string& host);
  /// Whether an EventBridge pattern takes the "Approaching Expiration" event
  /// ACM would send for a certificate, were it put on a bus of `region`.
  /// Most patterns decide by source and detail type: then no event is built.
  [[nodiscard]] bool takes_expiry_event(const model::EventPattern& pattern, const model::Certificate& c, model::RegionId region) const;
  /// Every public record name (normalized) of the account, in zone order.
  /// Built once per pass and shared by the rules that ask (the world does not
  /// change during a pass).
  [[nodiscard]] const std::vector<std::pair<const model::HostedZone*, const model::RecordSet*>>& records() const;
  /// The zones that may hold records named `name` (normalized): those whose
  /// name is `name` or one of its parents, in creation order (as records()).
  [[nodiscard]] std::vector<const model::HostedZone*> zones_for(const std::string& name) const;
  /// The CNAME records named `name` (normalized) in every zone, in the order
  /// of records(), found without a walk over every record.
  [[nodiscard]] std::vector<std::pair<const model::HostedZone*, const model::RecordSet*>> cnames_named(const std::string& name) const;

  // For the engine.
  /// What findings and wake-ups are about: the world (a rule's whole check),
  /// one certificate, custom domain, DNS name, distribution or load balancer
  /// (the kind in the top byte).
  using Subject = std::uint64_t;
  static constexpr Subject kWorld = 0;
  static constexpr Subject certificate_subject(std::uint32_t id) { return (Subject{1} << 56) | id; }
  static constexpr Subject domain_subject(std::uint32_t id) { return (Subject{2} << 56) | id; }
  /// The records of one DNS name (every zone): `key` is dns::name_key of the name.
  static constexpr Subject name_subject(std::uint64_t key) { return (Subject{3} << 56) | (key & ((Subject{1} << 56) - 1)); }
  /// A CloudFront distribution, by its index (model::Distribution::index).
  static constexpr Subject distribution_subject(std::uint32_t index) { return (Subject{4} << 56) | index; }
  /// A load balancer with its listeners, by its index (model::LoadBalancer::index).
  static constexpr Subject load_balancer_subject(std::uint32_t index) { return (Subject{5} << 56) | index; }
  struct Wake {
    core::SimTime at;
    Subject subject;
  };
  void begin(const RuleDef* rule) { rule_ = rule; }
  void set_subject(Subject s) { subject_ = s; }
  /// Whether verdicts note what they read (a one-off pass, as lint's, need not).
  void set_track_reads(bool on) { track_reads_ = on; }
  [[nodiscard]] bool tracks_reads() const { return track_reads_; }
  [[nodiscard]] std::vector<Finding>& findings() { return findings_; }
  /// The subject of each finding, in the same order.
  [[nodiscard]] std::vector<Subject>& subjects() { return subjects_; }
  [[nodiscard]] std::vector<Wake>& wakeups() { return wakeups_; }
  /// What each subject's verdict read (model::read_key values).
  [[nodiscard]] std::vector<std::pair<Subject, std::uint64_t>>& reads() { return reads_; }
  /// The name of each name subject judged.
  [[nodiscard]] std::vector<std::pair<Subject, std::string>>& names() { return names_; }

 private:
  /// The sample event takes_expiry_event matches when the pattern reads more
  /// than source and detail type. One event is rewritten in place for each
  /// certificate (a rule pass asks for 100,000 of them), so the reference
  /// lasts until the next call on this thread.
  [[nodiscard]] const core::Json& sample_expiry_event(const model::Certificate& c, model::RegionId region) const;
  const model::World& world_;
  core::SimTime now_;
  const RuleDef* rule_ = nullptr;
  Subject subject_ = kWorld;
  bool track_reads_ = true;
  std::vector<Finding> findings_;
  std::vector<Subject> subjects_;
  std::vector<Wake> wakeups_;
  std::vector<std::pair<Subject, std::uint64_t>> reads_;
  std::vector<std::pair<Subject, std::string>> names_;
  mutable std::optional<std::vector<std::pair<const model::HostedZone*, const model::RecordSet*>>> records_;
};

}  // namespace acmsim::analysis
