#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <utility>

#include "acmsim/report/atomic_file.hpp"
#include "acmsim/report/html_report.hpp"
#include "acmsim/report/run_report.hpp"
#include "commands.hpp"

namespace acmsim::cli {

int run_command(const RunArgs& args) {
  const auto policy = resolve_policy(args.policy, std::nullopt, "run");
  if (!policy) return kBadInput;
  scenario::Scenario s;
  try {
    s = scenario::load_scenario(args.file, args.limits);
  } catch (const scenario::InputError& e) {
    std::cerr << e.render() << "\n";
    return kBadInput;
  }
  // Defaults that change what a run shows are said, once each.
  if (!s.start_given) std::cerr << args.file << ": note: no \"start\": the run starts on " << core::format_timestamp(s.start) << ", the default\n";
  if (!s.horizon_given)
    std::cerr << args.file << ": note: no \"horizon\": the run ends at its latest step, +" << core::format_duration(s.horizon)
              << (s.horizon.ms == 0 ? " (nothing timed will happen: give \"horizon\")" : "") << "\n";
  scenario::RunOptions options = args.options;
  options.keep_event_history = options.keep_event_history || !args.html_path.empty();
  // The summary reads only state changes; the story and the HTML report read everything.
  if (!args.narrate && args.html_path.empty()) {
    options.keep_trace_types = {"state"};
    options.compact_trace = true;
  }
  const std::size_t own = s.suppressions.size();
  policy->apply(s, options);
  // A quiet run prints no summary: records kept for it would be read by
  // nothing (a --trace file still gets every record as it is made).
  options.trace = !args.quiet || !args.html_path.empty();
  // Both or neither: a failed --out leaves no --trace behind. The trace is
  // written as the run goes (its temporary file), not held in memory.
  report::OutputFiles files;
  try {
    if (!args.trace_path.empty()) options.trace_out = &files.stream(args.trace_path);
  } catch (const std::exception& e) {
    std::cerr << "acmsim: " << e.what() << "\n";
    return kBadInput;
  }
  // A run that lasts more than a moment shows how far it got, on a terminal
  // only: CI logs and pipes get nothing.
  const bool terminal = !args.quiet && isatty(STDERR_FILENO) != 0;
  const auto began = std::chrono::steady_clock::now();
  bool shown = false;
  if (terminal) {
    options.progress = [&](core::SimTime now, std::uint64_t events) {
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
      if (elapsed < 1.0) return;
      const double done = static_cast<double>((now - s.start).ms) / static_cast<double>(std::max<std::int64_t>(1, s.horizon.ms));
      std::fprintf(stderr, "\racmsim run: simulated to %s (%.0f%%), %.1f M events, %.0f s ", core::format_timestamp(now).substr(0, 10).c_str(),
                   100.0 * done, static_cast<double>(events) / 1e6, elapsed);
      shown = true;
    };
  }
  scenario::RunResult r;
  try {
    r = scenario::run_scenario(s, options);
    if (shown) std::fprintf(stderr, "\r%60s\r", "");
  } catch (const core::RunLimitExceeded& e) {
    std::cerr << args.file << ":1:1: " << e.what() << "\n";
    return kBadInput;
  }
  try {
    // Written to its file as it is made: a fleet's document is tens of
    // megabytes of text, and held whole it would sit beside the whole world.
    if (!args.out_path.empty()) {
      auto& out = files.stream(args.out_path);
      report::write_result_document(out, r);
      out << "\n";
    }
    if (!args.html_path.empty()) files.add(args.html_path, report::run_html(r));
    files.commit();
  } catch (const std::exception& e) {
    std::cerr << "acmsim: " << e.what() << "\n";
    return kBadInput;
  }
  for (const auto* sup : report::stale_suppressions(r)) std::cerr << report::stale_suppression_warning(s, *sup) << "\n";
  const auto& used = r.findings->suppression_used();
  for (const auto& w : stale_config_warnings(policy->config, std::vector<bool>(used.begin() + static_cast<std::ptrdiff_t>(own), used.end())))
    std::cerr << w << "\n";
  if (!args.quiet) std::cout << (args.narrate ? report::render_narrative(r) : report::render_summary(r, args.full));
  const int status = r.passed() ? kOk : kFailed;
  // The process ends after this: handing a fleet's millions of objects back
  // one by one costs more than its reports do (5 % of a 10k-certificate run),
  // and the system takes them back at once. A static pointer keeps them
  // reachable, so leak checkers stay quiet.
  static const auto* const kept = new std::pair<scenario::Scenario, scenario::RunResult>(std::move(s), std::move(r));
  (void)kept;
  return status;
}

}  // namespace acmsim::cli
