// What a team decides once for all its runs in CI, as cfn-lint's .cfnlintrc and
// checkov's .checkov.yaml and baselines do: a config file (.acmsim.json, found
// from the current folder upwards), skipped rules, extra suppressions, the
// default --fail-on, and a baseline of findings that are known and accepted.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "acmsim/analysis/finding.hpp"
#include "acmsim/scenario/runner.hpp"
#include "acmsim/scenario/scenario.hpp"

namespace acmsim::cli {

inline constexpr const char* kConfigFileName = ".acmsim.json";
inline constexpr const char* kBaselineFileName = ".acmsim.baseline.json";

/// A config file's contents.
struct Config {
  std::string file;                           // where it was read; empty when there is none
  std::optional<analysis::Severity> fail_on;  // nullopt with fail_on_given: "none"
  bool fail_on_given = false;
  std::vector<std::string> skip_rules;
  std::vector<analysis::Suppression> suppressions;  // each with `file` set
  /// For templates as input (lint and import of CloudFormation and Terraform).
  std::vector<std::string> template_regions;
  core::Json template_parameters = core::Json::object();
};

/// The nearest .acmsim.json in `start` or a folder above it.
std::optional<std::string> find_config(const std::filesystem::path& start);

/// Reads and checks a config file; throws scenario::InputError with its position.
Config load_config(const std::string& path);

/// Findings recorded as accepted: (scenario name, finding id) pairs.
struct Baseline {
  std::string file;
  std::set<std::pair<std::string, std::string>> entries;
  [[nodiscard]] bool contains(const std::string& scenario, const analysis::Finding& f) const { return entries.count({scenario, f.id}) > 0; }
};

/// Reads a baseline written by --create-baseline; throws scenario::InputError.
Baseline load_baseline(const std::string& path);

/// One scenario's findings for a baseline file.
struct BaselineScenario {
  std::string scenario;
  std::string file;
  std::vector<analysis::Finding> findings;
};
std::string baseline_text(const std::vector<BaselineScenario>& scenarios);

/// The policy a command applies, from its options, then the config file, then defaults.
struct Policy {
  Config config;
  std::optional<analysis::Severity> fail_on;
  std::vector<std::string> skip_rules;
  std::optional<Baseline> baseline;
  bool create_baseline = false;

  /// Adds the config file's suppressions to a loaded scenario and the skipped
  /// rules to its run options.
  void apply(scenario::Scenario& s, scenario::RunOptions& options) const;
  /// Whether a finding fails the command: at or above --fail-on, neither
  /// suppressed nor in the baseline.
  [[nodiscard]] bool fails(const std::string& scenario, const analysis::Finding& f) const;
  [[nodiscard]] bool baselined(const std::string& scenario, const analysis::Finding& f) const { return baseline && baseline->contains(scenario, f); }
};

/// The options every command that analyses scenarios shares.
struct PolicyOptions {
  std::string config;  // --config
  bool no_config = false;
  std::vector<std::string> skip_rules;  // --skip-rule
  std::string fail_on;                  // --fail-on, "" when not given
  std::string baseline;                 // --baseline
  bool create_baseline = false;
};

/// Resolves the options against the config file; on a problem prints it and
/// returns nullopt (the caller exits 2). `default_fail_on` applies when neither
/// the options nor the config say.
std::optional<Policy> resolve_policy(const PolicyOptions& o, std::optional<analysis::Severity> default_fail_on, const char* command);

/// Every distinct finding raised during a run (first raise of each), refused
/// calls included, in the order they were raised.
std::vector<analysis::Finding> raised_during(const scenario::RunResult& r);

/// "FILE:LINE: warning: ..." for each of the config file's suppressions that
/// no run of the command used. `used[i]` is for the i-th config suppression.
std::vector<std::string> stale_config_warnings(const Config& c, const std::vector<bool>& used);

std::optional<analysis::Severity> parse_severity(const std::string& s);

}  // namespace acmsim::cli
