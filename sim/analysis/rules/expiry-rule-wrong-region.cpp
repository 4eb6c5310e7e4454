// expiry-rule-wrong-region: A rule for ACM expiry events is in a region with no certificates, while a region with certificates has none.
#include <algorithm>

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

void check(Context& ctx) {
  const auto& w = ctx.world();
  // The regions with issued certificates, and the first of those in store
  // order as the sample event's source, from ACM's index (no walk over all).
  if (w.acm.issued().empty()) return;
  std::vector<model::RegionId> with_certs;
  for (const auto& [reg, n] : w.acm.issued_per_region()) with_certs.push_back(reg);
  const model::Certificate* sample = &w.acm.all()[*w.acm.issued().begin()];
  model::ReadLog::note(model::Part::Certificates, sample->id);  // its fields make the sample event
  model::ReadLog::note(model::Part::Acm, sample->id);
  auto watches = [&](const model::Rule& r, model::RegionId reg) {
    return r.enabled && r.pattern && ctx.takes_expiry_event(*r.pattern, *sample, reg);
  };
  bool unwatched_region = false;
  for (const auto reg : with_certs) {
    bool any = false;
    for (const auto* r : w.events.rules(reg, "default")) any = any || watches(*r, reg);
    unwatched_region = unwatched_region || !any;
  }
  if (!unwatched_region) return;
  for (const auto* r : w.events.all_rules()) {
    if (std::find(with_certs.begin(), with_certs.end(), r->region) != with_certs.end() || !watches(*r, r->region)) continue;
    ctx.report({r->arn},
               "Rule " + r->name + " watches ACM expiry events in " + std::string(model::region_code(r->region)) +
                   ", where there are no certificates, while certificates elsewhere go unwatched.",
               r->origin);
  }
}

}  // namespace

extern const RuleDef kRule_expiry_rule_wrong_region;
const RuleDef kRule_expiry_rule_wrong_region{
    "expiry-rule-wrong-region",
    Severity::Warning,
    "A rule for ACM expiry events is in a region with no certificates, while a region with certificates has none.",
    "ACM's events stay in the certificate's region: a rule in another region never sees them, unless another rule forwards them across regions.",
    "Create the rule in the region of the certificates (or forward ACM's events there to this region's bus).",
    "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html",
    &check,
    reads(model::Part::Certificates) | reads(model::Part::Events),
    nullptr,
    nullptr,
    nullptr,
    reads(model::Part::Certificates)};

}  // namespace acmsim::analysis
