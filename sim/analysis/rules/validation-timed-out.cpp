// validation-timed-out: A certificate request timed out waiting for validation.
#include <algorithm>

#include "acmsim/analysis/rule.hpp"
#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::analysis {

namespace {

using model::CertificateStatus;
using model::CertificateType;

void check(Context& ctx) {
  for (const auto& c : ctx.world().acm.all()) {
    if (!c.deleted && c.status == CertificateStatus::ValidationTimedOut) {
      ctx.report({c.arn}, "Certificate request " + c.arn + " (" + c.domain_name + ") timed out after 72 hours without validation.", c.origin);
    }
  }
}

}  // namespace

extern const RuleDef kRule_validation_timed_out;
const RuleDef kRule_validation_timed_out{
    "validation-timed-out",
    Severity::Error,
    "A certificate request timed out waiting for validation.",
    "ACM keeps trying to validate a request for 72 hours, then sets VALIDATION_TIMED_OUT. The request is dead: it cannot be retried.",
    "Fix the validation (publish the CNAME, or have the emails approved), delete the timed-out certificate and request a new one.",
    "https://docs.aws.amazon.com/acm/latest/userguide/troubleshooting-timed-out.html",
    &check,
    reads(model::Part::Acm)};

}  // namespace acmsim::analysis
