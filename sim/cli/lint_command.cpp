#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <set>

#include "acmsim/analysis/rule.hpp"
#include "acmsim/core/suggest.hpp"
#include "acmsim/iac/importer.hpp"
#include "acmsim/model/regions.hpp"
#include "acmsim/report/atomic_file.hpp"
#include "acmsim/report/findings_report.hpp"
#include "acmsim/report/run_report.hpp"
#include "acmsim/report/topics.hpp"
#include "commands.hpp"

namespace acmsim::cli {

int run_to(const std::string& file, const std::string& at_text, const scenario::LoadLimits& limits, const scenario::RunOptions& options,
           scenario::Scenario& s, scenario::RunResult& r, const Policy* policy) {
  try {
    s = scenario::load_scenario(file, limits);
  } catch (const scenario::InputError& e) {
    std::cerr << e.render() << "\n";
    return kBadInput;
  }
  return run_loaded(at_text, options, s, r, policy);
}

int import_templates(const std::vector<std::string>& files, const TemplateOptions& t, const scenario::LoadLimits& limits, scenario::Scenario& s,
                     core::Json* document) {
  iac::ImportOptions o;
  o.region = t.region.empty() ? std::string("us-east-1") : t.region;
  o.account = t.account;
  o.max_file_bytes = limits.max_file_bytes;
  for (const auto& p : t.parameters) {
    const auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "acmsim: --parameter '" << p << "' is not [STACK.]KEY=VALUE\n";
      return kBadInput;
    }
    o.parameters.emplace_back(p.substr(0, eq), p.substr(eq + 1));
  }
  iac::Imported imported;
  try {
    imported = iac::import_infrastructure(files, o);
    s = scenario::parse_scenario(imported.scenario.dump(2), files.front() + " (imported)", limits);
  } catch (const scenario::InputError& e) {
    std::cerr << e.render() << "\n";
    return kBadInput;
  }
  for (const auto& n : imported.notices) std::cerr << n << "\n";
  s.file = files.front();
  s.origins = std::move(imported.origins);
  if (document != nullptr) *document = std::move(imported.scenario);
  return kOk;
}

int run_loaded(const std::string& at_text, const scenario::RunOptions& options, scenario::Scenario& s, scenario::RunResult& r, const Policy* policy) {
  const std::string& file = s.file;
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
  if (policy != nullptr) policy->apply(s, o);
  o.trace = false;
  try {
    r = scenario::run_scenario(s, o);
  } catch (const core::RunLimitExceeded& e) {
    std::cerr << file << ":1:1: " << e.what() << "\n";
    return kBadInput;
  }
  return kOk;
}

namespace {

/// Lint of one scenario: the findings that hold at the analysed instant, then
/// those that held only earlier in the run (refused calls among them), each
/// once, with when it held.
report::ScenarioFindings lint_one(const scenario::Scenario& s, const scenario::RunResult& r, const Policy& policy, std::vector<bool>& config_used,
                                  std::size_t own) {
  report::ScenarioFindings out{&s, {}};
  auto now = analysis::Engine::run_rules(*r.world, r.sim->now(), nullptr, analysis::Engine::kParallelFrom, policy.skip_rules);
  std::vector<bool> used(s.suppressions.size(), false);
  analysis::apply_suppressions(now, s.suppressions, &used);
  std::set<std::string> holding;
  for (auto& f : now) {
    holding.insert(f.key());
    out.findings.push_back({std::move(f), "", std::nullopt});
  }
  // When each earlier finding held (its first raise and the clear after it),
  // and whether AWS refused a call for it: one pass over the history.
  std::map<std::string, std::pair<core::SimTime, std::optional<core::SimTime>>> spans;
  std::set<std::string> refused_calls;
  for (const auto& h : r.findings->history()) {
    const std::string key = h.finding.key();
    if (h.refused_call) refused_calls.insert(key);
    if (h.raised && spans.count(key) == 0) spans[key] = {h.at, std::nullopt};
    if (!h.raised && spans.count(key) > 0 && !spans[key].second) spans[key].second = h.at;
  }
  for (const auto& f : raised_during(r)) {
    if (holding.count(f.key()) > 0) continue;
    const auto& [from, to] = spans[f.key()];
    std::string held;
    if (refused_calls.count(f.key()) > 0)
      held = "AWS refused the call at " + report::offset(s, from);
    else
      held = "held from " + report::offset(s, from) + (to ? " to " + report::offset(s, *to) : std::string());
    out.findings.push_back({f, held, std::nullopt});
  }
  for (std::size_t i = 0; i < used.size(); ++i) {
    if (used[i] || r.findings->suppression_used()[i]) {
      if (i >= own && i - own < config_used.size()) config_used[i - own] = true;
    } else if (i < own) {
      std::cerr << report::stale_suppression_warning(s, s.suppressions[i]) << "\n";
    }
  }
  if (policy.baseline) {
    for (auto& rf : out.findings) rf.in_baseline = policy.baseline->contains(s.name, rf.finding);
  }
  return out;
}

}  // namespace

