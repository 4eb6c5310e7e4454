// The analysis engine: runs every rule on the world, raises and clears
// findings as the simulation runs, and remembers every raise.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "acmsim/analysis/finding.hpp"
#include "acmsim/analysis/rule.hpp"
#include "acmsim/core/trace.hpp"
#include "acmsim/model/world.hpp"

namespace acmsim::analysis {

class Engine {
 public:
  explicit Engine(const model::World& world) : world_(world) {}

  /// Evaluates every rule at `now`; records raises and clears; returns the
  /// earliest future instant at which a finding may change with time alone.
  /// An instant at which the world's revision is unchanged and no rule asked
  /// to be woken keeps the findings as they are, without a rule pass.
  std::optional<core::SimTime> evaluate(core::SimTime now, std::int32_t step, core::Trace* trace);

  /// A call AWS refused for a rule's reason: the finding holds at this instant only.
  void refused(const std::string& rule, std::vector<std::string> resources, const std::string& message, core::SimTime now, std::int32_t step,
               core::Trace* trace);

  [[nodiscard]] const std::vector<Finding>& current() const { return current_; }
  [[nodiscard]] const std::vector<FindingChange>& history() const { return history_; }

  /// One pass of every rule, without remembering anything (for lint).
  static std::vector<Finding> run_rules(const model::World& world, core::SimTime now, std::vector<core::SimTime>* wakeups = nullptr);

 private:
  const model::World& world_;
  std::vector<Finding> current_;  // sorted by (rule, resources)
  std::vector<FindingChange> history_;
  std::optional<std::uint64_t> evaluated_revision_;
  std::optional<core::SimTime> next_wake_;
};

}  // namespace acmsim::analysis
