// ACM managed renewal: when it starts (NotAfter - lead, by era and validation
// method), eligibility (in use, or exported since issue), re-validation of the
// DNS records, retries after a stalled attempt, and the renewed certificate.
#include <algorithm>

#include "acmsim/model/acm/acm_service.hpp"

namespace acmsim::model {

void AcmService::schedule_renewal(Certificate& c) {
  ctx_.sim.cancel(c.renewal_event);
  c.renewal_event = {};
  if (c.type == CertificateType::Imported || !c.not_after) return;
  SimTime at = *c.not_after - Duration::days(c.renewal_lead_days);
  if (at < ctx_.sim.now()) at = ctx_.sim.now();
  c.renewal_event = ctx_.sim.schedule_at(at, core::Priority::Model, {static_cast<std::uint32_t>(ModelEvent::AcmRenewalStart), c.id, 0});
}

void AcmService::renewal_start(Certificate& c) {
  if (c.status != CertificateStatus::Issued || c.type == CertificateType::Imported) return;
  const SimTime now = ctx_.sim.now();
  RenewalSummary summary;
  summary.updated_at = now;
  summary.validations = c.validations;
  for (auto& v : summary.validations) v.status = DomainStatus::PendingValidation;
  if (eligibility(c) == RenewalEligibility::Ineligible) {
    // No attempt: it resumes when a service starts using the certificate or it is exported.
    summary.status = RenewalStatus::PendingValidation;
    c.renewal = summary;
    c.renewing = false;
    trace_state(c, StateChange::RenewalIneligible, [&] {
      return core::Json{{"renewalStatus", "PENDING_VALIDATION"},
                        {"why", "the certificate is not in use by an AWS service and was not exported since its issue"}};
    });
    return;
  }
  // An attempt that cannot complete is repeated from the beginning later.
  c.renewal_event = schedule(ctx_.settings.renewal_retry, ModelEvent::AcmRenewalStart, c);
  const bool retry = c.renewing && c.renewal && c.renewal->status == RenewalStatus::PendingValidation;
  c.renewing = true;
  c.validation_started_at = now;
  // Studies inject failures per attempt; the stream is only read when they do.
  c.attempt_faulted = c.method == ValidationMethod::Dns && c.type != CertificateType::Private && ctx_.settings.renewal_fault_probability > 0.0 &&
                      faults_.uniform01() < ctx_.settings.renewal_fault_probability;
  if (retry) {
    // A stalled attempt starts again from the beginning; the status stays PENDING_VALIDATION.
    for (auto& v : c.renewal->validations) v.status = DomainStatus::PendingValidation;
    c.renewal->updated_at = now;
    if (c.method == ValidationMethod::Dns) schedule_dns_check(c);
    trace_state(c, StateChange::RenewalRetried, [&] { return core::Json{{"renewalStatus", "PENDING_VALIDATION"}}; });
    return;
  }
  if (c.type == CertificateType::Private) {
    summary.status = RenewalStatus::PendingAutoRenewal;
    c.renewal = summary;
    if (!c.issue_event.valid()) c.issue_event = schedule(ctx_.settings.issuance_delay, ModelEvent::AcmIssue, c);
  } else if (c.method == ValidationMethod::Dns) {
    summary.status = RenewalStatus::PendingAutoRenewal;
    c.renewal = summary;
    schedule_dns_check(c);
  } else {
    summary.status = RenewalStatus::PendingValidation;  // waits for a person to approve the emails
    c.renewal = summary;
    schedule_action_required(c);
  }
  trace_state(c, StateChange::RenewalStarted, [&] { return core::Json{{"renewalStatus", aws_name(c.renewal->status)}}; });
}

void AcmService::resume_renewal_if_due(Certificate& c) {
  if (c.status != CertificateStatus::Issued || !c.renewal || c.renewing || c.renewal->status != RenewalStatus::PendingValidation || !c.not_after)
    return;
  if (ctx_.sim.now() < *c.not_after - Duration::days(c.renewal_lead_days)) return;
  ctx_.sim.cancel(c.renewal_event);
  c.renewal_event = schedule(notice_delay(), ModelEvent::AcmRenewalStart, c);
}

void AcmService::renewal_validation_check(Certificate& c) {
  if (!c.renewal) return;
  auto& dvos = c.renewal->validations;
  for (auto& v : dvos) {
    if (!c.attempt_faulted && v.status == DomainStatus::PendingValidation &&
        dns_.cname_reaches(v.record_name, v.record_value, static_cast<int>(ctx_.settings.max_cname_chain))) {
      v.status = DomainStatus::Success;
    }
  }
  const bool all = std::all_of(dvos.begin(), dvos.end(), [](const DomainValidation& v) { return v.status == DomainStatus::Success; });
  if (all) {
    stop_awaiting_dns(c);
    if (!c.issue_event.valid()) c.issue_event = schedule(ctx_.settings.issuance_delay, ModelEvent::AcmIssue, c);
    return;
  }
  // This attempt is held up by DNS, whatever held up the one before (a CAA
  // record that has since gone, say).
  if (c.renewal->reason == FailureReason::CaaError) c.renewal->reason.reset();
  if (c.renewal->status == RenewalStatus::PendingAutoRenewal) {
    c.renewal->status = RenewalStatus::PendingValidation;
    c.renewal->updated_at = ctx_.sim.now();
    std::string missing;
    for (const auto& v : dvos) {
      if (v.status != DomainStatus::Success) missing += (missing.empty() ? "" : ", ") + v.record_name;
    }
    trace_state(c, StateChange::RenewalPendingValidation, [&] {
      return core::Json{{"renewalStatus", "PENDING_VALIDATION"},
                        {"why", c.attempt_faulted ? "the attempt failed (fault injected by faults.renewalAttemptFailure)"
                                                  : "validation CNAME not found in public DNS: " + missing}};
    });
    schedule_action_required(c);
  }
}

void AcmService::complete_renewal(Certificate& c) {
  if (!c.renewal) return;
  if (caa_blocks(c)) {
    c.renewal->status = RenewalStatus::PendingValidation;
    c.renewal->reason = FailureReason::CaaError;
    c.renewal->updated_at = ctx_.sim.now();
    trace_state(c, StateChange::RenewalPendingValidation, [&] {
      return core::Json{{"renewalStatus", "PENDING_VALIDATION"}, {"why", "a CAA record forbids Amazon to issue"}};
    });
    // AWS's events page uses exactly this case as its example of Renewal
    // Action Required: sent from the schedule's first day on, with CAA_ERROR.
    schedule_action_required(c);
    return;
  }
  grant(c);
  c.renewing = false;
  c.renewal->status = RenewalStatus::Success;
  c.renewal->reason.reset();
  c.renewal->updated_at = ctx_.sim.now();
  for (auto& v : c.renewal->validations) v.status = DomainStatus::Success;
  trace_state(c, StateChange::Renewed, [&] {
    return core::Json{{"renewalStatus", "SUCCESS"},
                      {"notBefore", core::format_timestamp(*c.not_before)},
                      {"notAfter", core::format_timestamp(*c.not_after)},
                      {"validityDays", c.validity_days}};
  });
  ctx_.sim.cancel(c.action_required_event);
  c.action_required_event = {};
  emit_available(c, "RENEWAL");
  schedule_expiry_notices(c);
}

}  // namespace acmsim::model
