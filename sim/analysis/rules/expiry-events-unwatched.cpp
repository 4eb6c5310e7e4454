// expiry-events-unwatched: A region holds an issued certificate, and no enabled rule with a target watches its expiry events.

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

using model::CertificateStatus;

void check(Context& ctx, const model::Certificate& c) {
  if (c.deleted || c.status != CertificateStatus::Issued) return;
  const auto& w = ctx.world();
  bool watched = false;
  for (const auto* r : w.events.rules(c.region, "default")) {
    if (r->enabled && !r->targets.empty() && r->pattern && ctx.takes_expiry_event(*r->pattern, c, c.region)) watched = true;
  }
  if (!watched) {
    ctx.report({c.arn},
               "Nothing in " + std::string(model::region_code(c.region)) + " listens to the expiry events of " + c.arn + " (" + c.domain_name + ").",
               c.origin);
  }
}

}  // namespace

extern const RuleDef kRule_expiry_events_unwatched;
const RuleDef kRule_expiry_events_unwatched{
    "expiry-events-unwatched",
    Severity::Warning,
    "A region holds an issued certificate, and no enabled rule with a target watches its expiry events.",
    "ACM sends 'ACM Certificate Approaching Expiration' events to the default event bus of the certificate's own region. Without an enabled rule "
    "there (with a target) whose pattern matches them, nobody hears the warning.",
    "In the certificate's region, create a rule on the default bus with the pattern {\"source\": [\"aws.acm\"], \"detail-type\": "
    "[\"ACM Certificate Approaching Expiration\"]} and a target (an SNS topic, for example).",
    "https://docs.aws.amazon.com/acm/latest/userguide/supported-events.html",
    nullptr,
    reads(model::Part::Certificates) | reads(model::Part::Events),
    &check,
    nullptr,
    nullptr,
    reads(model::Part::Certificates) | reads(model::Part::Events),
    aspects({model::CertificateAspect::Identity, model::CertificateAspect::Validity})};

}  // namespace acmsim::analysis
