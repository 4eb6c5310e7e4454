// certificate-name-mismatch: A hostname of an endpoint is covered by none of the certificates attached there.
#include <algorithm>

#include "acmsim/analysis/rule.hpp"
#include "acmsim/model/route53/dns_name.hpp"

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

// A hostname whose records send clients to a load balancer none of whose
// certificates covers it. Judged name by name, not load balancer by load
// balancer: a name's lookups note every record on its way to the load
// balancer, so a record written or deleted re-judges the names whose chain
// it is on, and a listener's change the names that reach its load balancer.
void check_name(Context& ctx, const std::string& name) {
  const auto& w = ctx.world();
  if (!w.elb.any()) return;  // most worlds' names (validation records among them) need no resolving
  // A public A, AAAA or CNAME record of the name, in the zone that answers for it.
  bool published = false;
  const std::string key = model::dns::sort_key(name);
  for (const auto* zone : ctx.zones_for(name)) {
    if (zone->private_zone) continue;
    for (auto it = zone->records.lower_bound(model::RecordKeyView{key, "", ""}); it != zone->records.end() && it->second.name == name; ++it) {
      const auto t = it->second.type;
      if ((t == model::RRType::A || t == model::RRType::AAAA || t == model::RRType::CNAME) && w.dns.answering_zone(name) == zone) published = true;
    }
  }
  if (!published) return;
  const std::string host = model::dns::without_dot(name);
  const auto r = model::resolve_host(w, host);
  if (r.kind != model::ResolvedHost::Kind::LoadBalancer || r.lb == nullptr) return;
  const model::LoadBalancer& lb = *r.lb;
  std::vector<const model::Certificate*> certs;
  std::int32_t origin = lb.origin;
  for (const auto& l : lb.listeners) {
    if (l.deleted || l.default_certificate.empty()) continue;
    origin = l.origin;
    if (auto c = w.acm.find_any(l.default_certificate); c.ok()) certs.push_back(c.value());
    for (const auto& arn : l.sni_certificates) {
      if (auto c = w.acm.find_any(arn); c.ok()) certs.push_back(c.value());
    }
  }
  if (certs.empty()) return;
  const bool covered = std::any_of(certs.begin(), certs.end(), [&](const model::Certificate* c) { return Context::covers(*c, host); });
  if (!covered) ctx.report({lb.arn, host}, host + " points at load balancer " + lb.name + ", but none of its certificates covers it.", origin);
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
    &check_name,
    reads(model::Part::Acm) | reads(model::Part::ApiGateway) | reads(model::Part::CloudFront) | reads(model::Part::Elb) | reads(model::Part::Dns),
    model::kAllAspects,
    &check_distribution};

}  // namespace acmsim::analysis