int lint_command(const LintArgs& args) {
  if (args.format != "text" && args.format != "json" && args.format != "sarif") {
    std::cerr << "acmsim lint: --format must be text, json or sarif\n";
    return kBadInput;
  }
  const auto policy = resolve_policy(args.policy, analysis::Severity::Error, "lint");
  if (!policy) return kBadInput;
  const Selection selection = select_scenarios(args.files, args.limits);
  for (const auto& [file, why] : selection.skipped) std::cerr << "acmsim lint: skipped " << file << ": " << why << "\n";
  if (!selection.error.empty()) {
    std::cerr << "acmsim lint: " << selection.error << "\n";
    return kBadInput;
  }
  // Templates given together are one deployment (stacks that share a
  // region and account share one world); the other files are scenarios.
  std::vector<std::string> files;
  std::vector<std::string> templates;
  for (const auto& f : selection.files) (iac::is_infrastructure_file(f) ? templates : files).push_back(f);
  // Every input is read and run before anything is printed: bad input in any
  // of them prints no partial report.
  // Templates deploy to --region, else to each region of the config file's
  // templates.regions, else to us-east-1; the config's parameters come
  // before --parameter (the command line wins).
  std::vector<std::string> regions{args.templates.region};
  if (args.templates.region.empty() && !policy->config.template_regions.empty()) regions = policy->config.template_regions;
  TemplateOptions topts = args.templates;
  topts.parameters.clear();
  for (const auto& [k, v] : policy->config.template_parameters.items())
    topts.parameters.push_back(k + "=" + (v.is_string() ? v.get<std::string>() : v.dump()));
  topts.parameters.insert(topts.parameters.end(), args.templates.parameters.begin(), args.templates.parameters.end());
  const std::size_t n = files.size() + (templates.empty() ? 0 : regions.size());
  std::vector<scenario::Scenario> scenarios(n);
  std::vector<scenario::RunResult> results(n);
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (const int rc = run_to(files[i], args.at, args.limits, args.options, scenarios[i], results[i], &*policy); rc != kOk) return rc;
  }
  for (std::size_t k = 0; k < (templates.empty() ? 0 : regions.size()); ++k) {
    const std::size_t i = files.size() + k;
    auto& s = scenarios[i];
    topts.region = regions[k];
    if (const int rc = import_templates(templates, topts, args.limits, s); rc != kOk) return rc;
    if (regions.size() > 1) s.name += "-" + regions[k];
    if (const int rc = run_loaded(args.at, args.options, s, results[i], &*policy); rc != kOk) return rc;
    // Calls AWS refuses are told at the template line they come from (the
    // refusals a rule explains are findings; the calls that only failed
    // because an earlier one did are not repeated).
    std::set<std::size_t> explained;  // steps whose refusal a rule explains (a finding)
    for (const auto& h : results[i].findings->history()) {
      if (h.refused_call && h.step >= 0) explained.insert(static_cast<std::size_t>(h.step));
    }
    for (const auto& e : results[i].expectations) {
      if (e.passed || e.step >= s.origins.size() || explained.count(e.step) != 0U || e.message.find("nothing is saved under") != std::string::npos)
        continue;
      const auto& o = s.origins[e.step];
      std::cerr << o.file << ":" << o.pos.line << ":" << o.pos.column << ": " << o.stack << "/" << o.logical_id << ": " << e.message << "\n";
    }
  }
  std::vector<report::ScenarioFindings> all;
  std::vector<bool> config_used(policy->config.suppressions.size(), false);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t own = scenarios[i].suppressions.size() - policy->config.suppressions.size();
    all.push_back(lint_one(scenarios[i], results[i], *policy, config_used, own));
    if (!scenarios[i].origins.empty()) {
      // A deployment is judged in its deployed state: what held only while
      // CloudFormation was still creating it is not a finding (refused calls are).
      auto& fs = all.back().findings;
      fs.erase(std::remove_if(fs.begin(), fs.end(),
                              [](const report::ReportedFinding& f) { return !f.held.empty() && f.held.rfind("AWS refused", 0) != 0; }),
               fs.end());
    }
  }
  for (const auto& w : stale_config_warnings(policy->config, config_used)) std::cerr << w << "\n";
  if (args.format == "sarif")
    std::cout << report::findings_sarif(all).dump(2) << "\n";
  else if (args.format == "json")
    std::cout << report::findings_json(all).dump(2) << "\n";
  else
    std::cout << report::findings_text(all);
  if (policy->create_baseline) {
    std::vector<BaselineScenario> entries;
    for (const auto& sf : all) {
      BaselineScenario b{sf.scenario->name, sf.scenario->file, {}};
      for (const auto& rf : sf.findings) {
        if (!rf.finding.suppressed) b.findings.push_back(rf.finding);
      }
      entries.push_back(std::move(b));
    }
    try {
      report::write_file_atomically(kBaselineFileName, baseline_text(entries));
    } catch (const std::exception& e) {
      std::cerr << "acmsim lint: " << e.what() << "\n";
      return kBadInput;
    }
    std::cerr << "acmsim lint: wrote " << kBaselineFileName << " (use it with --baseline " << kBaselineFileName << ")\n";
  }
  for (const auto& sf : all) {
    for (const auto& rf : sf.findings) {
      if (policy->fails(sf.scenario->name, rf.finding)) return kFailed;
    }
  }
  return kOk;
}

