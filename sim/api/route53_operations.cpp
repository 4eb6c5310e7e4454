// Route 53's API: request shapes, typed calls into the model, AWS's response shapes.
#include <algorithm>

#include "acmsim/api/operations.hpp"
#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::api {

namespace {

using model::HostedZone;
using model::Outcome;
using model::RegionId;
using model::World;

Json change_json(const model::ChangeInfo& c, std::string_view status) {
  Json j = {{"Id", "/change/" + c.id}, {"Status", status}, {"SubmittedAt", timestamp(c.submitted_at)}};
  if (!c.comment.empty()) j["Comment"] = c.comment;
  return j;
}

Json zone_json(const HostedZone& z) {
  Json config = Json::object();
  if (!z.comment.empty()) config["Comment"] = z.comment;
  config["PrivateZone"] = z.private_zone;
  return {{"Id", "/hostedzone/" + z.id},
          {"Name", z.name},
          {"CallerReference", z.caller_reference},
          {"Config", config},
          {"ResourceRecordSetCount", z.records.size()}};
}

Json delegation_json(const HostedZone& z) {
  Json ns = Json::array();
  for (const auto& n : z.name_servers) ns.push_back(model::dns::without_dot(n));
  return {{"NameServers", ns}};
}

Json record_json(const model::RecordSet& r) {
  Json j = {{"Name", r.name}, {"Type", model::aws_name(r.type)}};
  if (r.set_identifier) j["SetIdentifier"] = *r.set_identifier;
  if (r.alias) {
    j["AliasTarget"] = {
        {"HostedZoneId", r.alias->hosted_zone_id}, {"DNSName", r.alias->dns_name}, {"EvaluateTargetHealth", r.alias->evaluate_target_health}};
  } else {
    if (r.ttl) j["TTL"] = *r.ttl;
    Json values = Json::array();
    for (const auto& v : r.values) values.push_back({{"Value", v}});
    j["ResourceRecords"] = values;
  }
  return j;
}

Outcome<Json> create_hosted_zone(World& w, RegionId, const Json& p) {
  model::CreateHostedZoneRequest req;
  req.name = get_string(p, "Name");
  req.caller_reference = get_string(p, "CallerReference");
  if (p.contains("HostedZoneConfig")) {
    req.comment = get_string(p["HostedZoneConfig"], "Comment");
    if (p["HostedZoneConfig"].contains("PrivateZone")) req.private_zone = p["HostedZoneConfig"]["PrivateZone"].get<bool>();
  }
  if (p.contains("VPC")) {
    req.vpc_region = opt_string(p["VPC"], "VPCRegion");
    req.vpc_id = opt_string(p["VPC"], "VPCId");
    if (req.vpc_region && !model::find_region(*req.vpc_region)) {
      return model::aws_error("InvalidVPCId", "VPCRegion '" + *req.vpc_region + "' is not a region.");
    }
  }
  auto r = w.route53.create_hosted_zone(w.sim.now(), req);
  if (!r.ok()) return r.error();
  const HostedZone& z = *r.value().zone;
  Json out = {{"Location", "https://route53.amazonaws.com/2013-04-01/hostedzone/" + z.id},
              {"HostedZone", zone_json(z)},
              {"ChangeInfo", change_json(r.value().change, "PENDING")}};
  if (z.private_zone) {
    out["VPC"] = {{"VPCRegion", z.vpcs.front().first}, {"VPCId", z.vpcs.front().second}};
  } else {
    out["DelegationSet"] = delegation_json(z);
  }
  return out;
}

Outcome<Json> get_hosted_zone(World& w, RegionId, const Json& p) {
  auto r = w.route53.get_hosted_zone(get_string(p, "Id"));
  if (!r.ok()) return r.error();
  const HostedZone& z = *r.value();
  Json out = {{"HostedZone", zone_json(z)}};
  if (z.private_zone) {
    Json vpcs = Json::array();
    for (const auto& [reg, id] : z.vpcs) vpcs.push_back({{"VPCRegion", reg}, {"VPCId", id}});
    out["VPCs"] = vpcs;
  } else {
    out["DelegationSet"] = delegation_json(z);
  }
  return out;
}

Outcome<Json> list_hosted_zones(World& w, RegionId, const Json&) {
  Json zones = Json::array();
  for (const HostedZone* z : w.route53.zones()) zones.push_back(zone_json(*z));
  return Json{{"HostedZones", zones}, {"IsTruncated", false}, {"MaxItems", "100"}};
}

Outcome<Json> list_hosted_zones_by_name(World& w, RegionId, const Json& p) {
  auto zones = w.route53.zones();
  std::stable_sort(zones.begin(), zones.end(),
                   [](const HostedZone* a, const HostedZone* b) { return model::dns::sort_key(a->name) < model::dns::sort_key(b->name); });
  Json out = Json::array();
  const auto start = opt_string(p, "DNSName");
  for (const HostedZone* z : zones) {
    if (start && model::dns::sort_key(z->name) < model::dns::sort_key(model::dns::normalize(*start))) continue;
    out.push_back(zone_json(*z));
  }
  Json j = {{"HostedZones", out}, {"IsTruncated", false}, {"MaxItems", "100"}};
  if (start) j["DNSName"] = *start;
  return j;
}

Outcome<Json> delete_hosted_zone(World& w, RegionId, const Json& p) {
  auto r = w.route53.delete_hosted_zone(w.sim.now(), get_string(p, "Id"));
  if (!r.ok()) return r.error();
  return Json{{"ChangeInfo", change_json(r.value(), "PENDING")}};
}

Outcome<Json> change_resource_record_sets(World& w, RegionId, const Json& p) {
  model::ChangeBatch batch;
  const Json& cb = p["ChangeBatch"];
  batch.comment = get_string(cb, "Comment");
  for (const auto& ch : cb["Changes"]) {
    model::RecordChange change;
    const std::string action = get_string(ch, "Action");
    const auto a = model::parse_aws<model::ChangeAction>(action);
    if (!a)
      return model::aws_error("InvalidInput",
                              "Invalid request: Action '" + action + "' is not one of " + model::aws_choices<model::ChangeAction>() + ".");
    change.action = *a;
    const Json& rr = ch["ResourceRecordSet"];
    change.record.name = get_string(rr, "Name");
    const std::string type = get_string(rr, "Type");
    const auto t = model::parse_aws<model::RRType>(type);
    if (!t)
      return model::aws_error("InvalidInput", "Invalid request: Type '" + type + "' is not one of " + model::aws_choices<model::RRType>() + ".");
    change.record.type = *t;
    if (rr.contains("TTL")) change.record.ttl = rr["TTL"].get<std::int64_t>();
    if (rr.contains("ResourceRecords")) {
      for (const auto& v : rr["ResourceRecords"]) change.record.values.push_back(get_string(v, "Value"));
    }
    if (rr.contains("AliasTarget")) {
      const Json& at = rr["AliasTarget"];
      change.record.alias = model::AliasTarget{get_string(at, "HostedZoneId"), get_string(at, "DNSName"),
                                               at.contains("EvaluateTargetHealth") && at["EvaluateTargetHealth"].get<bool>()};
    }
    change.record.set_identifier = opt_string(rr, "SetIdentifier");
    batch.changes.push_back(std::move(change));
  }
  auto r = w.route53.change_resource_record_sets(w.sim.now(), get_string(p, "HostedZoneId"), batch);
  if (!r.ok()) return r.error();
  return Json{{"ChangeInfo", change_json(r.value(), "PENDING")}};
}

Outcome<Json> list_resource_record_sets(World& w, RegionId, const Json& p) {
  auto r = w.route53.get_hosted_zone(get_string(p, "HostedZoneId"));
  if (!r.ok()) return r.error();
  const auto start_name = opt_string(p, "StartRecordName");
  const auto start_type = opt_string(p, "StartRecordType");
  Json sets = Json::array();
  for (const auto& [key, rec] : r.value()->records) {
    if (start_name) {
      const std::string sk = model::dns::sort_key(model::dns::normalize(*start_name));
      if (key.sort_name < sk) continue;
      if (key.sort_name == sk && start_type && key.type < *start_type) continue;
    }
    sets.push_back(record_json(rec));
  }
  return Json{{"ResourceRecordSets", sets}, {"IsTruncated", false}, {"MaxItems", "300"}};
}

Outcome<Json> get_change(World& w, RegionId, const Json& p) {
  auto r = w.route53.get_change(get_string(p, "Id"));
  if (!r.ok()) return r.error();
  return Json{{"ChangeInfo", change_json(r.value(), "INSYNC")}};  // propagation is instantaneous in the model
}

}  // namespace

