// email-validation-renewal: An issued certificate uses EMAIL validation: every renewal waits for a person.

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

using model::CertificateStatus;
using model::CertificateType;

void check(Context& ctx, const model::Certificate& c) {
  if (c.deleted || c.type != CertificateType::AmazonIssued || c.status != CertificateStatus::Issued || c.method != model::ValidationMethod::Email)
    return;
  ctx.report({c.arn}, "Certificate " + c.arn + " (" + c.domain_name + ") is EMAIL-validated: each renewal needs a person to approve an email.",
             c.origin);
}

}  // namespace

extern const RuleDef kRule_email_validation_renewal;
const RuleDef kRule_email_validation_renewal{
    "email-validation-renewal",
    Severity::Warning,
    "An issued certificate uses EMAIL validation: every renewal waits for a person.",
    "With EMAIL validation ACM sends renewal emails to the domain's administrative addresses 45 days before expiry (acm.emailRenewalLeadDays), and "
    "the renewal waits until "
    "someone approves them. DNS validation renews unattended as long as the CNAME stays.",
    "Request a replacement with ValidationMethod DNS, move the services to it, and delete the email-validated one.",
    "https://docs.aws.amazon.com/acm/latest/userguide/email-renewal-validation.html",
    nullptr,
    reads(model::Part::Certificates),
    &check,
    nullptr,
    nullptr,
    reads(model::Part::Certificates),
    aspects({model::CertificateAspect::Identity})};

}  // namespace acmsim::analysis
