#include "acmsim/model/apigateway/apigateway_service.hpp"

#include <algorithm>
#include <array>

#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::model {

namespace {

// Route 53 hosted zone ids of API Gateway's regional (execute-api) endpoints.
// Source: https://docs.aws.amazon.com/general/latest/gr/apigateway.html (the
// "Route 53 Hosted Zone ID" column), as public configurations copy it.
constexpr std::array<std::pair<std::string_view, std::string_view>, 33> kRegionalZones{{
    {"af-south-1", "Z2DHW2332DAMTN"},
    {"ap-east-1", "Z3FD1VL90ND7K5"},
    {"ap-east-2", "Z02909591O7FG9Q56HWB1"},
    {"ap-northeast-1", "Z1YSHQZHG15GKL"},
    {"ap-northeast-2", "Z20JF4UZKIW1U8"},
    {"ap-northeast-3", "Z22ILHG95FLSZ2"},
    {"ap-south-1", "Z3VO1THU9YC4UR"},
    {"ap-south-2", "Z0853509Q1135NJ66RUH"},
    {"ap-southeast-1", "ZL327KTPIQFUL"},
    {"ap-southeast-2", "Z2RPCDW04V8134"},
    {"ap-southeast-3", "Z10132843TYUYSLUG4HA3"},
    {"ap-southeast-4", "Z092189423Y7RJK61311D"},
    {"ap-southeast-5", "Z0314042F0KBUTZ3X5HF"},
    {"ap-southeast-7", "Z048508712PZLK5NKG8R0"},
    {"ca-central-1", "Z19DQILCV0OWEC"},
    {"ca-west-1", "Z04745493436AWVTG1OQY"},
    {"eu-central-1", "Z1U9ULNL0V5AJ3"},
    {"eu-central-2", "Z09222482MK253X48U76H"},
    {"eu-north-1", "Z3UWIKFBOOGXPP"},
    {"eu-south-1", "Z3BT4WSQ9TDYZV"},
    {"eu-south-2", "Z02499852UI5HEQ5JVWX3"},
    {"eu-west-1", "ZLY8HYME6SFDD"},
    {"eu-west-2", "ZJ5UAJN8Y3Z2Q"},
    {"eu-west-3", "Z3KY65QIEKYHQQ"},
    {"il-central-1", "Z07264553HBI44N5X2CKP"},
    {"me-central-1", "Z08780021BKYYY8U0YHTV"},
    {"me-south-1", "Z20ZBPC0SS8806"},
    {"mx-central-1", "Z00020171WIGL5M88SHRM"},
    {"sa-east-1", "ZCMLWB8V5SYIT"},
    {"us-east-1", "Z1UJRXOUMOOFQ8"},
    {"us-east-2", "ZOJJZC49E0EPZ"},
    {"us-west-1", "Z2MUQ32089INYE"},
    {"us-west-2", "Z2OJLYMUO9EFXC"},
}};

bool valid_security_policy(const std::string& p) {
  static const std::array<std::string_view, 12> known{"TLS_1_0",
                                                      "TLS_1_2",
                                                      "SecurityPolicy_TLS13_1_3_2025_09",
                                                      "SecurityPolicy_TLS13_1_3_FIPS_2025_09",
                                                      "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
                                                      "SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09",
                                                      "SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09",
                                                      "SecurityPolicy_TLS13_1_2_PQ_2025_09",
                                                      "SecurityPolicy_TLS13_1_2_2021_06",
                                                      "SecurityPolicy_TLS13_2025_EDGE",
                                                      "SecurityPolicy_TLS12_PFS_2025_EDGE",
                                                      "SecurityPolicy_TLS12_2018_EDGE"};
  return std::find(known.begin(), known.end(), p) != known.end();
}

}  // namespace

std::string apigateway_regional_zone_id(RegionId region) {
  const auto code = region_code(region);
  for (const auto& [r, z] : kRegionalZones) {
    if (r == code) return std::string(z);
  }
  // ap-southeast-6 (2025): no published value was found; a stable stand-in.
  return "ZACMSIM" + std::string(code.substr(0, 2)) + std::to_string(region);
}

ApiGatewayService::ApiGatewayService(const ServiceContext& ctx, AcmService& acm) : ctx_(ctx), acm_(acm), ids_(ctx.sim.seed(), "apigateway.ids") {}

std::string ApiGatewayService::random_id(std::size_t n) {
  static constexpr std::string_view lower = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += lower[static_cast<std::size_t>(ids_.uniform_int(0, 35))];
  return out;
}

