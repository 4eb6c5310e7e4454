#include "acmsim/core/event_queue.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "acmsim/core/simulation.hpp"

using namespace acmsim::core;

namespace {
EventPayload tag(std::uint32_t n) { return EventPayload{1, n, 0}; }

std::vector<std::uint32_t> drain(EventQueue& q) {
  std::vector<std::uint32_t> out;
  while (!q.empty()) out.push_back(q.pop().payload.a);
  return out;
}
}  // namespace

TEST(EventQueue, OrdersByTimeThenPriorityThenSchedulingOrder) {
  EventQueue q;
  q.push(SimTime{20}, Priority::Model, tag(1));
  q.push(SimTime{10}, Priority::Expectation, tag(2));
  q.push(SimTime{10}, Priority::Model, tag(3));
  q.push(SimTime{10}, Priority::Scenario, tag(4));
  q.push(SimTime{10}, Priority::Model, tag(5));
  EXPECT_EQ(drain(q), (std::vector<std::uint32_t>{4, 3, 5, 2, 1}));
}

TEST(EventQueue, CancelledEventsNeverSurface) {
  EventQueue q;
  const EventId a = q.push(SimTime{1}, Priority::Model, tag(1));
  q.push(SimTime{2}, Priority::Model, tag(2));
  const EventId c = q.push(SimTime{3}, Priority::Model, tag(3));
  EXPECT_TRUE(q.cancel(a));
  EXPECT_FALSE(q.cancel(a)) << "a second cancel is a no-op";
  EXPECT_TRUE(q.cancel(c));
  EXPECT_EQ(q.size(), 1U);
  EXPECT_EQ(drain(q), (std::vector<std::uint32_t>{2}));
}

TEST(EventQueue, CancellingAnEventThatAlreadyRanDoesNothing) {
  EventQueue q;
  const EventId first = q.push(SimTime{1}, Priority::Model, tag(1));
  EXPECT_EQ(q.pop().payload.a, 1U);
  q.push(SimTime{2}, Priority::Model, tag(2));
  EXPECT_FALSE(q.cancel(first));
  EXPECT_EQ(drain(q), (std::vector<std::uint32_t>{2}));
}

TEST(EventQueue, ManyCancellationsKeepOrderAfterCompaction) {
  EventQueue q;
  std::vector<EventId> ids;
  for (std::uint32_t i = 0; i < 20000; ++i) ids.push_back(q.push(SimTime{static_cast<std::int64_t>(20000 - i)}, Priority::Model, tag(i)));
  for (std::uint32_t i = 0; i < 20000; ++i) {
    if (i % 10 != 0) q.cancel(ids[i]);
  }
  std::vector<std::uint32_t> got = drain(q);
  ASSERT_EQ(got.size(), 2000U);
  for (std::size_t k = 1; k < got.size(); ++k) EXPECT_GT(got[k - 1], got[k]);  // later index = earlier time
}

namespace {
struct Recorder {
  std::vector<std::pair<std::int64_t, std::uint32_t>> seen;
  Simulation* sim = nullptr;
  void operator()(const ScheduledEvent& ev) {
    seen.emplace_back(ev.time.ms, ev.payload.a);
    if (ev.payload.a == 1) sim->schedule_in(Duration{5}, Priority::Model, tag(9));
  }
};
}  // namespace

TEST(Simulation, RunsEventsScheduledWhileRunningAndStopsAtTheHorizon) {
  Simulation sim(SimTime{0}, SimTime{100}, 1);
  Recorder r;
  r.sim = &sim;
  sim.schedule_at(SimTime{10}, Priority::Model, tag(1));
  sim.schedule_at(SimTime{100}, Priority::Model, tag(2));
  const EventId late = sim.schedule_at(SimTime{101}, Priority::Model, tag(3));
  EXPECT_FALSE(late.valid()) << "events past the horizon are not stored";
  sim.run(r);
  EXPECT_EQ(r.seen, (std::vector<std::pair<std::int64_t, std::uint32_t>>{{10, 1}, {15, 9}, {100, 2}}));
  EXPECT_EQ(sim.now().ms, 100);
}

TEST(Simulation, RefusesToScheduleInThePast) {
  Simulation sim(SimTime{50}, SimTime{100}, 1);
  EXPECT_THROW(sim.schedule_at(SimTime{49}, Priority::Model, tag(1)), std::logic_error);
}

TEST(Simulation, StopsWithAClearErrorWhenTheEventBudgetIsSpent) {
  Simulation sim(SimTime{0}, SimTime{1000}, 1);
  sim.set_event_budget(2);
  for (int i = 0; i < 5; ++i) sim.schedule_at(SimTime{i}, Priority::Model, tag(0));
  Recorder r;
  r.sim = &sim;
  try {
    sim.run(r);
    FAIL() << "expected EventBudgetExceeded";
  } catch (const EventBudgetExceeded& e) {
    EXPECT_EQ(e.budget(), 2U);
    EXPECT_NE(std::string(e.what()).find("--max-events"), std::string::npos);
  }
}

TEST(EventQueue, AnEventOfTheCurrentInstantCanBeCancelledUntilItRuns) {
  EventQueue q;
  q.push(SimTime{5}, Priority::Model, tag(1));
  const EventId second = q.push(SimTime{5}, Priority::Model, tag(2));
  const EventId first_again = q.push(SimTime{5}, Priority::Scenario, tag(3));
  EXPECT_EQ(q.pop().payload.a, 3U);
  EXPECT_FALSE(q.cancel(first_again)) << "ran at this instant";
  EXPECT_TRUE(q.cancel(second)) << "same instant, not yet run";
  EXPECT_EQ(drain(q), (std::vector<std::uint32_t>{1}));
}
