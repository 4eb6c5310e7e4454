#include "acmsim/model/client/probes.hpp"

#include <algorithm>
#include <cctype>

#include "acmsim/model/model_events.hpp"
#include "acmsim/model/route53/dns_name.hpp"
#include "acmsim/model/world.hpp"

namespace acmsim::model {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) { return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix; }

}  // namespace

std::optional<ProbeSpec> parse_probe_url(const std::string& url, std::string* why) {
  ProbeSpec s;
  s.url = url;
  if (url.rfind("https://", 0) != 0) {
    *why = "the url must start with https:// (probes test the TLS handshake)";
    return std::nullopt;
  }
  std::string rest = url.substr(8);
  const auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  s.path = slash == std::string::npos ? "/" : rest.substr(slash);
  if (const auto q = s.path.find_first_of("?#"); q != std::string::npos) s.path.resize(q);
  if (const auto colon = authority.find(':'); colon != std::string::npos) {
    const std::string port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) < 1 ||
        std::stoi(port) > 65535) {
      *why = "invalid port '" + port + "'";
      return std::nullopt;
    }
    s.port = std::stoi(port);
    authority.resize(colon);
  }
  for (auto& c : authority) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!authority.empty() && authority.back() == '.') authority.pop_back();
  if (!dns::is_valid_zone_name(authority) || authority.find('.') == std::string::npos || authority.find('_') != std::string::npos) {
    *why = "'" + authority + "' is not a host name";
    return std::nullopt;
  }
  s.host = authority;
  return s;
}

ResolvedHost endpoint_named(const World& world, const std::string& name_in) {
  using Endpoint = ResolvedHost;
  Endpoint e;
  std::string name = dns::without_dot(name_in);
  if (name.rfind("dualstack.", 0) == 0) name = name.substr(10);
  e.name = name;
  if (ends_with(name, ".cloudfront.net")) {
    if (const Distribution* d = world.cloudfront.find_by_domain_name(name)) {
      e.kind = Endpoint::Kind::Distribution;
      e.distribution = d;
      return e;
    }
    if (const CustomDomain* d = world.apigateway.domain_by_endpoint(name); d != nullptr && d->type != EndpointType::Regional) {
      e.kind = Endpoint::Kind::EdgeDomain;
      e.domain = d;
      e.region = d->region;
      return e;
    }
  } else if (name.find(".execute-api.") != std::string::npos && ends_with(name, ".amazonaws.com")) {
    if (const CustomDomain* d = world.apigateway.domain_by_endpoint(name); d != nullptr && d->type == EndpointType::Regional) {
      e.kind = Endpoint::Kind::RegionalDomain;
      e.domain = d;
      e.region = d->region;
      return e;
    }
    const std::string api_id = name.substr(0, name.find('.'));
    for (const RestApi* a : world.apigateway.apis_with_id(api_id)) {
      if (name == api_id + ".execute-api." + std::string(region_code(a->region)) + ".amazonaws.com") {
        e.kind = Endpoint::Kind::DefaultApi;
        e.region = a->region;
        return e;
      }
    }
  } else if (ends_with(name, ".amazonaws.com") && name.find(".elb.") != std::string::npos) {
    if (const LoadBalancer* lb = world.elb.find_by_dns_name(name)) {
      e.kind = Endpoint::Kind::LoadBalancer;
      e.lb = lb;
      e.region = lb->region;
      return e;
    }
  }
  return e;
}

ResolvedHost resolve_host(const World& world, const std::string& host) {
  using Endpoint = ResolvedHost;

  std::string name = host;
  Endpoint ep;
  bool resolved = false;
  for (int hop = 0; hop < 16 && !resolved; ++hop) {
    const LookupResult r = world.dns.lookup(name, RRType::A);
    if (r.status == LookupStatus::Found && r.record != nullptr) {
      if (!r.record->alias) {
        ep.kind = Endpoint::Kind::None;  // an address outside the modelled services
        ep.name = dns::without_dot(name);
        return ep;
      }
      const AliasTarget& at = *r.record->alias;
      if (world.route53.find_zone(at.hosted_zone_id) != nullptr) {
        name = at.dns_name;  // an alias to another Route 53 record
        continue;
      }
      ep = endpoint_named(world, at.dns_name);
      resolved = true;
    } else if (r.status == LookupStatus::Cname && r.record != nullptr && !r.record->values.empty()) {
      name = dns::normalize(r.record->values.front());
      const Endpoint candidate = endpoint_named(world, name);
      const std::string bare = dns::without_dot(name);
      const bool aws_name = ends_with(bare, ".cloudfront.net") || ends_with(bare, ".amazonaws.com");
      if (candidate.kind != Endpoint::Kind::None || aws_name) {
        ep = candidate;
        resolved = true;
      }
    } else {
      ep.kind = Endpoint::Kind::NxDomain;
      return ep;
    }
  }
  if (!resolved) ep.kind = Endpoint::Kind::NxDomain;  // a CNAME loop or an over-long chain
  return ep;
}

