// A World on a fresh simulation, and helpers to drive it from tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "acmsim/model/route53/dns_name.hpp"
#include "acmsim/model/world.hpp"

namespace acmsim::testing {

using core::Duration;
using core::SimTime;

struct WorldFixture {
  explicit WorldFixture(std::string_view start = "2026-03-01T00:00:00Z", model::Settings settings = {}, Duration horizon = Duration::days(900))
      : sim(*core::parse_timestamp(start), *core::parse_timestamp(start) + horizon, 1), world(sim, trace, std::move(settings), "111122223333") {}

  /// Runs the model's events up to `t` after the start.
  void run_until(Duration t) {
    auto dispatch = [this](const core::ScheduledEvent& ev) { world.handle(ev); };
    sim.run_until(dispatch, sim.start() + t);
  }

  std::string zone(const std::string& name = "example.com", bool is_private = false) {
    model::CreateHostedZoneRequest req;
    req.name = name;
    req.caller_reference = name + std::to_string(zones_++);
    req.private_zone = is_private;
    if (is_private) {
      req.vpc_region = "eu-west-1";
      req.vpc_id = "vpc-1";
    }
    return world.route53.create_hosted_zone(sim.now(), req).value().zone->id;
  }

  model::Outcome<model::ChangeInfo> put(const std::string& zone_id, const std::string& name, model::RRType type, std::vector<std::string> values,
                                        model::ChangeAction action = model::ChangeAction::Upsert) {
    model::ChangeBatch b;
    model::RecordSet r;
    r.name = name;
    r.type = type;
    r.ttl = 300;
    r.values = std::move(values);
    b.changes.push_back({action, r});
    return world.route53.change_resource_record_sets(sim.now(), zone_id, b);
  }

  std::string request(const std::string& domain, std::vector<std::string> sans = {}, const std::string& method = "DNS",
                      const std::string& region = "us-east-1", bool exportable = false) {
    model::RequestCertificateInput in;
    in.domain_name = domain;
    in.subject_alternative_names = std::move(sans);
    in.validation_method = method;
    if (exportable) in.export_option = "ENABLED";
    return world.acm.request_certificate(*model::find_region(region), in).value();
  }

  const model::Certificate& cert(const std::string& arn) { return *world.acm.find_any(arn).value(); }

  /// An alias A record in `zone_id` to an AWS target.
  bool alias_record(const std::string& zone_id, const std::string& name, const std::string& target_zone, const std::string& target) {
    model::ChangeBatch b;
    model::RecordSet r;
    r.name = name;
    r.type = model::RRType::A;
    r.alias = model::AliasTarget{target_zone, target, false};
    b.changes.push_back({model::ChangeAction::Upsert, r});
    return world.route53.change_resource_record_sets(sim.now(), zone_id, b).ok();
  }

  /// An application load balancer with one HTTPS listener on 443.
  const model::LoadBalancer* https_alb(const char* region_code, const std::string& cert, const std::optional<std::string>& policy = std::nullopt) {
    const auto r = *model::find_region(region_code);
    model::CreateLoadBalancerInput in;
    in.name = "web";
    in.subnets = {"subnet-1", "subnet-2"};
    const auto* lb = world.elb.create_load_balancer(r, in).value();
    model::CreateListenerInput l;
    l.load_balancer_arn = lb->arn;
    l.protocol = "HTTPS";
    l.port = 443;
    l.certificates = {cert};
    l.ssl_policy = policy;
    l.default_actions = core::Json::array({{{"Type", "fixed-response"}}});
    return world.elb.create_listener(r, l).ok() ? lb : nullptr;
  }

  void write_validation_records(const std::string& arn, const std::string& zone_id) {
    for (const auto& v : cert(arn).validations) put(zone_id, v.record_name, model::RRType::CNAME, {v.record_value});
  }

  /// A zone for example.com and a DNS-validated certificate for `domain`,
  /// issued and in use by a service after a day: the start of most renewal stories.
  std::pair<std::string, std::string> issued_in_use(const std::string& domain = "api.example.com") {
    const auto z = zone();
    const auto arn = request(domain);
    write_validation_records(arn, z);
    run_until(Duration::days(1));
    (void)world.acm.attach(arn, "user");
    return {z, arn};
  }

  /// The `change` values of the certificate's trace records, in order.
  std::vector<std::string> story(const std::string& arn) const {
    std::vector<std::string> out;
    for (const auto& r : trace.records()) {
      if (r.body().value("resource", "") == arn) {
        std::string c = r.body().value("change", "");
        if (c == "StatusChanged") c += ":" + r.body().value("status", "");
        out.push_back(c);
      }
    }
    return out;
  }

  core::Simulation sim;
  core::Trace trace;
  model::World world;

 private:
  int zones_ = 0;
};

}  // namespace acmsim::testing
