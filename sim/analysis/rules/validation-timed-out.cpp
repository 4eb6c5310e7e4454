// validation-timed-out: A certificate request timed out waiting for validation.
#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

using model::CertificateStatus;

/// "72 hours" by default; the setting acm.validationTimeout decides.
std::string timeout_text(const Context& ctx) {
  const auto t = ctx.world().settings.validation_timeout;
  const std::int64_t hour = core::Duration::hours(1).ms;
  return t.ms % hour == 0 ? std::to_string(t.ms / hour) + " hours" : core::format_duration(t);
}

void check(Context& ctx, const model::Certificate& c) {
  if (!c.deleted && c.status == CertificateStatus::ValidationTimedOut) {
    ctx.report({c.arn}, "Certificate request " + c.arn + " (" + c.domain_name + ") timed out after " + timeout_text(ctx) + " without validation.",
               c.origin);
  }
}

}  // namespace

extern const RuleDef kRule_validation_timed_out;
const RuleDef kRule_validation_timed_out{
    "validation-timed-out",
    Severity::Error,
    "A certificate request timed out waiting for validation.",
    "ACM keeps trying to validate a request for 72 hours (acm.validationTimeout), then sets VALIDATION_TIMED_OUT. The request is dead: it cannot be "
    "retried.",
    "Fix the validation (publish the CNAME, or have the emails approved), delete the timed-out certificate and request a new one.",
    "https://docs.aws.amazon.com/acm/latest/userguide/troubleshooting-timed-out.html",
    nullptr,
    reads(model::Part::Certificates),
    &check,
    nullptr,
    nullptr,
    reads(model::Part::Certificates),
    aspects({model::CertificateAspect::Identity})};

}  // namespace acmsim::analysis
