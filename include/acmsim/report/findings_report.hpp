// Renderings of findings: text for people, JSON, SARIF 2.1.0 for code scanning,
// and the rule catalogue.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "acmsim/analysis/engine.hpp"
#include "acmsim/scenario/scenario.hpp"

namespace acmsim::report {

/// A finding as lint reports it.
struct ReportedFinding {
  analysis::Finding finding;
  /// Empty: it holds at the analysed instant. Otherwise when it held during
  /// the run ("held from +1d to +3d", "a refused call at +2h").
  std::string held;
  /// Set when a baseline was given: whether the finding is in it.
  std::optional<bool> in_baseline;
};

/// One scenario's findings.
struct ScenarioFindings {
  const scenario::Scenario* scenario = nullptr;
  std::vector<ReportedFinding> findings;
};

/// "FILE:LINE: severity [rule] message" lines and a closing count.
std::string findings_text(const std::vector<ScenarioFindings>& all);
/// One scenario: {"scenario", "file", "findings": [...]}; several: an array of those.
core::Json findings_json(const std::vector<ScenarioFindings>& all);
/// SARIF 2.1.0 as GitHub code scanning takes it: every rule in
/// tool.driver.rules with helpUri; each result located at the line of the step
/// that created or last changed its resource, with an artifact URI relative to
/// the current folder (uriBaseId %SRCROOT%), partialFingerprints, suppressions
/// and, with a baseline, baselineState.
core::Json findings_sarif(const std::vector<ScenarioFindings>& all);

std::string rules_table();
std::string rules_markdown();
std::string explain(const analysis::RuleDef& rule);

/// The scenario line of a step index (1 when none).
int step_line(const scenario::Scenario& s, std::int32_t step);

/// Where a finding is reported: the step's line in the scenario, or, for a
/// scenario imported from templates, the template property that causes it.
struct Location {
  std::string file;
  int line = 1;
  int column = 0;  // 0: none (a scenario's step)
  std::string stack;
  std::string logical_id;
};
Location finding_location(const scenario::Scenario& s, const analysis::Finding& f);

}  // namespace acmsim::report
