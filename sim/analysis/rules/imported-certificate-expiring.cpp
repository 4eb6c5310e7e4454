// imported-certificate-expiring: An imported certificate is inside its expiry window: ACM will not renew it.

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

using model::CertificateType;

void check(Context& ctx, const model::Certificate& c) {
  if (c.deleted || c.type != CertificateType::Imported || !c.not_after) return;
  const auto window =
      core::Duration::days(ctx.world().acm.days_before_expiry(c.region).value_or(ctx.world().settings.expiry_event_days.imported_days));
  const auto left = *c.not_after - ctx.now();
  if (left.ms > 0 && left <= window) {
    ctx.report(
        {c.arn},
        "Imported certificate " + c.arn + " (" + c.domain_name + ") expires on " + core::format_timestamp(*c.not_after) + "; ACM will not renew it.",
        c.origin);
    ctx.wake_at(*c.not_after);
  } else if (left > window) {
    ctx.wake_at(*c.not_after - window);
  }
}

}  // namespace

extern const RuleDef kRule_imported_certificate_expiring;
const RuleDef kRule_imported_certificate_expiring{
    "imported-certificate-expiring",
    Severity::Warning,
    "An imported certificate is inside its expiry window: ACM will not renew it.",
    "ACM never renews imported certificates: whoever issued it must issue a new one, which you re-import into the same ARN so that every service "
    "using it gets the new one. The window is the account's DaysBeforeExpiry for the region (by default acm.expiryEventDays' imported window, 45 "
    "days).",
    "Get a renewed certificate from its issuer and re-import it with ImportCertificate and the same CertificateArn, at least a day before NotAfter.",
    "https://docs.aws.amazon.com/acm/latest/userguide/import-reimport.html",
    nullptr,
    reads(model::Part::Certificates),
    &check,
    nullptr,
    nullptr,
    reads(model::Part::Certificates),
    aspects({model::CertificateAspect::Identity, model::CertificateAspect::Validity})};

}  // namespace acmsim::analysis