void ApiGatewayService::trace_state(const std::string& resource, RegionId region, StateChange change, core::Json extra) {
  ctx_.emit_state("apigateway", region, resource, change, std::move(extra));
}

Outcome<const RestApi*> ApiGatewayService::create_rest_api(RegionId region, const std::string& name, const std::optional<std::string>& type) {
  if (name.empty()) return aws_error("BadRequestException", "Invalid REST API name specified: the name must not be empty.");
  RestApi api;
  api.id = random_id(10);
  api.region = region;
  api.name = name;
  api.created_at = ctx_.sim.now();
  if (type) {
    auto t = parse_aws<EndpointType>(*type);
    if (!t) return aws_error("BadRequestException", "Invalid endpoint configuration type '" + *type + "'; use " + aws_choices<EndpointType>() + ".");
    api.type = *t;
  }
  api_by_id_.emplace(api.id, apis_.size());
  apis_.push_back(std::move(api));
  const RestApi& stored = apis_.back();
  trace_state(stored.id, region, StateChange::RestApiCreated, {{"name", name}, {"endpointType", aws_name(stored.type)}});
  return &stored;
}

RestApi* ApiGatewayService::find_api(RegionId region, const std::string& id) {
  const auto [first, last] = api_by_id_.equal_range(id);
  for (auto it = first; it != last; ++it) {
    RestApi& a = apis_[it->second];
    if (a.region == region && !a.deleted) return &a;
  }
  return nullptr;
}

Outcome<const RestApi*> ApiGatewayService::get_rest_api(RegionId region, const std::string& id) const {
  const auto [first, last] = api_by_id_.equal_range(id);
  for (auto it = first; it != last; ++it) {
    const RestApi& a = apis_[it->second];
    if (a.region == region && !a.deleted) return &a;
  }
  return aws_error("NotFoundException", "Invalid API identifier specified " + id);
}

void ApiGatewayService::unmapped(const std::string& api_id) {
  const auto it = mappings_per_api_.find(api_id);
  if (it != mappings_per_api_.end() && --it->second == 0) mappings_per_api_.erase(it);
}

Outcome<bool> ApiGatewayService::delete_rest_api(RegionId region, const std::string& id) {
  RestApi* a = find_api(region, id);
  if (a == nullptr) return aws_error("NotFoundException", "Invalid API identifier specified " + id);
  if (mappings_per_api_.count(id) != 0) {
    // Rare: the walk names the first mapped domain, in creation order.
    for (const auto& d : domains_) {
      for (const auto& m : d.mappings) {
        if (!d.deleted && m.rest_api_id == id) {
          return aws_error("BadRequestException", "Cannot delete REST API " + id + ": it is mapped to the custom domain " + d.name +
                                                      ". Delete the base path mapping first.");
        }
      }
    }
  }
  a->deleted = true;
  trace_state(a->id, region, StateChange::RestApiDeleted);
  return true;
}

Outcome<std::string> ApiGatewayService::create_deployment(RegionId region, const std::string& api_id, const std::optional<std::string>& stage) {
  if (RestApi* found = find_api(region, api_id)) {
    RestApi& a = *found;
    if (stage) {
      if (stage->empty()) return aws_error("BadRequestException", "Stage name only allows a-zA-Z0-9_");
      if (std::find(a.stages.begin(), a.stages.end(), *stage) == a.stages.end()) a.stages.push_back(*stage);
    }
    const std::string id = random_id(6);
    trace_state(a.id, region, StateChange::Deployed, {{"deploymentId", id}, {"stage", stage.value_or("")}});
    return id;
  }
  return aws_error("NotFoundException", "Invalid API identifier specified " + api_id);
}

std::optional<AwsError> ApiGatewayService::check_certificate(RegionId region, EndpointType type, const std::string& arn) const {
  const RegionId wanted = type == EndpointType::Regional ? region : us_east_1();
  const std::string rule = type == EndpointType::Regional ? "regional-certificate-region" : "apigw-edge-certificate-region";
  auto found = acm_.find_any(arn);
  if (!found.ok()) {
    if (arn.rfind("arn:aws:acm:", 0) == 0 && arn.find(":" + std::string(region_code(wanted)) + ":") == std::string::npos) {
      return aws_error("BadRequestException",
                       "Invalid certificate ARN: " + arn + ". Certificate must be in '" + std::string(region_code(wanted)) + "'.", rule);
    }
    return aws_error("BadRequestException", "Invalid certificate ARN: " + arn + ". Certificate does not exist.");
  }
  const Certificate& c = *found.value();
  if (c.region != wanted) {
    return aws_error("BadRequestException",
                     "Invalid certificate ARN: " + arn + ". Certificate must be in '" + std::string(region_code(wanted)) + "'.", rule);
  }
  if (c.status != CertificateStatus::Issued) {
    return aws_error("BadRequestException",
                     "Certificate " + arn + " is " + std::string(aws_name(c.status)) + "; API Gateway needs an ISSUED certificate.");
  }
  return std::nullopt;
}