void add_route53_operations(std::vector<Operation>& out) {
  using namespace shapes;
  out.push_back({"route53", "CreateHostedZone", false,
                 structure({{"Name", string(), true},
                            {"VPC", structure({{"VPCRegion", string()}, {"VPCId", string()}})},
                            {"CallerReference", string(), true},
                            {"HostedZoneConfig", structure({{"Comment", string()}, {"PrivateZone", boolean()}})},
                            {"DelegationSetId", string()}}),
                 &create_hosted_zone});
  out.push_back({"route53", "GetHostedZone", true, structure({{"Id", string(), true}}), &get_hosted_zone});
  out.push_back({"route53", "ListHostedZones", true,
                 structure({{"Marker", string()}, {"MaxItems", string()}, {"DelegationSetId", string()}, {"HostedZoneType", string()}}),
                 &list_hosted_zones});
  out.push_back({"route53", "ListHostedZonesByName", true, structure({{"DNSName", string()}, {"HostedZoneId", string()}, {"MaxItems", string()}}),
                 &list_hosted_zones_by_name});
  out.push_back({"route53", "DeleteHostedZone", false, structure({{"Id", string(), true}}), &delete_hosted_zone});
  const Shape* rrset = structure(
      {{"Name", string(), true},
       {"Type", string(), true},
       {"SetIdentifier", string()},
       {"Weight", integer()},
       {"Region", string()},
       {"TTL", integer()},
       {"ResourceRecords", list(structure({{"Value", string(), true}}))},
       {"AliasTarget", structure({{"HostedZoneId", string(), true}, {"DNSName", string(), true}, {"EvaluateTargetHealth", boolean(), true}})},
       {"HealthCheckId", string()}});
  out.push_back({"route53", "ChangeResourceRecordSets", false,
                 structure({{"HostedZoneId", string(), true},
                            {"ChangeBatch",
                             structure({{"Comment", string()},
                                        {"Changes", list(structure({{"Action", string(), true}, {"ResourceRecordSet", rrset, true}})), true}}),
                             true}}),
                 &change_resource_record_sets});
  out.back().writes = kReportsItsOwnChanges;  // each changed name
  out.push_back({"route53", "ListResourceRecordSets", true,
                 structure({{"HostedZoneId", string(), true},
                            {"StartRecordName", string()},
                            {"StartRecordType", string()},
                            {"StartRecordIdentifier", string()},
                            {"MaxItems", string()}}),
                 &list_resource_record_sets});
  out.push_back({"route53", "GetChange", true, structure({{"Id", string(), true}}), &get_change});
}

}  // namespace acmsim::api
