#include "acmsim/model/elb/elb_service.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::model {

namespace {

// Load balancer names are unique per region.
std::string region_name_key(RegionId region, const std::string& name) { return std::string(region_code(region)) + '/' + name; }

// Canonical hosted zone ids of load balancers: ALB (and CLB) and NLB columns.
// Source: https://docs.aws.amazon.com/general/latest/gr/elb.html, as copied in
// aws-behaviour.md §8 (from terraform-provider-aws, checked against the page
// for us-east-1/2 and us-west-1).
struct ZoneRow {
  std::string_view region;
  std::string_view alb;
  std::string_view nlb;
};
constexpr std::array<ZoneRow, 19> kZones{{
    {"af-south-1", "Z268VQBMOI5EKX", "Z203XCE67M25HM"},   {"ap-northeast-1", "Z14GRHDCWA56QT", "Z31USIVHYNEOWT"},
    {"ap-northeast-2", "ZWKZPGTI48KDX", "ZIBE1TIR4HY56"}, {"ap-south-1", "ZP97RAFLXTNZK", "ZVDDRBQ08TROA"},
    {"ap-southeast-1", "Z1LMS91P8CMLE5", "ZKVM4W9LS7TM"}, {"ap-southeast-2", "Z1GM3OXH4ZPM65", "ZCT6FZBF4DROD"},
    {"ca-central-1", "ZQSVJUPU6J1EY", "Z2EPGBW3API2WT"},  {"eu-central-1", "Z215JYRZR1TBD5", "Z3F0SRJ5LGBH90"},
    {"eu-north-1", "Z23TAZ6LKFMNIO", "Z1UDT6IFJ4EJM"},    {"eu-south-1", "Z3ULH7SSC9OV64", "Z23146JA1KNAFP"},
    {"eu-west-1", "Z32O12XQLNTSW2", "Z2IFOLAFXWLO4F"},    {"eu-west-2", "ZHURV8PSTC4K8", "ZD4D7Y8KGAS4G"},
    {"eu-west-3", "Z3Q77PNBQS71R4", "Z1CMS0P5QUZ6D5"},    {"me-south-1", "ZS929ML54UICD", "Z3QSRYVP46NYYV"},
    {"sa-east-1", "Z2P70J7HTTTPLU", "ZTK26PT1VY4CU"},     {"us-east-1", "Z35SXDOTRQ7X7K", "Z26RNL4JYFTOTI"},
    {"us-east-2", "Z3AADJGX6KTTL2", "ZLMOA37VPKANP"},     {"us-west-1", "Z368ELLRRE2KJ0", "Z24FKFUX50B4VW"},
    {"us-west-2", "Z1H1FL5HABSF5", "Z18D5FSROUN65G"},
}};

const std::array<std::string_view, 17> kSslPolicies{"ELBSecurityPolicy-2016-08",
                                                    "ELBSecurityPolicy-TLS-1-0-2015-04",
                                                    "ELBSecurityPolicy-TLS-1-1-2017-01",
                                                    "ELBSecurityPolicy-TLS-1-2-2017-01",
                                                    "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
                                                    "ELBSecurityPolicy-FS-2018-06",
                                                    "ELBSecurityPolicy-FS-1-1-2019-08",
                                                    "ELBSecurityPolicy-FS-1-2-2019-08",
                                                    "ELBSecurityPolicy-FS-1-2-Res-2019-08",
                                                    "ELBSecurityPolicy-FS-1-2-Res-2020-10",
                                                    "ELBSecurityPolicy-TLS13-1-0-2021-06",
                                                    "ELBSecurityPolicy-TLS13-1-1-2021-06",
                                                    "ELBSecurityPolicy-TLS13-1-2-2021-06",
                                                    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
                                                    "ELBSecurityPolicy-TLS13-1-3-2021-06",
                                                    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                                                    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06"};

}  // namespace

bool Listener::redirects_to_https() const {
  for (const auto& a : default_actions) {
    if (a.value("Type", "") == "redirect" && a.contains("RedirectConfig") && a["RedirectConfig"].value("Protocol", "") == "HTTPS") return true;
  }
  return false;
}

std::string elb_canonical_zone_id(RegionId region, LoadBalancerType type) {
  const auto code = region_code(region);
  for (const auto& z : kZones) {
    if (z.region == code) return std::string(type == LoadBalancerType::Network ? z.nlb : z.alb);
  }
  // Not in the reference table: a stable stand-in, documented in the README.
  return std::string(type == LoadBalancerType::Network ? "ZNLB" : "ZALB") + "ACMSIM" + std::to_string(region);
}

// The settings are taken like every service's, though no ELB timing is modelled yet.
ElbService::ElbService(const ServiceContext& ctx, AcmService& acm) : ctx_(ctx), acm_(acm), ids_(ctx.sim.seed(), "elb.ids") {}

std::string ElbService::random_hex(std::size_t n) {
  static constexpr std::string_view hex = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += hex[static_cast<std::size_t>(ids_.uniform_int(0, 15))];
  return out;
}

void ElbService::changed(const LoadBalancer& lb) {
  if (sink_ != nullptr) sink_->resource_changed(Part::Elb, lb.index);
}

const LoadBalancer* ElbService::at(std::uint32_t index) const {
  ReadLog::note(Part::Elb, index);
  return index < lbs_.size() && !lbs_[index].deleted ? &lbs_[index] : nullptr;
}

void ElbService::trace_state(const LoadBalancer& lb, StateChange change, core::Json extra) {
  ctx_.emit_state("elbv2", lb.region, lb.arn, change, std::move(extra));
}

Outcome<const LoadBalancer*> ElbService::create_load_balancer(RegionId region, const CreateLoadBalancerInput& in) {
  const std::string& n = in.name;
  const bool name_ok = !n.empty() && n.size() <= 32 && n.front() != '-' && n.back() != '-' && n.rfind("internal-", 0) != 0 &&
                       std::all_of(n.begin(), n.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
  if (!name_ok) {
    return aws_error(
        "ValidationError",
        "Load balancer name '" + n +
            "' is not valid: up to 32 letters, digits and hyphens, not starting or ending with a hyphen, not starting with 'internal-'.");
  }
  if (by_region_name_.contains(region_name_key(region, n)))
    return aws_error("DuplicateLoadBalancerName", "A load balancer with the same name '" + n + "' exists, but with different settings");
  LoadBalancer lb;
  lb.name = n;
  lb.region = region;
  if (in.type) {
    auto t = parse_aws<LoadBalancerType>(*in.type);
    if (!t)
      return aws_error("ValidationError",
                       "Load balancer type '" + *in.type + "' is not one of application, network (gateway load balancers are not modelled).");
    lb.type = *t;
  }
  if (in.scheme) {
    if (*in.scheme != "internet-facing" && *in.scheme != "internal")
      return aws_error("ValidationError", "Scheme must be internet-facing or internal.");
    lb.scheme = *in.scheme;
  }
  if (lb.type == LoadBalancerType::Application && in.subnets.size() < 2) {
    return aws_error("ValidationError", "At least two subnets in two different Availability Zones must be specified");
  }
  if (in.subnets.empty()) return aws_error("ValidationError", "At least one subnet must be specified");
  lb.subnets = in.subnets;
  if (in.ip_address_type) lb.ip_address_type = *in.ip_address_type;
  const std::string kind = lb.type == LoadBalancerType::Network ? "net" : "app";
  lb.arn = "arn:aws:elasticloadbalancing:" + std::string(region_code(region)) + ":" + ctx_.account + ":loadbalancer/" + kind + "/" + n + "/" +
           random_hex(16);
  const std::string prefix = lb.scheme == "internal" ? "internal-" : "";
  if (lb.type == LoadBalancerType::Network) {
    lb.dns_name = prefix + n + "-" + random_hex(16) + ".elb." + std::string(region_code(region)) + ".amazonaws.com";
  } else {
    lb.dns_name =
        prefix + n + "-" + std::to_string(ids_.uniform_int(1000000000, 1999999999)) + "." + std::string(region_code(region)) + ".elb.amazonaws.com";
  }
  lb.canonical_hosted_zone_id = elb_canonical_zone_id(region, lb.type);
  lb.created_at = ctx_.sim.now();
  lb.origin = ctx_.origin;
  lb.index = static_cast<std::uint32_t>(lbs_.size());
  by_dns_name_[dns::normalize(lb.dns_name)] = lbs_.size();  // DNS names compare without case
  by_arn_.emplace(lb.arn, lbs_.size());
  by_region_name_.emplace(region_name_key(region, n), lbs_.size());
  lbs_.push_back(lb);
  changed(lbs_.back());
  trace_state(lbs_.back(), StateChange::LoadBalancerCreated, {{"dnsName", lb.dns_name}, {"type", aws_name(lb.type)}});
  return &lbs_.back();
}

std::vector<const LoadBalancer*> ElbService::load_balancers(RegionId region) const {
  ReadLog::note(Part::Elb, kAllKeys);
  std::vector<const LoadBalancer*> out;
  for (const auto& lb : lbs_) {
    if (!lb.deleted && lb.region == region) out.push_back(&lb);
  }
  return out;
}

std::vector<const LoadBalancer*> ElbService::all() const {
  ReadLog::note(Part::Elb, kAllKeys);
  std::vector<const LoadBalancer*> out;
  for (const auto& lb : lbs_) {
    if (!lb.deleted) out.push_back(&lb);
  }
  return out;
}

const LoadBalancer* ElbService::find_by_dns_name(const std::string& dns_name) const {
  const auto it = by_dns_name_.find(dns::normalize(dns_name));
  if (it == by_dns_name_.end()) {
    // Whether some load balancer will answer for this name depends on them all.
    ReadLog::note(Part::Elb, kAllKeys);
    return nullptr;
  }
  ReadLog::note(Part::Elb, it->second);  // its deletion is its own change
  return lbs_[it->second].deleted ? nullptr : &lbs_[it->second];
}

Outcome<const LoadBalancer*> ElbService::find_load_balancer(RegionId region, const std::string& arn_or_name) const {
  // An ARN has colons, which a name cannot: at most one of the two matches.
  if (const LoadBalancer* lb = const_cast<ElbService*>(this)->mutable_lb(region, arn_or_name)) return lb;
  if (const auto it = by_region_name_.find(region_name_key(region, arn_or_name)); it != by_region_name_.end()) return &lbs_[it->second];
  return aws_error("LoadBalancerNotFound", "One or more load balancers not found");
}

LoadBalancer* ElbService::mutable_lb(RegionId region, const std::string& arn) {
  const auto it = by_arn_.find(arn);
  if (it == by_arn_.end() || lbs_[it->second].region != region) return nullptr;
  return &lbs_[it->second];
}

Listener* ElbService::mutable_listener(RegionId region, const std::string& arn, LoadBalancer** owner) {
  const auto it = listener_by_arn_.find(arn);
  if (it == listener_by_arn_.end()) return nullptr;
  LoadBalancer& lb = lbs_[it->second.first];
  if (lb.deleted || lb.region != region) return nullptr;
  if (owner != nullptr) *owner = &lb;
  return &lb.listeners[it->second.second];
}

Outcome<std::pair<const LoadBalancer*, const Listener*>> ElbService::find_listener(RegionId region, const std::string& listener_arn) const {
  LoadBalancer* lb = nullptr;
  const Listener* l = const_cast<ElbService*>(this)->mutable_listener(region, listener_arn, &lb);
  if (l == nullptr) return aws_error("ListenerNotFound", "One or more listeners not found");
  return std::pair<const LoadBalancer*, const Listener*>{lb, l};
}

Outcome<bool> ElbService::delete_load_balancer(RegionId region, const std::string& arn) {
  LoadBalancer* lb = mutable_lb(region, arn);
  if (lb == nullptr) return true;  // deleting a load balancer that does not exist succeeds, as in AWS
  changed(*lb);
  lb->deleted = true;
  by_arn_.erase(lb->arn);
  by_region_name_.erase(region_name_key(lb->region, lb->name));
  for (const auto& l : lb->listeners) listener_by_arn_.erase(l.arn);
  for (auto& l : lb->listeners) {
    if (l.deleted) continue;
    if (!l.default_certificate.empty()) release(*lb, l.default_certificate);
    for (const auto& c : l.sni_certificates) release(*lb, c);
  }
  trace_state(*lb, StateChange::LoadBalancerDeleted);
  return true;
}

void ElbService::release(const LoadBalancer& lb, const std::string& cert) {
  // The load balancer stays in InUseBy while any of its live listeners still uses the certificate.
  if (lb.deleted) {
    acm_.detach(cert, lb.arn);
    return;
  }
  for (const auto& l : lb.listeners) {
    if (l.deleted) continue;
    if (l.default_certificate == cert || std::find(l.sni_certificates.begin(), l.sni_certificates.end(), cert) != l.sni_certificates.end()) return;
  }
  acm_.detach(cert, lb.arn);
}

std::optional<AwsError> ElbService::check_certificate(RegionId region, const std::string& arn) const {
  auto found = acm_.find_any(arn);
  const bool here = found.ok() && found.value()->region == region;
  if (!here) {
    const bool elsewhere =
        found.ok() || (arn.rfind("arn:aws:acm:", 0) == 0 && arn.find(":" + std::string(region_code(region)) + ":") == std::string::npos);
    return aws_error("CertificateNotFound", "Certificate '" + arn + "' not found", elsewhere ? "regional-certificate-region" : "");
  }
  if (found.value()->status != CertificateStatus::Issued) {
    return aws_error("UnsupportedCertificate",
                     "Certificate '" + arn + "' is " + std::string(aws_name(found.value()->status)) + "; a listener needs an ISSUED certificate.");
  }
  return std::nullopt;
}

Outcome<const Listener*> ElbService::create_listener(RegionId region, const CreateListenerInput& in) {
  LoadBalancer* lb = mutable_lb(region, in.load_balancer_arn);
  if (lb == nullptr) return aws_error("LoadBalancerNotFound", "One or more load balancers not found");
  changed(*lb);  // reported whether or not the call goes through: a refusal changes nothing, and judging again costs little
  const bool alb = lb->type == LoadBalancerType::Application;
  ListenerProtocol proto = alb ? ListenerProtocol::Http : ListenerProtocol::Tcp;
  if (in.protocol) {
    auto p = parse_aws<ListenerProtocol>(*in.protocol);
    const bool fits = p && (alb ? (*p == ListenerProtocol::Http || *p == ListenerProtocol::Https)
                                : (*p != ListenerProtocol::Http && *p != ListenerProtocol::Https));
    if (!fits) {
      return aws_error("UnsupportedProtocol",
                       "Protocol '" + *in.protocol + "' is not supported by " +
                           std::string(alb ? "application load balancers (HTTP, HTTPS)" : "network load balancers (TCP, TLS, UDP, TCP_UDP)") + ".");
    }
    proto = *p;
  }
  const int port = in.port.value_or(proto == ListenerProtocol::Https || proto == ListenerProtocol::Tls ? 443 : 80);
  if (port < 1 || port > 65535) return aws_error("ValidationError", "Port must be from 1 to 65535.");
  for (const auto& l : lb->listeners) {
    if (!l.deleted && l.port == port) return aws_error("DuplicateListener", "A listener already exists on this port for this load balancer");
  }
  if (in.default_actions.empty()) return aws_error("ValidationError", "A listener needs at least one default action.");
  const bool secure = proto == ListenerProtocol::Https || proto == ListenerProtocol::Tls;
  Listener l;
  l.port = port;
  l.protocol = proto;
  l.default_actions = in.default_actions;
  l.created_at = ctx_.sim.now();
  l.origin = ctx_.origin;
  if (secure) {
    if (in.certificates.size() != 1) {
      return aws_error("ValidationError",
                       "A " + std::string(aws_name(proto)) +
                           " listener takes exactly one certificate in Certificates (the default); add more with AddListenerCertificates.");
    }
    if (auto e = check_certificate(region, in.certificates.front())) return *e;
    l.ssl_policy = in.ssl_policy.value_or("ELBSecurityPolicy-2016-08");
    if (std::find(kSslPolicies.begin(), kSslPolicies.end(), l.ssl_policy) == kSslPolicies.end()) {
      return aws_error("SSLPolicyNotFound", "SSL policy '" + l.ssl_policy + "' not found");
    }
    l.default_certificate = in.certificates.front();
  } else if (!in.certificates.empty() || in.ssl_policy) {
    return aws_error("ValidationError", "Certificates and SslPolicy are only for HTTPS and TLS listeners.");
  }
  l.arn = "arn:aws:elasticloadbalancing:" + std::string(region_code(region)) + ":" + ctx_.account + ":listener/" +
          lb->arn.substr(lb->arn.find("loadbalancer/") + 13) + "/" + random_hex(16);
  listener_by_arn_.emplace(l.arn, std::pair{static_cast<std::size_t>(lb - lbs_.data()), lb->listeners.size()});
  lb->listeners.push_back(l);
  if (secure) acm_.attach(l.default_certificate, lb->arn);
  trace_state(*lb, StateChange::ListenerCreated, {{"port", port}, {"protocol", aws_name(proto)}, {"certificateArn", l.default_certificate}});
  return &lb->listeners.back();
}

Outcome<const Listener*> ElbService::modify_listener(RegionId region, const std::string& listener_arn, const std::optional<std::string>& ssl_policy,
                                                     const std::vector<std::string>& certificates, const std::optional<core::Json>& default_actions) {
  LoadBalancer* lb = nullptr;
  Listener* l = mutable_listener(region, listener_arn, &lb);
  if (l == nullptr) return aws_error("ListenerNotFound", "One or more listeners not found");
  changed(*lb);  // reported whether or not the call goes through: a refusal changes nothing, and judging again costs little
  // Everything is checked before anything changes: a refused call changes nothing.
  if (!certificates.empty()) {
    if (certificates.size() != 1) return aws_error("ValidationError", "Certificates takes exactly one certificate: the new default.");
    if (auto e = check_certificate(region, certificates.front())) return *e;
  }
  if (ssl_policy && std::find(kSslPolicies.begin(), kSslPolicies.end(), *ssl_policy) == kSslPolicies.end())
    return aws_error("SSLPolicyNotFound", "SSL policy '" + *ssl_policy + "' not found");
  if (!certificates.empty()) {
    const std::string old = l->default_certificate;
    l->default_certificate = certificates.front();
    acm_.attach(l->default_certificate, lb->arn);
    release(*lb, old);
  }
  if (ssl_policy) l->ssl_policy = *ssl_policy;
  if (default_actions) l->default_actions = *default_actions;
  l->origin = ctx_.origin;
  trace_state(*lb, StateChange::ListenerModified, {{"port", l->port}});
  return static_cast<const Listener*>(l);
}

Outcome<bool> ElbService::delete_listener(RegionId region, const std::string& listener_arn) {
  LoadBalancer* lb = nullptr;
  Listener* l = mutable_listener(region, listener_arn, &lb);
  if (l == nullptr) return aws_error("ListenerNotFound", "One or more listeners not found");
  changed(*lb);  // reported whether or not the call goes through: a refusal changes nothing, and judging again costs little
  l->deleted = true;
  listener_by_arn_.erase(l->arn);
  if (!l->default_certificate.empty()) release(*lb, l->default_certificate);
  for (const auto& c : l->sni_certificates) release(*lb, c);
  trace_state(*lb, StateChange::ListenerDeleted, {{"port", l->port}});
  return true;
}

Outcome<bool> ElbService::add_listener_certificates(RegionId region, const std::string& listener_arn, const std::vector<std::string>& certificates) {
  LoadBalancer* lb = nullptr;
  Listener* l = mutable_listener(region, listener_arn, &lb);
  if (l == nullptr) return aws_error("ListenerNotFound", "One or more listeners not found");
  changed(*lb);  // reported whether or not the call goes through: a refusal changes nothing, and judging again costs little
  if (l->protocol != ListenerProtocol::Https && l->protocol != ListenerProtocol::Tls) {
    return aws_error("ValidationError", "Certificates can only be added to HTTPS and TLS listeners.");
  }
  for (const auto& c : certificates) {
    if (auto e = check_certificate(region, c)) return *e;
  }
  std::size_t total = 0;
  for (const auto& x : lb->listeners) total += x.deleted ? 0 : x.sni_certificates.size();
  // The new ones (a certificate already on the listener is a no-op, as in
  // AWS), counted before any is added: a refused call changes nothing.
  std::vector<std::string> added;
  for (const auto& c : certificates) {
    if (std::find(l->sni_certificates.begin(), l->sni_certificates.end(), c) == l->sni_certificates.end() &&
        std::find(added.begin(), added.end(), c) == added.end())
      added.push_back(c);
  }
  if (total + added.size() > 25)
    return aws_error("TooManyCertificates",
                     "You've reached the limit on the number of certificates per load balancer (25, excluding default certificates).");
  for (const auto& c : added) {
    l->sni_certificates.push_back(c);
    acm_.attach(c, lb->arn);
  }
  l->origin = ctx_.origin;
  trace_state(*lb, StateChange::ListenerCertificatesAdded, {{"port", l->port}, {"certificates", certificates}});
  return true;
}

Outcome<bool> ElbService::remove_listener_certificates(RegionId region, const std::string& listener_arn,
                                                       const std::vector<std::string>& certificates) {
  LoadBalancer* lb = nullptr;
  Listener* l = mutable_listener(region, listener_arn, &lb);
  if (l == nullptr) return aws_error("ListenerNotFound", "One or more listeners not found");
  changed(*lb);  // reported whether or not the call goes through: a refusal changes nothing, and judging again costs little
  for (const auto& c : certificates) {
    if (c == l->default_certificate)
      return aws_error("OperationNotPermitted", "The default certificate cannot be removed; replace it with ModifyListener.");
    const auto it = std::find(l->sni_certificates.begin(), l->sni_certificates.end(), c);
    if (it == l->sni_certificates.end()) continue;
    l->sni_certificates.erase(it);
    release(*lb, c);
  }
  trace_state(*lb, StateChange::ListenerCertificatesRemoved, {{"port", l->port}, {"certificates", certificates}});
  return true;
}

}  // namespace acmsim::model
