#include "acmsim/analysis/engine.hpp"

#include <algorithm>

namespace acmsim::analysis {

namespace {

bool by_resources(const Finding& a, const Finding& b) { return a.resources < b.resources; }
bool same_resources(const Finding& a, const Finding& b) { return a.resources == b.resources; }

// Adds the finding's members to a trace record.
void add_finding(core::Json& j, const Finding& f) {
  j["id"] = f.id;
  j["rule"] = f.rule;
  j["severity"] = severity_name(f.severity);
  j["resources"] = f.resources;
  j["message"] = f.message;
}

std::vector<const RuleDef*> rules_by_id() {
  std::vector<const RuleDef*> out(all_rules().begin(), all_rules().end());
  std::sort(out.begin(), out.end(), [](const RuleDef* a, const RuleDef* b) { return a->id < b->id; });
  return out;
}

/// Runs one rule; its findings sorted by resources, without duplicates. A
/// rule that throws becomes a finding about itself, not a crash.
std::vector<Finding> run_one(Context& ctx, const RuleDef* rule) {
  ctx.begin(rule);
  ctx.findings().clear();
  try {
    rule->check(ctx);
  } catch (const std::exception& e) {
    ctx.findings().clear();
    Finding f{std::string(rule->id),
              Severity::Error,
              {"acmsim:rule/" + std::string(rule->id)},
              "internal error in rule " + std::string(rule->id) + ": " + e.what() + " (please report it)",
              -1,
              ""};
    f.id = finding_id(f.rule, f.resources);
    ctx.findings().push_back(f);
  }
  std::vector<Finding> out = std::move(ctx.findings());
  ctx.findings().clear();
  std::sort(out.begin(), out.end(), by_resources);
  out.erase(std::unique(out.begin(), out.end(), same_resources), out.end());
  return out;
}

}  // namespace

Engine::Engine(const model::World& world) : world_(world), rules_(rules_by_id()), states_(rules_.size()) {}

std::vector<Finding> Engine::run_rules(const model::World& world, core::SimTime now, std::vector<core::SimTime>* wakeups) {
  static const std::vector<const RuleDef*> rules = rules_by_id();
  Context ctx(world, now);
  std::vector<Finding> out;
  for (const RuleDef* rule : rules) {
    std::vector<Finding> found = run_one(ctx, rule);
    if (out.empty()) {
      out = std::move(found);
    } else {
      out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    }
  }
  if (wakeups != nullptr) *wakeups = ctx.wakeups();
  return out;
}

const std::vector<Finding>& Engine::current() const {
  if (current_stale_) {
    current_.clear();
    for (const auto& st : states_) current_.insert(current_.end(), st.findings.begin(), st.findings.end());
    current_stale_ = false;
  }
  return current_;
}

std::optional<core::SimTime> Engine::evaluate(core::SimTime now, std::int32_t step, core::Trace* trace) {
  // Findings are a function of the world and the time; time matters only at
  // the instants the rules asked for.
  if (evaluated_revision_ == world_.revision() && (!next_wake_ || now < *next_wake_)) return next_wake_;
  evaluated_revision_ = world_.revision();
  Context ctx(world_, now);
  std::vector<const Finding*> cleared;
  std::vector<const Finding*> raised;
  std::vector<std::vector<Finding>> replaced;  // keeps cleared findings alive until recorded
  replaced.reserve(rules_.size());
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    RuleState& st = states_[i];
    const RuleDef* rule = rules_[i];
    bool dirty = !incremental_ || !st.evaluated || (st.wake && now >= *st.wake);
    for (std::size_t p = 0; !dirty && p < model::kPartCount; ++p) {
      dirty = (rule->reads & (1U << p)) != 0U && world_.revision(static_cast<model::Part>(p)) != st.seen[p];
    }
    if (!dirty) continue;
    const std::size_t wake_from = ctx.wakeups().size();
    std::vector<Finding> next = run_one(ctx, rule);
    ++rule_runs_;
    st.wake.reset();
    for (std::size_t w = wake_from; w < ctx.wakeups().size(); ++w) {
      if (!st.wake || ctx.wakeups()[w] < *st.wake) st.wake = ctx.wakeups()[w];
    }
    for (std::size_t p = 0; p < model::kPartCount; ++p) st.seen[p] = world_.revision(static_cast<model::Part>(p));
    st.evaluated = true;
    replaced.push_back(std::move(st.findings));
    st.findings = std::move(next);
    const auto& before = replaced.back();
    for (const auto& f : before) {
      if (!std::binary_search(st.findings.begin(), st.findings.end(), f, by_resources)) cleared.push_back(&f);
    }
    for (const auto& f : st.findings) {
      if (!std::binary_search(before.begin(), before.end(), f, by_resources)) raised.push_back(&f);
    }
    current_stale_ = true;
  }
  // Clears first, then raises, each in (rule, resources) order.
  for (const Finding* f : cleared) {
    history_.push_back({now, false, *f, step});
    if (trace != nullptr && trace->enabled()) {
      core::Json j = {{"type", "finding"}, {"change", "cleared"}};
      add_finding(j, *f);
      trace->add(now, std::move(j));
    }
  }
  for (const Finding* f : raised) {
    history_.push_back({now, true, *f, step});
    if (trace != nullptr && trace->enabled()) {
      core::Json j = {{"type", "finding"}, {"change", "raised"}, {"step", step}};
      add_finding(j, *f);
      trace->add(now, std::move(j));
    }
  }
  next_wake_.reset();
  for (const auto& st : states_) {
    if (st.wake && *st.wake > now && (!next_wake_ || *st.wake < *next_wake_)) next_wake_ = st.wake;
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
