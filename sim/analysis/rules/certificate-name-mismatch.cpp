// certificate-name-mismatch: A hostname of an endpoint is covered by none of the certificates attached there.
#include <algorithm>

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

void check_domain(Context& ctx, const model::CustomDomain& d) {
  auto c = ctx.world().acm.find_any(d.certificate_arn);
  if (c.ok() && !Context::covers(*c.value(), d.name)) {
    ctx.report({d.arn(), d.certificate_arn}, "Certificate " + d.certificate_arn + " does not cover the custom domain " + d.name + ".", d.origin);
  }
}

void check_distribution(Context& ctx, const model::Distribution& dist) {
  const auto& w = ctx.world();
  if (dist.settings.viewer.cloudfront_default) return;
  auto c = w.acm.find_any(dist.settings.viewer.acm_certificate_arn);
  if (!c.ok()) return;
  for (const auto& a : dist.settings.aliases) {
    if (!Context::covers(*c.value(), a))
      ctx.report({dist.arn(w.account), a}, "The certificate of distribution " + dist.id + " does not cover its alias " + a + ".", dist.origin);
  }
}

void check_load_balancer(Context& ctx, const model::LoadBalancer& lb) {
  const auto& w = ctx.world();
  {
    std::vector<const model::Certificate*> certs;
    std::int32_t origin = lb.origin;
    for (const auto& l : lb.listeners) {
      if (l.deleted || l.default_certificate.empty()) continue;
      origin = l.origin;
      for (const auto& arn : std::vector<std::string>{l.default_certificate}) {
        if (auto c = w.acm.find_any(arn); c.ok()) certs.push_back(c.value());
      }
      for (const auto& arn : l.sni_certificates) {
        if (auto c = w.acm.find_any(arn); c.ok()) certs.push_back(c.value());
      }
    }
    if (certs.empty()) return;
    for (const auto& host : ctx.load_balancer_hostnames(lb)) {
      const bool covered = std::any_of(certs.begin(), certs.end(), [&](const model::Certificate* c) { return Context::covers(*c, host); });
      if (!covered) ctx.report({lb.arn, host}, host + " points at load balancer " + lb.name + ", but none of its certificates covers it.", origin);
    }
  }
}

}  // namespace

extern const RuleDef kRule_certificate_name_mismatch;
const RuleDef kRule_certificate_name_mismatch{
    "certificate-name-mismatch",
    Severity::Error,
    "A hostname of an endpoint is covered by none of the certificates attached there.",
    "Browsers check that the certificate presented covers the name they asked for: an exact name, or a wildcard whose '*' stands for exactly one "
    "leftmost label (*.example.com covers api.example.com, not example.com or a.b.example.com). A certificate that does not cover the hostname makes "
    "every client fail the TLS handshake.",
    "Request a certificate that lists the hostname (or a wildcard one level above it) and attach it, or add it to the listener's SNI list.",
    "https://docs.aws.amazon.com/acm/latest/userguide/acm-certificate-characteristics.html",
    nullptr,
    reads(model::Part::Acm) | reads(model::Part::ApiGateway) | reads(model::Part::CloudFront) | reads(model::Part::Elb) | reads(model::Part::Dns),
    nullptr,
    &check_domain,
    nullptr,
    reads(model::Part::Acm) | reads(model::Part::ApiGateway) | reads(model::Part::CloudFront) | reads(model::Part::Elb) | reads(model::Part::Dns),
    model::kAllAspects,
    &check_distribution,
    &check_load_balancer};

}  // namespace acmsim::analysis
