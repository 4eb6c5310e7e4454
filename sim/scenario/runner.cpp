#include "acmsim/scenario/runner.hpp"

#include <map>

#include "acmsim/model/model_events.hpp"
#include "acmsim/scenario/matcher.hpp"
#include "acmsim/scenario/references.hpp"

namespace acmsim::scenario {

namespace {

constexpr std::uint32_t kStepEvent = static_cast<std::uint32_t>(model::ModelEvent::Last) + 1;

std::string call_name(const CallSpec& c) { return std::string(c.op->service) + ":" + std::string(c.op->name); }

class Runner {
 public:
  Runner(const Scenario& s, RunResult& out) : s_(s), out_(out) {}

  void operator()(const core::ScheduledEvent& ev) {
    if (ev.payload.kind == kStepEvent) {
      run_step(s_.steps[ev.payload.a]);
    } else {
      out_.world->set_origin(-1);
      out_.world->handle(ev);
    }
  }

 private:
  void record(const Step& st, bool passed, std::string kind, std::string message) {
    out_.expectations.push_back(ExpectationResult{st.index, st.line, st.at, passed, std::move(kind), message});
    if (out_.trace->enabled()) {
      out_.trace->add(out_.sim->now(), {{"type", "expectation"}, {"step", st.index}, {"line", st.line}, {"passed", passed}, {"message", message}});
    }
  }

  void note(const Step& st) {
    if (!st.note.empty() && out_.trace->enabled()) {
      out_.trace->add(out_.sim->now(), {{"type", "note"}, {"step", st.index}, {"line", st.line}, {"note", st.note}});
    }
  }

  // Substitutes references and re-checks the request shape; a message on failure.
  std::optional<std::string> prepare(const CallSpec& call, Json& params) {
    params = call.params;
    if (auto why = substitute(params, saved_)) return why;
    if (auto issue = api::check_shape(*call.op->input, params, false)) {
      return call_name(call) + " params" + readable_path(issue->pointer).substr(1) + " (after references): " + issue->message;
    }
    return std::nullopt;
  }

  void run_step(const Step& st) {
    note(st);
    if (st.kind == StepKind::Call) {
      run_call(st);
    } else if (st.kind == StepKind::Expect) {
      run_expect(st);
    }
  }

  void run_call(const Step& st) {
    Json params;
    if (auto why = prepare(st.call, params)) {
      record(st, false, "call", *why);
      return;
    }
    out_.world->set_origin(static_cast<std::int32_t>(st.index));
    const model::RegionId region = st.call.region.value_or(model::us_east_1());
    auto r = st.call.op->invoke(*out_.world, region, params);
    out_.world->set_origin(-1);
    if (out_.trace->enabled()) {
      Json rec = {{"type", "call"}, {"step", st.index}, {"line", st.line}, {"call", call_name(st.call)}};
      if (st.call.region) rec["region"] = model::region_code(*st.call.region);
      rec["request"] = params;
      if (r.ok())
        rec["response"] = r.value();
      else
        rec["error"] = {{"Code", r.error().code}, {"Message", r.error().message}};
      out_.trace->add(out_.sim->now(), std::move(rec));
    }
    const std::string where = call_name(st.call);
    if (r.ok()) {
      if (st.save) saved_[*st.save] = r.value();
      if (st.expect_error) record(st, false, "expectError", where + ": expected the error " + *st.expect_error + ", but the call succeeded");
      return;
    }
    const auto& err = r.error();
    if (!st.expect_error) {
      record(st, false, "call", where + " failed: " + err.code + ": " + err.message);
    } else if (*st.expect_error != err.code) {
      record(st, false, "expectError", where + ": expected the error " + *st.expect_error + ", got " + err.code + ": " + err.message);
    } else {
      record(st, true, "expectError", where + " failed as expected: " + err.code + ": " + err.message);
    }
  }

  void run_expect(const Step& st) {
    Json params;
    if (auto why = prepare(st.call, params)) {
      record(st, false, "expect", *why);
      return;
    }
    Json matches = st.matches;
    if (auto why = substitute(matches, saved_)) {
      record(st, false, "expect", *why);
      return;
    }
    const model::RegionId region = st.call.region.value_or(model::us_east_1());
    auto r = st.call.op->invoke(*out_.world, region, params);
    if (!r.ok()) {
      record(st, false, "expect", call_name(st.call) + " failed: " + r.error().code + ": " + r.error().message);
      return;
    }
    if (auto mismatch = partial_match(matches, r.value())) {
      record(st, false, "expect", call_name(st.call) + ": " + *mismatch);
    } else {
      record(st, true, "expect", call_name(st.call) + " matches");
    }
  }

  const Scenario& s_;
  RunResult& out_;
  std::map<std::string, Json> saved_;
};

}  // namespace

bool RunResult::passed() const {
  for (const auto& e : expectations) {
    if (!e.passed) return false;
  }
  return true;
}

RunResult run_scenario(const Scenario& s, const RunOptions& options) {
  RunResult out;
  out.scenario = &s;
  out.sim = std::make_unique<core::Simulation>(s.start, s.start + s.horizon, s.seed);
  out.sim->set_event_budget(options.max_events);
  out.trace = std::make_unique<core::Trace>(options.trace);
  out.world = std::make_unique<model::World>(*out.sim, *out.trace, s.settings, s.account);
  // Every step is scheduled at load, in file order: calls before the model's
  // own events of an instant, expectations after everything else.
  for (const auto& st : s.steps) {
    const auto prio = st.kind == StepKind::Expect ? core::Priority::Expectation : core::Priority::Scenario;
    out.sim->schedule_at(st.at, prio, core::EventPayload{kStepEvent, static_cast<std::uint32_t>(st.index), 0});
  }
  Runner runner(s, out);
  out.sim->run(runner);
  return out;
}

}  // namespace acmsim::scenario
