// Findings of the misconfiguration analysis (spec/rules.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acmsim/core/time.hpp"
#include "acmsim/model/aws_names.hpp"

namespace acmsim::analysis {

enum class Severity { Error, Warning, Info };

constexpr std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "info";
  }
  return "?";
}

/// What a "finding" trace record says happened to the finding (the trace's
/// vocabulary for findings, as model::StateChange is for state records).
enum class FindingTransition { Raised, Cleared, RaisedByRefusedCall };

constexpr std::string_view finding_change_name(FindingTransition c) {
  switch (c) {
    case FindingTransition::Raised:
      return "raised";
    case FindingTransition::Cleared:
      return "cleared";
    case FindingTransition::RaisedByRefusedCall:
      return "raised-by-refused-call";
  }
  return "?";
}

constexpr std::optional<FindingTransition> parse_finding_change(std::string_view s) {
  for (const auto c : {FindingTransition::Raised, FindingTransition::Cleared, FindingTransition::RaisedByRefusedCall}) {
    if (finding_change_name(c) == s) return c;
  }
  return std::nullopt;
}

/// One finding: a rule holding for a set of named resources. Its id comes from
/// the rule and the resources, so the same scenario gives the same ids.
struct Finding {
  std::string rule;
  Severity severity = Severity::Error;
  std::vector<std::string> resources;  // ARNs or names, first the main one
  std::string message;
  std::int32_t origin = -1;  // scenario step that created or last changed the main resource
  std::string id;            // stable: hash of rule and resources
  /// The reason a team gave for accepting it (a `suppress` entry): it is
  /// still reported, as suppressed, and never fails a run, check or lint.
  std::optional<std::string> suppressed;
  bool suppressed_by_config = false;  // the entry is in a config file, not in the scenario

  [[nodiscard]] std::string key() const;  // rule + resources, for identity
};

/// A raise or a clear, for the trace and for `ever` expectations.
struct FindingChange {
  core::SimTime at;
  bool raised = true;
  Finding finding;
  std::int32_t step = -1;     // the scenario step being run, or -1 for the model's own events
  bool refused_call = false;  // raised because AWS refused the step's call (holds at that instant only)
};

std::string finding_id(const std::string& rule, const std::vector<std::string>& resources);

/// A finding the team has accepted: a rule id, a resource (exact, or a glob in
/// which `*` stands for any run of characters) and the reason. It matches a
/// finding of that rule when any of the finding's resources matches.
struct Suppression {
  std::string rule;
  std::string resource;
  std::string reason;
  int line = 0;  // where it is written, for the stale-suppression warning
  std::string pointer;
  std::string file;  // the config file it comes from; empty: the scenario's own `suppress`
};

/// `*` matches any run of characters (also none); everything else itself.
bool glob_matches(std::string_view pattern, std::string_view text);

/// Marks the findings that a suppression accepts; sets used[i] for every
/// suppression i that matched one (used may be null).
void apply_suppressions(std::vector<Finding>& findings, const std::vector<Suppression>& suppressions, std::vector<bool>* used);
void apply_suppressions(Finding& f, const std::vector<Suppression>& suppressions, std::vector<bool>* used);

}  // namespace acmsim::analysis
