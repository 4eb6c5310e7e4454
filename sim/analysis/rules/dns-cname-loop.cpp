// dns-cname-loop: CNAME or alias records form a cycle.
#include <algorithm>

#include "acmsim/analysis/rule.hpp"
#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::analysis {

namespace {

void check(Context& ctx) {
  const auto& w = ctx.world();
  std::vector<std::string> reported;
  for (const auto& [zone, rec] : ctx.records()) {
    if (!(rec->type == model::RRType::CNAME || rec->alias)) continue;
    std::vector<std::string> chain{rec->name};
    std::string name = rec->name;
    for (int hop = 0; hop < 32; ++hop) {
      const auto r = w.dns.lookup(name, model::RRType::A);
      if (r.record == nullptr) break;
      std::string next;
      if (r.record->alias && w.route53.find_zone(r.record->alias->hosted_zone_id) != nullptr)
        next = model::dns::normalize(r.record->alias->dns_name);
      else if (r.record->type == model::RRType::CNAME && !r.record->values.empty())
        next = model::dns::normalize(r.record->values.front());
      if (next.empty()) break;
      if (std::find(chain.begin(), chain.end(), next) != chain.end()) {
        std::vector<std::string> cycle(std::find(chain.begin(), chain.end(), next), chain.end());
        std::sort(cycle.begin(), cycle.end());
        if (std::find(reported.begin(), reported.end(), cycle.front()) == reported.end()) {
          reported.push_back(cycle.front());
          ctx.report(cycle, "These records point at each other in a cycle: " + cycle.front() + " ...", rec->origin);
        }
        break;
      }
      chain.push_back(next);
      name = next;
    }
  }
}

}  // namespace

extern const RuleDef kRule_dns_cname_loop;
const RuleDef kRule_dns_cname_loop{"dns-cname-loop",
                                   Severity::Error,
                                   "CNAME or alias records form a cycle.",
                                   "A chain of CNAME or alias records that comes back to itself never resolves: clients get SERVFAIL.",
                                   "Break the cycle: make one of the records point at the real endpoint.",
                                   "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/ResourceRecordTypes.html",
                                   &check,
                                   reads(model::Part::Dns)};

}  // namespace acmsim::analysis
