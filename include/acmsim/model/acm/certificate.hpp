// An ACM certificate as ACM keeps it: identity, names, validation state, the
// validity window, renewal state, and who uses it.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "acmsim/core/event_queue.hpp"
#include "acmsim/core/time.hpp"
#include "acmsim/model/aws_names.hpp"
#include "acmsim/model/regions.hpp"

namespace acmsim::model {

using core::Duration;
using core::EventId;
using core::SimTime;

struct DomainValidation {
  std::string domain_name;
  std::string validation_domain;
  DomainStatus status = DomainStatus::PendingValidation;
  ValidationMethod method = ValidationMethod::Dns;
  std::string record_name;   // DNS: "_<hex>.<domain>."
  std::string record_value;  // DNS: "_<hex>.<letters>.acm-validations.aws."
};

struct RenewalSummary {
  RenewalStatus status = RenewalStatus::PendingAutoRenewal;
  std::optional<FailureReason> reason;
  SimTime updated_at;
  std::vector<DomainValidation> validations;
};

struct Tag {
  std::string key;
  std::string value;
  bool operator==(const Tag&) const = default;
};

/// A certificate body's serial number: 16 bytes, written as colon-separated
/// hex pairs as ACM's Serial member is. Kept as bytes: every renewal of a
/// fleet's certificates makes one.
struct Serial {
  std::array<std::uint8_t, 16> bytes{};
  [[nodiscard]] std::string text() const {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 3);
    for (const auto b : bytes) {
      if (!out.empty()) out += ':';
      out += hex[b >> 4];
      out += hex[b & 15];
    }
    return out;
  }
  bool operator==(const Serial&) const = default;
};

/// One issued body of a certificate (first issue, each renewal, each import):
/// what an endpoint serves once the change has propagated to it.
struct CertificateVersion {
  Serial serial;
  SimTime not_before;
  SimTime not_after;
  /// Shared by consecutive bodies with the same names (every renewal keeps
  /// them): a fleet's certificates renew dozens of times.
  std::shared_ptr<const std::vector<std::string>> names;
  SimTime since;  // when ACM made it current
};

struct PendingDetach {
  std::string user;
  SimTime at;
};

/// Fixed once the certificate is made (the incremental analysis relies on it,
/// certificate_aspects.cpp): id, region, arn, type, key_algorithm,
/// certificate_authority_arn, created_at, and each validation's names and
/// record. Everything else may change.
struct Certificate {
  std::uint32_t id = 0;
  RegionId region = 0;
  std::string arn;
  std::string domain_name;
  std::vector<std::string> sans;  // DomainName first, then the rest in request order
  CertificateType type = CertificateType::AmazonIssued;
  CertificateStatus status = CertificateStatus::PendingValidation;
  std::optional<FailureReason> failure_reason;
  ValidationMethod method = ValidationMethod::Dns;
  KeyAlgorithm key_algorithm = KeyAlgorithm::Rsa2048;
  ExportOption export_option = ExportOption::Disabled;
  CtLoggingPreference ct_logging = CtLoggingPreference::Enabled;
  std::vector<DomainValidation> validations;
  std::string issuer = "Amazon";
  std::optional<Serial> serial;  // none before the first body
  std::string certificate_authority_arn;
  SimTime created_at;
  std::optional<SimTime> issued_at;
  std::optional<SimTime> imported_at;
  std::optional<SimTime> not_before;
  std::optional<SimTime> not_after;
  std::optional<SimTime> revoked_at;
  std::optional<SimTime> validation_started_at;  // request or renewal attempt
  std::int64_t validity_days = 0;
  std::int64_t renewal_lead_days = 0;
  std::optional<RenewalSummary> renewal;
  std::vector<CertificateVersion> versions;  // oldest first
  bool renewing = false;                     // a renewal attempt is in progress
  std::set<std::string> in_use_by;
  std::vector<PendingDetach> detaching;
  bool exported_since_issue = false;
  bool ever_exported = false;
  std::vector<Tag> tags;
  std::int32_t origin = -1;  // scenario step that created or last changed it
  bool deleted = false;
  bool adopted = false;  // made outside the simulated deployment (sim:AdoptCertificate): its own state is not judged

  // Timed processes that a later change may make moot.
  EventId timeout_event;
  EventId issue_event;
  EventId renewal_event;
  EventId expiry_event;
  EventId notice_event;           // next "Approaching Expiration"
  EventId action_required_event;  // next "Renewal Action Required"
  EventId repair_event;           // an operator replaces it after it expired (faults.repairMeanTime)
  bool attempt_faulted = false;   // this renewal attempt fails whatever DNS says (faults.renewalAttemptFailure)
  bool dns_check_pending = false;

  [[nodiscard]] bool in_use() const { return !in_use_by.empty(); }

  /// Makes the body with the current serial and names the one served from `since`.
  void add_version(SimTime body_not_before, SimTime body_not_after, SimTime since) {
    auto names = !versions.empty() && *versions.back().names == sans ? versions.back().names : std::make_shared<const std::vector<std::string>>(sans);
    versions.push_back(CertificateVersion{serial.value_or(Serial{}), body_not_before, body_not_after, std::move(names), since});
  }

  /// The body an endpoint serves at `now`: the newest one made current at or
  /// before `attached` (what the endpoint took when it attached the
  /// certificate), or whose change has had `propagation` to reach it.
  [[nodiscard]] const CertificateVersion* served(SimTime now, SimTime attached, Duration propagation) const {
    const CertificateVersion* out = nullptr;
    for (const auto& v : versions) {
      if (v.since <= attached || v.since + propagation <= now) out = &v;
    }
    return out;
  }
  [[nodiscard]] bool has_tag(std::string_view key, std::string_view value) const {
    for (const auto& t : tags) {
      if (t.key == key && t.value == value) return true;
    }
    return false;
  }
};

}  // namespace acmsim::model
