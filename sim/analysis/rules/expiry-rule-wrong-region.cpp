// expiry-rule-wrong-region: A rule for ACM expiry events is in a region with no certificates, while a region with certificates has none.
#include <algorithm>

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

using model::CertificateStatus;

void check(Context& ctx) {
  const auto& w = ctx.world();
  std::vector<model::RegionId> with_certs;
  const model::Certificate* sample = nullptr;
  for (const auto& c : w.acm.all()) {
    if (c.deleted || c.status != CertificateStatus::Issued) continue;
    if (std::find(with_certs.begin(), with_certs.end(), c.region) == with_certs.end()) with_certs.push_back(c.region);
    if (sample == nullptr) sample = &c;
  }
  if (sample == nullptr) return;
  auto watches = [&](const model::Rule& r, model::RegionId reg) {
    core::Json e = ctx.sample_expiry_event(*sample);
    e["region"] = model::region_code(reg);
    return r.enabled && r.pattern && r.pattern->matches(e);
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
    reads(model::Part::Acm) | reads(model::Part::Events)};

}  // namespace acmsim::analysis
