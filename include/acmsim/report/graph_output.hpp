// The resource graph written out: Graphviz DOT (regions as clusters, state
// and findings as colours) and JSON (nodes and edges, for other tools).
#pragma once

#include <string>

#include "acmsim/analysis/resource_graph.hpp"
#include "acmsim/core/trace.hpp"

namespace acmsim::report {

std::string graph_dot(const analysis::ResourceGraph& g);
core::Json graph_json(const analysis::ResourceGraph& g);

}  // namespace acmsim::report
