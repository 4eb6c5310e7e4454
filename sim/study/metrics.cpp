// What one replication measured: each metric read from the run's final state,
// its trace, its probes' attempts and its findings.
#include <algorithm>
#include <cmath>
#include <map>

#include "acmsim/model/events/event_pattern.hpp"
#include "acmsim/model/state_change.hpp"
#include "acmsim/study/sweep.hpp"

namespace acmsim::study {

namespace {

using scenario::RunResult;

const model::ProbeTally* tally_of(const Metric& m, const RunResult& run) {
  const model::Probe* p = run.world->clients.find(m.probe);
  return p == nullptr ? nullptr : p->tally(m.from);
}

bool has_members(const Json& body, const Json& match) {
  for (const auto& [k, v] : match.items()) {
    auto it = body.find(k);
    if (it == body.end() || *it != v) return false;
  }
  return true;
}

std::int64_t count_state_changes(const RunResult& run, std::initializer_list<model::StateChange> changes) {
  std::int64_t n = 0;
  for (const auto& r : run.trace->records()) {
    n += std::any_of(changes.begin(), changes.end(), [&](model::StateChange c) { return model::is_state_change(r.body(), c); }) ? 1 : 0;
  }
  return n;
}

double hours_in_status(const RunResult& run, const std::string& status) {
  // Per certificate: when it entered the status, if it is in it now.
  std::map<std::string, core::SimTime> since;
  core::Duration total{0};
  for (const auto& r : run.trace->records()) {
    const Json& b = r.body();
    if (!model::is_state_change(b, model::StateChange::StatusChanged)) continue;
    const std::string& res = b["resource"].get_ref<const std::string&>();
    const bool in = b["status"] == status;
    auto it = since.find(res);
    if (it != since.end() && !in) {
      total = total + (r.time - it->second);
      since.erase(it);
    } else if (it == since.end() && in) {
      since.emplace(res, r.time);
    }
  }
  const core::SimTime end = run.scenario->start + run.scenario->horizon;
  for (const auto& [res, t] : since) total = total + (end - t);
  return static_cast<double>(total.ms) / 3'600'000.0;
}

std::optional<double> measure_one(const Metric& m, const RunResult& run) {
  switch (m.kind) {
    case MetricKind::ProbeAvailability: {
      const auto* t = tally_of(m, run);
      if (t == nullptr || t->attempts == 0) return std::nullopt;
      return t->availability();
    }
    case MetricKind::ProbeLatency: {
      // Nearest rank, as the scenario's latency expectations compute it.
      const auto* t = tally_of(m, run);
      if (t == nullptr) return std::nullopt;
      return t->latency.quantile(m.quantile);
    }
    case MetricKind::TimeToFirstOutage: {
      const auto* t = tally_of(m, run);
      if (t == nullptr || !t->first_failure) return std::nullopt;
      return static_cast<double>((*t->first_failure - run.scenario->start).ms) / 3'600'000.0;
    }
    case MetricKind::Events: {
      std::int64_t n = 0;
      for (const auto& e : run.world->events.events()) {
        if (e.region == m.region && e.bus == m.bus && m.compiled->matches(e.event)) ++n;
      }
      return static_cast<double>(n);
    }
    case MetricKind::Deliveries:
      return static_cast<double>(std::count_if(run.world->events.deliveries().begin(), run.world->events.deliveries().end(),
                                               [&](const model::Delivery& d) { return d.region == m.region && d.bus == m.bus && d.rule == m.rule; }));
    case MetricKind::Findings: {
      std::int64_t n = 0;
      if (m.ever) {
        for (const auto& h : run.findings->history()) n += h.raised && (m.rule.empty() || h.finding.rule == m.rule) ? 1 : 0;
      } else {
        for (const auto& f : run.findings->current()) n += m.rule.empty() || f.rule == m.rule ? 1 : 0;
      }
      return static_cast<double>(n);
    }
    case MetricKind::Renewals:
      return static_cast<double>(count_state_changes(run, {model::StateChange::Renewed}));
    case MetricKind::RenewalAttempts:
      return static_cast<double>(count_state_changes(run, {model::StateChange::RenewalStarted, model::StateChange::RenewalRetried}));
    case MetricKind::Expiries: {
      std::int64_t n = 0;
      for (const auto& r : run.trace->records())
        n += model::is_state_change(r.body(), model::StateChange::StatusChanged) && r.body().value("status", "") == "EXPIRED" ? 1 : 0;
      return static_cast<double>(n);
    }
    case MetricKind::StatusHours:
      return hours_in_status(run, m.status);
    case MetricKind::TraceCount:
      return static_cast<double>(std::count_if(run.trace->records().begin(), run.trace->records().end(),
                                               [&](const core::TraceRecord& r) { return has_members(r.body(), m.match); }));
  }
  return std::nullopt;
}

}  // namespace

Sample measure(const Study& st, const scenario::RunResult& run) {
  Sample out;
  out.reserve(st.metrics.size());
  for (const auto& m : st.metrics) out.push_back(measure_one(m, run));
  return out;
}

}  // namespace acmsim::study
