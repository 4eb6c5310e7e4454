#include "acmsim/analysis/engine.hpp"

#include <algorithm>

namespace acmsim::analysis {

namespace {
bool by_key(const Finding& a, const Finding& b) { return a.rule != b.rule ? a.rule < b.rule : a.resources < b.resources; }

// Adds the finding's members to a trace record.
void add_finding(core::Json& j, const Finding& f) {
  j["id"] = f.id;
  j["rule"] = f.rule;
  j["severity"] = severity_name(f.severity);
  j["resources"] = f.resources;
  j["message"] = f.message;
}
}  // namespace

std::vector<Finding> Engine::run_rules(const model::World& world, core::SimTime now, std::vector<core::SimTime>* wakeups) {
  Context ctx(world, now);
  for (const RuleDef* rule : all_rules()) {
    ctx.begin(rule);
    const std::size_t before = ctx.findings().size();
    try {
      rule->check(ctx);
    } catch (const std::exception& e) {
      // A rule that throws becomes a finding about itself, not a crash.
      ctx.findings().resize(before);
      Finding f{std::string(rule->id),
                Severity::Error,
                {"acmsim:rule/" + std::string(rule->id)},
                "internal error in rule " + std::string(rule->id) + ": " + e.what() + " (please report it)",
                -1,
                ""};
      f.id = finding_id(f.rule, f.resources);
      ctx.findings().push_back(f);
    }
  }
  auto out = std::move(ctx.findings());
  std::sort(out.begin(), out.end(), by_key);
  out.erase(std::unique(out.begin(), out.end(), [](const Finding& a, const Finding& b) { return a.rule == b.rule && a.resources == b.resources; }),
            out.end());
  if (wakeups != nullptr) *wakeups = ctx.wakeups();
  return out;
}

std::optional<core::SimTime> Engine::evaluate(core::SimTime now, std::int32_t step, core::Trace* trace) {
  // Findings are a function of the world and the time; time matters only at
  // the instants the rules asked for.
  if (evaluated_revision_ == world_.revision() && (!next_wake_ || now < *next_wake_)) return next_wake_;
  evaluated_revision_ = world_.revision();
  std::vector<core::SimTime> wakeups;
  std::vector<Finding> next = run_rules(world_, now, &wakeups);
  // Clears first, then raises, each in (rule, resources) order.
  for (const auto& f : current_) {
    if (!std::binary_search(next.begin(), next.end(), f, by_key)) {
      history_.push_back({now, false, f, step});
      if (trace != nullptr && trace->enabled()) {
        core::Json j = {{"type", "finding"}, {"change", "cleared"}};
        add_finding(j, f);
        trace->add(now, std::move(j));
      }
    }
  }
  for (const auto& f : next) {
    if (!std::binary_search(current_.begin(), current_.end(), f, by_key)) {
      history_.push_back({now, true, f, step});
      if (trace != nullptr && trace->enabled()) {
        core::Json j = {{"type", "finding"}, {"change", "raised"}, {"step", step}};
        add_finding(j, f);
        trace->add(now, std::move(j));
      }
    }
  }
  current_ = std::move(next);
  next_wake_.reset();
  for (const core::SimTime t : wakeups) {
    if (t > now && (!next_wake_ || t < *next_wake_)) next_wake_ = t;
  }
  return next_wake_;
}

void Engine::refused(const std::string& rule, std::vector<std::string> resources, const std::string& message, core::SimTime now, std::int32_t step,
                     core::Trace* trace) {
  const RuleDef* def = find_rule(rule);
  Finding f;
  f.rule = rule;
  f.severity = def != nullptr ? def->severity : Severity::Error;
  f.resources = std::move(resources);
  f.message = "AWS refused the call: " + message;
  f.origin = step;
  f.id = finding_id(f.rule, f.resources);
  history_.push_back({now, true, f, step});
  history_.push_back({now, false, f, step});
  if (trace != nullptr && trace->enabled()) {
    core::Json j = {{"type", "finding"}, {"change", "raised-by-refused-call"}, {"step", step}};
    add_finding(j, f);
    trace->add(now, std::move(j));
  }
}

}  // namespace acmsim::analysis
