// Renderings of findings: text for people, JSON, SARIF 2.1.0 for code scanning,
// and the rule catalogue.
#pragma once

#include <string>
#include <vector>

#include "acmsim/analysis/engine.hpp"
#include "acmsim/scenario/scenario.hpp"

namespace acmsim::report {

std::string findings_text(const std::vector<analysis::Finding>& findings, const scenario::Scenario& s);
core::Json findings_json(const std::vector<analysis::Finding>& findings, const scenario::Scenario& s);
/// SARIF 2.1.0: every rule in tool.driver.rules; each result located at the
/// line of the step that created or last changed its resource.
core::Json findings_sarif(const std::vector<analysis::Finding>& findings, const scenario::Scenario& s);

std::string rules_table();
std::string rules_markdown();
std::string explain(const analysis::RuleDef& rule);

/// The scenario line of a step index (1 when none).
int step_line(const scenario::Scenario& s, std::int32_t step);

}  // namespace acmsim::report
