// regional-certificate-region: A regional API Gateway domain or a load balancer listener uses a certificate from another region.

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

void check_domain(Context& ctx, const model::CustomDomain& d) {
  if (d.type != model::EndpointType::Regional) return;
  auto c = ctx.world().acm.find_any(d.certificate_arn);
  if (c.ok() && c.value()->region != d.region) {
    ctx.report({d.arn(), d.certificate_arn},
               "Regional domain " + d.name + " in " + std::string(model::region_code(d.region)) + " uses a certificate from " +
                   std::string(model::region_code(c.value()->region)) + ".",
               d.origin);
  }
}

void check_load_balancer(Context& ctx, const model::LoadBalancer& lb) {
  const auto& w = ctx.world();
  for (const auto& l : lb.listeners) {
    if (l.deleted) continue;
    std::vector<std::string> certs{l.default_certificate};
    certs.insert(certs.end(), l.sni_certificates.begin(), l.sni_certificates.end());
    for (const auto& arn : certs) {
      auto c = w.acm.find_any(arn);
      if (!arn.empty() && c.ok() && c.value()->region != lb.region) {
        ctx.report({l.arn, arn}, "Listener " + std::to_string(l.port) + " of load balancer " + lb.name + " uses a certificate from another region.",
                   l.origin);
      }
    }
  }
}

}  // namespace

extern const RuleDef kRule_regional_certificate_region;
const RuleDef kRule_regional_certificate_region{
    "regional-certificate-region",
    Severity::Error,
    "A regional API Gateway domain or a load balancer listener uses a certificate from another region.",
    "ACM certificates are regional resources: a regional endpoint (a REGIONAL API Gateway custom domain, an ALB or NLB listener) can only use a "
    "certificate stored in its own region. A certificate cannot be copied between regions; each region needs its own, which the same DNS validation "
    "CNAME validates.",
    "Request or import the certificate in the endpoint's region and attach that one.",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-regional-api-custom-domain-create.html",
    nullptr,
    reads(model::Part::Acm) | reads(model::Part::ApiGateway) | reads(model::Part::Elb),
    nullptr,
    &check_domain,
    nullptr,
    reads(model::Part::Acm) | reads(model::Part::ApiGateway) | reads(model::Part::Elb),
    model::kAllAspects,
    nullptr,
    &check_load_balancer};

}  // namespace acmsim::analysis
