// The acmsim command. The only place that prints, parses options and maps
// failures to exit statuses.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <exception>
#include <iostream>
#include <new>
#include <optional>
#include <thread>

#include "acmsim/core/suggest.hpp"
#include "acmsim/model/regions.hpp"
#include "acmsim/version.hpp"
#include "commands.hpp"

namespace {

/// "64M" -> bytes; nullopt for anything else (a sign, overflow, an unknown unit).
std::optional<std::uint64_t> parse_bytes(const std::string& text) {
  if (text.empty() || !std::isdigit(static_cast<unsigned char>(text.front()))) return std::nullopt;
  std::size_t pos = 0;
  unsigned long long v = 0;
  try {
    v = std::stoull(text, &pos);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  const std::string unit = text.substr(pos);
  int shift = 0;
  if (unit == "K" || unit == "KiB")
    shift = 10;
  else if (unit == "M" || unit == "MiB")
    shift = 20;
  else if (unit == "G" || unit == "GiB")
    shift = 30;
  else if (!unit.empty())
    return std::nullopt;
  if (v == 0 || v > (std::uint64_t{1} << 40) >> shift) return std::nullopt;  // at most 1 TiB
  return v << shift;
}

/// The input limits every command that reads scenarios shares.
struct LimitOptions {
  std::string max_horizon;
  std::string max_file_size;
  std::string max_memory;
};

void add_limit_options(CLI::App* cmd, acmsim::scenario::LoadLimits& limits, std::uint64_t& max_events, LimitOptions& text) {
  cmd->add_option("--max-memory", text.max_memory,
                  "memory budget of the process (K, M, G suffixes; default 8G): a run that needs more stops with exit 2");
  cmd->add_option("--max-events", max_events, "event budget of each run")
      ->capture_default_str()
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000'000}));
  cmd->add_option("--max-steps", limits.max_steps, "most steps a scenario may have")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}));
  cmd->add_option("--max-horizon", text.max_horizon, "longest simulated span (a duration, default 36525d)");
  cmd->add_option("--max-file-size", text.max_file_size, "largest input file, in bytes (K, M, G suffixes; default 64M)");
}

/// Applies --max-horizon, --max-file-size and --max-memory; false (after saying why) when invalid.
bool apply_limit_text(const LimitOptions& text, acmsim::scenario::LoadLimits& limits, std::uint64_t& max_memory, const char* command) {
  if (!text.max_memory.empty()) {
    auto b = parse_bytes(text.max_memory);
    if (!b || *b < (1ULL << 20)) {
      std::cerr << "acmsim " << command << ": --max-memory '" << text.max_memory << "' is not a size from 1M to 1T (\"8G\")\n";
      return false;
    }
    max_memory = *b;
  }
  if (!text.max_horizon.empty()) {
    auto d = acmsim::core::parse_duration(text.max_horizon);
    if (!d || d->ms <= 0 || d->ms > acmsim::core::Duration::days(3'000'000).ms) {
      std::cerr << "acmsim " << command << ": --max-horizon '" << text.max_horizon << "' is not a positive duration up to 3000000d (\"3650d\")\n";
      return false;
    }
    limits.max_horizon = *d;
  }
  if (!text.max_file_size.empty()) {
    auto b = parse_bytes(text.max_file_size);
    if (!b) {
      std::cerr << "acmsim " << command << ": --max-file-size '" << text.max_file_size << "' is not a size from 1 byte to 1T (\"64M\")\n";
      return false;
    }
    limits.max_file_bytes = *b;
  }
  return true;
}

void add_template_options(CLI::App* cmd, acmsim::cli::TemplateOptions& t, bool reads_config) {
  cmd->add_option("--region", t.region,
                  reads_config
                      ? "the region templates deploy to (default: each of the config file's templates.regions, else us-east-1; deployment "
                        "files, CDK manifests and Terraform providers name their own)"
                      : "the region templates deploy to (default: us-east-1; deployment files, CDK manifests and Terraform providers name their "
                        "own)");
  cmd->add_option("--account", t.account, "the account templates deploy to")->capture_default_str();
  cmd->add_option("--parameter", t.parameters, "a template parameter's value, [STACK.]KEY=VALUE (repeatable)");
}

