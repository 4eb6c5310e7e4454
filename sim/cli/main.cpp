// The acmsim command. The only place that prints, parses options and maps
// failures to exit statuses.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <thread>

#include "acmsim/version.hpp"
#include "commands.hpp"

namespace {

std::uint64_t parse_bytes_or_throw(const std::string& text) {
  std::size_t pos = 0;
  const unsigned long long v = std::stoull(text, &pos);
  std::string unit = text.substr(pos);
  if (unit.empty()) return v;
  if (unit == "K" || unit == "KiB") return v << 10;
  if (unit == "M" || unit == "MiB") return v << 20;
  if (unit == "G" || unit == "GiB") return v << 30;
  throw CLI::ValidationError("--max-file-size", "use a number of bytes, optionally with K, M or G");
}

int run_main(int argc, char** argv) {
  CLI::App app{
      "acmsim: a discrete-event simulator of AWS Certificate Manager across regions.\n"
      "Replays scenario files (AWS API calls, client probes, expectations) and reports what ACM would do."};
  app.set_version_flag("--version", std::string("acmsim ") + acmsim::kVersion);
  app.require_subcommand(1);

  acmsim::cli::RunArgs run;
  std::string max_horizon;
  std::string max_file_size;
  auto* run_cmd = app.add_subcommand("run",
                                     "Replay one scenario; a summary for people on stdout.\n"
                                     "Exit status: 0 all expectations held, 1 some failed, 2 bad input or usage, 3 internal error.");
  run_cmd->add_option("FILE", run.file, "the scenario file (JSON)")->required();
  run_cmd->add_option("--trace", run.trace_path, "write the trace as JSON Lines to this file");
  run_cmd->add_option("--out", run.out_path, "write the result document (JSON) to this file");
  run_cmd->add_flag("-q,--quiet", run.quiet, "print no summary");
  run_cmd->add_flag("--narrate", run.narrate, "tell the timeline as a story, with each rule's explanation, instead of the summary");
  run_cmd->add_option("--max-events", run.options.max_events, "event budget of the run")->capture_default_str();
  run_cmd->add_option("--max-steps", run.limits.max_steps, "most steps a scenario may have")->capture_default_str();
  run_cmd->add_option("--max-horizon", max_horizon, "longest simulated span (a duration, default 36525d)");
  run_cmd->add_option("--max-file-size", max_file_size, "largest scenario file, in bytes (K, M, G suffixes; default 64M)");

  acmsim::cli::CheckArgs check;
  check.jobs = std::max(1U, std::thread::hardware_concurrency());
  auto* check_cmd = app.add_subcommand("check",
                                       "Run every scenario in the files and folders given; one line per scenario and a closing count.\n"
                                       "Exit status: 0 all passed, 1 some failed, 2 bad input.");
  check_cmd->add_option("PATH", check.paths, "scenario files or folders (searched recursively for *.json; studies, *.study.json, are skipped)")
      ->required();
  check_cmd->add_option("-j,--jobs", check.jobs, "scenarios run in parallel")->check(CLI::Range(1, 256));
  check_cmd->add_option("--max-events", check.options.max_events, "event budget of each run")->capture_default_str();
  check_cmd->add_option("--junit", check.junit, "write JUnit XML (one test case a scenario) to this file");
  std::string check_fail_on;
  check_cmd->add_option("--fail-on", check_fail_on, "findings at or above this severity (error, warning, info) fail a scenario")
      ->check(CLI::IsMember({"error", "warning", "info"}));

  acmsim::cli::LintArgs lint;
  auto* lint_cmd = app.add_subcommand("lint",
                                      "The misconfiguration analysis of the state a scenario builds (expectations are not checked).\n"
                                      "Exit status: 0 nothing at or above --fail-on, 1 otherwise, 2 bad input.");
  lint_cmd->add_option("FILE", lint.file, "the scenario file")->required();
  lint_cmd->add_option("--at", lint.at, "analyse the state at this time (a duration from start, or a timestamp); default: the horizon");
  lint_cmd->add_option("--format", lint.format, "text, json or sarif (SARIF 2.1.0)")->capture_default_str();
  lint_cmd->add_option("--fail-on", lint.fail_on, "error, warning or info")->capture_default_str();
  acmsim::cli::GraphArgs graph;
  auto* graph_cmd = app.add_subcommand("graph",
                                       "The resource graph of the state a scenario builds: Graphviz DOT (clusters per region, colours by state\n"
                                       "and finding) or JSON; with --impact, what depends on a resource.");
  graph_cmd->add_option("FILE", graph.file, "the scenario file")->required();
  graph_cmd->add_option("--at", graph.at, "the state at this time (a duration from start, or a timestamp); default: the horizon");
  graph_cmd->add_option("--format", graph.format, "dot or json")->capture_default_str();
  graph_cmd->add_option("--impact", graph.impact, "an ARN or name: list what depends on it (the blast radius)");
  std::string rule_id;
  auto* explain_cmd =
      app.add_subcommand("explain", "What a rule means, why AWS behaves so, how to fix it. Exit status: 0, or 2 for an unknown rule.");
  explain_cmd->add_option("RULE", rule_id, "a rule id (acmsim rules lists them)")->required();
  std::string rules_format = "text";
  auto* rules_cmd = app.add_subcommand("rules", "The catalogue of misconfiguration rules.");
  rules_cmd->add_option("--format", rules_format, "text or markdown")->capture_default_str();

  std::string pattern_arg;
  std::string event_arg;
  auto* events_cmd = app.add_subcommand("events", "EventBridge tools.");
  events_cmd->require_subcommand(1);
  auto* test_pattern =
      events_cmd->add_subcommand("test-pattern",
                                 "Match an event against an EventBridge event pattern, as aws events test-event-pattern does.\n"
                                 "Prints {\"Result\": true} or {\"Result\": false}. Exit status: 0, or 2 for an invalid pattern or event.");
  test_pattern->add_option("--event-pattern", pattern_arg, "the pattern: JSON text, or @FILE")->required();
  test_pattern->add_option("--event", event_arg, "the event: JSON text, or @FILE")->required();

  auto* schema_cmd = app.add_subcommand("schema", "Print the JSON Schema (draft 2020-12) of the scenario format, for editors.");

  acmsim::cli::SweepArgs sweep;
  sweep.threads = std::max(1U, std::thread::hardware_concurrency());
  auto* sweep_cmd = app.add_subcommand("sweep",
                                       "Run a study: every parameter point times every replication, in parallel; statistics per point.\n"
                                       "The result is byte-identical whatever --threads is. Exit status: 0, or 2 for bad input.");
  sweep_cmd->add_option("STUDY", sweep.file, "the study file (JSON)")->required();
  sweep_cmd->add_option("--replications", sweep.replications, "replications per point (default: the study's)")->check(CLI::Range(1, 1'000'000));
  sweep_cmd->add_option("--threads", sweep.threads, "worker threads (default: all cores)")->check(CLI::Range(1, 1024));
  sweep_cmd->add_option("--out", sweep.out, "write the result document (JSON) to this file");
  sweep_cmd->add_option("--shard", sweep.shard,
                        "run slice I of N (0-based, e.g. 2/4); default: from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX");
  sweep_cmd->add_option("--shard-count", sweep.shard_count, "the number of slices, where the job array's variables do not say it")
      ->check(CLI::Range(1, 1'000'000));
  sweep_cmd->add_option("--format", sweep.format, "what stdout gets: text, markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->capture_default_str();
  sweep_cmd->add_option("--svg", sweep.svg, "draw a chart of one metric (mean and 95% CI per point) to this SVG file");
  sweep_cmd->add_option("--chart-metric", sweep.chart_metric, "the metric of the chart (default: the study's \"chart\", else its first)");
  sweep_cmd->add_option("--max-events", sweep.max_events, "event budget of each run")->capture_default_str();
  sweep_cmd->add_flag("-q,--quiet", sweep.quiet, "no progress bar");

  acmsim::cli::MergeArgs merge;
  auto* merge_cmd = app.add_subcommand("merge",
                                       "Combine the results of a study's shards into the result of the whole study (the same bytes as one\n"
                                       "unsharded run). Exit status: 0, or 2 when the files are not shards of one study or leave gaps.");
  merge_cmd->add_option("RESULT", merge.files, "shard result files (acmsim sweep --shard I/N --out ...)")->required();
  merge_cmd->add_option("--out", merge.out, "write the merged result document (JSON) to this file");
  merge_cmd->add_option("--format", merge.format, "what stdout gets: text, markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->capture_default_str();
  merge_cmd->add_option("--svg", merge.svg, "draw a chart of one metric to this SVG file");
  merge_cmd->add_option("--chart-metric", merge.chart_metric, "the metric of the chart (default: the first)");

  bool markdown = false;
  auto* settings_cmd = app.add_subcommand("settings", "List the model's settings: defaults, meaning and AWS sources.");
  settings_cmd->add_flag("--markdown", markdown, "print a Markdown table");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : acmsim::cli::kBadInput;
  }
  if (*run_cmd) {
    if (!max_horizon.empty()) {
      auto d = acmsim::core::parse_duration(max_horizon);
      if (!d) {
        std::cerr << "acmsim run: --max-horizon '" << max_horizon << "' is not a duration (\"3650d\")\n";
        return acmsim::cli::kBadInput;
      }
      run.limits.max_horizon = *d;
    }
    if (!max_file_size.empty()) {
      try {
        run.limits.max_file_bytes = parse_bytes_or_throw(max_file_size);
      } catch (const std::exception&) {
        std::cerr << "acmsim run: --max-file-size '" << max_file_size << "' is not a size (\"64M\")\n";
        return acmsim::cli::kBadInput;
      }
    }
    return acmsim::cli::run_command(run);
  }
  if (*check_cmd) {
    if (check_fail_on == "error") check.fail_on = acmsim::analysis::Severity::Error;
    if (check_fail_on == "warning") check.fail_on = acmsim::analysis::Severity::Warning;
    if (check_fail_on == "info") check.fail_on = acmsim::analysis::Severity::Info;
    return acmsim::cli::check_command(check);
  }
  if (*lint_cmd) return acmsim::cli::lint_command(lint);
  if (*schema_cmd) return acmsim::cli::schema_command();
  if (*graph_cmd) return acmsim::cli::graph_command(graph);
  if (*explain_cmd) return acmsim::cli::explain_command(rule_id);
  if (*rules_cmd) return acmsim::cli::rules_command(rules_format);
  if (*test_pattern) return acmsim::cli::test_pattern_command(pattern_arg, event_arg);
  if (*sweep_cmd) return acmsim::cli::sweep_command(sweep);
  if (*merge_cmd) return acmsim::cli::merge_command(merge);
  if (*settings_cmd) return acmsim::cli::settings_command(markdown);
  return acmsim::cli::kBadInput;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "acmsim: internal error: " << e.what() << "\n";
    return acmsim::cli::kInternal;
  } catch (...) {
    std::cerr << "acmsim: internal error\n";
    return acmsim::cli::kInternal;
  }
}
