// certificate-expired-in-use: A certificate that a service uses is past its NotAfter.

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

void check(Context& ctx, const model::Certificate& c) {
  if (c.deleted || !c.in_use() || !c.not_after) return;
  if (ctx.now() > *c.not_after) {
    ctx.report({c.arn},
               "Certificate " + c.arn + " (" + c.domain_name + ") expired on " + core::format_timestamp(*c.not_after) + " and is still in use.",
               c.origin);
  } else {
    ctx.wake_at(*c.not_after + core::Duration{1});
  }
}

}  // namespace

extern const RuleDef kRule_certificate_expired_in_use;
const RuleDef kRule_certificate_expired_in_use{
    "certificate-expired-in-use",
    Severity::Error,
    "A certificate that a service uses is past its NotAfter.",
    "An expired certificate still attached to a load balancer, a CloudFront distribution or an API Gateway domain is presented to every client, "
    "which refuse it: an outage. ACM renews only certificates it issued that are eligible; imported certificates are never renewed.",
    "Renew it (for an imported certificate: re-import the new one into the same ARN), or attach a valid certificate.",
    "https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html",
    nullptr,
    reads(model::Part::Certificates),
    &check,
    nullptr,
    nullptr,
    reads(model::Part::Certificates),
    aspects({model::CertificateAspect::Identity, model::CertificateAspect::Use, model::CertificateAspect::Validity})};

}  // namespace acmsim::analysis
