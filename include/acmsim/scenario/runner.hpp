// Replays a scenario: schedules every step when loaded, runs the simulation to
// the horizon, and records what each expectation found.
#pragma once

#include <functional>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "acmsim/analysis/engine.hpp"
#include "acmsim/core/simulation.hpp"
#include "acmsim/core/trace.hpp"
#include "acmsim/model/world.hpp"
#include "acmsim/scenario/scenario.hpp"

namespace acmsim::scenario {

/// The memory budget of a run unless --max-memory says otherwise: well above
/// what a 100,000-certificate fleet needs, well below what makes a CI machine swap.
inline constexpr std::uint64_t kDefaultMaxMemory = 8ULL << 30;

struct RunOptions {
  std::uint64_t max_events = 10'000'000;
  /// Resident memory of the process the run may reach (0: no budget).
  std::uint64_t max_memory = kDefaultMaxMemory;
  bool trace = true;
  bool trace_probe_attempts = true;
  /// Off: every rule runs at every evaluated instant (the reference the
  /// incremental analysis is tested against).
  bool incremental_analysis = true;
  /// World size (certificates and DNS records) from which rules run on
  /// several threads; tests set 0 to compare with the sequential engine.
  std::size_t parallel_analysis_from = analysis::Engine::kParallelFrom;
  /// Rules that are not run at all (--skip-rule).
  std::vector<std::string> skip_rules;
  /// Check the model's invariants after every event (tests, fuzzing,
  /// --check-invariants); a broken one throws model::InvariantViolation.
  bool check_invariants = false;
  /// Keep every EventBridge event and delivery for after the run (the HTML
  /// report's timelines, a study's event metrics). A scenario with events or
  /// deliveries expectations keeps them anyway; otherwise only counts are kept.
  bool keep_event_history = false;
  /// The trace record types the run keeps in memory for its reports (the
  /// summary reads only "state"); empty keeps all. The --trace file gets all.
  std::vector<std::string> keep_trace_types;
  /// Kept trace records hold their bodies as JSON text until read: a fleet's
  /// summary reads the stories of a few certificates out of all of them.
  bool compact_trace = false;
  /// Where every trace record goes as it is made (the --trace file); the run
  /// itself keeps all records but the probe attempts that repeat an outcome.
  std::ostream* trace_out = nullptr;
  /// Called every 65,536 events with the simulated time (a progress bar);
  /// never in between, so the event loop pays one branch an event.
  std::function<void(core::SimTime now, std::uint64_t events)> progress;
};

/// One entry of the result document: an expectation step, or a call step that
/// has expectError or failed unexpectedly.
struct ExpectationResult {
  std::size_t step = 0;
  int line = 0;
  SimTime at;
  bool passed = false;
  std::string kind;  // "call", "expectError", "expect"
  std::string message;
};

/// Everything a run produced; owns the simulation and the world so that reports
/// can read the final state.
struct RunResult {
  const Scenario* scenario = nullptr;
  std::unique_ptr<core::Simulation> sim;
  std::unique_ptr<core::Trace> trace;
  std::unique_ptr<model::World> world;
  std::unique_ptr<analysis::Engine> findings;
  std::vector<ExpectationResult> expectations;
  [[nodiscard]] bool passed() const;
};

/// Runs `s` to its horizon. Throws core::EventBudgetExceeded when the run
/// needs more events than allowed.
RunResult run_scenario(const Scenario& s, const RunOptions& options = {});

}  // namespace acmsim::scenario
