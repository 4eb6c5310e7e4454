#include "acmsim/scenario/runner.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "acmsim/model/events/event_pattern.hpp"
#include "acmsim/model/invariants.hpp"
#include "acmsim/model/model_events.hpp"
#include "acmsim/scenario/matcher.hpp"
#include "acmsim/scenario/references.hpp"

namespace acmsim::scenario {

namespace {

/// The parts of the world a call to a service may change, for the analysis
/// engine. A service that attaches certificates changes ACM's InUseBy too;
/// ACM and Config send events; the simulation's own actions may touch anything.
// Marks what a call changed: the parts its operation writes as a whole
// (Operation::writes); what a call changes one resource at a time the
// services report themselves (a certificate starting or stopping to be used
// by an endpoint is that certificate's change, written records are changes to
// their names). An ACM call (or an approval) changes the one certificate it
// names in its request or response (its inventory entry and its state); one
// that names none (PutAccountConfiguration) may change how every certificate
// is judged.
void touch_changed_by(model::World& w, const api::Operation& op, const Json& params, const Json* response) {
  w.touch(op.read_only ? 0 : op.writes.value_or(model::kAllParts));
  if (op.read_only || !op.changes_named_certificate) return;
  const Json* arn = nullptr;
  if (params.is_object() && params.contains("CertificateArn")) arn = &params["CertificateArn"];
  if (arn == nullptr && response != nullptr && response->is_object() && response->contains("CertificateArn")) arn = &(*response)["CertificateArn"];
  if (arn != nullptr && arn->is_string()) {
    if (auto c = w.acm.find_any(arn->get_ref<const std::string&>()); c.ok()) {
      if (op.service == "acm") w.touch_key(model::Part::Acm, c.value()->id);
      w.touch_certificate(c.value()->id);
      return;
    }
    if (response == nullptr) return;  // refused: a certificate that does not exist changed nothing
  }
  w.touch(model::bit(model::Part::Acm) | model::bit(model::Part::Certificates));
}

constexpr std::uint32_t kStepEvent = static_cast<std::uint32_t>(model::ModelEvent::Last) + 1;
constexpr std::uint32_t kFindingsEvent = kStepEvent + 1;

// Strings of a refused call's request that name resources: ARNs, domain names.
void named_resources(const Json& v, std::vector<std::string>& out) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s.rfind("arn:", 0) == 0 || (s.find('.') != std::string::npos && s.find(' ') == std::string::npos && s.size() < 256)) out.push_back(s);
  } else if (v.is_array() || v.is_object()) {
    for (const auto& x : v) named_resources(x, out);
  }
}

std::string call_name(const CallSpec& c) { return std::string(c.op->service) + ":" + std::string(c.op->name); }

class Runner {
 public:
  Runner(const Scenario& s, RunResult& out) : s_(s), out_(out) {}

  void operator()(const core::ScheduledEvent& ev) {
    if (check_invariants_) check_time(ev.time);
    if ((++events_ & 0xFFFFU) == 0 && progress_ != nullptr && *progress_) (*progress_)(ev.time, events_);
    if (ev.payload.kind == kFindingsEvent) {
      evaluate_findings();
      return;
    }
    if (ev.payload.kind == kStepEvent) {
      run_step(s_.steps[ev.payload.a]);
      last_step_ = static_cast<std::int32_t>(ev.payload.a);
    } else {
      out_.world->set_origin(-1);
      out_.world->handle(ev);
      last_step_ = -1;
    }
    // The findings are brought up to date once per instant, after its calls and
    // model events and before its expectations.
    schedule_findings(out_.sim->now());
    if (check_invariants_) {
      const auto broken = model::broken_invariants(*out_.world);
      if (!broken.empty())
        throw model::InvariantViolation("model invariant broken at " + core::format_timestamp(out_.sim->now()) + " (event kind " +
                                        std::to_string(ev.payload.kind) + "): " + broken.front());
    }
  }

