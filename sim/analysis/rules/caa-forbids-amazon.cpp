// caa-forbids-amazon: A CAA record forbids Amazon to issue for one of the certificate's names.

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

using model::CertificateStatus;
using model::CertificateType;

void check(Context& ctx, const model::Certificate& c) {
  if (c.deleted || c.type == CertificateType::Private || c.status == CertificateStatus::Expired || c.status == CertificateStatus::Failed) return;
  const auto& w = ctx.world();
  for (const auto& n : c.sans) {
    if (!model::PublicDns::caa_allows_amazon(w.dns.relevant_caa(n), n.rfind("*.", 0) == 0)) {
      ctx.report({c.arn, n},
                 "The CAA records that apply to " + n + " do not allow Amazon to issue: certificate " + c.arn + " cannot be issued or renewed.",
                 c.origin);
    }
  }
}

}  // namespace

extern const RuleDef kRule_caa_forbids_amazon;
const RuleDef kRule_caa_forbids_amazon{
    "caa-forbids-amazon",
    Severity::Error,
    "A CAA record forbids Amazon to issue for one of the certificate's names.",
    "CAA records (RFC 8659) list the certificate authorities allowed to issue for a domain; the closest CAA record set up the tree applies. If it "
    "has issue (or, for wildcard names, issuewild) properties and none names amazon.com, amazontrust.com, awstrust.com or amazonaws.com, ACM fails "
    "the request with CAA_ERROR and cannot renew.",
    "Add a CAA record such as 0 issue \"amazon.com\" next to the existing ones (or remove the restriction).",
    "https://docs.aws.amazon.com/acm/latest/userguide/setup-caa.html",
    nullptr,
    reads(model::Part::Certificates) | reads(model::Part::Dns),
    &check,
    nullptr,
    nullptr,
    reads(model::Part::Certificates) | reads(model::Part::Dns),
    aspects({model::CertificateAspect::Identity})};

}  // namespace acmsim::analysis
