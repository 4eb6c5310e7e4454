#include <iostream>

#include "acmsim/report/atomic_file.hpp"
#include "acmsim/report/run_report.hpp"
#include "commands.hpp"

namespace acmsim::cli {

int run_command(const RunArgs& args) {
  scenario::Scenario s;
  try {
    s = scenario::load_scenario(args.file, args.limits);
  } catch (const scenario::InputError& e) {
    std::cerr << e.render() << "\n";
    return kBadInput;
  }
  scenario::RunOptions options = args.options;
  options.trace = true;
  scenario::RunResult r;
  try {
    r = scenario::run_scenario(s, options);
  } catch (const core::EventBudgetExceeded& e) {
    std::cerr << args.file << ":1:1: " << e.what() << "\n";
    return kBadInput;
  }
  try {
    if (!args.trace_path.empty()) report::write_file_atomically(args.trace_path, report::render_trace(r));
    if (!args.out_path.empty()) report::write_file_atomically(args.out_path, report::result_document(r).dump(2) + "\n");
  } catch (const std::exception& e) {
    std::cerr << "acmsim: " << e.what() << "\n";
    return kBadInput;
  }
  for (const auto* sup : report::stale_suppressions(r)) std::cerr << report::stale_suppression_warning(s, *sup) << "\n";
  if (!args.quiet) std::cout << (args.narrate ? report::render_narrative(r) : report::render_summary(r));
  return r.passed() ? kOk : kFailed;
}

}  // namespace acmsim::cli
