// The Simulation: one object that owns the clock, the pending events, the named
// random streams, the horizon and the event budget. Models receive it by
// reference; nothing here knows about AWS.
//
// Events are plain payloads interpreted by a dispatcher passed to run() as a
// template argument, so the loop has no virtual call and no std::function.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "acmsim/core/event_queue.hpp"
#include "acmsim/core/random.hpp"
#include "acmsim/core/time.hpp"

namespace acmsim::core {

/// A run needs more than one of its limits allows: bad input (exit 2), whose
/// message names the option that raises the limit.
class RunLimitExceeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Thrown when a run needs more events than its budget allows.
class EventBudgetExceeded : public RunLimitExceeded {
 public:
  explicit EventBudgetExceeded(std::uint64_t budget)
      : RunLimitExceeded("the run needed more than " + std::to_string(budget) +
                         " events (the event budget); raise it with --max-events if the scenario really needs more"),
        budget_(budget) {}
  [[nodiscard]] std::uint64_t budget() const { return budget_; }

 private:
  std::uint64_t budget_;
};

/// Thrown when the process's resident memory passes the memory budget.
class MemoryBudgetExceeded : public RunLimitExceeded {
 public:
  explicit MemoryBudgetExceeded(std::uint64_t budget)
      : RunLimitExceeded("the run needed more than " + std::to_string(budget >> 20) +
                         " MiB of memory (the memory budget); raise it with --max-memory if the scenario really needs more") {}
};

/// The process's resident memory in bytes (Linux: /proc/self/statm), or 0
/// where it cannot be read.
std::uint64_t resident_bytes();

class Simulation {
 public:
  Simulation(SimTime start, SimTime horizon, std::uint64_t seed) : now_(start), start_(start), horizon_(horizon), seed_(seed) {}

  [[nodiscard]] SimTime now() const { return now_; }
  [[nodiscard]] SimTime start() const { return start_; }
  [[nodiscard]] SimTime horizon() const { return horizon_; }
  [[nodiscard]] std::uint64_t seed() const { return seed_; }
  [[nodiscard]] std::uint64_t events_processed() const { return processed_; }
  [[nodiscard]] std::size_t pending() const { return queue_.size(); }

  void set_event_budget(std::uint64_t budget) { budget_ = budget; }
  /// Resident memory the process may reach (0: none), checked every 4,096 events.
  void set_memory_budget(std::uint64_t bytes) { memory_budget_ = bytes; }

  /// Schedules at an absolute instant (not before now). Events past the horizon
  /// would never run, so they are not stored and the returned id names nothing.
  EventId schedule_at(SimTime t, Priority p, EventPayload e) {
    if (t < now_) throw std::logic_error("event scheduled in the past");
    if (t > horizon_) return EventId{};
    return queue_.push(t, p, e);
  }
  EventId schedule_in(Duration d, Priority p, EventPayload e) { return schedule_at(now_ + d, p, e); }
  bool cancel(EventId id) { return queue_.cancel(id); }

  /// A fresh stream for one purpose, derived from the seed and the name.
  [[nodiscard]] RandomStream stream(std::string_view name) const { return RandomStream(seed_, name); }

  /// Runs until no event is left at or before the horizon; returns the number of
  /// events processed. The dispatcher is called as `d(const ScheduledEvent&)`.
  template <class Dispatcher>
  std::uint64_t run(Dispatcher& d) {
    return run_until(d, horizon_);
  }

  /// Runs every event at or before `until` (capped at the horizon), then moves
  /// the clock to `until`, as SimPy's run(until=...) does.
  template <class Dispatcher>
  std::uint64_t run_until(Dispatcher& d, SimTime until) {
    if (until > horizon_) until = horizon_;
    const std::uint64_t before = processed_;
    while (!queue_.empty() && queue_.next_time() <= until) {
      if (processed_ >= budget_) throw EventBudgetExceeded(budget_);
      if ((processed_ & 4095U) == 0 && memory_budget_ != 0 && resident_bytes() > memory_budget_) throw MemoryBudgetExceeded(memory_budget_);
      const ScheduledEvent ev = queue_.pop();
      now_ = ev.time;
      ++processed_;
      d(ev);
    }
    if (until > now_) now_ = until;
    return processed_ - before;
  }

 private:
  EventQueue queue_;
  SimTime now_;
  SimTime start_;
  SimTime horizon_;
  std::uint64_t seed_;
  std::uint64_t processed_ = 0;
  std::uint64_t budget_ = UINT64_MAX;
  std::uint64_t memory_budget_ = 0;
};

}  // namespace acmsim::core