CustomDomain* ApiGatewayService::find_domain(RegionId region, const std::string& name) {
  const auto [first, last] = live_by_name_.equal_range(name);
  for (auto it = first; it != last; ++it) {
    if (domains_[it->second].region == region) return &domains_[it->second];
  }
  return nullptr;
}

Outcome<const CustomDomain*> ApiGatewayService::create_domain_name(RegionId region, const CreateDomainNameInput& in) {
  std::string name = in.domain_name;
  for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (!dns::is_valid_certificate_domain(name)) return aws_error("BadRequestException", "Invalid domain name identifier specified: " + in.domain_name);
  EndpointType type = EndpointType::Edge;  // the REST API default
  if (in.endpoint_type) {
    auto t = parse_aws<EndpointType>(*in.endpoint_type);
    if (!t)
      return aws_error("BadRequestException",
                       "Invalid endpoint configuration type '" + *in.endpoint_type + "'; use " + aws_choices<EndpointType>() + ".");
    type = *t;
  }
  const auto [same_first, same_last] = live_by_name_.equal_range(name);
  for (auto it = same_first; it != same_last; ++it) {
    const CustomDomain& d = domains_[it->second];
    // An edge domain is a CloudFront alias: its name is unique across regions.
    if (d.region == region || d.type == EndpointType::Edge || type == EndpointType::Edge) {
      return aws_error("ConflictException", "The domain name you provided already exists.");
    }
  }
  std::string cert;
  if (type == EndpointType::Regional) {
    if (in.certificate_arn)
      return aws_error("BadRequestException", "A REGIONAL domain name takes regionalCertificateArn; certificateArn is for EDGE domains.");
    if (!in.regional_certificate_arn)
      return aws_error("BadRequestException", "A regional certificate (regionalCertificateArn) is required for a REGIONAL domain name.");
    cert = *in.regional_certificate_arn;
  } else {
    if (in.regional_certificate_arn)
      return aws_error("BadRequestException", "An EDGE domain name takes certificateArn; regionalCertificateArn is for REGIONAL domains.");
    if (!in.certificate_arn)
      return aws_error("BadRequestException", "A certificate (certificateArn) in us-east-1 is required for an EDGE domain name.");
    cert = *in.certificate_arn;
  }
  if (auto e = check_certificate(region, type, cert)) return *e;
  const std::string policy = in.security_policy.value_or("TLS_1_2");
  if (!valid_security_policy(policy))
    return aws_error("BadRequestException", "Invalid security policy '" + policy + "'; use TLS_1_0, TLS_1_2 or a SecurityPolicy_* value.");
  CustomDomain d;
  d.name = name;
  d.region = region;
  d.type = type;
  d.certificate_arn = cert;
  d.security_policy = policy;
  d.created_at = ctx_.sim.now();
  d.certificate_attached_at = ctx_.sim.now();
  d.origin = ctx_.origin;
  if (type == EndpointType::Edge) {
    d.distribution_domain_name = "d" + random_id(13) + ".cloudfront.net";
    d.ready_at = ctx_.sim.now() + ctx_.settings.edge_domain_ready_delay;
  } else {
    d.regional_domain_name = "d-" + random_id(10) + ".execute-api." + std::string(region_code(region)) + ".amazonaws.com";
    d.regional_hosted_zone_id = apigateway_regional_zone_id(region);
    d.ready_at = ctx_.sim.now();
  }
  d.id = static_cast<std::uint32_t>(domains_.size());
  live_by_name_.emplace(d.name, d.id);
  by_endpoint_.emplace(type == EndpointType::Edge ? d.distribution_domain_name : d.regional_domain_name, d.id);
  domains_.push_back(std::move(d));
  const CustomDomain& stored = domains_.back();
  changed(stored.id);
  acm_.attach(cert, stored.arn());
  trace_state(stored.name, region, StateChange::DomainNameCreated, {{"endpointType", aws_name(type)}, {"certificateArn", cert}});
  return &stored;
}

