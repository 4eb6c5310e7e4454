// ACM's EventBridge events (aws-behaviour.md §4): Available, Expired,
// Approaching Expiration (daily inside the window), Renewal Action Required
// (on the days of acm.renewalActionRequiredDays), Revoked.
#include <cmath>

#include "acmsim/model/acm/acm_service.hpp"

namespace acmsim::model {

namespace {
// The detail types, as EventBridge spells them.
constexpr std::string_view kAvailable = "ACM Certificate Available";
constexpr std::string_view kExpired = "ACM Certificate Expired";
constexpr std::string_view kRevoked = "ACM Certificate Revoked";
constexpr std::string_view kApproaching = "ACM Certificate Approaching Expiration";
constexpr std::string_view kActionRequired = "ACM Certificate Renewal Action Required";

// An object with room for its members: nlohmann's ordered objects are vectors
// of pairs with a const key, which copy (deeply) every member when they grow.
core::Json detail_object() { return core::json_object(12); }

std::string seconds_timestamp(SimTime t) { return core::format_timestamp(SimTime{t.ms - ((t.ms % 1000) + 1000) % 1000}); }
}  // namespace

// Written into the detail in place: a fleet sends hundreds of thousands of
// these events, and building a separate object to copy from cost as much as
// the rest of the event.
void AcmService::add_common_detail(core::Json& d, const Certificate& c, bool with_type) const {
  std::int64_t validity = c.validity_days;
  if (c.type == CertificateType::Imported && c.not_before && c.not_after) validity = (*c.not_after - *c.not_before).ms / Duration::days(1).ms;
  if (with_type) d["CertificateType"] = aws_name(c.type);
  d["CommonName"] = c.domain_name;
  d["FirstSubjectAlternativeName"] = c.sans.empty() ? c.domain_name : c.sans.front();
  d["ValidityInDays"] = validity;
  d["CertificateKeyPairOrigin"] = c.type == CertificateType::Imported ? "CUSTOMER_PROVIDED" : "AWS_MANAGED";
}

void AcmService::emit(const Certificate& c, std::string_view detail_type, core::Json detail) {
  if (sink_ != nullptr) sink_->acm_event(c, detail_type, std::move(detail));
}

// Events that would leave nothing but counts behind are counted and not
// built: in a fleet, building them was a sixth of the run.
bool AcmService::event_needed(const Certificate& c, std::string_view detail_type) {
  return sink_ != nullptr && !sink_->acm_event_counted(c, detail_type);
}

void AcmService::emit_available(const Certificate& c, std::string_view action) {
  if (!event_needed(c, kAvailable)) return;
  core::Json d = detail_object();
  d["Action"] = action;
  add_common_detail(d, c);
  if (c.type != CertificateType::Imported) d["DomainValidationMethod"] = aws_name(c.method);
  d["CertificateCreatedDate"] = seconds_timestamp(c.created_at);
  if (c.not_after) {
    d["CertificateExpirationDate"] = seconds_timestamp(*c.not_after);
    d["DaysToExpiry"] = (*c.not_after - ctx_.sim.now()).ms / Duration::days(1).ms;
  }
  d["InUse"] = c.in_use();
  d["Exported"] = c.exported_since_issue;
  emit(c, kAvailable, std::move(d));
}

void AcmService::emit_expired(const Certificate& c) {
  if (!event_needed(c, kExpired)) return;
  core::Json d = detail_object();
  add_common_detail(d, c);
  d["DomainValidationMethod"] = aws_name(c.method);
  d["CertificateCreatedDate"] = seconds_timestamp(c.created_at);
  if (c.not_after) d["CertificateExpirationDate"] = seconds_timestamp(*c.not_after);
  d["InUse"] = c.in_use();
  d["Exported"] = c.exported_since_issue;
  emit(c, kExpired, std::move(d));
}

void AcmService::emit_revoked(const Certificate& c) {
  if (!event_needed(c, kRevoked)) return;
  core::Json d = detail_object();
  add_common_detail(d, c);
  if (c.not_after) d["CertificateExpirationDate"] = seconds_timestamp(*c.not_after);
  d["Exportable"] = c.export_option == ExportOption::Enabled;
  emit(c, kRevoked, std::move(d));
}

// One event a day, at NotAfter minus a whole number of days, from the window's
// first day to the last day before expiry.
void AcmService::schedule_expiry_notices(Certificate& c) {
  ctx_.sim.cancel(c.notice_event);
  c.notice_event = {};
  if (c.status != CertificateStatus::Issued || !c.not_after) return;
  const SimTime now = ctx_.sim.now();
  const Duration day = Duration::days(1);
  const std::int64_t window = expiry_window_days(c);
  std::int64_t k = window;
  if (*c.not_after - day * k < now) k = (*c.not_after - now).ms / day.ms;  // the next whole day not in the past
  if (k < 1) return;
  c.notice_event =
      ctx_.sim.schedule_at(*c.not_after - day * k, core::Priority::Model, {static_cast<std::uint32_t>(ModelEvent::AcmExpiryNotice), c.id, 0});
}

void AcmService::expiry_notice(Certificate& c) {
  c.notice_event = {};
  if (c.status != CertificateStatus::Issued || !c.not_after) return;
  const Duration day = Duration::days(1);
  const std::int64_t days =
      static_cast<std::int64_t>(std::llround(static_cast<double>((*c.not_after - ctx_.sim.now()).ms) / static_cast<double>(day.ms)));
  if (days < 1) return;
  if (event_needed(c, kApproaching)) {
    core::Json d = detail_object();
    d["DaysToExpiry"] = days;
    add_common_detail(d, c, false);
    emit(c, kApproaching, std::move(d));
  }
  if (days > 1) c.notice_event = ctx_.sim.schedule_in(day, core::Priority::Model, {static_cast<std::uint32_t>(ModelEvent::AcmExpiryNotice), c.id, 0});
}

void AcmService::schedule_action_required(Certificate& c) {
  if (c.action_required_event.valid() || !c.not_after || c.type == CertificateType::Imported) return;
  const SimTime now = ctx_.sim.now();
  std::optional<SimTime> next;
  auto consider = [&](std::int64_t k) {
    const SimTime t = *c.not_after - Duration::days(k);
    if (t > now && (!next || t < *next)) next = t;
  };
  for (const auto k :
       c.type == CertificateType::Private ? ctx_.settings.action_required_days.private_days : ctx_.settings.action_required_days.public_days)
    consider(k);
  if (next)
    c.action_required_event =
        ctx_.sim.schedule_at(*next, core::Priority::Model, {static_cast<std::uint32_t>(ModelEvent::AcmActionRequired), c.id, 0});
}

void AcmService::action_required(Certificate& c) {
  c.action_required_event = {};
  const bool stalled = c.status == CertificateStatus::Issued && c.renewing && c.renewal && c.renewal->status == RenewalStatus::PendingValidation;
  if (!stalled || !c.not_after) return;
  if (!event_needed(c, kActionRequired)) {
    schedule_action_required(c);
    return;
  }
  core::Json d = detail_object();
  add_common_detail(d, c);
  d["DomainValidationMethod"] = aws_name(c.method);
  // The renewal's real reason: a CAA record, or validation records ACM cannot find.
  d["RenewalStatusReason"] = c.renewal->reason == FailureReason::CaaError ? aws_name(FailureReason::CaaError) : "PENDING_DOMAIN_VALIDATION";
  d["DaysToExpiry"] =
      static_cast<std::int64_t>(std::llround(static_cast<double>((*c.not_after - ctx_.sim.now()).ms) / static_cast<double>(Duration::days(1).ms)));
  d["CertificateExpirationDate"] = seconds_timestamp(*c.not_after);
  d["InUse"] = c.in_use();
  d["Exported"] = c.exported_since_issue;
  emit(c, kActionRequired, std::move(d));
  schedule_action_required(c);
}

}  // namespace acmsim::model