int explain_command(const std::string& id) {
  std::string wanted = id;
  for (auto& c : wanted) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Rules first (a rule id is also its concept tag), then probe outcomes,
  // settings and concepts; all case-insensitive.
  if (const auto* rule = analysis::find_rule(wanted)) {
    std::cout << report::explain(*rule);
    return kOk;
  }
  if (const auto* topic = report::find_topic(id)) {
    std::cout << topic->text;
    return kOk;
  }
  // Suggestions by meaning first: the rules and topics whose name or text
  // holds the word ("caa" -> caa-forbids-amazon, acm-caa), then by spelling.
  std::vector<std::string_view> by_meaning;
  std::vector<std::string_view> names;
  for (const auto* r : analysis::all_rules()) {
    names.push_back(r->id);
    std::string text = std::string(r->id) + " " + std::string(r->summary);
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (wanted.size() >= 3 && text.find(wanted) != std::string::npos) by_meaning.push_back(r->id);
  }
  for (const auto& t : report::explain_topics()) {
    names.push_back(t.name);
    if (wanted.size() >= 3 && t.words.find(wanted) != std::string::npos && by_meaning.size() < 8) by_meaning.push_back(t.name);
  }
  const auto near = by_meaning.empty() ? core::nearest(wanted, names, 3) : by_meaning;
  std::cerr << "acmsim explain: nothing is called \"" << id << "\"; " << (by_meaning.empty() ? "nearest: " : "about it: ");
  for (std::size_t i = 0; i < near.size(); ++i) std::cerr << (i > 0 ? ", " : "") << near[i];
  std::cerr << " (acmsim explain knows rules, probe outcomes, settings and concepts; acmsim rules and acmsim settings list them)\n";
  return kBadInput;
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
