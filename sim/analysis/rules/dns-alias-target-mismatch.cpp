// dns-alias-target-mismatch: A record for a custom domain points to the wrong target.

#include "acmsim/analysis/rule.hpp"
#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::analysis {

namespace {

void check_domain(Context& ctx, const model::CustomDomain& d) {
  const bool edge = d.type != model::EndpointType::Regional;
  const std::string target = edge ? d.distribution_domain_name : d.regional_domain_name;
  const std::string zone_id = edge ? std::string(model::kCloudFrontHostedZoneId) : d.regional_hosted_zone_id;
  if (target.empty()) return;
  const auto r = ctx.world().dns.lookup(d.name, model::RRType::A);
  if (r.record == nullptr) return;
  const auto* rec = r.record;
  std::string points_at;
  bool wrong = false;
  if (rec->alias) {
    points_at = model::dns::without_dot(rec->alias->dns_name);
    wrong = points_at != target || model::Route53Service::bare_id(rec->alias->hosted_zone_id) != zone_id;
  } else if (rec->type == model::RRType::CNAME && !rec->values.empty()) {
    points_at = model::dns::without_dot(model::dns::normalize(rec->values.front()));
    wrong = points_at != target;
  }
  if (wrong) {
    ctx.report({d.arn(), d.name}, "The record for " + d.name + " points at " + points_at + ", not at the custom domain's " + target + ".",
               rec->origin);
  }
}

}  // namespace

extern const RuleDef kRule_dns_alias_target_mismatch;
const RuleDef kRule_dns_alias_target_mismatch{
    "dns-alias-target-mismatch",
    Severity::Error,
    "A record for a custom domain points to the wrong target.",
    "An edge-optimized custom domain must be reached through its distributionDomainName (hosted zone Z2FDTNDATAQYW2), a regional one through its "
    "regionalDomainName and the region's hosted zone id. A record that points at the API's default execute-api hostname bypasses the custom domain: "
    "the certificate presented is *.execute-api, and the base path mappings do not apply.",
    "Point the record (preferably an alias A record) at the domain's distributionDomainName or regionalDomainName, with the matching hosted zone id.",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-regional-api-custom-domain-create.html",
    nullptr,
    reads(model::Part::Dns) | reads(model::Part::ApiGateway) | reads(model::Part::CloudFront) | reads(model::Part::Elb),
    nullptr,
    &check_domain,
    nullptr,
    reads(model::Part::Dns) | reads(model::Part::ApiGateway) | reads(model::Part::CloudFront) | reads(model::Part::Elb)};

}  // namespace acmsim::analysis
