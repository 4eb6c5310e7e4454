// ACM, per region: requests, imports, exports and deletions, and the
// certificate lifecycle as timed processes (validation, issuance, managed
// renewal, expiry). The renewal logic is in renewal.cpp, validation and
// issuance in lifecycle.cpp, the API operations in acm_service.cpp.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "acmsim/core/random.hpp"
#include "acmsim/core/simulation.hpp"
#include "acmsim/core/string_hash.hpp"
#include "acmsim/core/trace.hpp"
#include "acmsim/model/acm/certificate.hpp"
#include "acmsim/model/aws_error.hpp"
#include "acmsim/model/changes.hpp"
#include "acmsim/model/model_events.hpp"
#include "acmsim/model/route53/resolver.hpp"
#include "acmsim/model/service_context.hpp"
#include "acmsim/model/settings.hpp"
#include "acmsim/model/state_change.hpp"

namespace acmsim::model {

struct RequestCertificateInput {
  std::string domain_name;
  std::vector<std::string> subject_alternative_names;
  std::optional<std::string> validation_method;
  std::optional<std::string> key_algorithm;
  std::optional<std::string> idempotency_token;
  std::vector<std::pair<std::string, std::string>> domain_validation_options;  // DomainName, ValidationDomain
  std::optional<std::string> export_option;
  std::optional<std::string> ct_logging;
  std::optional<std::string> certificate_authority_arn;
  std::vector<Tag> tags;
};

/// The fields ACM reads from an imported certificate's PEM (the scenario shorthand).
struct ImportedCertificate {
  std::string domain_name;
  std::vector<std::string> subject_alternative_names;
  SimTime not_before;
  SimTime not_after;
  std::string key_algorithm;
  std::string issuer;
};

struct ImportCertificateInput {
  std::optional<std::string> certificate_arn;
  ImportedCertificate certificate;
  std::vector<Tag> tags;
};

struct ListCertificatesInput {
  std::vector<std::string> statuses;
  std::vector<std::string> key_types;  // Includes.keyTypes
  std::optional<std::string> export_option;
  std::optional<bool> managed_by_any;
};

struct ExportedCertificate {
  std::string certificate;
  std::string chain;
  std::string private_key;
};

/// Where ACM's EventBridge events and configuration changes go (the World
/// routes them to the default bus of the certificate's region, and to Config).
class AcmEventSink {
 public:
  virtual ~AcmEventSink() = default;
  virtual void acm_event(const Certificate& c, std::string_view detail_type, core::Json detail) = 0;
  /// Counts the event (and its deliveries) and returns true when counts are
  /// all it would leave behind: then ACM does not build it.
  virtual bool acm_event_counted(const Certificate& c, std::string_view detail_type) = 0;
  virtual void certificate_changed(const Certificate& c) = 0;
  /// The regions with issued certificates, or the first of those, changed.
  virtual void issued_index_changed() = 0;
};

class AcmService {
 public:
  AcmService(const ServiceContext& ctx, const PublicDns& dns);

  void set_event_sink(AcmEventSink* sink) { sink_ = sink; }

  // API operations (all take the region the call is made in).
  Outcome<std::string> request_certificate(RegionId region, const RequestCertificateInput& in);
  Outcome<std::string> import_certificate(RegionId region, const ImportCertificateInput& in);
  /// A certificate made outside the simulated deployment and known only by
  /// its ARN (an imported template's parameter): issued by Amazon now, in the
  /// region its ARN names, for `names` (the names the template serves with it).
  Outcome<std::string> adopt_certificate(const std::string& arn, const std::vector<std::string>& names);
  Outcome<const Certificate*> describe_certificate(RegionId region, std::string_view arn) const;
  [[nodiscard]] std::vector<const Certificate*> list_certificates(RegionId region, const ListCertificatesInput& in) const;
  Outcome<bool> delete_certificate(RegionId region, std::string_view arn);
  Outcome<ExportedCertificate> export_certificate(RegionId region, std::string_view arn, std::string_view passphrase);
  Outcome<bool> renew_certificate(RegionId region, std::string_view arn);
  Outcome<bool> revoke_certificate(RegionId region, std::string_view arn, std::string_view reason);
  Outcome<bool> resend_validation_email(RegionId region, std::string_view arn, std::string_view domain);
  Outcome<bool> add_tags(RegionId region, std::string_view arn, const std::vector<Tag>& tags);
  Outcome<bool> remove_tags(RegionId region, std::string_view arn, const std::vector<Tag>& tags);
  [[nodiscard]] std::optional<std::int64_t> days_before_expiry(RegionId region) const;
  Outcome<bool> put_account_configuration(RegionId region, std::optional<std::int64_t> days, std::string_view token);

  // Simulation actions.
  Outcome<bool> approve_validation_email(std::string_view arn, std::string_view domain);
  /// The certificate an ARN names, in whatever region (for sim: actions).
  Outcome<const Certificate*> find_any(std::string_view arn) const;

  // Used by the endpoint services: a resource starts or stops using a certificate.
  Outcome<bool> attach(std::string_view arn, const std::string& user);
  void detach(std::string_view arn, const std::string& user);

