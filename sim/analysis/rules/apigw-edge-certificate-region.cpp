// apigw-edge-certificate-region: An edge-optimized API Gateway domain or a CloudFront distribution uses a certificate that is not in us-east-1.

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

void check_domain(Context& ctx, const model::CustomDomain& d) {
  if (d.type == model::EndpointType::Regional) return;
  auto c = ctx.world().acm.find_any(d.certificate_arn);
  if (c.ok() && c.value()->region != model::us_east_1()) {
    ctx.report({d.arn(), d.certificate_arn},
               "Edge-optimized domain " + d.name + " uses certificate " + d.certificate_arn + " from " +
                   std::string(model::region_code(c.value()->region)) + "; edge domains take certificates from us-east-1 only.",
               d.origin);
  }
}

void check_distribution(Context& ctx, const model::Distribution& dist) {
  if (dist.settings.viewer.cloudfront_default) return;
  const auto& w = ctx.world();
  auto c = w.acm.find_any(dist.settings.viewer.acm_certificate_arn);
  if (c.ok() && c.value()->region != model::us_east_1()) {
    ctx.report({dist.arn(w.account), c.value()->arn},
               "CloudFront distribution " + dist.id + " uses a certificate from " + std::string(model::region_code(c.value()->region)) +
                   "; CloudFront takes certificates from us-east-1 only.",
               dist.origin);
  }
}

}  // namespace

extern const RuleDef kRule_apigw_edge_certificate_region;
const RuleDef kRule_apigw_edge_certificate_region{
    "apigw-edge-certificate-region",
    Severity::Error,
    "An edge-optimized API Gateway domain or a CloudFront distribution uses a certificate that is not in us-east-1.",
    "Edge-optimized API Gateway custom domains are served by CloudFront, and CloudFront is a global service that takes ACM certificates from US East "
    "(N. Virginia) only, wherever the API or the origin lives. AWS refuses the call (BadRequestException 'Certificate must be in us-east-1', or "
    "InvalidViewerCertificate). The same rule covers CloudFront distributions.",
    "Request (or import) the certificate in us-east-1 and use that ARN; the same DNS validation CNAME validates it with no new record.",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-edge-optimized-custom-domain-name.html",
    nullptr,
    reads(model::Part::Acm) | reads(model::Part::ApiGateway) | reads(model::Part::CloudFront),
    nullptr,
    &check_domain,
    nullptr,
    reads(model::Part::Acm) | reads(model::Part::ApiGateway) | reads(model::Part::CloudFront),
    model::kAllAspects,
    &check_distribution};

}  // namespace acmsim::analysis