void add_policy_options(CLI::App* cmd, acmsim::cli::PolicyOptions& p, const char* fail_on_default) {
  cmd->add_option("--config", p.config,
                  std::string("the config file (default: the nearest ") + acmsim::cli::kConfigFileName + " in the current folder or above)");
  cmd->add_flag("--no-config", p.no_config, "read no config file");
  cmd->add_option("--skip-rule", p.skip_rules, "do not run this rule (repeatable; acmsim rules lists them)");
  if (fail_on_default == nullptr) return;
  cmd->add_option("--fail-on", p.fail_on,
                  std::string("findings at or above this severity fail: error, warning, info or none; every finding raised during the run counts, "
                              "not only those open at the end; suppressed and baselined ones never fail (default: the config file's "
                              "failOn, else ") +
                      fail_on_default + ")")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}));
  cmd->add_option("--baseline", p.baseline, "findings recorded in this baseline file do not fail; new ones do");
  cmd->add_flag("--create-baseline", p.create_baseline,
                std::string("record every finding in ") + acmsim::cli::kBaselineFileName + " (in the current folder) as accepted");
}

/// The nearest subcommand names to a mistyped one.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& names) {
  const std::vector<std::string_view> views(names.begin(), names.end());
  return acmsim::core::did_you_mean(word, views, acmsim::core::Closeness::Loose);
}

