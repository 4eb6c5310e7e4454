// config-expiry-check-missing: A region holds imported certificates and no acm-certificate-expiration-check Config rule.
#include <algorithm>

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

using model::CertificateType;

void check(Context& ctx) {
  const auto& w = ctx.world();
  std::vector<model::RegionId> regions;
  for (const auto& c : w.acm.all()) {
    if (!c.deleted && c.type == CertificateType::Imported && std::find(regions.begin(), regions.end(), c.region) == regions.end())
      regions.push_back(c.region);
  }
  std::sort(regions.begin(), regions.end());
  for (const auto reg : regions) {
    const auto rules = w.config.rules(reg);
    const bool has =
        std::any_of(rules.begin(), rules.end(), [](const model::ConfigRule* r) { return r->source_identifier == model::kExpirationCheck; });
    if (!has)
      ctx.report(
          {std::string(model::region_code(reg))},
          "Region " + std::string(model::region_code(reg)) + " holds imported certificates and no ACM_CERTIFICATE_EXPIRATION_CHECK Config rule.", -1);
  }
}

}  // namespace

extern const RuleDef kRule_config_expiry_check_missing;
const RuleDef kRule_config_expiry_check_missing{
    "config-expiry-check-missing",
    Severity::Info,
    "A region holds imported certificates and no acm-certificate-expiration-check Config rule.",
    "ACM never renews imported certificates. The AWS Config managed rule ACM_CERTIFICATE_EXPIRATION_CHECK flags certificates that expire within "
    "daysToExpiration (14 by default), an audit trail next to the EventBridge events.",
    "Add the managed Config rule acm-certificate-expiration-check (source identifier ACM_CERTIFICATE_EXPIRATION_CHECK) in the region.",
    "https://docs.aws.amazon.com/config/latest/developerguide/acm-certificate-expiration-check.html",
    &check,
    reads(model::Part::Acm) | reads(model::Part::Config)};

}  // namespace acmsim::analysis
