// dns-dangling-record: A CNAME or alias record points at an AWS resource name that no longer exists.

#include "acmsim/analysis/rule.hpp"
#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::analysis {

namespace {

void check_name(Context& ctx, const std::string& name) {
  const auto& w = ctx.world();
  const std::string key = model::dns::sort_key(name);
  for (const auto* zone : ctx.zones_for(name)) {
    for (auto it = zone->records.lower_bound(model::RecordKeyView{key, "", ""}); it != zone->records.end() && it->second.name == name; ++it) {
      const auto* rec = &it->second;
      std::string target;
      if (rec->alias)
        target = model::dns::without_dot(rec->alias->dns_name);
      else if (rec->type == model::RRType::CNAME && !rec->values.empty())
        target = model::dns::without_dot(model::dns::normalize(rec->values.front()));
      if (target.empty()) continue;
      auto ends = [&](std::string_view s) { return target.size() > s.size() && target.compare(target.size() - s.size(), s.size(), s) == 0; };
      const bool aws = ends(".cloudfront.net") ||
                       (ends(".amazonaws.com") && (target.find(".execute-api.") != std::string::npos || target.find(".elb.") != std::string::npos));
      if (!aws) continue;
      const auto r = model::endpoint_named(w, target);
      if (r.kind == model::ResolvedHost::Kind::None || r.kind == model::ResolvedHost::Kind::NxDomain) {
        ctx.report({rec->name, target}, rec->name + " in zone " + zone->name + " points at " + target + ", which is no resource of this account.",
                   rec->origin);
      }
    }
  }
}

}  // namespace

extern const RuleDef kRule_dns_dangling_record;
const RuleDef kRule_dns_dangling_record{
    "dns-dangling-record",
    Severity::Error,
    "A CNAME or alias record points at an AWS resource name that no longer exists.",
    "A record that points into an AWS namespace (*.cloudfront.net, *.execute-api.<region>.amazonaws.com, *.elb.amazonaws.com) after the resource was "
    "deleted is a subdomain-takeover risk: whoever creates a resource with that name serves your hostname.",
    "Delete the record, or point it at a live resource of the account.",
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-alias.html",
    nullptr,
    reads(model::Part::Dns) | reads(model::Part::ApiGateway) | reads(model::Part::CloudFront) | reads(model::Part::Elb),
    nullptr,
    nullptr,
    &check_name,
    reads(model::Part::Dns) | reads(model::Part::ApiGateway) | reads(model::Part::CloudFront) | reads(model::Part::Elb)};

}  // namespace acmsim::analysis
