// The acmsim command's subcommands; main.cpp wires them to CLI11.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "acmsim/analysis/finding.hpp"
#include "acmsim/scenario/runner.hpp"
#include "acmsim/scenario/scenario.hpp"

namespace acmsim::cli {

/// Exit statuses of the scenario format's "Running" table.
enum ExitCode : int { kOk = 0, kFailed = 1, kBadInput = 2, kInternal = 3 };

struct RunArgs {
  std::string file;
  std::string trace_path;
  std::string out_path;
  bool quiet = false;
  bool narrate = false;
  scenario::LoadLimits limits;
  scenario::RunOptions options;
};

struct CheckArgs {
  std::vector<std::string> paths;
  unsigned jobs = 2;
  std::string junit;
  std::optional<analysis::Severity> fail_on;
  scenario::LoadLimits limits;
  scenario::RunOptions options;
};

struct LintArgs {
  std::string file;
  std::string at;
  std::string format = "text";
  std::string fail_on = "error";
  scenario::LoadLimits limits;
  scenario::RunOptions options;
};

struct GraphArgs {
  std::string file;
  std::string at;
  std::string format = "dot";
  std::string impact;
  scenario::LoadLimits limits;
  scenario::RunOptions options;
};

/// Loads and runs a scenario up to `at` (default: its horizon), for the analyses.
int run_to(const std::string& file, const std::string& at, const scenario::LoadLimits& limits, const scenario::RunOptions& options,
           scenario::Scenario& s, scenario::RunResult& r);
int graph_command(const GraphArgs& args);
int schema_command();
int run_command(const RunArgs& args);
int lint_command(const LintArgs& args);
int explain_command(const std::string& id);
int rules_command(const std::string& format);
int check_command(const CheckArgs& args);
/// Every .json file under the given files and folders, folders sorted by path.
std::vector<std::string> collect_scenarios(const std::vector<std::string>& paths, std::string* error);
int settings_command(bool markdown);
int test_pattern_command(const std::string& pattern, const std::string& event);

}  // namespace acmsim::cli
