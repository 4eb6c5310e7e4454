// The catalogue of rules, in the order of the rule catalogue. Adding a rule:
// docs/extending.md.
#include <array>

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

extern const RuleDef kRule_apigw_edge_certificate_region;
extern const RuleDef kRule_regional_certificate_region;
extern const RuleDef kRule_certificate_name_mismatch;
extern const RuleDef kRule_certificate_expired_in_use;
extern const RuleDef kRule_validation_record_missing;
extern const RuleDef kRule_validation_record_wrong_zone;
extern const RuleDef kRule_caa_forbids_amazon;
extern const RuleDef kRule_validation_timed_out;
extern const RuleDef kRule_renewal_failed;
extern const RuleDef kRule_imported_certificate_expiring;
extern const RuleDef kRule_certificate_not_in_use;
extern const RuleDef kRule_email_validation_renewal;
extern const RuleDef kRule_certificate_not_exportable;
extern const RuleDef kRule_dns_record_missing;
extern const RuleDef kRule_dns_alias_target_mismatch;
extern const RuleDef kRule_dns_cname_at_apex;
extern const RuleDef kRule_dns_dangling_record;
extern const RuleDef kRule_dns_cname_loop;
extern const RuleDef kRule_expiry_events_unwatched;
extern const RuleDef kRule_expiry_rule_never_matches;
extern const RuleDef kRule_expiry_rule_wrong_region;
extern const RuleDef kRule_config_expiry_check_missing;
extern const RuleDef kRule_legacy_tls_policy;
extern const RuleDef kRule_http_without_redirect;
extern const RuleDef kRule_unresolved_value;

namespace {
const auto kRules = std::to_array<const RuleDef*>({
    &kRule_apigw_edge_certificate_region,
    &kRule_regional_certificate_region,
    &kRule_certificate_name_mismatch,
    &kRule_certificate_expired_in_use,
    &kRule_validation_record_missing,
    &kRule_validation_record_wrong_zone,
    &kRule_caa_forbids_amazon,
    &kRule_validation_timed_out,
    &kRule_renewal_failed,
    &kRule_imported_certificate_expiring,
    &kRule_certificate_not_in_use,
    &kRule_email_validation_renewal,
    &kRule_certificate_not_exportable,
    &kRule_dns_record_missing,
    &kRule_dns_alias_target_mismatch,
    &kRule_dns_cname_at_apex,
    &kRule_dns_dangling_record,
    &kRule_dns_cname_loop,
    &kRule_expiry_events_unwatched,
    &kRule_expiry_rule_never_matches,
    &kRule_expiry_rule_wrong_region,
    &kRule_config_expiry_check_missing,
    &kRule_legacy_tls_policy,
    &kRule_http_without_redirect,
    &kRule_unresolved_value,
});
}  // namespace

std::span<const RuleDef* const> all_rules() { return kRules; }

const RuleDef* find_rule(std::string_view id) {
  for (const RuleDef* r : kRules) {
    if (r->id == id) return r;
  }
  return nullptr;
}

}  // namespace acmsim::analysis
