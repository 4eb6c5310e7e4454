#include "acmsim/report/graph_output.hpp"

#include <map>
#include <sstream>
#include <vector>

namespace acmsim::report {

namespace {

using analysis::ResourceGraph;
using analysis::ResourceNode;
using Vertex = ResourceGraph::vertex_descriptor;

std::string dot_escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string color(const ResourceNode& n) {
  if (n.finding) return "red";
  if (n.state == "ISSUED") return "darkgreen";
  if (n.state == "PENDING_VALIDATION") return "orange";
  if (n.state == "EXPIRED" || n.state == "FAILED" || n.state == "VALIDATION_TIMED_OUT" || n.state == "REVOKED") return "red3";
  return "black";
}

std::string shape(const std::string& kind) {
  if (kind == "certificate") return "note";
  if (kind == "hostname") return "plaintext";
  if (kind == "record") return "box";
  if (kind == "hosted-zone") return "folder";
  if (kind == "event-rule" || kind == "config-rule") return "hexagon";
  return "ellipse";
}

}  // namespace

std::string graph_dot(const ResourceGraph& g) {
  std::ostringstream out;
  out << "digraph acmsim {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=8];\n";
  std::map<std::string, std::vector<Vertex>> by_region;
  for (auto [it, end] = boost::vertices(g); it != end; ++it) by_region[g[*it].region].push_back(*it);
  for (const auto& [region, nodes] : by_region) {
    const bool cluster = !region.empty();
    if (cluster)
      out << "  subgraph \"cluster_" << region << "\" {\n    label=\"" << region << "\";\n    style=rounded;\n";
    else
      out << "  // global: Route 53, CloudFront, hostnames\n";
    for (const Vertex v : nodes) {
      const auto& n = g[v];
      out << (cluster ? "    " : "  ") << "n" << v << " [label=\"" << dot_escape(n.label) << (n.state.empty() ? "" : "\\n" + n.state)
          << "\", shape=" << shape(n.kind) << ", color=" << color(n) << (n.finding ? ", penwidth=2" : "") << "];\n";
    }
    if (cluster) out << "  }\n";
  }
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    out << "  n" << boost::source(*it, g) << " -> n" << boost::target(*it, g) << " [label=\"" << dot_escape(g[*it].name) << "\"];\n";
  }
  out << "}\n";
  return out.str();
}

core::Json graph_json(const ResourceGraph& g) {
  core::Json nodes = core::Json::array();
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const auto& n = g[*it];
    nodes.push_back({{"id", n.id}, {"kind", n.kind}, {"label", n.label}, {"region", n.region}, {"state", n.state}, {"finding", n.finding}});
  }
  core::Json edges = core::Json::array();
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    edges.push_back({{"from", g[boost::source(*it, g)].id}, {"to", g[boost::target(*it, g)].id}, {"relation", g[*it].name}});
  }
  return core::Json{{"nodes", nodes}, {"edges", edges}};
}

}  // namespace acmsim::report
