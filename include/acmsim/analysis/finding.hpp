// Findings of the misconfiguration analysis (spec/rules.md).
#pragma once

#include <cstdint>
#include <string>
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

/// One finding: a rule holding for a set of named resources. Its id comes from
/// the rule and the resources, so the same scenario gives the same ids.
struct Finding {
  std::string rule;
  Severity severity = Severity::Error;
  std::vector<std::string> resources;  // ARNs or names, first the main one
  std::string message;
  std::int32_t origin = -1;  // scenario step that created or last changed the main resource
  std::string id;            // stable: hash of rule and resources

  [[nodiscard]] std::string key() const;  // rule + resources, for identity
};

/// A raise or a clear, for the trace and for `ever` expectations.
struct FindingChange {
  core::SimTime at;
  bool raised = true;
  Finding finding;
  std::int32_t step = -1;  // the scenario step being run, or -1 for the model's own events
};

std::string finding_id(const std::string& rule, const std::vector<std::string>& resources);

}  // namespace acmsim::analysis
