// The acmsim command's subcommands; main.cpp wires them to CLI11.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "acmsim/analysis/finding.hpp"
#include "acmsim/scenario/runner.hpp"
#include "acmsim/scenario/scenario.hpp"
#include "acmsim/study/sweep.hpp"

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

struct SweepArgs {
  std::string file;
  std::optional<std::size_t> replications;
  unsigned threads = 1;
  std::string out;
  std::string shard;
  std::optional<std::size_t> shard_count;
  std::string format = "text";
  std::string svg;
  std::string chart_metric;
  bool quiet = false;
  std::uint64_t max_events = 10'000'000;
};
struct MergeArgs {
  std::vector<std::string> files;
  std::string out;
  std::string format = "text";
  std::string svg;
  std::string chart_metric;
};
int sweep_command(const SweepArgs& args);
int merge_command(const MergeArgs& args);
/// --shard I/N, else a job array's index variable; nullopt with `error` set when invalid.
std::optional<study::Shard> select_shard(const std::string& flag, std::optional<std::size_t> count_option, std::string& source, std::string& error);
int test_pattern_command(const std::string& pattern, const std::string& event);

}  // namespace acmsim::cli
