// The resource graph: the world at one instant as a Boost.Graph of resources
// (certificates, records, zones, custom domains, distributions, load balancers,
// listeners, APIs, rules, targets, Config rules) and relations ("uses",
// "validates", "points at", "delivers to", ...), with their regions.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <string>
#include <vector>

#include "acmsim/analysis/finding.hpp"
#include "acmsim/model/world.hpp"

namespace acmsim::analysis {

struct ResourceNode {
  std::string id;      // ARN or name
  std::string kind;    // "certificate", "record", "custom-domain", ...
  std::string label;   // for people
  std::string region;  // "" for global resources
  std::string state;   // ISSUED, EXPIRED, ...
  bool finding = false;
};

struct Relation {
  std::string name;  // "uses", "validates", "points at", "delivers to", "maps to", "listens on", "in zone"
};

using ResourceGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, ResourceNode, Relation>;

/// Builds the graph of the world at its current instant; marks nodes named by findings.
ResourceGraph build_graph(const model::World& world, const std::vector<Finding>& findings);

/// What depends on a resource: every node from which it can be reached (the
/// blast radius), plus the hostnames among them.
std::vector<std::string> impact(const ResourceGraph& g, const std::string& id);

/// Cycles of "points at" relations (name-resolution loops).
std::vector<std::vector<std::string>> cycles(const ResourceGraph& g);

}  // namespace acmsim::analysis
