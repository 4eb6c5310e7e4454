// config-expiry-check-missing: A region holds imported certificates and no acm-certificate-expiration-check Config rule.
#include <algorithm>

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

void check(Context& ctx) {
  const auto& w = ctx.world();
  // The regions that hold imported certificates, from ACM's index (no walk over all).
  std::vector<model::RegionId> regions;
  for (const auto& [reg, n] : w.acm.imported_per_region()) regions.push_back(reg);
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