  /// Days of the Approaching Expiration window for a certificate.
  [[nodiscard]] std::int64_t expiry_window_days(const Certificate& c) const;
  [[nodiscard]] RenewalEligibility eligibility(const Certificate& c) const;

  /// ACM noticed a DNS change: re-check every pending DNS validation (after the notice delay).
  void on_dns_changed();

  /// The model's timed events for ACM.
  void handle(std::uint32_t kind, std::uint32_t cert_id);

  [[nodiscard]] const std::deque<Certificate>& all() const { return certs_; }
  /// The ISSUED certificates (not deleted), by id, and how many in each
  /// region: what the rules about regions ask, without a walk over all.
  [[nodiscard]] const std::set<std::uint32_t>& issued() const {
    ReadLog::note(Part::Certificates, kIssuedIndexKey);
    return issued_;
  }
  [[nodiscard]] const std::map<RegionId, std::uint32_t>& issued_per_region() const {
    ReadLog::note(Part::Certificates, kIssuedIndexKey);
    return issued_per_region_;
  }
  /// The imported certificates (not deleted) in each region.
  [[nodiscard]] const std::map<RegionId, std::uint32_t>& imported_per_region() const { return imported_per_region_; }
  [[nodiscard]] const std::string& account() const { return ctx_.account; }

 private:
  // lifecycle.cpp
  void schedule_dns_check(Certificate& c);
  void stop_awaiting_dns(const Certificate& c);
  void dns_check(Certificate& c);
  void issue(Certificate& c);
  void validation_timeout(Certificate& c);
  void expire(Certificate& c);
  void operator_repair(Certificate& c);
  void grant(Certificate& c);
  bool caa_blocks(const Certificate& c) const;
  // renewal.cpp
  void schedule_renewal(Certificate& c);
  void renewal_start(Certificate& c);
  void complete_renewal(Certificate& c);
  void renewal_validation_check(Certificate& c);
  void resume_renewal_if_due(Certificate& c);
  // events.cpp
  void emit(const Certificate& c, std::string_view detail_type, core::Json detail);
  /// False when the event would only be counted (the sink counted it): do not build it.
  bool event_needed(const Certificate& c, std::string_view detail_type);
  void emit_available(const Certificate& c, std::string_view action);
  void emit_expired(const Certificate& c);
  void emit_revoked(const Certificate& c);
  void schedule_expiry_notices(Certificate& c);
  void expiry_notice(Certificate& c);
  void schedule_action_required(Certificate& c);
  void action_required(Certificate& c);
  /// Appends the members every ACM event's detail has (CertificateType first
  /// unless `with_type` is false) to the object `d`.
  void add_common_detail(core::Json& d, const Certificate& c, bool with_type = true) const;

  Outcome<Certificate*> lookup(RegionId region, std::string_view arn);
  Certificate* by_arn(std::string_view arn);
  const Certificate* by_arn(std::string_view arn) const;
  std::string new_arn(RegionId region);
  Serial new_serial();
  void set_status(Certificate& c, CertificateStatus s, std::string_view why);
  void index_status(const Certificate& c);
  /// Reports a change of a certificate to the sink and the trace. `extra()`
  /// gives the state record's own members; it is called only when a trace is
  /// kept, since a quiet fleet run makes hundreds of thousands of changes.
  template <class Extra>
  void trace_state(const Certificate& c, StateChange change, Extra&& extra) {
    if (sink_ != nullptr) sink_->certificate_changed(c);
    if (ctx_.trace.enabled()) ctx_.emit_state("acm", c.region, c.arn, change, std::forward<Extra>(extra)());
  }
  void trace_state(const Certificate& c, StateChange change) {
    trace_state(c, change, [] { return core::Json::object(); });
  }
  core::EventId schedule(core::Duration d, ModelEvent kind, const Certificate& c);
  Duration notice_delay();

  const ServiceContext& ctx_;
  const PublicDns& dns_;
  core::RandomStream arn_ids_;
  core::RandomStream serials_;
  core::RandomStream notice_;
  core::RandomStream faults_;
  core::RandomStream repairs_;
  std::deque<Certificate> certs_;  // by id; a deque: no doubling of a fleet's worth of certificates as it grows
  std::unordered_map<std::string, std::uint32_t, core::StringHash, std::equal_to<>> by_arn_;  // looked up, never listed
  std::map<std::pair<RegionId, std::string>, std::pair<std::uint32_t, SimTime>> idempotency_;
  std::map<RegionId, std::int64_t> days_before_expiry_;
  std::set<std::uint32_t> awaiting_dns_;  // certificates whose DNS validation is pending
  std::set<std::uint32_t> idle_dns_;      // of those, the ones with no DNS check scheduled
  std::set<std::uint32_t> issued_;
  std::map<RegionId, std::uint32_t> issued_per_region_;
  std::set<std::uint32_t> imported_;
  std::map<RegionId, std::uint32_t> imported_per_region_;
  AcmEventSink* sink_ = nullptr;
};

}  // namespace acmsim::model
