// The acmsim command's subcommands; main.cpp wires them to CLI11.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "acmsim/analysis/finding.hpp"
#include "acmsim/scenario/runner.hpp"
#include "acmsim/scenario/scenario.hpp"
#include "acmsim/study/sweep.hpp"
#include "policy.hpp"

namespace acmsim::cli {

/// Exit statuses of the scenario format's "Running" table.
enum ExitCode : int { kOk = 0, kFailed = 1, kBadInput = 2, kInternal = 3 };

struct RunArgs {
  std::string file;
  std::string trace_path;
  std::string out_path;
  std::string html_path;
  bool quiet = false;
  bool narrate = false;
  bool full = false;
  PolicyOptions policy;
  scenario::LoadLimits limits;
  scenario::RunOptions options;
};

struct CheckArgs {
  std::vector<std::string> paths;
  unsigned jobs = 2;
  std::string junit;
  PolicyOptions policy;
  scenario::LoadLimits limits;
  scenario::RunOptions options;
};

/// What templates are read with: --region, --account, --parameter.
struct TemplateOptions {
  std::string region;  // empty: the config file's templates.regions, else us-east-1
  std::string account = "111122223333";
  std::vector<std::string> parameters;  // [STACK.]KEY=VALUE
};

struct LintArgs {
  std::vector<std::string> files;
  TemplateOptions templates;
  std::string at;
  std::string format = "text";
  PolicyOptions policy;
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

struct ImportArgs {
  std::vector<std::string> files;
  TemplateOptions templates;
  std::string out = "-";
  scenario::LoadLimits limits;
};
int import_command(const ImportArgs& args);

/// Reads templates into a scenario whose findings point at the templates
/// (notices of what is not simulated on stderr); kBadInput with the error
/// printed when the input is bad.
int import_templates(const std::vector<std::string>& files, const TemplateOptions& t, const scenario::LoadLimits& limits, scenario::Scenario& s,
                     core::Json* document = nullptr);

/// Runs a loaded scenario up to `at` (default: its horizon), for the analyses.
int run_loaded(const std::string& at, const scenario::RunOptions& options, scenario::Scenario& s, scenario::RunResult& r, const Policy* policy);

/// Loads and runs a scenario up to `at` (default: its horizon), for the analyses.
int run_to(const std::string& file, const std::string& at, const scenario::LoadLimits& limits, const scenario::RunOptions& options,
           scenario::Scenario& s, scenario::RunResult& r, const Policy* policy = nullptr);
int graph_command(const GraphArgs& args);
int schema_command(const std::string& format);
int run_command(const RunArgs& args);
int lint_command(const LintArgs& args);
int explain_command(const std::string& id);
int rules_command(const std::string& format);
int check_command(const CheckArgs& args);
/// The scenarios among the files and folders given: a file named on the
/// command line is one; in a folder (searched recursively, sorted by path),
/// *.json files with a "scenario" member (or naming the scenario schema) are,
/// the others are skipped with the reason, and nothing outside the folder is
/// followed. `error` is set when a path does not exist or nothing is selected.
struct Selection {
  std::vector<std::string> files;
  std::vector<std::pair<std::string, std::string>> skipped;  // file, why
  std::string error;
};
Selection select_scenarios(const std::vector<std::string>& paths, const scenario::LoadLimits& limits);
int settings_command(const std::string& format);

struct SweepArgs {
  std::string file;
  std::optional<std::size_t> replications;
  unsigned threads = 1;
  std::string out;
  std::string shard;
  std::optional<std::size_t> shard_count;
  std::string format = "text";
  std::string svg;
  std::string html;
  std::string chart_metric;
  bool quiet = false;
  bool no_progress = false;
  std::uint64_t max_events = 10'000'000;
  std::uint64_t max_memory = scenario::kDefaultMaxMemory;
  scenario::LoadLimits limits;
  std::string base;  // --base: the base scenario, wherever it is
};
struct MergeArgs {
  std::vector<std::string> files;
  std::string html;
  std::uint64_t max_file_size = 256ULL << 20;  // a shard of a large study is large
  std::string out;
  std::string format = "text";
  std::string svg;
  std::string chart_metric;
};
int sweep_command(const SweepArgs& args);
int merge_command(const MergeArgs& args);
/// --shard I/N, else a job array's index variable; nullopt with `error` set when invalid.
std::optional<study::Shard> select_shard(const std::string& flag, std::optional<std::size_t> count_option, std::string& source, std::string& error);
/// EventBridge itself takes patterns and events of at most 256 KB; the default
/// leaves room for hand-written files, and no more.
inline constexpr std::uint64_t kDefaultMaxPatternBytes = 1ULL << 20;
int test_pattern_command(const std::string& pattern, const std::string& event, std::uint64_t max_bytes);

}  // namespace acmsim::cli
