// validation-record-wrong-zone: A validation CNAME exists only in zones that do not answer for the name in public DNS.
#include <algorithm>
#include <optional>

#include "acmsim/analysis/rule.hpp"
#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::analysis {

namespace {

using model::CertificateStatus;
using model::CertificateType;

void check(Context& ctx, const model::Certificate& c) {
  if (c.deleted || c.method != model::ValidationMethod::Dns || c.type != CertificateType::AmazonIssued) return;
  if (c.status != CertificateStatus::PendingValidation && c.status != CertificateStatus::Issued) return;
  std::vector<std::string> seen;
  for (const auto& v : c.validations) {
    if (std::find(seen.begin(), seen.end(), v.record_name) != seen.end()) continue;
    seen.push_back(v.record_name);
    if (ctx.validation_resolves(v)) continue;
    // The first zone (in zone order) that holds the record with its value.
    for (const auto& [zone, rec] : ctx.cnames_named(v.record_name)) {
      if (!rec->values.empty() && model::dns::normalize(rec->values.front()) == v.record_value) {
        ctx.report({c.arn, "/hostedzone/" + zone->id},
                   "The validation CNAME of certificate " + c.arn + " is in " + (zone->private_zone ? "private" : "undelegated public") + " zone " +
                       zone->id + " (" + zone->name + "), which public DNS does not ask.",
                   rec->origin);
        break;
      }
    }
  }
}

}  // namespace

extern const RuleDef kRule_validation_record_wrong_zone;
const RuleDef kRule_validation_record_wrong_zone{
    "validation-record-wrong-zone",
    Severity::Error,
    "A validation CNAME exists only in zones that do not answer for the name in public DNS.",
    "ACM checks the validation record through public DNS. A record in a private hosted zone, or in a public zone that the domain is not delegated to "
    "(a second zone of the same name, a subdomain zone without NS records in its parent), is invisible to ACM.",
    "Put the CNAME in the public hosted zone that the registrar (or the parent zone's NS records) delegates the domain to.",
    "https://docs.aws.amazon.com/acm/latest/userguide/troubleshooting-DNS-validation.html",
    nullptr,
    reads(model::Part::Certificates) | reads(model::Part::Dns),
    &check,
    nullptr,
    nullptr,
    reads(model::Part::Certificates) | reads(model::Part::Dns),
    aspects({model::CertificateAspect::Identity})};

}  // namespace acmsim::analysis
