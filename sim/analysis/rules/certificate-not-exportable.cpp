// certificate-not-exportable: A certificate meant for EC2 or on-premises servers was not requested as exportable.

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

using model::CertificateType;

void check(Context& ctx, const model::Certificate& c) {
  if (c.deleted || c.export_option == model::ExportOption::Enabled || c.type == CertificateType::Private) return;
  if (c.has_tag("acmsim:deploy-to", "ec2") || c.has_tag("acmsim:deploy-to", "on-premises")) {
    ctx.report({c.arn},
               "Certificate " + c.arn + " (" + c.domain_name + ") is meant for a server outside AWS's integrated services but cannot be exported.",
               c.origin);
  }
}

}  // namespace

extern const RuleDef kRule_certificate_not_exportable;
const RuleDef kRule_certificate_not_exportable{"certificate-not-exportable",
                                               Severity::Error,
                                               "A certificate meant for EC2 or on-premises servers was not requested as exportable.",
                                               "Only public certificates requested with Options.Export = ENABLED (available since 2025-06-17) can be "
                                               "exported with their private key for servers outside the integrated services; the option cannot be "
                                               "changed later. The scenario marks where a certificate is meant to go with the tag acmsim:deploy-to.",
                                               "Request a new certificate with Options.Export = ENABLED (or use ACM for Nitro Enclaves, or ACME).",
                                               "https://docs.aws.amazon.com/acm/latest/userguide/acm-exportable-certificates.html",
                                               nullptr,
                                               reads(model::Part::Certificates),
                                               &check,
                                               nullptr,
                                               nullptr,
                                               reads(model::Part::Certificates),
                                               aspects({model::CertificateAspect::Identity})};

}  // namespace acmsim::analysis
