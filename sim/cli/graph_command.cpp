#include <iostream>

#include "acmsim/analysis/resource_graph.hpp"
#include "acmsim/report/graph_output.hpp"
#include "commands.hpp"

namespace acmsim::cli {

int graph_command(const GraphArgs& args) {
  if (args.format != "dot" && args.format != "json") {
    std::cerr << "acmsim graph: --format must be dot or json\n";
    return kBadInput;
  }
  scenario::Scenario s;
  scenario::RunResult r;
  if (const int rc = run_to(args.file, args.at, args.limits, args.options, s, r); rc != kOk) return rc;
  const auto findings = analysis::Engine::run_rules(*r.world, r.sim->now());
  const auto g = analysis::build_graph(*r.world, findings);
  if (!args.impact.empty()) {
    bool known = false;
    for (auto [it, end] = boost::vertices(g); it != end; ++it) known = known || g[*it].id == args.impact;
    if (!known) {
      std::cerr << "acmsim graph: no resource '" << args.impact << "' at that time (give an ARN or a name as the graph shows it)\n";
      return kBadInput;
    }
    const auto dependents = analysis::impact(g, args.impact);
    if (args.format == "json") {
      std::cout << core::Json{{"resource", args.impact}, {"dependents", dependents}}.dump(2) << "\n";
    } else {
      std::cout << "what depends on " << args.impact << " (" << dependents.size() << "):\n";
      for (const auto& d : dependents) std::cout << "  " << d << "\n";
    }
    return kOk;
  }
  if (args.format == "json") {
    core::Json j = report::graph_json(g);
    j["cycles"] = analysis::cycles(g);
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << report::graph_dot(g);
  }
  return kOk;
}

}  // namespace acmsim::cli
