// dns-cname-at-apex: A CNAME record is at a zone apex.

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

void check_name(Context& ctx, const std::string& name) {
  for (const auto* zone : ctx.zones_for(name)) {
    if (zone->name != name) continue;
    for (const auto& [zone2, rec] : ctx.cnames_named(name)) {
      if (zone2 == zone) ctx.report({"/hostedzone/" + zone->id, rec->name}, "A CNAME record is at the apex of zone " + zone->name + ".", rec->origin);
    }
  }
}

}  // namespace

extern const RuleDef kRule_dns_cname_at_apex;
const RuleDef kRule_dns_cname_at_apex{
    "dns-cname-at-apex",
    Severity::Error,
    "A CNAME record is at a zone apex.",
    "DNS forbids a CNAME at the zone apex, where the SOA and NS records live, and Route 53 refuses it (InvalidChangeBatch). Route 53's answer is the "
    "alias record: an A or AAAA record that Route 53 resolves itself, allowed at the apex and free for AWS targets.",
    "Create an alias A (and AAAA) record at the apex pointing at the resource.",
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html",
    nullptr,
    reads(model::Part::Dns),
    nullptr,
    nullptr,
    &check_name,
    reads(model::Part::Dns)};

}  // namespace acmsim::analysis
