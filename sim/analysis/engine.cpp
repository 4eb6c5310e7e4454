#include "acmsim/analysis/engine.hpp"

#include "acmsim/model/route53/resolver.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

namespace acmsim::analysis {

namespace {

bool by_resources(const Finding& a, const Finding& b) { return a.resources < b.resources; }

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

/// Runs one rule's check (over every certificate, for a rule that judges one
/// at a time, or over `only` when given). A rule that throws becomes a finding
/// about itself, not a crash.
void run_check(Context& ctx, const RuleDef* rule, const std::vector<std::uint32_t>* only) {
  ctx.begin(rule);
  ctx.findings().clear();
  ctx.subjects().clear();
  ctx.wakeups().clear();
  ctx.reads().clear();
  try {
    if (rule->check != nullptr) {
      ctx.set_subject(Context::kWorld);
      rule->check(ctx);
    }
    if (rule->check_certificate != nullptr) {
      const auto& certs = ctx.world().acm.all();
      const bool reads_dns = (rule->reads & model::bit(model::Part::Dns)) != 0U;
      std::vector<std::uint64_t> names;
      auto judge = [&](const model::Certificate& c) {
        ctx.set_subject(c.id);
        if (!reads_dns) {
          rule->check_certificate(ctx, c);
          return;
        }
        names.clear();
        {
          model::DnsReadLog log(names);
          rule->check_certificate(ctx, c);
        }
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        for (const std::uint64_t n : names) ctx.reads().emplace_back(c.id, n);
      };
      if (only == nullptr) {
        for (const auto& c : certs) judge(c);
      } else {
        for (const std::uint32_t id : *only) {
          if (id < certs.size()) judge(certs[id]);
        }
      }
      ctx.set_subject(Context::kWorld);
    }
  } catch (const std::exception& e) {
    ctx.findings().clear();
    ctx.subjects().clear();
    ctx.wakeups().clear();
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
    ctx.subjects().push_back(Context::kWorld);
  }
}

std::size_t world_size(const model::World& w) {
  std::size_t n = w.acm.all().size();
  for (const auto* z : w.route53.zones()) n += z->records.size();
  return n;
}

/// Adds to `to` the findings of `from` that are not in `other` (both sorted by resources).
void missing_from(const std::vector<Finding>& from, const std::vector<Finding>& other, std::vector<const Finding*>& to) {
  for (const auto& f : from) {
    if (!std::binary_search(other.begin(), other.end(), f, by_resources)) to.push_back(&f);
  }
}

}  // namespace

/// One rule run: its findings with their subjects, sorted by resources and
/// without duplicates, and the wake-ups it asked for.
struct Engine::RunOutput {
  std::vector<Finding> findings;
  std::vector<std::uint32_t> subjects;
  std::vector<Context::Wake> wakes;
  std::vector<std::pair<std::uint32_t, std::uint64_t>> reads;  // (certificate, DNS name key)
  bool full = true;
  std::vector<std::uint32_t> judged;  // for a run over some certificates only
};

namespace {

/// Moves a context's results into `out`, sorted by resources, duplicates dropped.
void take_output(Context& ctx, Engine::RunOutput& out) {
  std::vector<std::size_t> order(ctx.findings().size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto& fs = ctx.findings();
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return fs[a].resources < fs[b].resources; });
  out.findings.clear();
  out.subjects.clear();
  out.findings.reserve(order.size());
  for (const std::size_t i : order) {
    if (!out.findings.empty() && out.findings.back().resources == fs[i].resources) continue;
    out.findings.push_back(std::move(fs[i]));
    out.subjects.push_back(ctx.subjects()[i]);
  }
  out.wakes = ctx.wakeups();
  out.reads = std::move(ctx.reads());
  ctx.reads().clear();
  fs.clear();
  ctx.subjects().clear();
  ctx.wakeups().clear();
}

/// Runs `rules[i]` over everything for every i in `which`, into out[i]; in
/// parallel on large worlds. The results do not depend on the thread count:
/// each lands at its rule's index.
void run_selected(const model::World& world, core::SimTime now, const std::vector<const RuleDef*>& rules, const std::vector<std::size_t>& which,
                  std::vector<Engine::RunOutput>& out, std::size_t parallel_from) {
  auto one = [&](Context& ctx, std::size_t i) {
    run_check(ctx, rules[i], nullptr);
    take_output(ctx, out[i]);
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
      errors[t] = std::current_exception();  // run_check catches a rule's own; this is ours (memory)
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
  std::vector<RunOutput> found(rules.size());
  run_selected(world, now, rules, all, found, parallel_from);
  std::size_t total = 0;
  for (const auto& f : found) total += f.findings.size();
  std::vector<Finding> out;
  out.reserve(total);
  for (auto& f : found) out.insert(out.end(), std::make_move_iterator(f.findings.begin()), std::make_move_iterator(f.findings.end()));
  if (wakeups != nullptr) {
    wakeups->clear();
    for (const auto& f : found) {
      for (const auto& w : f.wakes) wakeups->push_back(w.at);
    }
  }
  return out;
}

const std::vector<Finding>& Engine::current() const {
  if (current_stale_) {
    current_.clear();
    for (const auto& st : states_) {
      const std::size_t from = current_.size();
      current_.insert(current_.end(), st.findings.begin(), st.findings.end());
      for (const auto& [id, fs] : st.by_certificate) current_.insert(current_.end(), fs.begin(), fs.end());
      std::sort(current_.begin() + static_cast<std::ptrdiff_t>(from), current_.end(), by_resources);
    }
    current_stale_ = false;
  }
  return current_;
}

// Wake-ups: the earliest of the whole rule's, and each certificate's own.
void Engine::store_full(RuleState& st, RunOutput& out, std::vector<Finding>& before) {
  before = std::move(st.findings);
  for (auto& [id, fs] : st.by_certificate) before.insert(before.end(), std::make_move_iterator(fs.begin()), std::make_move_iterator(fs.end()));
  std::sort(before.begin(), before.end(), by_resources);
  st.findings.clear();
  st.by_certificate.clear();
  for (std::size_t k = 0; k < out.findings.size(); ++k) {
    if (out.subjects[k] == Context::kWorld)
      st.findings.push_back(out.findings[k]);
    else
      st.by_certificate[out.subjects[k]].push_back(out.findings[k]);
  }
  st.wake.reset();
  st.wake_of.clear();
  st.wake_queue = {};
  for (const auto& w : out.wakes) {
    if (w.subject == Context::kWorld) {
      if (!st.wake || w.at < *st.wake) st.wake = w.at;
      continue;
    }
    auto [it, fresh] = st.wake_of.emplace(w.subject, w.at);
    if (!fresh && w.at < it->second) it->second = w.at;
  }
  for (const auto& [id, t] : st.wake_of) st.wake_queue.emplace(t.ms, id);
  st.readers.clear();
  st.readers_entries = 0;
  st.readers_compacted = 0;
  add_readers(st, out);
}

// Readers only grow between full runs (a certificate judged again adds its
// names again): duplicates are dropped whenever the index doubles.
void Engine::add_readers(RuleState& st, const RunOutput& out) {
  for (const auto& [id, name] : out.reads) {
    auto& v = st.readers[name];
    if (v.empty() || v.back() != id) {
      v.push_back(id);
      ++st.readers_entries;
    }
  }
  if (st.readers_entries > 2 * st.readers_compacted + 1024) {
    st.readers_entries = 0;
    for (auto& [name, v] : st.readers) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
      st.readers_entries += v.size();
    }
    st.readers_compacted = st.readers_entries;
  }
}

void Engine::store_scoped(RuleState& st, RunOutput& out, const std::vector<std::uint32_t>& judged, std::vector<Finding>& before) {
  before.clear();
  for (const std::uint32_t id : judged) {
    auto it = st.by_certificate.find(id);
    if (it == st.by_certificate.end()) continue;
    before.insert(before.end(), std::make_move_iterator(it->second.begin()), std::make_move_iterator(it->second.end()));
    st.by_certificate.erase(it);
  }
  std::sort(before.begin(), before.end(), by_resources);
  for (std::size_t k = 0; k < out.findings.size(); ++k) st.by_certificate[out.subjects[k]].push_back(out.findings[k]);
  std::unordered_map<std::uint32_t, core::SimTime> asked;
  for (const auto& w : out.wakes) {
    auto [it, fresh] = asked.emplace(w.subject, w.at);
    if (!fresh && w.at < it->second) it->second = w.at;
  }
  for (const std::uint32_t id : judged) {
    auto a = asked.find(id);
    if (a == asked.end()) {
      st.wake_of.erase(id);
      continue;
    }
    auto [it, fresh] = st.wake_of.emplace(id, a->second);
    if (!fresh && it->second == a->second) continue;  // already queued
    it->second = a->second;
    st.wake_queue.emplace(a->second.ms, id);
  }
  add_readers(st, out);
}

std::optional<core::SimTime> Engine::next_certificate_wake(RuleState& st) {
  while (!st.wake_queue.empty()) {
    const auto [ms, id] = st.wake_queue.top();
    auto it = st.wake_of.find(id);
    if (it != st.wake_of.end() && it->second.ms == ms) return core::SimTime{ms};
    st.wake_queue.pop();  // superseded
  }
  return std::nullopt;
}

std::optional<core::SimTime> Engine::evaluate(core::SimTime now, std::int32_t step, core::Trace* trace) {
  // Findings are a function of the world and the time; time matters only at
  // the instants the rules asked for. The reference (not incremental) runs
  // every rule at every instant it is asked.
  if (incremental_ && evaluated_revision_ == world_.revision() && (!next_wake_ || now < *next_wake_)) return next_wake_;
  evaluated_revision_ = world_.revision();
  std::vector<std::size_t> dirty;
  std::vector<RunOutput> found(rules_.size());
  std::vector<std::size_t> scoped;
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    RuleState& st = states_[i];
    const RuleDef* rule = rules_[i];
    bool full = !incremental_ || !st.evaluated || (st.wake && now >= *st.wake);
    // A rule that judges certificates re-judges only some of them when what
    // changed is some certificates or the records of some names.
    bool keyed = false;
    for (std::size_t p = 0; !full && p < model::kPartCount; ++p) {
      const auto part = static_cast<model::Part>(p);
      if ((rule->reads & (1U << p)) == 0U || world_.revision(part) == st.seen[p]) continue;
      const bool by_key = rule->check == nullptr && (part == model::Part::Certificates || part == model::Part::Dns);
      if (by_key && world_.whole_revision(part) <= st.seen[p])
        keyed = true;
      else
        full = true;
    }
    if (full) {
      dirty.push_back(i);
      continue;
    }
    // The certificates changed, those that read a changed name, and those whose wake-up is due.
    std::vector<std::uint32_t> judge;
    if (keyed) {
      for (const auto& ch : world_.changes()) {
        if (ch.revision <= st.seen[model::part_index(ch.part)] || (rule->reads & model::bit(ch.part)) == 0U) continue;
        if (ch.part == model::Part::Certificates) {
          judge.push_back(static_cast<std::uint32_t>(ch.key));
        } else if (auto it = st.readers.find(ch.key); it != st.readers.end()) {
          judge.insert(judge.end(), it->second.begin(), it->second.end());
        }
      }
    }
    while (auto t = next_certificate_wake(st)) {
      if (now < *t) break;
      judge.push_back(st.wake_queue.top().second);
      st.wake_queue.pop();
    }
    if (judge.empty() && !keyed) continue;
    std::sort(judge.begin(), judge.end());
    judge.erase(std::unique(judge.begin(), judge.end()), judge.end());
    found[i].full = false;
    found[i].judged = std::move(judge);
    scoped.push_back(i);
  }
  run_selected(world_, now, rules_, dirty, found, parallel_from_);
  if (!scoped.empty()) {
    Context ctx(world_, now);
    for (const std::size_t i : scoped) {
      run_check(ctx, rules_[i], &found[i].judged);
      take_output(ctx, found[i]);
    }
  }
  rule_runs_ += dirty.size() + scoped.size();
  full_rule_runs_ += dirty.size();
  // Every rule that ran, in rule order.
  std::vector<std::size_t> ran = dirty;
  ran.insert(ran.end(), scoped.begin(), scoped.end());
  std::sort(ran.begin(), ran.end());
  std::vector<const Finding*> cleared;
  std::vector<const Finding*> raised;
  std::vector<std::vector<Finding>> replaced(ran.size());  // keeps cleared findings alive until recorded
  std::vector<std::vector<Finding>> fresh(ran.size());     // the findings of the run, sorted, for comparing
  for (std::size_t k = 0; k < ran.size(); ++k) {
    const std::size_t i = ran[k];
    RuleState& st = states_[i];
    RunOutput& out = found[i];
    if (suppressions_ != nullptr) apply_suppressions(out.findings, *suppressions_, &suppression_used_);
    fresh[k] = out.findings;
    if (out.full)
      store_full(st, out, replaced[k]);
    else
      store_scoped(st, out, out.judged, replaced[k]);
    for (std::size_t p = 0; p < model::kPartCount; ++p) st.seen[p] = world_.revision(static_cast<model::Part>(p));
    st.evaluated = true;
    const std::size_t c0 = cleared.size();
    missing_from(replaced[k], fresh[k], cleared);
    std::sort(cleared.begin() + static_cast<std::ptrdiff_t>(c0), cleared.end(),
              [](const Finding* a, const Finding* b) { return by_resources(*a, *b); });
    missing_from(fresh[k], replaced[k], raised);
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
  for (auto& st : states_) {
    if (st.wake && *st.wake > now && (!next_wake_ || *st.wake < *next_wake_)) next_wake_ = st.wake;
    if (auto t = next_certificate_wake(st); t && *t > now && (!next_wake_ || *t < *next_wake_)) next_wake_ = t;
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
