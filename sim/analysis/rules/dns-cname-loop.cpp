// dns-cname-loop: CNAME or alias records form a cycle.
#include <algorithm>

#include "acmsim/analysis/rule.hpp"
#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::analysis {

namespace {

// Each cycle is reported once, by its first name (in name order), which
// reads every record on the cycle.
void check_name(Context& ctx, const std::string& start) {
  const auto& w = ctx.world();
  const model::RecordSet* first = nullptr;
  for (const auto* z : ctx.zones_for(start)) {
    for (auto it = z->records.lower_bound(model::RecordKeyView{model::dns::sort_key(start), "", ""}); it != z->records.end(); ++it) {
      if (it->second.name != start) break;
      if (it->second.type == model::RRType::CNAME || it->second.alias) {
        first = &it->second;
        break;
      }
    }
    if (first != nullptr) break;
  }
  if (first == nullptr) return;
  std::vector<std::string> chain{start};
  std::string name = start;
  for (int hop = 0; hop < 32; ++hop) {
    const auto r = w.dns.lookup(name, model::RRType::A);
    if (r.record == nullptr) return;
    std::string next;
    if (r.record->alias && w.route53.find_zone(r.record->alias->hosted_zone_id) != nullptr)
      next = model::dns::normalize(r.record->alias->dns_name);
    else if (r.record->type == model::RRType::CNAME && !r.record->values.empty())
      next = model::dns::normalize(r.record->values.front());
    if (next.empty()) return;
    if (std::find(chain.begin(), chain.end(), next) != chain.end()) {
      std::vector<std::string> cycle(std::find(chain.begin(), chain.end(), next), chain.end());
      std::sort(cycle.begin(), cycle.end());
      if (cycle.front() == start) ctx.report(cycle, "These records point at each other in a cycle: " + cycle.front() + " ...", first->origin);
      return;
    }
    chain.push_back(next);
    name = next;
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
                                   nullptr,
                                   reads(model::Part::Dns),
                                   nullptr,
                                   nullptr,
                                   &check_name,
                                   reads(model::Part::Dns)};

}  // namespace acmsim::analysis
