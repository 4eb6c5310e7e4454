// CloudFront's API (2020-05-31): request shapes, typed calls, AWS's response shapes.
#include "acmsim/api/operations.hpp"

namespace acmsim::api {

namespace {

using model::Outcome;
using model::RegionId;
using model::World;

// Reads what the model needs from a DistributionConfig; InvalidArgument for
// what CloudFront itself would refuse in its shape.
Outcome<model::DistributionSettings> read_config(const Json& cfg) {
  model::DistributionSettings s;
  s.config = cfg;
  s.caller_reference = get_string(cfg, "CallerReference");
  s.comment = get_string(cfg, "Comment");
  s.enabled = cfg.value("Enabled", true);
  if (cfg.contains("Aliases")) {
    const Json& a = cfg["Aliases"];
    const auto items = a.contains("Items") ? a["Items"] : Json::array();
    if (a.value("Quantity", std::int64_t{-1}) != static_cast<std::int64_t>(items.size())) {
      return model::aws_error("InvalidArgument", "The parameter Aliases.Quantity does not match the number of items in Aliases.Items.");
    }
    for (const auto& i : items) s.aliases.push_back(i.get<std::string>());
  }
  if (cfg.contains("ViewerCertificate")) {
    const Json& v = cfg["ViewerCertificate"];
    const bool has_acm = v.contains("ACMCertificateArn");
    const bool has_iam = v.contains("IAMCertificateId");
    const bool default_cert = v.value("CloudFrontDefaultCertificate", false);
    if (static_cast<int>(has_acm) + static_cast<int>(has_iam) + static_cast<int>(default_cert) > 1) {
      return model::aws_error("InvalidViewerCertificate",
                              "ViewerCertificate takes exactly one of CloudFrontDefaultCertificate, ACMCertificateArn or IAMCertificateId.");
    }
    if (has_iam)
      return model::aws_error("InvalidViewerCertificate", "IAM server certificates are not modelled by acmsim; use an ACM certificate in us-east-1.");
    s.viewer.cloudfront_default = !has_acm;
    s.viewer.acm_certificate_arn = get_string(v, "ACMCertificateArn");
    s.viewer.ssl_support_method = v.contains("SSLSupportMethod") ? get_string(v, "SSLSupportMethod") : "sni-only";
    s.viewer.minimum_protocol_version = v.contains("MinimumProtocolVersion") ? get_string(v, "MinimumProtocolVersion") : "TLSv1";
  }
  return s;
}

Json distribution_json(const World& w, const model::Distribution& d) {
  return {{"Id", d.id},
          {"ARN", d.arn(w.account)},
          {"Status", d.deployed(w.sim.now()) ? "Deployed" : "InProgress"},
          {"LastModifiedTime", timestamp(d.last_modified)},
          {"InProgressInvalidationBatches", 0},
          {"DomainName", d.domain_name},
          {"ActiveTrustedSigners", {{"Enabled", false}, {"Quantity", 0}}},
          {"ActiveTrustedKeyGroups", {{"Enabled", false}, {"Quantity", 0}}},
          {"DistributionConfig", d.settings.config}};
}

Outcome<Json> create_distribution(World& w, RegionId, const Json& p) {
  auto cfg = read_config(p["DistributionConfig"]);
  if (!cfg.ok()) return cfg.error();
  auto r = w.cloudfront.create_distribution(cfg.value());
  if (!r.ok()) return r.error();
  return Json{{"Location", "https://cloudfront.amazonaws.com/2020-05-31/distribution/" + r.value()->id},
              {"ETag", r.value()->etag},
              {"Distribution", distribution_json(w, *r.value())}};
}

Outcome<Json> get_distribution(World& w, RegionId, const Json& p) {
  auto r = w.cloudfront.get_distribution(get_string(p, "Id"));
  if (!r.ok()) return r.error();
  return Json{{"ETag", r.value()->etag}, {"Distribution", distribution_json(w, *r.value())}};
}

Outcome<Json> get_distribution_config(World& w, RegionId, const Json& p) {
  auto r = w.cloudfront.get_distribution(get_string(p, "Id"));
  if (!r.ok()) return r.error();
  return Json{{"ETag", r.value()->etag}, {"DistributionConfig", r.value()->settings.config}};
}

Outcome<Json> update_distribution(World& w, RegionId, const Json& p) {
  auto cfg = read_config(p["DistributionConfig"]);
  if (!cfg.ok()) return cfg.error();
  auto r = w.cloudfront.update_distribution(get_string(p, "Id"), get_string(p, "IfMatch"), cfg.value());
  if (!r.ok()) return r.error();
  return Json{{"ETag", r.value()->etag}, {"Distribution", distribution_json(w, *r.value())}};
}

Outcome<Json> delete_distribution(World& w, RegionId, const Json& p) {
  auto r = w.cloudfront.delete_distribution(get_string(p, "Id"), get_string(p, "IfMatch"));
  if (!r.ok()) return r.error();
  return Json::object();
}

Outcome<Json> list_distributions(World& w, RegionId, const Json&) {
  Json items = Json::array();
  for (const auto* d : w.cloudfront.all()) {
    Json aliases = {{"Quantity", d->settings.aliases.size()}};
    if (!d->settings.aliases.empty()) aliases["Items"] = d->settings.aliases;
    items.push_back({{"Id", d->id},
                     {"ARN", d->arn(w.account)},
                     {"Status", d->deployed(w.sim.now()) ? "Deployed" : "InProgress"},
                     {"LastModifiedTime", timestamp(d->last_modified)},
                     {"DomainName", d->domain_name},
                     {"Aliases", aliases},
                     {"Comment", d->settings.comment},
                     {"Enabled", d->settings.enabled}});
  }
  return Json{{"DistributionList", {{"Marker", ""}, {"MaxItems", 100}, {"IsTruncated", false}, {"Quantity", items.size()}, {"Items", items}}}};
}

}  // namespace

void add_cloudfront_operations(std::vector<Operation>& out) {
  using namespace shapes;
  const Shape* config = structure({{"CallerReference", string(), true},
                                   {"Aliases", structure({{"Quantity", integer(), true}, {"Items", list(string())}})},
                                   {"DefaultRootObject", string()},
                                   {"Origins", any(), true},
                                   {"OriginGroups", any()},
                                   {"DefaultCacheBehavior", any(), true},
                                   {"CacheBehaviors", any()},
                                   {"CustomErrorResponses", any()},
                                   {"Comment", string(), true},
                                   {"Logging", any()},
                                   {"PriceClass", string()},
                                   {"Enabled", boolean(), true},
                                   {"ViewerCertificate", structure({{"CloudFrontDefaultCertificate", boolean()},
                                                                    {"IAMCertificateId", string()},
                                                                    {"ACMCertificateArn", string()},
                                                                    {"SSLSupportMethod", string()},
                                                                    {"MinimumProtocolVersion", string()},
                                                                    {"Certificate", string()},
                                                                    {"CertificateSource", string()}})},
                                   {"Restrictions", any()},
                                   {"WebACLId", string()},
                                   {"HttpVersion", string()},
                                   {"IsIPV6Enabled", boolean()},
                                   {"ContinuousDeploymentPolicyId", string()},
                                   {"Staging", boolean()},
                                   {"AnycastIpListId", string()},
                                   {"TenantConfig", any()},
                                   {"ConnectionMode", string()}});
  out.push_back({"cloudfront", "CreateDistribution", false, structure({{"DistributionConfig", config, true}}), &create_distribution});
  out.push_back({"cloudfront", "GetDistribution", true, structure({{"Id", string(), true}}), &get_distribution});
  out.push_back({"cloudfront", "GetDistributionConfig", true, structure({{"Id", string(), true}}), &get_distribution_config});
  out.push_back({"cloudfront", "UpdateDistribution", false,
                 structure({{"DistributionConfig", config, true}, {"Id", string(), true}, {"IfMatch", string()}}), &update_distribution});
  out.push_back({"cloudfront", "DeleteDistribution", false, structure({{"Id", string(), true}, {"IfMatch", string()}}), &delete_distribution});
  out.push_back({"cloudfront", "ListDistributions", true, structure({{"Marker", string()}, {"MaxItems", string()}}), &list_distributions});
}

}  // namespace acmsim::api
