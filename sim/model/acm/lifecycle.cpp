// The certificate lifecycle up to issue: DNS validation as ACM notices it,
// issuance (with the CAA check), the validation timeout and expiry.
#include <algorithm>

#include "acmsim/model/acm/acm_service.hpp"

namespace acmsim::model {

void AcmService::handle(std::uint32_t kind, std::uint32_t cert_id) {
  if (cert_id >= certs_.size()) return;
  Certificate& c = certs_[cert_id];
  if (c.deleted) return;
  switch (static_cast<ModelEvent>(kind)) {
    case ModelEvent::AcmDnsCheck:
      dns_check(c);
      // Still waiting for its records: the next DNS change schedules a check.
      if (!c.dns_check_pending && awaiting_dns_.count(c.id) != 0U) idle_dns_.insert(c.id);
      break;
    case ModelEvent::AcmIssue:
      c.issue_event = {};
      issue(c);
      break;
    case ModelEvent::AcmValidationTimeout:
      c.timeout_event = {};
      validation_timeout(c);
      break;
    case ModelEvent::AcmRenewalStart:
      c.renewal_event = {};
      renewal_start(c);
      break;
    case ModelEvent::AcmExpire:
      c.expiry_event = {};
      expire(c);
      break;
    case ModelEvent::AcmExpiryNotice:
      expiry_notice(c);
      break;
    case ModelEvent::AcmActionRequired:
      action_required(c);
      break;
    case ModelEvent::AcmOperatorRepair:
      c.repair_event = {};
      operator_repair(c);
      break;
    case ModelEvent::AcmDetach: {
      const SimTime now = ctx_.sim.now();
      auto due = [&](const PendingDetach& d) { return d.at <= now; };
      for (const auto& d : c.detaching) {
        if (due(d) && c.in_use_by.erase(d.user) > 0) trace_state(c, StateChange::NotInUse, [&] { return core::Json{{"user", d.user}}; });
      }
      c.detaching.erase(std::remove_if(c.detaching.begin(), c.detaching.end(), due), c.detaching.end());
      break;
    }
    default:
      break;
  }
}

void AcmService::on_dns_changed() {
  // Only the certificates without a check already on its way: with many
  // pending validations and many DNS changes, walking them all each time
  // would be quadratic. The order (by id) is the same as walking them all.
  const std::set<std::uint32_t> idle = std::move(idle_dns_);
  idle_dns_.clear();
  for (const std::uint32_t id : idle) schedule_dns_check(certs_[id]);
}

void AcmService::stop_awaiting_dns(const Certificate& c) {
  awaiting_dns_.erase(c.id);
  idle_dns_.erase(c.id);
}

void AcmService::schedule_dns_check(Certificate& c) {
  awaiting_dns_.insert(c.id);
  if (c.dns_check_pending) return;
  idle_dns_.erase(c.id);
  c.dns_check_pending = true;
  schedule(notice_delay(), ModelEvent::AcmDnsCheck, c);
}

void AcmService::dns_check(Certificate& c) {
  c.dns_check_pending = false;
  if (c.method != ValidationMethod::Dns) return;
  if (c.status == CertificateStatus::Issued && c.renewing) {
    renewal_validation_check(c);
    return;
  }
  if (c.status != CertificateStatus::PendingValidation) {
    stop_awaiting_dns(c);
    return;
  }
  for (auto& v : c.validations) {
    if (v.status != DomainStatus::PendingValidation) continue;
    if (dns_.cname_reaches(v.record_name, v.record_value, static_cast<int>(ctx_.settings.max_cname_chain))) {
      v.status = DomainStatus::Success;
      trace_state(c, StateChange::DomainValidated, [&] { return core::Json{{"domainName", v.domain_name}, {"record", v.record_name}}; });
    }
  }
  const bool all =
      std::all_of(c.validations.begin(), c.validations.end(), [](const DomainValidation& v) { return v.status == DomainStatus::Success; });
  if (all) {
    stop_awaiting_dns(c);
    if (!c.issue_event.valid()) c.issue_event = schedule(ctx_.settings.issuance_delay, ModelEvent::AcmIssue, c);
  }
}

bool AcmService::caa_blocks(const Certificate& c) const {
  if (c.type == CertificateType::Private) return false;
  return std::any_of(c.sans.begin(), c.sans.end(),
                     [&](const std::string& n) { return !PublicDns::caa_allows_amazon(dns_.relevant_caa(n), n.rfind("*.", 0) == 0); });
}

void AcmService::grant(Certificate& c) {
  const SimTime now = ctx_.sim.now();
  if (c.type == CertificateType::Private) {
    c.validity_days = ctx_.settings.private_validity_days;
    c.renewal_lead_days = ctx_.settings.private_renewal_lead_days;
  } else {
    c.validity_days = ctx_.settings.public_era_at(now).days;
    c.renewal_lead_days = ctx_.settings.public_renewal_lead_days(now, c.method == ValidationMethod::Email);
  }
  c.not_before = now;
  c.not_after = now + Duration::days(c.validity_days);
  c.issued_at = now;
  c.serial = new_serial();
  c.exported_since_issue = false;
  c.add_version(*c.not_before, *c.not_after, now);
  ctx_.sim.cancel(c.expiry_event);
  c.expiry_event = ctx_.sim.schedule_at(*c.not_after, core::Priority::Model, {static_cast<std::uint32_t>(ModelEvent::AcmExpire), c.id, 0});
  schedule_renewal(c);
}

void AcmService::issue(Certificate& c) {
  if (c.status == CertificateStatus::Issued && c.renewing) {
    complete_renewal(c);
    return;
  }
  if (c.status != CertificateStatus::PendingValidation) return;
  ctx_.sim.cancel(c.timeout_event);
  c.timeout_event = {};
  stop_awaiting_dns(c);
  if (caa_blocks(c)) {
    c.failure_reason = FailureReason::CaaError;
    set_status(c, CertificateStatus::Failed,
               "a CAA record forbids Amazon to issue for one of the names (none names amazon.com, amazontrust.com, awstrust.com or amazonaws.com)");
    return;
  }
  grant(c);
  set_status(c, CertificateStatus::Issued, "every domain name is validated");
  trace_state(c, StateChange::Issued, [&] {
    return core::Json{{"notBefore", core::format_timestamp(*c.not_before)},
                      {"notAfter", core::format_timestamp(*c.not_after)},
                      {"validityDays", c.validity_days},
                      {"renewalLeadDays", c.renewal_lead_days}};
  });
  emit_available(c, "ISSUANCE");
  schedule_expiry_notices(c);
}

void AcmService::validation_timeout(Certificate& c) {
  if (c.status != CertificateStatus::PendingValidation || c.issue_event.valid()) return;
  for (auto& v : c.validations) {
    if (v.status == DomainStatus::PendingValidation) v.status = DomainStatus::Failed;
  }
  stop_awaiting_dns(c);
  set_status(c, CertificateStatus::ValidationTimedOut,
             "validation was still pending " + core::format_duration(ctx_.settings.validation_timeout) + " after the request");
}

void AcmService::expire(Certificate& c) {
  if (c.status != CertificateStatus::Issued) return;
  ctx_.sim.cancel(c.renewal_event);
  ctx_.sim.cancel(c.issue_event);
  c.renewal_event = {};
  c.issue_event = {};
  stop_awaiting_dns(c);
  if (c.renewal && c.renewal->status != RenewalStatus::Success) {
    c.renewal->status = RenewalStatus::Failed;
    c.renewal->updated_at = ctx_.sim.now();
  }
  c.renewing = false;
  ctx_.sim.cancel(c.action_required_event);
  c.action_required_event = {};
  set_status(c, CertificateStatus::Expired,
             c.type == CertificateType::Imported ? "NotAfter reached; ACM never renews imported certificates" : "NotAfter reached without a renewal");
  if (c.type != CertificateType::Imported) emit_expired(c);
  if (c.type != CertificateType::Imported && ctx_.settings.repair_mean) {
    // At least 1 ms: the replacement cannot precede the expiry it answers.
    const auto ms = static_cast<std::int64_t>(repairs_.exponential(static_cast<double>(ctx_.settings.repair_mean->ms)));
    c.repair_event = schedule(Duration{std::max<std::int64_t>(1, ms)}, ModelEvent::AcmOperatorRepair, c);
  }
}

void AcmService::operator_repair(Certificate& c) {
  if (c.status != CertificateStatus::Expired) return;
  // A stand-in for "request a replacement and attach it where the old one
  // served": the same ARN gets a new validity, which reaches its endpoints
  // like a renewal does. Studies use it to measure outage time.
  grant(c);
  c.renewing = false;
  set_status(c, CertificateStatus::Issued, "an operator replaced the expired certificate (faults.repairMeanTime)");
  trace_state(c, StateChange::OperatorReplaced, [&] {
    return core::Json{{"notBefore", core::format_timestamp(*c.not_before)}, {"notAfter", core::format_timestamp(*c.not_after)}};
  });
  emit_available(c, "ISSUANCE");
  schedule_expiry_notices(c);
}

}  // namespace acmsim::model