Outcome<const CustomDomain*> ApiGatewayService::get_domain_name(RegionId region, const std::string& name) const {
  const auto [first, last] = live_by_name_.equal_range(name);
  for (auto it = first; it != last; ++it) {
    if (domains_[it->second].region == region) return &domains_[it->second];
  }
  return aws_error("NotFoundException", "Invalid domain name identifier specified");
}

void ApiGatewayService::changed(std::uint32_t id) {
  if (sink_ != nullptr) sink_->resource_changed(Part::ApiGateway, id);
}

std::vector<const CustomDomain*> ApiGatewayService::domain_names(RegionId region) const {
  ReadLog::note(Part::ApiGateway, kAllKeys);
  std::vector<const CustomDomain*> out;
  for (const auto& d : domains_) {
    if (!d.deleted && d.region == region) out.push_back(&d);
  }
  return out;
}

std::vector<const CustomDomain*> ApiGatewayService::all_domains() const {
  ReadLog::note(Part::ApiGateway, kAllKeys);
  std::vector<const CustomDomain*> out;
  for (const auto& d : domains_) {
    if (!d.deleted) out.push_back(&d);
  }
  return out;
}

const CustomDomain* ApiGatewayService::domain_by_endpoint(const std::string& name) const {
  const auto it = by_endpoint_.find(name);
  if (it == by_endpoint_.end()) {
    // Whether some domain will answer for this name depends on them all.
    ReadLog::note(Part::ApiGateway, kAllKeys);
    return nullptr;
  }
  ReadLog::note(Part::ApiGateway, it->second);
  return &domains_[it->second];
}

std::vector<const RestApi*> ApiGatewayService::apis_with_id(const std::string& id) const {
  std::vector<const RestApi*> out;
  const auto [first, last] = api_by_id_.equal_range(id);
  for (auto it = first; it != last; ++it) {
    if (!apis_[it->second].deleted) out.push_back(&apis_[it->second]);
  }
  std::sort(out.begin(), out.end());  // creation order: they live in one vector
  return out;
}

std::vector<const RestApi*> ApiGatewayService::all_apis() const {
  std::vector<const RestApi*> out;
  for (const auto& a : apis_) {
    if (!a.deleted) out.push_back(&a);
  }
  return out;
}

Outcome<const CustomDomain*> ApiGatewayService::update_domain_name(RegionId region, const std::string& name,
                                                                   const std::vector<std::pair<std::string, std::string>>& replaces) {
  CustomDomain* d = find_domain(region, name);
  if (d == nullptr) return aws_error("NotFoundException", "Invalid domain name identifier specified");
  changed(d->id);
  std::string cert = d->certificate_arn;
  std::string policy = d->security_policy;
  for (const auto& [path, value] : replaces) {
    if (path == "/certificateArn" || path == "/regionalCertificateArn") {
      const bool regional_path = path == "/regionalCertificateArn";
      if (regional_path != (d->type == EndpointType::Regional)) {
        return aws_error("BadRequestException", "Invalid patch path " + path + " for a " + std::string(aws_name(d->type)) + " domain name.");
      }
      cert = value;
    } else if (path == "/securityPolicy") {
      if (!valid_security_policy(value)) return aws_error("BadRequestException", "Invalid security policy '" + value + "'.");
      policy = value;
    } else {
      return aws_error("BadRequestException",
                       "Invalid patch path " + path + "; acmsim supports /certificateArn, /regionalCertificateArn and /securityPolicy.");
    }
  }
  if (cert != d->certificate_arn) {
    if (auto e = check_certificate(region, d->type, cert)) return *e;
    acm_.detach(d->certificate_arn, d->arn());
    acm_.attach(cert, d->arn());
    d->previous_certificate_arn = d->certificate_arn;
    d->certificate_switch_at = ctx_.sim.now() + (d->type == EndpointType::Edge ? ctx_.settings.cloudfront_certificate_propagation
                                                                               : ctx_.settings.regional_certificate_propagation);
    d->certificate_arn = cert;
    d->certificate_attached_at = ctx_.sim.now();
    trace_state(d->name, region, StateChange::CertificateReplaced, {{"certificateArn", cert}});
  }
  d->security_policy = policy;
  d->origin = ctx_.origin;
  return static_cast<const CustomDomain*>(d);
}

