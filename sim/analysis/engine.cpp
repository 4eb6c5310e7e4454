#include "acmsim/analysis/engine.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

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
  if (f.suppressed) j["suppressed"] = *f.suppressed;
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
              "",
              std::nullopt,
              false};
    f.id = finding_id(f.rule, f.resources);
    ctx.findings().push_back(f);
  }
  std::vector<Finding> out = std::move(ctx.findings());
  ctx.findings().clear();
  std::sort(out.begin(), out.end(), by_resources);
  out.erase(std::unique(out.begin(), out.end(), same_resources), out.end());
  return out;
}

std::size_t world_size(const model::World& w) {
  std::size_t n = w.acm.all().size();
  for (const auto* z : w.route53.zones()) n += z->records.size();
  return n;
}

/// Runs `rules[i]` for every i in `which` and stores its findings in out[i]
/// and its wake-up requests in wakes[i]; in parallel on large worlds. The
/// results do not depend on the thread count: each lands at its rule's index.
void run_selected(const model::World& world, core::SimTime now, const std::vector<const RuleDef*>& rules, const std::vector<std::size_t>& which,
                  std::vector<std::vector<Finding>>& out, std::vector<std::vector<core::SimTime>>& wakes, std::size_t parallel_from) {
  auto one = [&](Context& ctx, std::size_t i) {
    const std::size_t from = ctx.wakeups().size();
    out[i] = run_one(ctx, rules[i]);
    wakes[i].assign(ctx.wakeups().begin() + static_cast<std::ptrdiff_t>(from), ctx.wakeups().end());
  };
  const unsigned threads = std::min<unsigned>(std::max(1U, std::thread::hardware_concurrency()), static_cast<unsigned>(which.size()));
  if (threads <= 1 || which.size() < 2 || world_size(world) < parallel_from) {
    Context ctx(world, now);
    for (const std::size_t i : which) one(ctx, i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(threads);
  auto worker = [&](unsigned t) {
    try {
      Context ctx(world, now);
      for (std::size_t k = next.fetch_add(1); k < which.size(); k = next.fetch_add(1)) one(ctx, which[k]);
    } catch (...) {
      errors[t] = std::current_exception();  // run_one catches a rule's own; this is ours (memory)
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (auto& th : pool) th.join();
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace

Engine::Engine(const model::World& world) : world_(world), rules_(rules_by_id()), states_(rules_.size()) {}

void Engine::skip_rules(const std::vector<std::string>& ids) {
  if (ids.empty()) return;
  std::vector<const RuleDef*> kept;
  for (const auto* r : rules_) {
    if (std::find(ids.begin(), ids.end(), r->id) == ids.end()) kept.push_back(r);
  }
  rules_ = std::move(kept);
  states_.assign(rules_.size(), RuleState{});
}

std::vector<Finding> Engine::run_rules(const model::World& world, core::SimTime now, std::vector<core::SimTime>* wakeups, std::size_t parallel_from,
                                       const std::vector<std::string>& skip) {
  static const std::vector<const RuleDef*> all_rules = rules_by_id();
  std::vector<const RuleDef*> rules;
  for (const auto* r : all_rules) {
    if (std::find(skip.begin(), skip.end(), r->id) == skip.end()) rules.push_back(r);
  }
  std::vector<std::size_t> all(rules.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  std::vector<std::vector<Finding>> found(rules.size());
  std::vector<std::vector<core::SimTime>> wakes(rules.size());
  run_selected(world, now, rules, all, found, wakes, parallel_from);
  std::size_t total = 0;
  for (const auto& f : found) total += f.size();
  std::vector<Finding> out;
  out.reserve(total);
  for (auto& f : found) out.insert(out.end(), std::make_move_iterator(f.begin()), std::make_move_iterator(f.end()));
  if (wakeups != nullptr) {
    wakeups->clear();
    for (const auto& w : wakes) wakeups->insert(wakeups->end(), w.begin(), w.end());
  }
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
  std::vector<std::size_t> dirty;
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const RuleState& st = states_[i];
    bool run = !incremental_ || !st.evaluated || (st.wake && now >= *st.wake);
    for (std::size_t p = 0; !run && p < model::kPartCount; ++p) {
      run = (rules_[i]->reads & (1U << p)) != 0U && world_.revision(static_cast<model::Part>(p)) != st.seen[p];
    }
    if (run) dirty.push_back(i);
  }
  std::vector<std::vector<Finding>> found(rules_.size());
  std::vector<std::vector<core::SimTime>> wakes(rules_.size());
  run_selected(world_, now, rules_, dirty, found, wakes, parallel_from_);
  rule_runs_ += dirty.size();
  std::vector<const Finding*> cleared;
  std::vector<const Finding*> raised;
  std::vector<std::vector<Finding>> replaced;  // keeps cleared findings alive until recorded
  replaced.reserve(dirty.size());
  for (const std::size_t i : dirty) {
    RuleState& st = states_[i];
    st.wake.reset();
    for (const core::SimTime t : wakes[i]) {
      if (!st.wake || t < *st.wake) st.wake = t;
    }
    for (std::size_t p = 0; p < model::kPartCount; ++p) st.seen[p] = world_.revision(static_cast<model::Part>(p));
    st.evaluated = true;
    replaced.push_back(std::move(st.findings));
    st.findings = std::move(found[i]);
    if (suppressions_ != nullptr) apply_suppressions(st.findings, *suppressions_, &suppression_used_);
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
  if (suppressions_ != nullptr) apply_suppressions(f, *suppressions_, &suppression_used_);
  history_.push_back({now, true, f, step, true});
  history_.push_back({now, false, f, step, true});
  if (trace != nullptr && trace->enabled()) {
    core::Json j = {{"type", "finding"}, {"change", "raised-by-refused-call"}, {"step", step}};
    add_finding(j, f);
    trace->add(now, std::move(j));
  }
}

}  // namespace acmsim::analysis
