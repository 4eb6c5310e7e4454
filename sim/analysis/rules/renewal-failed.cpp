// renewal-failed: A certificate's managed renewal is waiting for action or has failed.

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

void check(Context& ctx, const model::Certificate& c) {
  if (c.deleted || !c.renewal) return;
  if (c.renewal->status == model::RenewalStatus::PendingValidation || c.renewal->status == model::RenewalStatus::Failed) {
    ctx.report({c.arn}, "Managed renewal of " + c.arn + " (" + c.domain_name + ") is " + std::string(model::aws_name(c.renewal->status)) + ".",
               c.origin);
  }
}

}  // namespace

extern const RuleDef kRule_renewal_failed;
const RuleDef kRule_renewal_failed{
    "renewal-failed",
    Severity::Error,
    "A certificate's managed renewal is waiting for action or has failed.",
    "RenewalStatus PENDING_VALIDATION means ACM cannot renew on its own: the validation CNAME does not resolve, the validation emails are not "
    "approved, or the certificate is not in use. FAILED means it expired unrenewed. Either way clients will see an expired certificate.",
    "Restore the validation CNAME (or approve the emails), make sure a service uses the certificate, and ACM retries; after FAILED, request a new "
    "certificate.",
    "https://docs.aws.amazon.com/acm/latest/userguide/check-certificate-renewal-status.html",
    nullptr,
    reads(model::Part::Certificates),
    &check,
    nullptr,
    nullptr,
    reads(model::Part::Certificates),
    aspects({model::CertificateAspect::Identity, model::CertificateAspect::Renewal})};

}  // namespace acmsim::analysis
