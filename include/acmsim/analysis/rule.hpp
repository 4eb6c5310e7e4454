// A misconfiguration rule: metadata for people (and SARIF) and its check.
// Each rule lives in its own file under sim/analysis/rules/ and is listed once
// in sim/analysis/registry.cpp.
#pragma once

#include <span>
#include <string_view>

#include "acmsim/analysis/context.hpp"
#include "acmsim/analysis/finding.hpp"

namespace acmsim::analysis {

struct RuleDef {
  std::string_view id;
  Severity severity;
  std::string_view summary;      // one line
  std::string_view explanation;  // the AWS concept behind it, why AWS behaves so
  std::string_view fix;          // how to fix it
  std::string_view help_uri;     // the specific AWS documentation page
  /// The whole check, or null for a rule that judges one certificate at a time.
  void (*check)(Context& ctx);
  /// The parts of the world the check reads: the engine re-runs the rule only
  /// when one of them changed (or when the rule asked to be woken).
  model::PartMask reads = model::kAllParts;
  /// A rule that judges one certificate at a time (with `check` null): every
  /// finding it reports while judging a certificate is about that certificate,
  /// and depends on no other certificate. After a change to some certificates'
  /// state only, the engine re-judges those; a wake-up asked while judging one
  /// re-judges that one. Any other change it reads re-judges all of them.
  void (*check_certificate)(Context& ctx, const model::Certificate& c) = nullptr;
};

constexpr model::PartMask reads(model::Part p) { return model::bit(p); }

std::span<const RuleDef* const> all_rules();
const RuleDef* find_rule(std::string_view id);

}  // namespace acmsim::analysis
