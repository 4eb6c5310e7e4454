// Elastic Load Balancing v2's API: request shapes, typed calls, AWS's response shapes.
#include "acmsim/api/operations.hpp"

namespace acmsim::api {

namespace {

using model::Outcome;
using model::RegionId;
using model::World;

Json lb_json(const model::LoadBalancer& lb) {
  Json azs = Json::array();
  for (std::size_t i = 0; i < lb.subnets.size(); ++i) {
    azs.push_back({{"ZoneName", std::string(model::region_code(lb.region)) + static_cast<char>('a' + (i % 6))}, {"SubnetId", lb.subnets[i]}});
  }
  return {{"LoadBalancerArn", lb.arn},
          {"DNSName", lb.dns_name},
          {"CanonicalHostedZoneId", lb.canonical_hosted_zone_id},
          {"CreatedTime", timestamp(lb.created_at)},
          {"LoadBalancerName", lb.name},
          {"Scheme", lb.scheme},
          {"VpcId", "vpc-0acmsim0000000001"},
          {"State", {{"Code", "active"}}},
          {"Type", model::aws_name(lb.type)},
          {"AvailabilityZones", azs},
          {"IpAddressType", lb.ip_address_type}};
}

Json listener_json(const model::LoadBalancer& lb, const model::Listener& l) {
  Json j = {{"ListenerArn", l.arn}, {"LoadBalancerArn", lb.arn}, {"Port", l.port}, {"Protocol", model::aws_name(l.protocol)}};
  if (!l.default_certificate.empty()) {
    j["Certificates"] = Json::array({{{"CertificateArn", l.default_certificate}}});
    j["SslPolicy"] = l.ssl_policy;
  }
  j["DefaultActions"] = l.default_actions;
  return j;
}

std::vector<std::string> certificate_arns(const Json& p) {
  std::vector<std::string> out;
  if (!p.contains("Certificates")) return out;
  for (const auto& c : p["Certificates"]) out.push_back(get_string(c, "CertificateArn"));
  return out;
}

std::vector<std::string> strings(const Json& p, const char* member) {
  std::vector<std::string> out;
  if (p.contains(member)) {
    for (const auto& s : p[member]) out.push_back(s.get<std::string>());
  }
  return out;
}

Outcome<Json> create_load_balancer(World& w, RegionId region, const Json& p) {
  model::CreateLoadBalancerInput in;
  in.name = get_string(p, "Name");
  in.subnets = strings(p, "Subnets");
  if (p.contains("SubnetMappings")) {
    for (const auto& m : p["SubnetMappings"]) in.subnets.push_back(get_string(m, "SubnetId"));
  }
  in.scheme = opt_string(p, "Scheme");
  in.type = opt_string(p, "Type");
  in.ip_address_type = opt_string(p, "IpAddressType");
  auto r = w.elb.create_load_balancer(region, in);
  if (!r.ok()) return r.error();
  return Json{{"LoadBalancers", Json::array({lb_json(*r.value())})}};
}

Outcome<Json> describe_load_balancers(World& w, RegionId region, const Json& p) {
  Json out = Json::array();
  const auto arns = strings(p, "LoadBalancerArns");
  const auto names = strings(p, "Names");
  if (arns.empty() && names.empty()) {
    for (const auto* lb : w.elb.load_balancers(region)) out.push_back(lb_json(*lb));
  }
  for (const auto& key : arns.empty() ? names : arns) {
    auto r = w.elb.find_load_balancer(region, key);
    if (!r.ok()) return r.error();
    out.push_back(lb_json(*r.value()));
  }
  return Json{{"LoadBalancers", out}};
}

Outcome<Json> delete_load_balancer(World& w, RegionId region, const Json& p) {
  auto r = w.elb.delete_load_balancer(region, get_string(p, "LoadBalancerArn"));
  if (!r.ok()) return r.error();
  return Json::object();
}

Outcome<Json> create_listener(World& w, RegionId region, const Json& p) {
  model::CreateListenerInput in;
  in.load_balancer_arn = get_string(p, "LoadBalancerArn");
  in.protocol = opt_string(p, "Protocol");
  if (p.contains("Port")) in.port = p["Port"].get<int>();
  in.ssl_policy = opt_string(p, "SslPolicy");
  in.certificates = certificate_arns(p);
  if (p.contains("Certificates")) {
    for (const auto& c : p["Certificates"]) {
      if (c.contains("IsDefault"))
        return model::aws_error("ValidationError", "Do not set IsDefault in CreateListener: the one certificate given is the default.");
    }
  }
  in.default_actions = p.value("DefaultActions", Json::array());
  auto r = w.elb.create_listener(region, in);
  if (!r.ok()) return r.error();
  auto lb = w.elb.find_load_balancer(region, in.load_balancer_arn);
  return Json{{"Listeners", Json::array({listener_json(*lb.value(), *r.value())})}};
}

Outcome<Json> describe_listeners(World& w, RegionId region, const Json& p) {
  Json out = Json::array();
  if (p.contains("LoadBalancerArn")) {
    auto lb = w.elb.find_load_balancer(region, get_string(p, "LoadBalancerArn"));
    if (!lb.ok()) return lb.error();
    for (const auto& l : lb.value()->listeners) {
      if (!l.deleted) out.push_back(listener_json(*lb.value(), l));
    }
  }
  for (const auto& arn : strings(p, "ListenerArns")) {
    auto r = w.elb.find_listener(region, arn);
    if (!r.ok()) return r.error();
    out.push_back(listener_json(*r.value().first, *r.value().second));
  }
  return Json{{"Listeners", out}};
}

Outcome<Json> modify_listener(World& w, RegionId region, const Json& p) {
  std::optional<Json> actions;
  if (p.contains("DefaultActions")) actions = p["DefaultActions"];
  auto r = w.elb.modify_listener(region, get_string(p, "ListenerArn"), opt_string(p, "SslPolicy"), certificate_arns(p), actions);
  if (!r.ok()) return r.error();
  auto pair = w.elb.find_listener(region, get_string(p, "ListenerArn"));
  return Json{{"Listeners", Json::array({listener_json(*pair.value().first, *pair.value().second)})}};
}

Outcome<Json> delete_listener(World& w, RegionId region, const Json& p) {
  auto r = w.elb.delete_listener(region, get_string(p, "ListenerArn"));
  if (!r.ok()) return r.error();
  return Json::object();
}

Outcome<Json> add_listener_certificates(World& w, RegionId region, const Json& p) {
  const auto certs = certificate_arns(p);
  auto r = w.elb.add_listener_certificates(region, get_string(p, "ListenerArn"), certs);
  if (!r.ok()) return r.error();
  Json out = Json::array();
  for (const auto& c : certs) out.push_back({{"CertificateArn", c}});
  return Json{{"Certificates", out}};
}

Outcome<Json> remove_listener_certificates(World& w, RegionId region, const Json& p) {
  auto r = w.elb.remove_listener_certificates(region, get_string(p, "ListenerArn"), certificate_arns(p));
  if (!r.ok()) return r.error();
  return Json::object();
}

Outcome<Json> describe_listener_certificates(World& w, RegionId region, const Json& p) {
  auto r = w.elb.find_listener(region, get_string(p, "ListenerArn"));
  if (!r.ok()) return r.error();
  const model::Listener& l = *r.value().second;
  Json out = Json::array();
  if (!l.default_certificate.empty()) out.push_back({{"CertificateArn", l.default_certificate}, {"IsDefault", true}});
  for (const auto& c : l.sni_certificates) out.push_back({{"CertificateArn", c}, {"IsDefault", false}});
  return Json{{"Certificates", out}};
}

}  // namespace

void add_elbv2_operations(std::vector<Operation>& out) {
  using namespace shapes;
  const Shape* tags = list(structure({{"Key", string(), true}, {"Value", string()}}));
  const Shape* certs = list(structure({{"CertificateArn", string()}, {"IsDefault", boolean()}}));
  out.push_back({"elbv2", "CreateLoadBalancer", false,
                 structure({{"Name", string(), true},
                            {"Subnets", list(string())},
                            {"SubnetMappings", list(structure({{"SubnetId", string()},
                                                               {"AllocationId", string()},
                                                               {"PrivateIPv4Address", string()},
                                                               {"IPv6Address", string()},
                                                               {"SourceNatIpv6Prefix", string()}}))},
                            {"SecurityGroups", list(string())},
                            {"Scheme", string()},
                            {"Tags", tags},
                            {"Type", string()},
                            {"IpAddressType", string()},
                            {"CustomerOwnedIpv4Pool", string()},
                            {"EnablePrefixForIpv6SourceNat", string()},
                            {"IpamPools", any()}}),
                 &create_load_balancer});
  out.push_back({"elbv2", "DescribeLoadBalancers", true,
                 structure({{"LoadBalancerArns", list(string())}, {"Names", list(string())}, {"Marker", string()}, {"PageSize", integer()}}),
                 &describe_load_balancers});
  out.push_back({"elbv2", "DeleteLoadBalancer", false, structure({{"LoadBalancerArn", string(), true}}), &delete_load_balancer});
  out.push_back({"elbv2", "CreateListener", false,
                 structure({{"LoadBalancerArn", string(), true},
                            {"Protocol", string()},
                            {"Port", integer()},
                            {"SslPolicy", string()},
                            {"Certificates", certs},
                            {"DefaultActions", list(any()), true},
                            {"AlpnPolicy", list(string())},
                            {"Tags", tags},
                            {"MutualAuthentication", any()}}),
                 &create_listener});
  out.push_back({"elbv2", "DescribeListeners", true,
                 structure({{"LoadBalancerArn", string()}, {"ListenerArns", list(string())}, {"Marker", string()}, {"PageSize", integer()}}),
                 &describe_listeners});
  out.push_back({"elbv2", "ModifyListener", false,
                 structure({{"ListenerArn", string(), true},
                            {"Port", integer()},
                            {"Protocol", string()},
                            {"SslPolicy", string()},
                            {"Certificates", certs},
                            {"DefaultActions", list(any())},
                            {"AlpnPolicy", list(string())},
                            {"MutualAuthentication", any()}}),
                 &modify_listener});
  out.push_back({"elbv2", "DeleteListener", false, structure({{"ListenerArn", string(), true}}), &delete_listener});
  out.push_back({"elbv2", "AddListenerCertificates", false, structure({{"ListenerArn", string(), true}, {"Certificates", certs, true}}),
                 &add_listener_certificates});
  out.push_back({"elbv2", "RemoveListenerCertificates", false, structure({{"ListenerArn", string(), true}, {"Certificates", certs, true}}),
                 &remove_listener_certificates});
  out.push_back({"elbv2", "DescribeListenerCertificates", true,
                 structure({{"ListenerArn", string(), true}, {"Marker", string()}, {"PageSize", integer()}}), &describe_listener_certificates});
}

}  // namespace acmsim::api
