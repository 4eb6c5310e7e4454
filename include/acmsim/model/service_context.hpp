// What every service shares, owned by the World: the clock, the trace, the
// settings, the account, the scenario step being run, and the one way to
// write a state change. A service takes it first in its constructor and its
// own collaborators (ACM, the DNS) after it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "acmsim/core/simulation.hpp"
#include "acmsim/core/trace.hpp"
#include "acmsim/model/regions.hpp"
#include "acmsim/model/settings.hpp"
#include "acmsim/model/state_change.hpp"

namespace acmsim::model {

struct ServiceContext {
  core::Simulation& sim;
  core::Trace& trace;
  const Settings& settings;
  const std::string& account;
  /// The scenario step being run (for reports), or -1 while the model runs
  /// its own events; the World sets it, the services stamp what they create.
  std::int32_t origin = -1;

  [[nodiscard]] core::SimTime now() const { return sim.now(); }
  /// A state change of `service`'s `resource`, now (nothing when the trace is off).
  void emit_state(std::string_view service, std::optional<RegionId> region, std::string_view resource, StateChange change,
                  core::Json extra = core::Json::object()) const {
    if (trace.enabled()) model::emit_state(trace, sim.now(), service, region, resource, change, std::move(extra));
  }
};

}  // namespace acmsim::model
