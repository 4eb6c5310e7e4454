// expiry-rule-never-matches: An EventBridge rule names aws.acm as a source but matches no event ACM sends.
#include <algorithm>

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

void check(Context& ctx) {
  const auto& w = ctx.world();
  static const char* kTypes[] = {"ACM Certificate Approaching Expiration",  "ACM Certificate Expired", "ACM Certificate Available",
                                 "ACM Certificate Renewal Action Required", "ACM Certificate Revoked", "ACM Certificate Rotated"};
  for (const auto* r : w.events.all_rules()) {
    if (!r->pattern) continue;
    const core::Json& src = r->pattern->source();
    const bool names_acm = src.contains("source") && src["source"].is_array() &&
                           std::any_of(src["source"].begin(), src["source"].end(),
                                       [](const core::Json& s) { return s.is_string() && s.get<std::string>() == "aws.acm"; });
    if (!names_acm) continue;
    // Any detail values: judge the envelope only.
    core::Json envelope = src;
    envelope.erase("detail");
    if (envelope.empty()) continue;
    auto compiled = model::EventPattern::compile(envelope);
    if (!compiled.ok()) continue;
    // One event, changed in place: this runs at every instant the world changes.
    core::Json e = {{"version", "0"},
                    {"id", "x"},
                    {"detail-type", ""},
                    {"source", "aws.acm"},
                    {"account", w.account},
                    {"time", core::format_timestamp(ctx.now())},
                    {"region", ""},
                    {"resources", core::Json::array({""})},
                    {"detail", core::Json::object()}};
    bool any = false;
    for (const char* t : kTypes) {
      e["detail-type"] = t;
      for (const auto& reg : model::all_regions()) {
        e["region"] = reg.code;
        e["resources"][0] = "arn:aws:acm:" + std::string(reg.code) + ":" + w.account + ":certificate/x";
        if (compiled.value().matches(e)) {
          any = true;
          break;
        }
      }
      if (any) break;
    }
    if (!any)
      ctx.report({r->arn},
                 "Rule " + r->name + " in " + std::string(model::region_code(r->region)) + " expects ACM events that ACM never sends: " + src.dump(),
                 r->origin);
  }
}

}  // namespace

extern const RuleDef kRule_expiry_rule_never_matches;
const RuleDef kRule_expiry_rule_never_matches{
    "expiry-rule-never-matches",
    Severity::Warning,
    "An EventBridge rule names aws.acm as a source but matches no event ACM sends.",
    "ACM sends exactly these detail-types: ACM Certificate Approaching Expiration, ACM Certificate Expired, ACM Certificate Available, ACM "
    "Certificate Renewal Action Required, ACM Certificate Revoked (and ACM Certificate Rotated). A misspelled detail-type or envelope field matches "
    "nothing, silently.",
    "Fix the pattern: test it with TestEventPattern (acmsim events test-pattern) against a sample ACM event.",
    "https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-acm.html",
    &check,
    reads(model::Part::Events)};

}  // namespace acmsim::analysis
