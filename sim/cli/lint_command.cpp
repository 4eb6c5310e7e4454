#include <iostream>

#include "acmsim/analysis/rule.hpp"
#include "acmsim/model/regions.hpp"
#include "acmsim/report/findings_report.hpp"
#include "acmsim/report/run_report.hpp"
#include "commands.hpp"

namespace acmsim::cli {

namespace {

std::optional<analysis::Severity> parse_severity(const std::string& s) {
  if (s == "error") return analysis::Severity::Error;
  if (s == "warning") return analysis::Severity::Warning;
  if (s == "info") return analysis::Severity::Info;
  return std::nullopt;
}

}  // namespace

int run_to(const std::string& file, const std::string& at_text, const scenario::LoadLimits& limits, const scenario::RunOptions& options,
           scenario::Scenario& s, scenario::RunResult& r) {
  try {
    s = scenario::load_scenario(file, limits);
  } catch (const scenario::InputError& e) {
    std::cerr << e.render() << "\n";
    return kBadInput;
  }
  if (!at_text.empty()) {
    std::optional<core::SimTime> at;
    if (auto d = core::parse_duration(at_text))
      at = s.start + *d;
    else
      at = core::parse_timestamp(at_text);
    if (!at || *at < s.start) {
      std::cerr << "acmsim: --at '" << at_text << "' is not a duration from start (\"30d\") or a timestamp at or after the start\n";
      return kBadInput;
    }
    s.horizon = *at - s.start;  // later steps are simply not reached
  }
  scenario::RunOptions o = options;
  o.trace = false;
  try {
    r = scenario::run_scenario(s, o);
  } catch (const core::EventBudgetExceeded& e) {
    std::cerr << file << ":1:1: " << e.what() << "\n";
    return kBadInput;
  }
  return kOk;
}

int lint_command(const LintArgs& args) {
  const auto threshold = parse_severity(args.fail_on);
  if (!threshold) {
    std::cerr << "acmsim lint: --fail-on must be error, warning or info\n";
    return kBadInput;
  }
  if (args.format != "text" && args.format != "json" && args.format != "sarif") {
    std::cerr << "acmsim lint: --format must be text, json or sarif\n";
    return kBadInput;
  }
  scenario::Scenario s;
  scenario::RunResult r;
  if (const int rc = run_to(args.file, args.at, args.limits, args.options, s, r); rc != kOk) return rc;
  auto findings = analysis::Engine::run_rules(*r.world, r.sim->now());
  std::vector<bool> used(s.suppressions.size(), false);
  analysis::apply_suppressions(findings, s.suppressions, &used);
  for (std::size_t i = 0; i < used.size(); ++i) {
    if (!used[i]) std::cerr << report::stale_suppression_warning(s, s.suppressions[i]) << "\n";
  }
  if (args.format == "sarif")
    std::cout << report::findings_sarif(findings, s).dump(2) << "\n";
  else if (args.format == "json")
    std::cout << report::findings_json(findings, s).dump(2) << "\n";
  else
    std::cout << report::findings_text(findings, s);
  for (const auto& f : findings) {
    if (!f.suppressed && static_cast<int>(f.severity) <= static_cast<int>(*threshold)) return kFailed;
  }
  return kOk;
}

int explain_command(const std::string& id) {
  const auto* rule = analysis::find_rule(id);
  if (rule == nullptr) {
    std::vector<std::string_view> ids;
    for (const auto* r : analysis::all_rules()) ids.push_back(r->id);
    const auto near = model::nearest(id, ids, 3);
    std::cerr << "acmsim explain: unknown rule \"" << id << "\"; nearest: ";
    for (std::size_t i = 0; i < near.size(); ++i) std::cerr << (i > 0 ? ", " : "") << near[i];
    std::cerr << " (acmsim rules lists them all)\n";
    return kBadInput;
  }
  std::cout << report::explain(*rule);
  return kOk;
}

int rules_command(const std::string& format) {
  if (format == "markdown") {
    std::cout << report::rules_markdown();
  } else if (format == "text") {
    std::cout << report::rules_table();
  } else {
    std::cerr << "acmsim rules: --format must be text or markdown\n";
    return kBadInput;
  }
  return kOk;
}

}  // namespace acmsim::cli
