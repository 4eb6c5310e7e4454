// The scenario of one parameter point and replication.
#include <algorithm>

#include "acmsim/core/random.hpp"
#include "acmsim/study/sampling.hpp"
#include "acmsim/study/sweep.hpp"

namespace acmsim::study {

std::vector<Point> grid_points(const Study& st) {
  std::vector<const Parameter*> grid;
  for (const auto& p : st.parameters) {
    if (!p.grid.empty()) grid.push_back(&p);
  }
  std::vector<Point> out(1);
  for (const Parameter* p : grid) {
    std::vector<Point> next;
    for (const Point& base : out) {
      for (std::size_t i = 0; i < p->grid.size(); ++i) {
        Point q = base;
        q.values.emplace_back(p->name, p->grid[i]);
        q.choice.push_back(i);
        next.push_back(std::move(q));
      }
    }
    out = std::move(next);
  }
  return out;
}

std::uint64_t replication_seed(std::uint64_t study_seed, std::size_t replication) {
  std::uint64_t state = study_seed ^ core::fnv1a64("replication");
  state += 0x9E3779B97F4A7C15ULL * (static_cast<std::uint64_t>(replication) + 1);
  return core::splitmix64(state);
}

namespace {

/// Leaves out the positions of the removed steps, so that messages about a
/// variant still point at the right lines of the base file.
input::PosNode remap_steps(const input::PosNode& positions, const std::vector<std::size_t>& removed) {
  input::PosNode out = positions;
  input::PosNode* steps = out.child("steps");
  if (steps == nullptr) return out;
  for (auto it = removed.rbegin(); it != removed.rend(); ++it) {
    if (*it < steps->children.size()) steps->children.erase(steps->children.begin() + static_cast<std::ptrdiff_t>(*it));
  }
  return out;
}

}  // namespace

scenario::Scenario make_variant(const Study& st, const Point& point, std::size_t replication, Json* drawn) {
  input::SourceDocument doc;
  doc.root = st.base.root;
  std::vector<std::size_t> removed;
  std::size_t grid_index = 0;
  std::string described;
  for (const auto& p : st.parameters) {
    Json value;
    if (!p.grid.empty()) {
      value = point.values[grid_index++].second;
      if (p.step_switch && value.is_number()) {
        // A probability: whether the step runs is drawn per replication.
        core::RandomStream rng(replication_seed(st.seed, replication), "parameter:" + p.name);
        value = rng.uniform01() < value.get<double>();
        if (drawn != nullptr) (*drawn)[p.name] = value;
      }
    } else {
      // Each parameter has its own stream per replication: adding a parameter
      // never changes another's draws.
      core::RandomStream rng(replication_seed(p.distribution->seed.value_or(st.seed), replication), "parameter:" + p.name);
      value = draw(*p.distribution, rng);
      if (drawn != nullptr) (*drawn)[p.name] = value;
    }
    described += (described.empty() ? "" : ", ") + p.name + "=" + value.dump();
    if (!p.setting.empty()) {
      doc.root["settings"][p.setting] = value;
    } else if (p.step_switch) {
      if (!value.get<bool>()) removed.push_back(std::stoul(p.pointer.substr(7)));
    } else {
      doc.root[Json::json_pointer(p.pointer)] = value;
    }
  }
  std::sort(removed.begin(), removed.end());
  removed.erase(std::unique(removed.begin(), removed.end()), removed.end());
  for (auto it = removed.rbegin(); it != removed.rend(); ++it) doc.root["steps"].erase(*it);
  doc.root["seed"] = replication_seed(st.seed, replication);
  doc.positions = remap_steps(st.base.positions, removed);
  try {
    return scenario::load_scenario_document(doc, st.base_file, st.scenario_limits);
  } catch (const scenario::InputError& e) {
    throw scenario::InputError(
        e.file(), e.pos(), e.pointer(),
        std::string(e.what()) + " (in the variant of study " + st.name + " with " + described + ", replication " + std::to_string(replication) + ")");
  }
}

}  // namespace acmsim::study
