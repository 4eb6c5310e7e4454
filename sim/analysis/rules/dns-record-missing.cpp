// dns-record-missing: A custom domain, CloudFront alias or probed host has no record in the public zone that answers for it.

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

bool missing(const Context& ctx, const std::string& host) {
  const auto r = ctx.world().dns.lookup(host, model::RRType::A);
  return r.status != model::LookupStatus::Found && r.status != model::LookupStatus::Cname;
}

void check_domain(Context& ctx, const model::CustomDomain& d) {
  if (!d.mappings.empty() && missing(ctx, d.name))
    ctx.report({d.arn(), d.name}, "Custom domain " + d.name + " has a base path mapping but no DNS record.", d.origin);
}

void check_distribution(Context& ctx, const model::Distribution& dist) {
  for (const auto& a : dist.settings.aliases) {
    if (missing(ctx, a))
      ctx.report({dist.arn(ctx.world().account), a}, "Alias " + a + " of distribution " + dist.id + " has no DNS record.", dist.origin);
  }
}

void check(Context& ctx) {
  const auto& w = ctx.world();
  for (const auto& p : w.clients.probes()) {
    if (p.started && !p.spec.host.empty() && missing(ctx, p.spec.host))
      ctx.report({p.spec.host}, "Probe " + p.spec.name + " uses " + p.spec.host + ", which has no DNS record.", p.spec.step);
  }
}

}  // namespace

extern const RuleDef kRule_dns_record_missing;
const RuleDef kRule_dns_record_missing{
    "dns-record-missing",
    Severity::Error,
    "A custom domain, CloudFront alias or probed host has no record in the public zone that answers for it.",
    "Creating a custom domain or an alternate domain name does not publish DNS: a record (an alias A/AAAA record, "
    "or a CNAME below the apex) in the public zone of the domain must point clients at the endpoint.",
    "Create an alias record for the name to the endpoint's DNS name and hosted zone id.",
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-to-api-gateway.html",
    &check,
    reads(model::Part::Dns) | reads(model::Part::ApiGateway) | reads(model::Part::CloudFront) | reads(model::Part::Clients),
    nullptr,
    &check_domain,
    nullptr,
    reads(model::Part::Dns) | reads(model::Part::ApiGateway) | reads(model::Part::CloudFront),
    model::kAllAspects,
    &check_distribution};

}  // namespace acmsim::analysis
