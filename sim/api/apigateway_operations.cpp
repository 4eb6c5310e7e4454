// API Gateway's REST API (v1): request shapes, typed calls, AWS's response shapes.
#include "acmsim/api/operations.hpp"

namespace acmsim::api {

namespace {

using model::Outcome;
using model::RegionId;
using model::World;

Json domain_json(const model::CustomDomain& d, core::SimTime now) {
  Json j = {{"domainName", d.name}};
  if (d.type == model::EndpointType::Regional) {
    j["regionalDomainName"] = d.regional_domain_name;
    j["regionalHostedZoneId"] = d.regional_hosted_zone_id;
    j["regionalCertificateArn"] = d.certificate_arn;
  } else {
    j["certificateArn"] = d.certificate_arn;
    j["certificateUploadDate"] = timestamp(d.created_at);
    if (d.type == model::EndpointType::Edge) {
      j["distributionDomainName"] = d.distribution_domain_name;
      j["distributionHostedZoneId"] = model::kCloudFrontHostedZoneId;
    }
  }
  j["endpointConfiguration"] = {{"types", Json::array({model::aws_name(d.type)})}, {"ipAddressType", "ipv4"}};
  j["domainNameStatus"] = now < d.ready_at ? "PENDING" : "AVAILABLE";
  if (now < d.ready_at) j["domainNameStatusMessage"] = "The edge-optimized domain's CloudFront distribution is being deployed (about 40 minutes).";
  j["securityPolicy"] = d.security_policy;
  return j;
}

Json api_json(const model::RestApi& a) {
  return {{"id", a.id},
          {"name", a.name},
          {"createdDate", timestamp(a.created_at)},
          {"apiKeySource", "HEADER"},
          {"endpointConfiguration", {{"types", Json::array({model::aws_name(a.type)})}, {"ipAddressType", "ipv4"}}},
          {"disableExecuteApiEndpoint", false},
          {"rootResourceId", a.id.substr(0, 4) + "root"}};
}

Json mapping_json(const model::BasePathMapping& m) {
  Json j = {{"basePath", m.base_path.empty() ? "(none)" : m.base_path}, {"restApiId", m.rest_api_id}};
  if (!m.stage.empty()) j["stage"] = m.stage;
  return j;
}

std::optional<std::string> endpoint_type(const Json& p) {
  if (!p.contains("endpointConfiguration") || !p["endpointConfiguration"].contains("types")) return std::nullopt;
  const Json& t = p["endpointConfiguration"]["types"];
  if (t.size() != 1) return "?";  // exactly one type
  return t[0].get<std::string>();
}

Outcome<Json> create_rest_api(World& w, RegionId region, const Json& p) {
  const auto type = endpoint_type(p);
  if (type && *type == "?")
    return model::aws_error("BadRequestException", "endpointConfiguration.types takes exactly one of EDGE, REGIONAL, PRIVATE.");
  auto r = w.apigateway.create_rest_api(region, get_string(p, "name"), type);
  if (!r.ok()) return r.error();
  return api_json(*r.value());
}

Outcome<Json> get_rest_api(World& w, RegionId region, const Json& p) {
  auto r = w.apigateway.get_rest_api(region, get_string(p, "restApiId"));
  if (!r.ok()) return r.error();
  return api_json(*r.value());
}

Outcome<Json> get_rest_apis(World& w, RegionId region, const Json&) {
  Json items = Json::array();
  for (const auto* a : w.apigateway.all_apis()) {
    if (a->region == region) items.push_back(api_json(*a));
  }
  return Json{{"items", items}};
}

Outcome<Json> delete_rest_api(World& w, RegionId region, const Json& p) {
  auto r = w.apigateway.delete_rest_api(region, get_string(p, "restApiId"));
  if (!r.ok()) return r.error();
  return Json::object();
}

Outcome<Json> create_deployment(World& w, RegionId region, const Json& p) {
  auto r = w.apigateway.create_deployment(region, get_string(p, "restApiId"), opt_string(p, "stageName"));
  if (!r.ok()) return r.error();
  return Json{{"id", r.value()}, {"createdDate", timestamp(w.sim.now())}};
}

Outcome<Json> create_domain_name(World& w, RegionId region, const Json& p) {
  const auto type = endpoint_type(p);
  if (type && *type == "?")
    return model::aws_error("BadRequestException", "endpointConfiguration.types takes exactly one of EDGE, REGIONAL, PRIVATE.");
  for (const char* deprecated : {"certificateBody", "certificatePrivateKey", "certificateChain"}) {
    if (p.contains(deprecated)) {
      return model::aws_error(
          "BadRequestException",
          std::string(deprecated) + " is deprecated: API Gateway takes certificates from ACM (certificateArn or regionalCertificateArn).");
    }
  }
  model::CreateDomainNameInput in{get_string(p, "domainName"), type, opt_string(p, "certificateArn"), opt_string(p, "regionalCertificateArn"),
                                  opt_string(p, "securityPolicy")};
  auto r = w.apigateway.create_domain_name(region, in);
  if (!r.ok()) return r.error();
  return domain_json(*r.value(), w.sim.now());
}

Outcome<Json> get_domain_name(World& w, RegionId region, const Json& p) {
  auto r = w.apigateway.get_domain_name(region, get_string(p, "domainName"));
  if (!r.ok()) return r.error();
  return domain_json(*r.value(), w.sim.now());
}

Outcome<Json> get_domain_names(World& w, RegionId region, const Json&) {
  Json items = Json::array();
  for (const auto* d : w.apigateway.domain_names(region)) items.push_back(domain_json(*d, w.sim.now()));
  return Json{{"items", items}};
}

Outcome<Json> update_domain_name(World& w, RegionId region, const Json& p) {
  std::vector<std::pair<std::string, std::string>> replaces;
  if (p.contains("patchOperations")) {
    for (const auto& op : p["patchOperations"]) {
      if (get_string(op, "op") != "replace") {
        return model::aws_error("BadRequestException",
                                "acmsim models the 'replace' patch operation of UpdateDomainName; got '" + get_string(op, "op") + "'.");
      }
      replaces.emplace_back(get_string(op, "path"), get_string(op, "value"));
    }
  }
  auto r = w.apigateway.update_domain_name(region, get_string(p, "domainName"), replaces);
  if (!r.ok()) return r.error();
  return domain_json(*r.value(), w.sim.now());
}

Outcome<Json> delete_domain_name(World& w, RegionId region, const Json& p) {
  auto r = w.apigateway.delete_domain_name(region, get_string(p, "domainName"));
  if (!r.ok()) return r.error();
  return Json::object();
}

Outcome<Json> create_base_path_mapping(World& w, RegionId region, const Json& p) {
  auto r = w.apigateway.create_base_path_mapping(region, get_string(p, "domainName"), get_string(p, "restApiId"), opt_string(p, "basePath"),
                                                 opt_string(p, "stage"));
  if (!r.ok()) return r.error();
  return mapping_json(r.value());
}

Outcome<Json> get_base_path_mappings(World& w, RegionId region, const Json& p) {
  auto r = w.apigateway.get_base_path_mappings(region, get_string(p, "domainName"));
  if (!r.ok()) return r.error();
  Json items = Json::array();
  for (const auto& m : r.value()) items.push_back(mapping_json(m));
  return Json{{"items", items}};
}

Outcome<Json> delete_base_path_mapping(World& w, RegionId region, const Json& p) {
  auto r = w.apigateway.delete_base_path_mapping(region, get_string(p, "domainName"), get_string(p, "basePath"));
  if (!r.ok()) return r.error();
  return Json::object();
}

}  // namespace

void add_apigateway_operations(std::vector<Operation>& out) {
  using namespace shapes;
  const Shape* endpoint_config = structure({{"types", list(string())}, {"ipAddressType", string()}, {"vpcEndpointIds", list(string())}});
  const Shape* tags = map(string());
  out.push_back({"apigateway", "CreateRestApi", false,
                 structure({{"name", string(), true},
                            {"description", string()},
                            {"version", string()},
                            {"cloneFrom", string()},
                            {"binaryMediaTypes", list(string())},
                            {"minimumCompressionSize", integer()},
                            {"apiKeySource", string()},
                            {"endpointConfiguration", endpoint_config},
                            {"policy", string()},
                            {"tags", tags},
                            {"disableExecuteApiEndpoint", boolean()},
                            {"securityPolicy", string()},
                            {"endpointAccessMode", string()}}),
                 &create_rest_api});
  out.push_back({"apigateway", "GetRestApi", true, structure({{"restApiId", string(), true}}), &get_rest_api});
  out.push_back({"apigateway", "GetRestApis", true, structure({{"position", string()}, {"limit", integer()}}), &get_rest_apis});
  out.push_back({"apigateway", "DeleteRestApi", false, structure({{"restApiId", string(), true}}), &delete_rest_api});
  out.push_back({"apigateway", "CreateDeployment", false,
                 structure({{"restApiId", string(), true},
                            {"stageName", string()},
                            {"stageDescription", string()},
                            {"description", string()},
                            {"cacheClusterEnabled", boolean()},
                            {"cacheClusterSize", string()},
                            {"variables", map(string())},
                            {"canarySettings", any()},
                            {"tracingEnabled", boolean()}}),
                 &create_deployment});
  out.push_back({"apigateway", "CreateDomainName", false,
                 structure({{"domainName", string(), true},
                            {"certificateName", string()},
                            {"certificateBody", string()},
                            {"certificatePrivateKey", string()},
                            {"certificateChain", string()},
                            {"certificateArn", string()},
                            {"regionalCertificateName", string()},
                            {"regionalCertificateArn", string()},
                            {"endpointConfiguration", endpoint_config},
                            {"tags", tags},
                            {"securityPolicy", string()},
                            {"endpointAccessMode", string()},
                            {"mutualTlsAuthentication", any()},
                            {"ownershipVerificationCertificateArn", string()},
                            {"policy", string()},
                            {"routingMode", string()}}),
                 &create_domain_name});
  out.back().writes = kReportsItsOwnChanges;  // the one custom domain
  out.push_back({"apigateway", "GetDomainName", true, structure({{"domainName", string(), true}, {"domainNameId", string()}}), &get_domain_name});
  out.push_back({"apigateway", "GetDomainNames", true, structure({{"position", string()}, {"limit", integer()}, {"resourceOwner", string()}}),
                 &get_domain_names});
  out.push_back({"apigateway", "UpdateDomainName", false,
                 structure({{"domainName", string(), true},
                            {"domainNameId", string()},
                            {"patchOperations", list(structure({{"op", string()}, {"path", string()}, {"value", string()}, {"from", string()}}))}}),
                 &update_domain_name});
  out.back().writes = kReportsItsOwnChanges;  // the one custom domain
  out.push_back(
      {"apigateway", "DeleteDomainName", false, structure({{"domainName", string(), true}, {"domainNameId", string()}}), &delete_domain_name});
  out.back().writes = kReportsItsOwnChanges;  // the one custom domain
  out.push_back(
      {"apigateway", "CreateBasePathMapping", false,
       structure(
           {{"domainName", string(), true}, {"domainNameId", string()}, {"basePath", string()}, {"restApiId", string(), true}, {"stage", string()}}),
       &create_base_path_mapping});
  out.back().writes = kReportsItsOwnChanges;  // the one custom domain
  out.push_back({"apigateway", "GetBasePathMappings", true,
                 structure({{"domainName", string(), true}, {"domainNameId", string()}, {"position", string()}, {"limit", integer()}}),
                 &get_base_path_mappings});
  out.push_back({"apigateway", "DeleteBasePathMapping", false,
                 structure({{"domainName", string(), true}, {"domainNameId", string()}, {"basePath", string(), true}}), &delete_base_path_mapping});
  out.back().writes = kReportsItsOwnChanges;  // the one custom domain
}

}  // namespace acmsim::api