Outcome<bool> ApiGatewayService::delete_domain_name(RegionId region, const std::string& name) {
  CustomDomain* d = find_domain(region, name);
  if (d == nullptr) return aws_error("NotFoundException", "Invalid domain name identifier specified");
  changed(d->id);
  d->deleted = true;
  by_endpoint_.erase(d->type == EndpointType::Edge ? d->distribution_domain_name : d->regional_domain_name);
  const auto [first, last] = live_by_name_.equal_range(d->name);
  for (auto it = first; it != last; ++it) {
    if (it->second == d->id) {
      live_by_name_.erase(it);
      break;
    }
  }
  for (const auto& m : d->mappings) unmapped(m.rest_api_id);
  acm_.detach(d->certificate_arn, d->arn());
  trace_state(d->name, region, StateChange::DomainNameDeleted);
  return true;
}

Outcome<BasePathMapping> ApiGatewayService::create_base_path_mapping(RegionId region, const std::string& domain, const std::string& api_id,
                                                                     const std::optional<std::string>& base_path,
                                                                     const std::optional<std::string>& stage) {
  CustomDomain* d = find_domain(region, domain);
  if (d == nullptr) return aws_error("NotFoundException", "Invalid domain name identifier specified");
  changed(d->id);
  auto api = get_rest_api(region, api_id);
  if (!api.ok()) return aws_error("NotFoundException", "Invalid REST API identifier specified");
  if (stage && std::find(api.value()->stages.begin(), api.value()->stages.end(), *stage) == api.value()->stages.end()) {
    return aws_error("BadRequestException", "Invalid stage identifier specified");
  }
  std::string path = base_path.value_or("");
  if (path == "(none)") path.clear();
  while (!path.empty() && path.front() == '/') path.erase(path.begin());
  for (const auto& m : d->mappings) {
    if (m.base_path == path) return aws_error("ConflictException", "Base path already exists for this domain name");
  }
  BasePathMapping m{path, api_id, stage.value_or("")};
  d->mappings.push_back(m);
  ++mappings_per_api_[api_id];
  d->origin = ctx_.origin;
  trace_state(d->name, region, StateChange::BasePathMapped,
              {{"basePath", path.empty() ? "(none)" : path}, {"restApiId", api_id}, {"stage", m.stage}});
  return m;
}

Outcome<ApiMapping> ApiGatewayService::create_api_mapping(RegionId region, const std::string& domain, const std::string& api_id,
                                                          const std::string& stage, const std::optional<std::string>& key) {
  CustomDomain* d = find_domain(region, domain);
  if (d == nullptr) return aws_error("NotFoundException", "The domain name resource specified in the request was not found.");
  if (api_id.empty()) return aws_error("BadRequestException", "ApiId is required.");
  if (stage.empty()) return aws_error("BadRequestException", "Stage is required.");
  std::string k = key.value_or("");
  while (!k.empty() && k.front() == '/') k.erase(k.begin());
  for (const auto& m : d->api_mappings) {
    if (m.key == k) return aws_error("ConflictException", "ApiMapping with key '" + k + "' already exists for domain name " + d->name + ".");
  }
  changed(d->id);
  ApiMapping m{random_id(6), api_id, stage, k};
  d->api_mappings.push_back(m);
  d->origin = ctx_.origin;
  trace_state(d->name, region, StateChange::ApiMapped, {{"apiMappingKey", k}, {"apiId", api_id}, {"stage", stage}});
  return m;
}

Outcome<std::vector<BasePathMapping>> ApiGatewayService::get_base_path_mappings(RegionId region, const std::string& domain) const {
  auto d = get_domain_name(region, domain);
  if (!d.ok()) return d.error();
  return d.value()->mappings;
}

Outcome<bool> ApiGatewayService::delete_base_path_mapping(RegionId region, const std::string& domain, const std::string& base_path) {
  CustomDomain* d = find_domain(region, domain);
  if (d == nullptr) return aws_error("NotFoundException", "Invalid domain name identifier specified");
  changed(d->id);
  const std::string path = base_path == "(none)" ? "" : base_path;
  const auto it = std::find_if(d->mappings.begin(), d->mappings.end(), [&](const BasePathMapping& m) { return m.base_path == path; });
  if (it == d->mappings.end()) return aws_error("NotFoundException", "Invalid base path mapping identifier specified");
  unmapped(it->rest_api_id);
  d->mappings.erase(it);
  trace_state(d->name, region, StateChange::BasePathUnmapped, {{"basePath", base_path}});
  return true;
}

}  // namespace acmsim::model