Clients::Clients(World& world) : world_(world), jitter_(world.sim.seed(), "client.latency") {}

std::size_t Clients::add(ProbeSpec spec) {
  const std::size_t regions = spec.from.size();
  const core::SimTime last = spec.every.ms > 0 ? spec.until : spec.first;
  ProbeTally blank;
  blank.series = ProbeSeries(spec.first, last, spec.every);
  Probe p{std::move(spec), blank, std::vector<ProbeTally>(regions, blank)};
  probes_.push_back(std::move(p));
  return probes_.size() - 1;
}

const Probe* Clients::find(const std::string& name) const {
  for (const auto& p : probes_) {
    if (p.spec.name == name) return &p;
  }
  return nullptr;
}

void Clients::attempt(std::size_t index) {
  Probe& p = probes_[index];
  const core::SimTime now = world_.sim.now();
  for (std::size_t i = 0; i < p.spec.from.size(); ++i) {
    const RegionId r = p.spec.from[i];
    const ProbeAttempt a = try_once(p.spec, r);
    ProbeTally& tally = p.by_region[i];
    // Every attempt goes to a trace file; the run keeps only those whose
    // outcome differs from the region's last one (what a story tells), so that
    // memory does not grow with the number of attempts.
    const bool changed = !tally.last || tally.last->outcome != a.outcome;
    if (world_.trace.probe_attempts() && (changed || world_.trace.streaming())) {
      core::Json body = {{"type", "probe"},       {"probe", p.spec.name},           {"from", region_code(r)},
                         {"url", p.spec.url},     {"outcome", aws_name(a.outcome)}, {"latencyMs", std::round(a.latency_ms * 10) / 10},
                         {"endpoint", a.endpoint}};
      if (changed)
        world_.trace.add(now, std::move(body));
      else
        world_.trace.stream_only(now, body);
    }
    const AttemptMark mark{now, r, a.outcome};
    tally.add(mark, a.latency_ms);
    p.all.add(mark, a.latency_ms);
  }
  if (p.spec.every.ms > 0 && world_.sim.now() + p.spec.every <= p.spec.until) {
    world_.sim.schedule_in(p.spec.every, core::Priority::Scenario,
                           core::EventPayload{static_cast<std::uint32_t>(ModelEvent::ProbeAttempt), static_cast<std::uint32_t>(index), 0});
  }
}

