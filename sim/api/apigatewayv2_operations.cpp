// API Gateway's v2 API (HTTP and WebSocket APIs): the custom-domain part.
// Custom domain names are shared with the REST API (v1): a domain created
// here is the same resource GetDomainName of v1 returns. HTTP APIs take
// REGIONAL domains only, with the certificate in the API's region.
#include "acmsim/api/operations.hpp"

namespace acmsim::api {

namespace {

using model::Outcome;
using model::RegionId;
using model::World;

Json domain_json(const model::CustomDomain& d) {
  Json config{{"ApiGatewayDomainName", d.regional_domain_name}, {"CertificateArn", d.certificate_arn},       {"DomainNameStatus", "AVAILABLE"},
              {"EndpointType", model::aws_name(d.type)},        {"HostedZoneId", d.regional_hosted_zone_id}, {"SecurityPolicy", d.security_policy}};
  return Json{{"DomainName", d.name}, {"ApiMappingSelectionExpression", "$request.basepath"}, {"DomainNameConfigurations", Json::array({config})}};
}

Outcome<Json> create_domain_name(World& w, RegionId region, const Json& p) {
  const Json configs = p.contains("DomainNameConfigurations") ? p["DomainNameConfigurations"] : Json::array();
  if (configs.size() != 1) return model::aws_error("BadRequestException", "DomainNameConfigurations takes exactly one configuration.");
  const Json& c = configs[0];
  const std::string type = c.contains("EndpointType") ? get_string(c, "EndpointType") : "REGIONAL";
  if (type != "REGIONAL") {
    return model::aws_error("BadRequestException", "HTTP APIs support only REGIONAL custom domain names (EndpointType '" + type +
                                                       "'); edge-optimized domains are for REST APIs.");
  }
  if (!c.contains("CertificateArn")) return model::aws_error("BadRequestException", "CertificateArn is required.");
  model::CreateDomainNameInput in{get_string(p, "DomainName"), std::string("REGIONAL"), std::nullopt, get_string(c, "CertificateArn"),
                                  opt_string(c, "SecurityPolicy")};
  auto r = w.apigateway.create_domain_name(region, in);
  if (!r.ok()) return r.error();
  return domain_json(*r.value());
}

Outcome<Json> get_domain_name(World& w, RegionId region, const Json& p) {
  auto r = w.apigateway.get_domain_name(region, get_string(p, "DomainName"));
  if (!r.ok()) return model::aws_error("NotFoundException", "The domain name resource specified in the request was not found.");
  return domain_json(*r.value());
}

Outcome<Json> create_api_mapping(World& w, RegionId region, const Json& p) {
  auto r = w.apigateway.create_api_mapping(region, get_string(p, "DomainName"), get_string(p, "ApiId"), get_string(p, "Stage"),
                                           opt_string(p, "ApiMappingKey"));
  if (!r.ok()) return r.error();
  return Json{{"ApiMappingId", r.value().id}, {"ApiId", r.value().api_id}, {"Stage", r.value().stage}, {"ApiMappingKey", r.value().key}};
}

}  // namespace

void add_apigatewayv2_operations(std::vector<Operation>& out) {
  using namespace shapes;
  const Shape* config = structure({{"CertificateArn", string()},
                                   {"CertificateName", string()},
                                   {"EndpointType", string()},
                                   {"SecurityPolicy", string()},
                                   {"IpAddressType", string()},
                                   {"OwnershipVerificationCertificateArn", string()}});
  out.push_back({"apigatewayv2", "CreateDomainName", false,
                 structure({{"DomainName", string(), true},
                            {"DomainNameConfigurations", list(config)},
                            {"MutualTlsAuthentication", any()},
                            {"RoutingMode", string()},
                            {"Tags", map(string())}}),
                 &create_domain_name});
  out.push_back({"apigatewayv2", "GetDomainName", true, structure({{"DomainName", string(), true}}), &get_domain_name});
  out.push_back({"apigatewayv2", "CreateApiMapping", false,
                 structure({{"DomainName", string(), true}, {"ApiId", string(), true}, {"Stage", string(), true}, {"ApiMappingKey", string()}}),
                 &create_api_mapping});
}

}  // namespace acmsim::api
