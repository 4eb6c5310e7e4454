// API Gateway (REST, per region): APIs, deployments, custom domain names
// (edge-optimized, regional, private) with their certificate rules, and base
// path mappings.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "acmsim/core/random.hpp"
#include "acmsim/core/simulation.hpp"
#include "acmsim/core/trace.hpp"
#include "acmsim/model/acm/acm_service.hpp"
#include "acmsim/model/aws_error.hpp"
#include "acmsim/model/changes.hpp"
#include "acmsim/model/service_context.hpp"
#include "acmsim/model/settings.hpp"
#include "acmsim/model/state_change.hpp"

namespace acmsim::model {

struct RestApi {
  std::string id;
  RegionId region = 0;
  std::string name;
  EndpointType type = EndpointType::Edge;
  std::vector<std::string> stages;
  SimTime created_at;
  bool deleted = false;
};

struct BasePathMapping {
  std::string base_path;  // "" for "(none)"
  std::string rest_api_id;
  std::string stage;
};

/// An API mapping of an HTTP or WebSocket API (apigatewayv2): HTTP APIs
/// themselves are not modelled, so the API id is taken as given.
struct ApiMapping {
  std::string id;
  std::string api_id;
  std::string stage;
  std::string key;  // "" for the root
};

struct CustomDomain {
  std::uint32_t id = 0;  // index in creation order, for the analysis
  std::string name;
  RegionId region = 0;
  EndpointType type = EndpointType::Edge;
  std::string certificate_arn;  // certificateArn (EDGE, PRIVATE) or regionalCertificateArn (REGIONAL)
  std::string security_policy = "TLS_1_2";
  std::string distribution_domain_name;  // EDGE
  std::string regional_domain_name;      // REGIONAL
  std::string regional_hosted_zone_id;   // REGIONAL
  SimTime created_at;
  SimTime ready_at;
  SimTime certificate_attached_at;
  std::string previous_certificate_arn;  // served until certificate_switch_at (edge propagation)
  SimTime certificate_switch_at;

  /// The certificate the endpoint presents at `now`.
  [[nodiscard]] const std::string& serving_arn(SimTime now) const {
    return now < certificate_switch_at && !previous_certificate_arn.empty() ? previous_certificate_arn : certificate_arn;
  }
  std::vector<BasePathMapping> mappings;
  std::vector<ApiMapping> api_mappings;  // apigatewayv2
  std::int32_t origin = -1;
  bool deleted = false;

  /// The ARN that ACM lists in InUseBy.
  [[nodiscard]] std::string arn() const { return "arn:aws:apigateway:" + std::string(region_code(region)) + "::/domainnames/" + name; }
};

struct CreateDomainNameInput {
  std::string domain_name;
  std::optional<std::string> endpoint_type;
  std::optional<std::string> certificate_arn;
  std::optional<std::string> regional_certificate_arn;
  std::optional<std::string> security_policy;
};

/// EDGE distributions answer in this hosted zone in every region.
inline constexpr std::string_view kCloudFrontHostedZoneId = "Z2FDTNDATAQYW2";

/// The Route 53 hosted zone of a region's execute-api domain (regional endpoints).
std::string apigateway_regional_zone_id(RegionId region);

class ApiGatewayService {
 public:
  ApiGatewayService(const ServiceContext& ctx, AcmService& acm);

  /// Where changes to one custom domain (its certificate, policy, mappings) are reported.
  void set_change_sink(ChangeSink* sink) { sink_ = sink; }

  Outcome<const RestApi*> create_rest_api(RegionId region, const std::string& name, const std::optional<std::string>& type);
  Outcome<const RestApi*> get_rest_api(RegionId region, const std::string& id) const;
  Outcome<bool> delete_rest_api(RegionId region, const std::string& id);
  Outcome<std::string> create_deployment(RegionId region, const std::string& api_id, const std::optional<std::string>& stage);

  Outcome<const CustomDomain*> create_domain_name(RegionId region, const CreateDomainNameInput& in);
  Outcome<const CustomDomain*> get_domain_name(RegionId region, const std::string& name) const;
  [[nodiscard]] std::vector<const CustomDomain*> domain_names(RegionId region) const;
  /// UpdateDomainName's `replace` patches of /certificateArn, /regionalCertificateArn, /securityPolicy.
  Outcome<const CustomDomain*> update_domain_name(RegionId region, const std::string& name,
                                                  const std::vector<std::pair<std::string, std::string>>& replaces);
  Outcome<bool> delete_domain_name(RegionId region, const std::string& name);

  Outcome<BasePathMapping> create_base_path_mapping(RegionId region, const std::string& domain, const std::string& api_id,
                                                    const std::optional<std::string>& base_path, const std::optional<std::string>& stage);
  Outcome<std::vector<BasePathMapping>> get_base_path_mappings(RegionId region, const std::string& domain) const;
  Outcome<bool> delete_base_path_mapping(RegionId region, const std::string& domain, const std::string& base_path);

  /// apigatewayv2:CreateApiMapping: custom domain names are shared by REST and
  /// HTTP APIs; an HTTP API's id and stage are not checked (not modelled).
  Outcome<ApiMapping> create_api_mapping(RegionId region, const std::string& domain, const std::string& api_id, const std::string& stage,
                                         const std::optional<std::string>& key);

  /// Every live custom domain, in creation order (for probes and the analysis).
  [[nodiscard]] std::vector<const CustomDomain*> all_domains() const;
  /// A live custom domain by its id; nullptr once deleted.
  [[nodiscard]] const CustomDomain* domain_by_id(std::uint32_t id) const {
    return id < domains_.size() && !domains_[id].deleted ? &domains_[id] : nullptr;
  }
  [[nodiscard]] std::vector<const RestApi*> all_apis() const;
  /// The live custom domain whose endpoint is `name`: the CloudFront domain
  /// name of an edge domain (dxxxx.cloudfront.net) or the execute-api name of
  /// a regional one; null when none is.
  [[nodiscard]] const CustomDomain* domain_by_endpoint(const std::string& name) const;
  /// The live REST APIs with this id (one per region at most), in creation order.
  [[nodiscard]] std::vector<const RestApi*> apis_with_id(const std::string& id) const;

 private:
  CustomDomain* find_domain(RegionId region, const std::string& name);
  RestApi* find_api(RegionId region, const std::string& id);
  void unmapped(const std::string& api_id);
  std::optional<AwsError> check_certificate(RegionId region, EndpointType type, const std::string& arn) const;
  std::string random_id(std::size_t n);
  void changed(std::uint32_t id);
  void trace_state(const std::string& resource, RegionId region, StateChange change, core::Json extra = core::Json::object());

  const ServiceContext& ctx_;
  AcmService& acm_;
  core::RandomStream ids_;
  std::vector<RestApi> apis_;
  std::vector<CustomDomain> domains_;
  // Indexes so that a call costs what it touches, not the number of APIs and
  // domains in the world (a fleet has one per certificate): live domains by
  // name (several regions may share a regional name), APIs by id, and the
  // number of live base path mappings per API (DeleteRestApi refuses a mapped API).
  std::unordered_multimap<std::string, std::uint32_t> live_by_name_;
  std::unordered_multimap<std::string, std::size_t> api_by_id_;
  std::unordered_map<std::string, std::size_t> mappings_per_api_;
  // Live domains by endpoint name (random, so unique): every alias record and
  // probe to an API Gateway endpoint asks.
  std::unordered_map<std::string, std::uint32_t> by_endpoint_;
  ChangeSink* sink_ = nullptr;
};

}  // namespace acmsim::model
