// The kernel's hold model: a steady number of pending events; each step pops
// the earliest and schedules a new one a random increment later. The same run
// measures a bare std::priority_queue of the same entries, as the baseline.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <queue>
#include <vector>

#include "acmsim/core/random.hpp"
#include "acmsim/core/simulation.hpp"

namespace {

using namespace acmsim::core;

// Increments are drawn once, so both contenders pay nothing for randomness.
const std::vector<std::int64_t>& increments() {
  static const std::vector<std::int64_t> v = [] {
    RandomStream r(2026, "bench.increments");
    std::vector<std::int64_t> out(1 << 20);
    for (auto& x : out) x = r.uniform_int(1, 1'000'000);
    return out;
  }();
  return v;
}

struct BareEntry {
  std::int64_t time;
  std::uint64_t key;
  EventPayload payload;
  bool operator>(const BareEntry& o) const { return time > o.time || (time == o.time && key > o.key); }
};

void BM_BarePriorityQueue(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& inc = increments();
  std::priority_queue<BareEntry, std::vector<BareEntry>, std::greater<>> q;
  std::uint64_t seq = 0;
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i) q.push(BareEntry{inc[k++ & (inc.size() - 1)], seq++, EventPayload{1, 0, 0}});
  for (auto _ : state) {
    const BareEntry top = q.top();
    q.pop();
    q.push(BareEntry{top.time + inc[k++ & (inc.size() - 1)], (std::uint64_t{1} << 56) | seq++, top.payload});
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_EventQueue(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& inc = increments();
  EventQueue q;
  q.reserve(n + 1);
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i) q.push(SimTime{inc[k++ & (inc.size() - 1)]}, Priority::Model, EventPayload{1, 0, 0});
  for (auto _ : state) {
    const ScheduledEvent ev = q.pop();
    q.push(ev.time + Duration{inc[k++ & (inc.size() - 1)]}, Priority::Model, ev.payload);
  }
  state.SetItemsProcessed(state.iterations());
}

// The whole loop: Simulation::run dispatching to a handler that re-schedules.
struct Hold {
  Simulation* sim;
  const std::vector<std::int64_t>* inc;
  std::size_t k = 0;
  void operator()(const ScheduledEvent& ev) { sim->schedule_in(Duration{(*inc)[k++ & (inc->size() - 1)]}, Priority::Model, ev.payload); }
};

void BM_SimulationRun(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& inc = increments();
  const std::int64_t steps_per_batch = 1 << 16;
  for (auto _ : state) {
    state.PauseTiming();
    Simulation sim(SimTime{0}, SimTime{INT64_MAX / 4}, 1);
    Hold hold{&sim, &inc};
    for (std::size_t i = 0; i < n; ++i) sim.schedule_at(SimTime{inc[i & (inc.size() - 1)]}, Priority::Model, EventPayload{1, 0, 0});
    sim.set_event_budget(static_cast<std::uint64_t>(steps_per_batch));
    state.ResumeTiming();
    try {
      sim.run(hold);
    } catch (const EventBudgetExceeded&) {
      // the budget ends the batch
    }
  }
  state.SetItemsProcessed(state.iterations() * steps_per_batch);
}

}  // namespace

BENCHMARK(BM_BarePriorityQueue)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_EventQueue)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_SimulationRun)->Arg(1'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
