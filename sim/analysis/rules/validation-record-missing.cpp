// validation-record-missing: A DNS-validated certificate's validation CNAME does not resolve in public DNS.
#include <algorithm>

#include "acmsim/analysis/rule.hpp"
#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::analysis {

namespace {

using model::CertificateStatus;
using model::CertificateType;

void check(Context& ctx, const model::Certificate& c) {
  const auto& w = ctx.world();
  if (c.deleted || c.type != CertificateType::AmazonIssued || c.method != model::ValidationMethod::Dns) return;
  const bool pending = c.status == CertificateStatus::PendingValidation;
  const bool issued_in_use = c.status == CertificateStatus::Issued && c.in_use();
  if (!pending && !issued_in_use) return;
  if (pending && ctx.now() - c.created_at <= w.settings.validation_grace) {
    ctx.wake_at(c.created_at + w.settings.validation_grace + core::Duration::seconds(1));
    return;
  }
  std::vector<std::string> seen;
  for (const auto& v : c.validations) {
    if (std::find(seen.begin(), seen.end(), v.record_name) != seen.end()) continue;
    seen.push_back(v.record_name);
    if (ctx.validation_resolves(v)) continue;
    // Not where the record exists in a zone that does not answer (validation-record-wrong-zone).
    bool elsewhere = false;
    for (const auto& [zone, rec] : ctx.cnames_named(v.record_name)) {
      if (!rec->values.empty() && model::dns::normalize(rec->values.front()) == v.record_value) elsewhere = true;
    }
    if (elsewhere) continue;
    ctx.report({c.arn, model::dns::without_dot(v.record_name)},
               "The validation CNAME " + v.record_name + " of certificate " + c.arn + " (" + v.domain_name + ") is not in public DNS" +
                   (pending ? ": the request cannot be validated." : ": the certificate is in use and will not renew."),
               c.origin);
  }
}

}  // namespace

extern const RuleDef kRule_validation_record_missing;
const RuleDef kRule_validation_record_missing{
    "validation-record-missing",
    Severity::Error,
    "A DNS-validated certificate's validation CNAME does not resolve in public DNS.",
    "ACM validates domain names, and re-validates them at every managed renewal, by looking up a CNAME record whose name and value it gave at "
    "request time. The record must stay in the public zone that answers for the name for as long as the certificate should renew. While it is "
    "missing, a new request cannot be issued and a certificate in use will fail to renew.",
    "Re-create the CNAME exactly as DescribeCertificate shows it (DomainValidationOptions[].ResourceRecord) in the public hosted zone of the domain, "
    "and leave it there.",
    "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html",
    nullptr,
    reads(model::Part::Certificates) | reads(model::Part::Dns),
    &check,
    nullptr,
    nullptr,
    reads(model::Part::Certificates) | reads(model::Part::Dns),
    aspects({model::CertificateAspect::Identity, model::CertificateAspect::Use})};

}  // namespace acmsim::analysis