ProbeAttempt Clients::try_once(const ProbeSpec& spec, RegionId from) {
  const core::SimTime now = world_.sim.now();
  const Settings& st = world_.settings;
  ProbeAttempt out;
  out.at = now;
  out.from = from;
  const double jitter = 1.0 + st.latency_jitter * (2.0 * jitter_.uniform01() - 1.0);
  double elapsed = st.dns_ms;  // resolving the name (latency.dnsMs), whatever answers it
  auto finish = [&](ProbeOutcome o) {
    out.outcome = o;
    out.latency_ms = elapsed * jitter;
    return out;
  };

  // 1. DNS: follow CNAMEs and aliases until an AWS endpoint name, an address, or nothing.
  using Endpoint = ResolvedHost;
  const ResolvedHost ep = resolve_host(world_, spec.host);
  out.endpoint = ep.name;
  if (ep.kind == Endpoint::Kind::NxDomain) return finish(ProbeOutcome::NxDomain);
  if (ep.kind == Endpoint::Kind::None) return finish(ProbeOutcome::NoEndpoint);

  // 2. Connection: where the TLS handshake happens, and how far it is.
  const bool edge = ep.kind == Endpoint::Kind::Distribution || ep.kind == Endpoint::Kind::EdgeDomain;
  const double handshake_rtt = edge ? st.edge_rtt_ms : world_.latency.rtt_ms(from, ep.region);
  std::string cert_arn;
  core::SimTime attached;
  core::Duration propagation = edge ? st.cloudfront_certificate_propagation : st.regional_certificate_propagation;
  switch (ep.kind) {
    case Endpoint::Kind::Distribution: {
      const Distribution* d = ep.distribution;
      out.endpoint = d->arn(world_.account);
      if (now < d->first_deployed_at || !d->settings.enabled) return finish(ProbeOutcome::NoEndpoint);
      elapsed += 2 * handshake_rtt;
      if (std::find(d->settings.aliases.begin(), d->settings.aliases.end(), spec.host) == d->settings.aliases.end()) {
        return finish(ProbeOutcome::CertNameMismatch);  // CloudFront presents *.cloudfront.net
      }
      if (d->settings.viewer.cloudfront_default) return finish(ProbeOutcome::CertNameMismatch);
      cert_arn = d->serving_arn(now);
      attached = d->certificate_attached_at;
      break;
    }
    case Endpoint::Kind::EdgeDomain:
    case Endpoint::Kind::RegionalDomain: {
      const CustomDomain* d = ep.domain;
      out.endpoint = d->arn();
      if (now < d->ready_at) return finish(ProbeOutcome::NoEndpoint);
      elapsed += 2 * handshake_rtt;
      if (d->name != spec.host) return finish(ProbeOutcome::CertNameMismatch);
      cert_arn = d->serving_arn(now);
      attached = d->certificate_attached_at;
      break;
    }
    case Endpoint::Kind::DefaultApi:
      elapsed += 2 * handshake_rtt;
      return finish(ProbeOutcome::CertNameMismatch);  // *.execute-api.<region>.amazonaws.com
    case Endpoint::Kind::LoadBalancer: {
      const LoadBalancer* lb = ep.lb;
      out.endpoint = lb->arn;
      const Listener* listener = nullptr;
      for (const auto& l : lb->listeners) {
        if (!l.deleted && l.port == spec.port) listener = &l;
      }
      if (listener == nullptr || lb->scheme == "internal") return finish(ProbeOutcome::NoEndpoint);
      elapsed += 2 * handshake_rtt;
      if (listener->protocol != ListenerProtocol::Https && listener->protocol != ListenerProtocol::Tls) return finish(ProbeOutcome::NoCertificate);
      // SNI: a certificate of the list that covers the name, else the default.
      cert_arn = listener->default_certificate;
      attached = listener->created_at;
      std::vector<std::string> candidates{listener->default_certificate};
      candidates.insert(candidates.end(), listener->sni_certificates.begin(), listener->sni_certificates.end());
      for (const auto& arn : candidates) {
        auto c = world_.acm.find_any(arn);
        if (!c.ok()) continue;
        const CertificateVersion* v = c.value()->served(now, attached, propagation);
        if (v != nullptr &&
            std::any_of(v->names->begin(), v->names->end(), [&](const std::string& n) { return dns::certificate_covers(n, spec.host); })) {
          cert_arn = arn;
          break;
        }
      }
      break;
    }
    case Endpoint::Kind::None:
    case Endpoint::Kind::NxDomain:
      break;
  }

  // 3. TLS: the certificate the endpoint presents at this instant.
  auto found = world_.acm.find_any(cert_arn);
  if (!found.ok()) return finish(ProbeOutcome::NoCertificate);
  const CertificateVersion* v = found.value()->served(now, attached, propagation);
  if (v == nullptr) return finish(ProbeOutcome::NoCertificate);
  if (now > v->not_after) return finish(ProbeOutcome::CertExpired);
  if (now < v->not_before) return finish(ProbeOutcome::CertNotYetValid);
  if (std::none_of(v->names->begin(), v->names->end(), [&](const std::string& n) { return dns::certificate_covers(n, spec.host); })) {
    return finish(ProbeOutcome::CertNameMismatch);
  }

  // 4. The request: API Gateway routes by base path; the others answer.
  elapsed += handshake_rtt + st.server_ms;
  if (ep.kind == Endpoint::Kind::EdgeDomain) elapsed += world_.latency.rtt_ms(from, ep.region);  // edge to the API's region
  if (ep.kind == Endpoint::Kind::EdgeDomain || ep.kind == Endpoint::Kind::RegionalDomain) {
    std::string path = spec.path;
    while (!path.empty() && path.front() == '/') path.erase(path.begin());
    const BasePathMapping* best = nullptr;
    for (const auto& m : ep.domain->mappings) {
      const bool matches = m.base_path.empty() || path == m.base_path || path.rfind(m.base_path + "/", 0) == 0;
      if (matches && (best == nullptr || m.base_path.size() > best->base_path.size())) best = &m;
    }
    if (best == nullptr) return finish(ProbeOutcome::NotFound);
  }
  return finish(ProbeOutcome::Ok);
}

}  // namespace acmsim::model
