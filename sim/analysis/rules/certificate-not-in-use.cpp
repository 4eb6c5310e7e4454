// certificate-not-in-use: An issued ACM certificate is not used by any service and was not exported: it will not be renewed.

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

using model::CertificateStatus;
using model::CertificateType;

void check(Context& ctx, const model::Certificate& c) {
  if (c.deleted || c.type != CertificateType::AmazonIssued || c.status != CertificateStatus::Issued) return;
  if (c.in_use() || c.exported_since_issue) return;
  ctx.report({c.arn}, "Certificate " + c.arn + " (" + c.domain_name + ") is issued but nothing uses it, so ACM will not renew it.", c.origin);
}

}  // namespace

extern const RuleDef kRule_certificate_not_in_use;
const RuleDef kRule_certificate_not_in_use{
    "certificate-not-in-use",
    Severity::Warning,
    "An issued ACM certificate is not used by any service and was not exported: it will not be renewed.",
    "Managed renewal is only for certificates that are eligible: associated with an AWS service (ELB, "
    "CloudFront, API Gateway, ...) or exported since their issue. An unused certificate simply expires.",
    "Attach it to the service it was meant for, or delete it if nothing needs it.",
    "https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html",
    nullptr,
    reads(model::Part::Certificates),
    &check,
    nullptr,
    nullptr,
    reads(model::Part::Certificates),
    aspects({model::CertificateAspect::Identity, model::CertificateAspect::Use, model::CertificateAspect::Validity})};

}  // namespace acmsim::analysis
