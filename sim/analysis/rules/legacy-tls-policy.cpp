// legacy-tls-policy: A custom domain or listener allows TLS 1.0.
#include <algorithm>

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

void check_domain(Context& ctx, const model::CustomDomain& d) {
  if (d.security_policy == "TLS_1_0") ctx.report({d.arn()}, "Custom domain " + d.name + " accepts TLS 1.0 (securityPolicy TLS_1_0).", d.origin);
}

void check_load_balancer(Context& ctx, const model::LoadBalancer& lb) {
  static const char* kLegacy[] = {"ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS-1-0-2015-04", "ELBSecurityPolicy-FS-2018-06",
                                  "ELBSecurityPolicy-2015-05", "ELBSecurityPolicy-TLS13-1-0-2021-06"};
  for (const auto& l : lb.listeners) {
    if (l.deleted || l.ssl_policy.empty()) continue;
    if (std::any_of(std::begin(kLegacy), std::end(kLegacy), [&](const char* p) { return l.ssl_policy == p; })) {
      ctx.report({l.arn}, "Listener " + std::to_string(l.port) + " of " + lb.name + " allows TLS 1.0 (" + l.ssl_policy + ").", l.origin);
    }
  }
}

}  // namespace

extern const RuleDef kRule_legacy_tls_policy;
const RuleDef kRule_legacy_tls_policy{
    "legacy-tls-policy",
    Severity::Warning,
    "A custom domain or listener allows TLS 1.0.",
    "TLS 1.0 and 1.1 are deprecated (RFC 8996). An API Gateway domain with securityPolicy TLS_1_0, or a listener whose SslPolicy allows TLS 1.0 (a "
    "listener created without SslPolicy gets ELBSecurityPolicy-2016-08, which does), accepts them.",
    "Use securityPolicy TLS_1_2 (or a SecurityPolicy_TLS13_* policy) and an ELBSecurityPolicy-TLS13-1-2-2021-06 listener policy.",
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
    nullptr,
    reads(model::Part::ApiGateway) | reads(model::Part::Elb),
    nullptr,
    &check_domain,
    nullptr,
    reads(model::Part::ApiGateway) | reads(model::Part::Elb),
    model::kAllAspects,
    nullptr,
    &check_load_balancer};

}  // namespace acmsim::analysis