int run_main(int argc, char** argv) {
  CLI::App app{
      "acmsim: a discrete-event simulator of AWS Certificate Manager across regions.\n"
      "Replays scenario files (AWS API calls, client probes, expectations) and reports what ACM would do.",
      "acmsim"};
  app.set_version_flag("--version", std::string("acmsim ") + acmsim::kVersion);
  app.require_subcommand(1);

  acmsim::cli::RunArgs run;
  LimitOptions run_limits;
  auto* run_cmd = app.add_subcommand("run",
                                     "Replay one scenario; a summary for people on stdout.\n"
                                     "Exit status: 0 all expectations held, 1 some failed, 2 bad input or usage, 3 internal error.");
  run_cmd->add_option("FILE", run.file, "the scenario file (JSON)")->required();
  run_cmd->add_option("--trace", run.trace_path, "write the trace as JSON Lines to this file (- for stdout)");
  run_cmd->add_option("--out", run.out_path, "write the result document (JSON) to this file (- for stdout)");
  run_cmd->add_option("--html", run.html_path,
                      "write a self-contained HTML report: certificate timelines per region, probes over time, the resource graph");
  run_cmd->add_flag("-q,--quiet", run.quiet,
                    "print nothing on stdout (the files asked for are still written); a large run then keeps no trace records for a summary, so it "
                    "is faster and smaller");
  run_cmd->add_flag("--full", run.full,
                    "list every certificate and every finding in the summary (above 20 certificates it lists only those with findings or failures; "
                    "above 20 findings, counts per rule and the first 20)");
  run_cmd->add_flag("--narrate", run.narrate, "tell the timeline as a story, with each rule's explanation, instead of the summary");
  run_cmd->add_flag("--check-invariants", run.options.check_invariants,
                    "check the model's invariants after every event (slower; a broken one is an internal error, exit 3)");
  add_limit_options(run_cmd, run.limits, run.options.max_events, run_limits);
  add_policy_options(run_cmd, run.policy, nullptr);

  acmsim::cli::CheckArgs check;
  check.jobs = std::max(1U, std::thread::hardware_concurrency());
  auto* check_cmd = app.add_subcommand("check",
                                       "Run every scenario in the files and folders given; one line per scenario and a closing count.\n"
                                       "Exit status: 0 all passed, 1 some failed, 2 bad input.");
  check_cmd
      ->add_option("PATH", check.paths,
                   "scenario files, or folders searched recursively for *.json files with a \"scenario\" member (the others are skipped, "
                   "with the reason on stderr; symbolic links out of the folder are not followed)")
      ->required();
  check_cmd->add_option("-j,--jobs", check.jobs, "scenarios run in parallel")->check(CLI::Range(1, 256));
  check_cmd->add_option("--junit", check.junit, "write JUnit XML (one test case a scenario, with its time) to this file");
  LimitOptions check_limits;
  add_limit_options(check_cmd, check.limits, check.options.max_events, check_limits);
  add_policy_options(check_cmd, check.policy, "none: only expectations fail");

  acmsim::cli::LintArgs lint;
  auto* lint_cmd = app.add_subcommand(
      "lint",
      "The misconfiguration analysis of the state a scenario, or a deployment of templates, builds (expectations are not checked).\n"
      "Exit status: 0 nothing at or above --fail-on, 1 otherwise, 2 bad input.");
  lint_cmd
      ->add_option("PATH", lint.files,
                   "scenario files, or folders (scenarios are selected as by acmsim check); CloudFormation or SAM templates (JSON or YAML), "
                   "deployment files, CDK manifests and Terraform plans given together are one deployment")
      ->required();
  add_template_options(lint_cmd, lint.templates, true);
  lint_cmd->add_option("--at", lint.at, "analyse the state at this time (a duration from start, or a timestamp); default: the horizon");
  lint_cmd->add_option("--format", lint.format, "text, json or sarif (SARIF 2.1.0)")->capture_default_str();
  LimitOptions lint_limits;
  add_limit_options(lint_cmd, lint.limits, lint.options.max_events, lint_limits);
  add_policy_options(lint_cmd, lint.policy, "error");
  acmsim::cli::ImportArgs import;
  auto* import_cmd =
      app.add_subcommand("import",
                         "Write the scenario that reproduces a deployment of CloudFormation or SAM templates (JSON or YAML), deployment\n"
                         "files, CDK manifests or Terraform plans: one call step per AWS call, each with a note naming the template line.\n"
                         "Exit status: 0, or 2 for bad input.");
  import_cmd
      ->add_option("INPUT", import.files,
                   "templates, deployment files, a CDK cloud assembly's manifest.json or a Terraform plan (terraform show -json)")
      ->required();
  add_template_options(import_cmd, import.templates, false);
  import_cmd->add_option("-o,--out", import.out, "write the scenario to this file (- for stdout)")->capture_default_str();
  import_cmd->add_option("--max-file-size", import.limits.max_file_bytes, "largest input file, in bytes")
      ->capture_default_str()
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40));
  acmsim::cli::GraphArgs graph;
  auto* graph_cmd = app.add_subcommand("graph",
                                       "The resource graph of the state a scenario builds: Graphviz DOT (clusters per region, colours by state\n"
                                       "and finding) or JSON; with --impact, what depends on a resource.");
  graph_cmd->add_option("FILE", graph.file, "the scenario file")->required();
  graph_cmd->add_option("--at", graph.at, "the state at this time (a duration from start, or a timestamp); default: the horizon");
  graph_cmd->add_option("--format", graph.format, "dot or json")->capture_default_str();
  graph_cmd->add_option("--impact", graph.impact, "an ARN or name: list what depends on it (the blast radius)");
  LimitOptions graph_limits;
  add_limit_options(graph_cmd, graph.limits, graph.options.max_events, graph_limits);
  std::string rule_id;
  auto* explain_cmd = app.add_subcommand("explain",
                                         "What a rule, a probe outcome, a setting or a concept means: why AWS behaves so, how to fix it.\n"
                                         "Exit status: 0, or 2 for an unknown name (with suggestions).");
  explain_cmd
      ->add_option("NAME", rule_id, "a rule id (acmsim rules), a probe outcome (CERT_EXPIRED), a setting (acm.validationTimeout) or a concept tag")
      ->required();
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
  std::string pattern_max_size;
  test_pattern->add_option("--max-file-size", pattern_max_size, "largest pattern or event, in bytes (K, M, G suffixes; default 1M)");

  std::string schema_format = "json";
  auto* schema_cmd = app.add_subcommand("schema",
                                        "Print the JSON Schema (draft 2020-12) of the scenario format, for editors; with --format markdown,\n"
                                        "every service, operation and request member, as docs/scenario-format.md lists them.");
  schema_cmd->add_option("--format", schema_format, "json (the JSON Schema) or markdown (the operations reference)")
      ->check(CLI::IsMember({"json", "markdown"}))
      ->capture_default_str();

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
  sweep_cmd->add_option("--html", sweep.html, "write a self-contained HTML report: a chart and a table per metric");
  sweep_cmd->add_option("--svg", sweep.svg, "draw a chart of one metric (mean and 95% CI per point) to this SVG file");
  sweep_cmd->add_option("--chart-metric", sweep.chart_metric,
                        "the metrics of the chart, comma-separated, side by side (default: the study's \"chart\", else its first)");
  sweep_cmd->add_option("--base", sweep.base, "the base scenario file, instead of the study's \"base\" (which must lie inside the study's folder)");
  LimitOptions sweep_limits;
  add_limit_options(sweep_cmd, sweep.limits, sweep.max_events, sweep_limits);
  sweep_cmd->add_flag("-q,--quiet", sweep.quiet, "print nothing on stdout (the files asked for are still written), and no progress bar");
  sweep_cmd->add_flag("--no-progress", sweep.no_progress, "no progress bar (it shows only when stderr is a terminal)");

  acmsim::cli::MergeArgs merge;
  auto* merge_cmd = app.add_subcommand("merge",
                                       "Combine the results of a study's shards into the result of the whole study (the same bytes as one\n"
                                       "unsharded run). Exit status: 0, or 2 when the files are not shards of one study or leave gaps.");
  merge_cmd->add_option("RESULT", merge.files, "shard result files (acmsim sweep --shard I/N --out ...)")->required();
  merge_cmd->add_option("--out", merge.out, "write the merged result document (JSON) to this file");
  merge_cmd->add_option("--format", merge.format, "what stdout gets: text, markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->capture_default_str();
  merge_cmd->add_option("--html", merge.html, "write a self-contained HTML report of the merged study");
  merge_cmd->add_option("--svg", merge.svg, "draw a chart of one metric to this SVG file");
  merge_cmd->add_option("--chart-metric", merge.chart_metric, "the metrics of the chart, comma-separated (default: the first)");
  std::string merge_max_size;
  merge_cmd->add_option("--max-file-size", merge_max_size, "largest shard result, in bytes (K, M, G suffixes; default 256M)");

  std::string settings_format = "text";
  bool markdown = false;
  auto* settings_cmd = app.add_subcommand("settings", "List the model's settings: defaults, meaning and AWS sources.");
  settings_cmd->add_option("--format", settings_format, "text or markdown (a table)")
      ->check(CLI::IsMember({"text", "markdown"}))
      ->capture_default_str();
  settings_cmd->add_flag("--markdown", markdown, "the same as --format markdown (kept for older scripts)")->group("");

  std::vector<std::string> help_topic;
  auto* help_cmd = app.add_subcommand("help", "Show the help of acmsim or of one command: acmsim help run");
  help_cmd->add_option("COMMAND", help_topic, "a command (and a subcommand: acmsim help events test-pattern)");

  // A mistyped command gets the nearest one, not CLI11's "A subcommand is required".
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands([](CLI::App*) { return true; })) names.push_back(sub->get_name());
  if (argc > 1 && argv[1][0] != '-' && std::find(names.begin(), names.end(), argv[1]) == names.end()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    std::cerr << "acmsim: unknown command \"" << argv[1] << "\"" << did_you_mean(argv[1], names) << "; commands: " << list
              << " (acmsim help COMMAND for one)\n";
    return acmsim::cli::kBadInput;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : acmsim::cli::kBadInput;
  }
  if (*help_cmd) {
    CLI::App* target = &app;
    for (const auto& word : help_topic) {
      CLI::App* next = nullptr;
      for (auto* sub : target->get_subcommands([](CLI::App*) { return true; })) {
        if (sub->get_name() == word) next = sub;
      }
      if (next == nullptr) {
        std::vector<std::string> subs;
        for (auto* sub : target->get_subcommands([](CLI::App*) { return true; })) subs.push_back(sub->get_name());
        std::cerr << "acmsim help: no command \"" << word << "\"" << did_you_mean(word, subs) << "\n";
        return acmsim::cli::kBadInput;
      }
      target = next;
    }
    std::cout << target->help();
    return acmsim::cli::kOk;
  }
  if (*run_cmd) {
    if (!apply_limit_text(run_limits, run.limits, run.options.max_memory, "run")) return acmsim::cli::kBadInput;
    return acmsim::cli::run_command(run);
  }
  if (*check_cmd) {
    if (!apply_limit_text(check_limits, check.limits, check.options.max_memory, "check")) return acmsim::cli::kBadInput;
    return acmsim::cli::check_command(check);
  }
  if (*lint_cmd) {
    if (!apply_limit_text(lint_limits, lint.limits, lint.options.max_memory, "lint")) return acmsim::cli::kBadInput;
    return acmsim::cli::lint_command(lint);
  }
  if (*schema_cmd) return acmsim::cli::schema_command(schema_format);
  if (*import_cmd) return acmsim::cli::import_command(import);
  if (*graph_cmd) {
    if (!apply_limit_text(graph_limits, graph.limits, graph.options.max_memory, "graph")) return acmsim::cli::kBadInput;
    return acmsim::cli::graph_command(graph);
  }
  if (*explain_cmd) return acmsim::cli::explain_command(rule_id);
  if (*rules_cmd) return acmsim::cli::rules_command(rules_format);
  if (*test_pattern) {
    std::uint64_t max_bytes = acmsim::cli::kDefaultMaxPatternBytes;
    if (!pattern_max_size.empty()) {
      const auto b = parse_bytes(pattern_max_size);
      if (!b) {
        std::cerr << "acmsim events test-pattern: --max-file-size '" << pattern_max_size << "' is not a size from 1 byte to 1T (\"1M\")\n";
        return acmsim::cli::kBadInput;
      }
      max_bytes = *b;
    }
    return acmsim::cli::test_pattern_command(pattern_arg, event_arg, max_bytes);
  }
  if (*sweep_cmd) {
    if (!apply_limit_text(sweep_limits, sweep.limits, sweep.max_memory, "sweep")) return acmsim::cli::kBadInput;
    return acmsim::cli::sweep_command(sweep);
  }
  if (*merge_cmd) {
    if (!merge_max_size.empty()) {
      const auto b = parse_bytes(merge_max_size);
      if (!b) {
        std::cerr << "acmsim merge: --max-file-size '" << merge_max_size << "' is not a size from 1 byte to 1T (\"256M\")\n";
        return acmsim::cli::kBadInput;
      }
      merge.max_file_size = *b;
    }
    return acmsim::cli::merge_command(merge);
  }
  if (*settings_cmd) return acmsim::cli::settings_command(markdown ? "markdown" : settings_format);
  return acmsim::cli::kBadInput;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_main(argc, argv);
  } catch (const std::bad_alloc&) {
    // The input asked for more than the machine has (a memory limit set by
    // ulimit or a container): the input's size, not a bug.
    std::cerr << "acmsim: out of memory: the input needs more memory than this process may use; set --max-memory below that limit "
                 "to stop cleanly at it, or give the process more\n";
    return acmsim::cli::kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "acmsim: internal error: " << e.what() << "\n";
    return acmsim::cli::kInternal;
  } catch (...) {
    std::cerr << "acmsim: internal error\n";
    return acmsim::cli::kInternal;
  }
}