  void check_invariants(bool on) { check_invariants_ = on; }
  void report_progress(const std::function<void(core::SimTime, std::uint64_t)>* f) { progress_ = f; }

  void check_time(core::SimTime t) {
    if (last_time_ && t < *last_time_)
      throw model::InvariantViolation("time went back from " + core::format_timestamp(*last_time_) + " to " + core::format_timestamp(t));
    if (t < s_.start) throw model::InvariantViolation("an event at " + core::format_timestamp(t) + " is before the start");
    last_time_ = t;
  }

  void schedule_findings(core::SimTime t) {
    if (!findings_at_.insert(t.ms).second) return;
    out_.sim->schedule_at(t, core::Priority::Findings, core::EventPayload{kFindingsEvent, 0, 0});
  }

  void evaluate_findings() {
    // Instants before this one are done: forgetting them keeps the set to the
    // wake-ups still ahead, not one entry per instant of the whole run.
    findings_at_.erase(findings_at_.begin(), findings_at_.lower_bound(out_.sim->now().ms));
    const auto wake = out_.findings->evaluate(out_.sim->now(), last_step_, out_.trace.get());
    out_.world->forget_changes();
    if (wake) schedule_findings(*wake);
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
      if (st.expect_kind == ExpectKind::Probe) {
        run_probe_check(st);
      } else if (st.expect_kind == ExpectKind::Findings) {
        run_findings_check(st);
      } else if (st.expect_kind == ExpectKind::Events || st.expect_kind == ExpectKind::Deliveries) {
        run_events_check(st);
      } else {
        run_expect(st);
      }
    } else {
      run_probe(st);
    }
  }

 public:
  /// Registers every probe before the run, so that expectations find them by name.
  void register_probes() {
    for (const auto& st : s_.steps) {
      if (st.kind == StepKind::Probe) probe_index_[st.index] = out_.world->clients.add(*st.probe);
    }
  }

 private:
  void run_probe(const Step& st) {
    const std::size_t index = probe_index_.at(st.index);
    model::ProbeSpec& spec = out_.world->clients.spec(index);
    if (spec.host.empty()) {
      Json url = st.probe->url;
      std::string why;
      if (auto e = substitute(url, saved_)) {
        record(st, false, "probe", "probe " + st.probe->name + ": " + *e);
        return;
      }
      auto parsed = url.is_string() ? model::parse_probe_url(url.get<std::string>(), &why) : std::nullopt;
      if (!parsed) {
        record(st, false, "probe", "probe " + st.probe->name + ": invalid url '" + url.dump() + "' after references: " + why);
        return;
      }
      spec.url = parsed->url;
      spec.host = parsed->host;
      spec.port = parsed->port;
      spec.path = parsed->path;
    }
    if (!out_.world->clients.probes()[index].started) {
      out_.world->clients.start(index);
      out_.world->touch(model::bit(model::Part::Clients));  // rules read the probed hosts
    }
    out_.world->clients.attempt(index);
  }

  void run_findings_check(const Step& st) {
    const FindingsCheck& c = *st.findings_check;
    Json resource = c.resource;
    if (auto e = substitute(resource, saved_)) {
      record(st, false, "expect", *e);
      return;
    }
    const std::string res = resource.is_string() ? resource.get<std::string>() : resource.dump();
    auto selected = [&](const analysis::Finding& f) {
      if (!c.rule.empty() && f.rule != c.rule) return false;
      if (f.suppressed.has_value() != c.suppressed) return false;
      return res.empty() || std::find(f.resources.begin(), f.resources.end(), res) != f.resources.end();
    };
    std::int64_t n = 0;
    std::string ids;
    if (c.ever) {
      for (const auto& h : out_.findings->history()) {
        if (h.raised && h.at <= out_.sim->now() && selected(h.finding)) {
          ++n;
          ids += (ids.empty() ? "" : ", ") + h.finding.rule;
        }
      }
    } else {
      for (const auto& f : out_.findings->current()) {
        if (selected(f)) {
          ++n;
          ids += (ids.empty() ? "" : ", ") + f.rule;
        }
      }
    }
    const bool pass = c.count.holds(n);
    const std::string what = std::string(c.ever ? "raises of " : "findings of ") + (c.suppressed ? "suppressed " : "") +
                             (c.rule.empty() ? "any rule" : "rule " + c.rule) + (res.empty() ? "" : " naming " + res);
    record(st, pass, "expect",
           std::to_string(n) + " " + what + (n > 0 && n <= 8 && c.rule.empty() ? " (" + ids + ")" : "") +
               (pass ? "" : "; expected " + c.count.describe()));
  }

  void run_events_check(const Step& st) {
    const EventsCheck& c = *st.events_check;
    const core::SimTime since = c.since.value_or(s_.start);
    const core::SimTime until = c.until.value_or(out_.sim->now());
    const std::string where = std::string(model::region_code(c.region)) + "/" + c.bus;
    std::int64_t n = 0;
    std::string what;
    if (st.expect_kind == ExpectKind::Events) {
      Json pattern = c.pattern;
      if (auto e = substitute(pattern, saved_)) {
        record(st, false, "expect", *e);
        return;
      }
      auto compiled = model::EventPattern::compile(pattern);
      if (!compiled.ok()) {
        record(st, false, "expect", "the pattern (after references) is refused: " + compiled.error().message);
        return;
      }
      for (const auto& e : out_.world->events.events()) {
        if (e.region == c.region && e.bus == c.bus && e.time >= since && e.time <= until && compiled.value().matches(e.event)) ++n;
      }
      what = "events on " + where + " matched the pattern";
    } else {
      for (const auto& d : out_.world->events.deliveries()) {
        if (d.region == c.region && d.bus == c.bus && d.rule == c.rule && (c.target.empty() || d.target_id == c.target) && d.time >= since &&
            d.time <= until)
          ++n;
      }
      what = "deliveries by rule " + c.rule + (c.target.empty() ? "" : " to target " + c.target) + " on " + where;
    }
    const bool pass = c.count.holds(n);
    record(st, pass, "expect",
           std::to_string(n) + " " + what + " from " + core::format_timestamp(since) + " to " + core::format_timestamp(until) +
               (pass ? "" : "; expected " + c.count.describe()));
  }

  void run_probe_check(const Step& st) {
    const ProbeCheck& c = *st.probe_check;
    const model::Probe* p = out_.world->clients.find(c.probe);
    const model::ProbeTally* tally = p == nullptr ? nullptr : p->tally(c.from);
    const std::string what = "probe " + c.probe + (c.from ? " from " + std::string(model::region_code(*c.from)) : std::string());
    if (tally == nullptr || tally->attempts == 0) {
      record(st, false, "expect", what + " has made no attempt yet");
      return;
    }
    if (c.last_outcome) {
      const model::AttemptMark& last = *tally->last;
      const bool ok = last.outcome == *c.last_outcome;
      record(st, ok, "expect",
             what + ": last attempt (" + core::format_timestamp(last.at) + " from " + std::string(model::region_code(last.from)) + ") was " +
                 std::string(model::aws_name(last.outcome)) + (ok ? "" : ", expected " + std::string(model::aws_name(*c.last_outcome))));
      return;
    }
    if (c.availability_min || c.availability_max) {
      std::map<std::string, std::uint64_t> outcomes;
      for (std::size_t i = 0; i < tally->outcomes.size(); ++i) {
        if (tally->outcomes[i] > 0) outcomes[std::string(model::aws_name(static_cast<model::ProbeOutcome>(i)))] = tally->outcomes[i];
      }
      const double share = tally->availability();
      const bool pass = (!c.availability_min || share >= *c.availability_min) && (!c.availability_max || share <= *c.availability_max);
      std::string detail;
      for (const auto& [o, n] : outcomes) detail += (detail.empty() ? "" : ", ") + o + " " + std::to_string(n);
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.4f", share);
      record(st, pass, "expect",
             what + ": availability " + buf + " (" + std::to_string(tally->ok) + " of " + std::to_string(tally->attempts) + " attempts OK; " +
                 detail + ")" +
                 (pass ? ""
                       : std::string(", expected ") + (c.availability_min ? ">= " + std::to_string(*c.availability_min).substr(0, 6) : "") +
                             (c.availability_min && c.availability_max ? " and " : "") +
                             (c.availability_max ? "<= " + std::to_string(*c.availability_max).substr(0, 6) : "")));
      return;
    }
    if (tally->latency.count() == 0) {
      record(st, false, "expect", what + ": no attempt succeeded, so there is no latency to check");
      return;
    }
    bool pass = true;
    std::string detail;
    for (const auto& b : c.latency) {
      const double v = *tally->latency.quantile(b.quantile);
      const bool ok = (!b.min || v >= *b.min) && (!b.max || v <= *b.max);
      pass = pass && ok;
      char buf[96];
      std::snprintf(buf, sizeof buf, "%s %.1f ms%s", b.name.c_str(), v, ok ? "" : " (out of bounds)");
      detail += (detail.empty() ? "" : ", ") + std::string(buf);
    }
    record(st, pass, "expect", what + ": latency " + detail);
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
    touch_changed_by(*out_.world, *st.call.op, params, r.ok() ? &r.value() : nullptr);
    if (out_.trace->wants("call")) {
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
    if (!err.rule.empty()) {
      std::vector<std::string> resources;
      named_resources(params, resources);
      out_.findings->refused(err.rule, resources, err.code + ": " + err.message, out_.sim->now(), static_cast<std::int32_t>(st.index),
                             out_.trace.get());
    }
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
  SavedValues saved_;
  std::map<std::size_t, std::size_t> probe_index_;  // step index -> probe index
  std::set<std::int64_t> findings_at_;              // instants with a findings evaluation scheduled
  std::int32_t last_step_ = -1;
  bool check_invariants_ = false;
  std::optional<core::SimTime> last_time_;
  std::uint64_t events_ = 0;
  const std::function<void(core::SimTime, std::uint64_t)>* progress_ = nullptr;
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
  out.sim->set_memory_budget(options.max_memory);
  out.trace = std::make_unique<core::Trace>(options.trace || options.trace_out != nullptr, options.trace_probe_attempts);
  if (options.trace_out != nullptr) out.trace->stream_to(options.trace_out, s.start);
  out.trace->keep_only(options.keep_trace_types);
  out.trace->keep_compact(options.compact_trace);
  out.world = std::make_unique<model::World>(*out.sim, *out.trace, s.settings, s.account);
  // Every event is kept only when something will ask about it after it happened.
  const bool asks_about_events = std::any_of(s.steps.begin(), s.steps.end(), [](const Step& st) {
    return st.kind == StepKind::Expect && (st.expect_kind == ExpectKind::Events || st.expect_kind == ExpectKind::Deliveries);
  });
  out.world->events.keep_history(options.keep_event_history || asks_about_events);
  out.findings = std::make_unique<analysis::Engine>(*out.world);
  out.findings->set_incremental(options.incremental_analysis);
  out.findings->set_parallel_from(options.parallel_analysis_from);
  out.findings->set_suppressions(&s.suppressions);
  out.findings->skip_rules(options.skip_rules);
  // Every step is scheduled at load, in file order: calls before the model's
  // own events of an instant, expectations after everything else.
  for (const auto& st : s.steps) {
    const auto prio = st.kind == StepKind::Expect ? core::Priority::Expectation : core::Priority::Scenario;
    out.sim->schedule_at(st.at, prio, core::EventPayload{kStepEvent, static_cast<std::uint32_t>(st.index), 0});
  }
  Runner runner(s, out);
  runner.check_invariants(options.check_invariants);
  runner.report_progress(&options.progress);
  runner.register_probes();
  out.sim->run(runner);
  return out;
}

}  // namespace acmsim::scenario
