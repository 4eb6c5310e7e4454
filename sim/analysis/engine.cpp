#include "acmsim/analysis/engine.hpp"

#include "acmsim/model/changes.hpp"
#include "acmsim/model/route53/dns_name.hpp"

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

/// Judges one subject of a rule (the world, a certificate or a custom domain),
/// noting what it read when the rule has keyed parts.
void judge(Context& ctx, const RuleDef* rule, Context::Subject subject, std::vector<std::uint64_t>& read, const std::string* name = nullptr) {
  const auto& w = ctx.world();
  const std::uint64_t kind = subject >> 56;
  const auto index = static_cast<std::uint32_t>(subject & 0xFFFFFFFFU);
  ctx.set_subject(subject);
  auto run = [&] {
    if (kind == 0) {
      if (rule->check != nullptr) rule->check(ctx);
    } else if (kind == 1) {
      // A certificate made outside an imported template is known only by its
      // ARN: rules judge what uses it, not its own state.
      if (rule->check_certificate != nullptr && index < w.acm.all().size() && !w.acm.all()[index].adopted)
        rule->check_certificate(ctx, w.acm.all()[index]);
    } else if (kind == 2) {
      if (rule->check_domain != nullptr) {
        if (const auto* d = w.apigateway.domain_by_id(index)) rule->check_domain(ctx, *d);
      }
    } else if (kind == 3) {
      if (rule->check_name != nullptr && name != nullptr) rule->check_name(ctx, *name);
    } else if (kind == 4) {
      if (rule->check_distribution != nullptr) {
        if (const auto* d = w.cloudfront.at(index)) rule->check_distribution(ctx, *d);
      }
    } else if (kind == 5) {
      if (rule->check_load_balancer != nullptr) {
        if (const auto* lb = w.elb.at(index)) rule->check_load_balancer(ctx, *lb);
      }
    }
  };
  if (rule->keyed == 0 || !ctx.tracks_reads()) {
    run();
    return;
  }
  read.clear();
  {
    model::ReadLog log(read);
    run();
  }
  std::sort(read.begin(), read.end());
  read.erase(std::unique(read.begin(), read.end()), read.end());
  for (const std::uint64_t k : read) ctx.reads().emplace_back(subject, k);
}

/// Runs a rule over every subject, or over `only` when given. A rule that
/// throws becomes a finding about itself, not a crash.
void run_check(Context& ctx, const RuleDef* rule, const std::vector<Context::Subject>* only,
               const std::unordered_map<Context::Subject, std::string>* names = nullptr) {
  ctx.begin(rule);
  ctx.findings().clear();
  ctx.subjects().clear();
  ctx.wakeups().clear();
  ctx.reads().clear();
  ctx.names().clear();
  thread_local std::vector<std::uint64_t> read;  // reused: a run of one subject should not allocate
  try {
    if (only != nullptr) {
      for (const auto s : *only) {
        const std::string* name = nullptr;
        if (names != nullptr) {
          if (auto it = names->find(s); it != names->end()) name = &it->second;
        }
        judge(ctx, rule, s, read, name);
      }
    } else {
      if (rule->check != nullptr) judge(ctx, rule, Context::kWorld, read);
      if (rule->check_certificate != nullptr) {
        for (const auto& c : ctx.world().acm.all()) judge(ctx, rule, Context::certificate_subject(c.id), read);
      }
      if (rule->check_domain != nullptr) {
        for (const auto* d : ctx.world().apigateway.all_domains()) judge(ctx, rule, Context::domain_subject(d->id), read);
      }
      if (rule->check_distribution != nullptr) {
        for (std::uint32_t i = 0; i < ctx.world().cloudfront.count(); ++i) judge(ctx, rule, Context::distribution_subject(i), read);
      }
      if (rule->check_load_balancer != nullptr) {
        for (std::uint32_t i = 0; i < ctx.world().elb.count(); ++i) judge(ctx, rule, Context::load_balancer_subject(i), read);
      }
      if (rule->check_name != nullptr) {
        // Every name that holds a record, once, in name order.
        std::vector<std::string> all;
        for (const auto& [zone, rec] : ctx.records()) all.push_back(rec->name);
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        for (const auto& n : all) {
          const auto s = Context::name_subject(model::dns::name_key(n));
          ctx.names().emplace_back(s, n);
          judge(ctx, rule, s, read, &n);
        }
      }
    }
    ctx.set_subject(Context::kWorld);
  } catch (const std::exception& e) {
    ctx.findings().clear();
    ctx.subjects().clear();
    ctx.wakeups().clear();
    ctx.reads().clear();
    ctx.set_subject(Context::kWorld);
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
/// without duplicates, the wake-ups it asked for and what each subject read.
struct Engine::RunOutput {
  std::vector<Finding> findings;
  std::vector<Context::Subject> subjects;
  std::vector<Context::Wake> wakes;
  std::vector<std::pair<Context::Subject, std::uint64_t>> reads;
  std::vector<std::pair<Context::Subject, std::string>> names;  // of the name subjects judged in a whole run
  bool full = true;
  std::vector<Context::Subject> judged;  // for a run over some subjects only
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
  // Swapped, not moved: both sides keep their buffers for the next run.
  std::swap(out.reads, ctx.reads());
  ctx.reads().clear();
  std::swap(out.names, ctx.names());
  ctx.names().clear();
  fs.clear();
  ctx.subjects().clear();
  ctx.wakeups().clear();
}

/// Runs `rules[i]` over everything for every i in `which`, into out[i]; in
/// parallel on large worlds. The results do not depend on the thread count:
/// each lands at its rule's index.
void run_selected(const model::World& world, core::SimTime now, const std::vector<const RuleDef*>& rules, const std::vector<std::size_t>& which,
                  std::vector<Engine::RunOutput>& out, std::size_t parallel_from, bool track_reads = true) {
  auto one = [&](Context& ctx, std::size_t i) {
    ctx.set_track_reads(track_reads);
    run_check(ctx, rules[i], nullptr);
    take_output(ctx, out[i]);
  };
  static const unsigned cores = std::max(1U, std::thread::hardware_concurrency());  // reads /sys: once
  const unsigned threads = std::min<unsigned>(cores, static_cast<unsigned>(which.size()));
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

void run_whole_rule(Context& ctx, const RuleDef* rule) { run_check(ctx, rule, nullptr); }

Engine::Engine(const model::World& world) : world_(world), rules_(rules_by_id()), states_(rules_.size()) {}

Engine::~Engine() = default;

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
  run_selected(world, now, rules, all, found, parallel_from, false);  // one pass: nothing to re-judge later
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
      st.findings.for_each([&](Subject, const std::vector<Finding>& fs) { current_.insert(current_.end(), fs.begin(), fs.end()); });
      std::sort(current_.begin() + static_cast<std::ptrdiff_t>(from), current_.end(), by_resources);
    }
    current_stale_ = false;
  }
  return current_;
}

// Readers only grow between whole runs (a subject judged again adds its reads
// again): duplicates are dropped whenever the index doubles.
void Engine::add_readers(RuleState& st, const RunOutput& out) {
  for (const auto& [subject, key] : out.reads) {
    auto& v = st.readers[key];
    if (v.empty() || v.back() != subject) {
      v.push_back(subject);
      ++st.readers_entries;
    }
  }
  if (st.readers_entries > 2 * st.readers_compacted + 1024) {
    st.readers_entries = 0;
    st.readers.for_each([&](std::uint64_t, std::vector<Subject>& v) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
      st.readers_entries += v.size();
    });
    st.readers_compacted = st.readers_entries;
  }
}

// Replaces the findings, wake-ups and reads of the subjects a run judged (all
// of them for a whole run); `before` gets the replaced findings, sorted.
void Engine::store(RuleState& st, RunOutput& out, std::vector<Finding>& before) {
  before.clear();
  if (out.full) {
    st.findings.for_each([&](Subject, std::vector<Finding>& fs) {
      before.insert(before.end(), std::make_move_iterator(fs.begin()), std::make_move_iterator(fs.end()));
    });
    st.findings.clear();
    st.wake_of.clear();
    st.wake_queue = {};
    st.readers.clear();
    st.readers_entries = 0;
    st.readers_compacted = 0;
    st.names.clear();
    for (auto& [subject, name] : out.names) st.names.emplace(subject, std::move(name));
  } else {
    for (const auto subject : out.judged) {
      if (auto* fs = st.findings.find(subject)) {
        before.insert(before.end(), std::make_move_iterator(fs->begin()), std::make_move_iterator(fs->end()));
        st.findings.erase(subject);
      }
      st.wake_of.erase(subject);
    }
  }
  std::sort(before.begin(), before.end(), by_resources);
  for (std::size_t k = 0; k < out.findings.size(); ++k) st.findings[out.subjects[k]].push_back(out.findings[k]);
  // Each subject's earliest wake-up: the first of its run once sorted.
  asked_.assign(out.wakes.begin(), out.wakes.end());
  std::sort(asked_.begin(), asked_.end(),
            [](const Context::Wake& a, const Context::Wake& b) { return a.subject != b.subject ? a.subject < b.subject : a.at < b.at; });
  for (std::size_t k = 0; k < asked_.size(); ++k) {
    if (k > 0 && asked_[k].subject == asked_[k - 1].subject) continue;
    st.wake_of[asked_[k].subject] = asked_[k].at;
    st.wake_queue.emplace(asked_[k].at.ms, asked_[k].subject);
  }
  add_readers(st, out);
}

std::optional<core::SimTime> Engine::next_wake(RuleState& st) {
  while (!st.wake_queue.empty()) {
    const auto [ms, subject] = st.wake_queue.top();
    const core::SimTime* at = st.wake_of.find(subject);
    if (at != nullptr && at->ms == ms) return core::SimTime{ms};
    st.wake_queue.pop();  // superseded
  }
  return std::nullopt;
}

// The subjects a rule must judge again after changes to single resources of
// its keyed parts: the resource itself where the rule judges resources of
// its kind, and every subject whose verdict read it (or read them all).
void Engine::changed_subjects(const RuleDef& rule, RuleState& st, std::vector<Subject>& out) const {
  auto readers_of = [&](std::uint64_t key) {
    if (const auto* v = st.readers.find(key)) out.insert(out.end(), v->begin(), v->end());
  };
  std::array<bool, model::kPartCount> walked{};
  for (const auto& ch : world_.changes()) {
    const std::size_t p = model::part_index(ch.part);
    if (ch.revision <= st.seen[p] || (rule.reads & model::bit(ch.part)) == 0U) continue;
    // The certificate itself only when an aspect its verdict reads changed;
    // verdicts that read it through the read log, whatever changed.
    if ((ch.part == model::Part::Certificates || ch.part == model::Part::Acm) && rule.check_certificate != nullptr && ch.key <= 0xFFFFFFFFU &&
        (rule.certificate_aspects & changed_aspects_of(ch.key)) != 0U)
      out.push_back(Context::certificate_subject(static_cast<std::uint32_t>(ch.key)));
    if (ch.part == model::Part::ApiGateway && rule.check_domain != nullptr)
      out.push_back(Context::domain_subject(static_cast<std::uint32_t>(ch.key)));
    if (ch.part == model::Part::CloudFront && rule.check_distribution != nullptr)
      out.push_back(Context::distribution_subject(static_cast<std::uint32_t>(ch.key)));
    if (ch.part == model::Part::Elb && rule.check_load_balancer != nullptr)
      out.push_back(Context::load_balancer_subject(static_cast<std::uint32_t>(ch.key)));
    if (ch.part == model::Part::Dns && rule.check_name != nullptr) {
      if (const std::string* name = world_.changed_name(ch.key)) {
        const Subject s = Context::name_subject(ch.key);
        st.names.emplace(s, *name);
        out.push_back(s);
      }
    }
    readers_of(model::read_key(ch.part, ch.key));
    if (!walked[p]) {
      walked[p] = true;
      readers_of(model::read_key(ch.part, model::kAllKeys));
    }
  }
}

// The aspects of each changed certificate that differ from its prints at the
// last evaluation that saw it change (all of them the first time, and for a
// change to ACM's inventory).
void Engine::note_certificate_aspects() {
  ++evaluations_;
  const auto& certs = world_.acm.all();
  for (const auto& ch : world_.changes()) {
    if ((ch.part != model::Part::Certificates && ch.part != model::Part::Acm) || ch.key >= certs.size()) continue;
    const auto id = static_cast<std::uint32_t>(ch.key);
    if (id >= prints_.size()) {
      prints_.resize(certs.size());
      printed_at_.resize(certs.size(), 0);
      aspects_now_.resize(certs.size(), model::kAllAspects);
    }
    if (printed_at_[id] != evaluations_) {  // once per evaluation, however many changes it had
      const model::AspectPrints now = model::aspect_prints(certs[id]);
      aspects_now_[id] = printed_at_[id] != 0U ? model::changed_aspects(prints_[id], now) : model::kAllAspects;
      prints_[id] = now;
      printed_at_[id] = evaluations_;
    }
    if (ch.part == model::Part::Acm) aspects_now_[id] = model::kAllAspects;
  }
}

std::optional<core::SimTime> Engine::evaluate(core::SimTime now, std::int32_t step, core::Trace* trace) {
  // Findings are a function of the world and the time; time matters only at
  // the instants the rules asked for. The reference (not incremental) runs
  // every rule at every instant it is asked.
  if (incremental_ && evaluated_revision_ == world_.revision() && (!next_wake_ || now < *next_wake_)) return next_wake_;
  evaluated_revision_ = world_.revision();
  std::vector<std::size_t>& whole = whole_;
  std::vector<std::size_t>& some = some_;
  std::vector<RunOutput>& found = found_;
  whole.clear();
  some.clear();
  if (incremental_) note_certificate_aspects();
  found.resize(rules_.size());
  replaced_.resize(rules_.size());
  // The parts changed since the last evaluation: a rule that was current
  // then and reads none of them has nothing to look at (most rules at most
  // instants), without comparing its parts one by one.
  model::PartMask changed_now = 0;
  for (std::size_t p = 0; p < model::kPartCount; ++p) {
    if (world_.revision(static_cast<model::Part>(p)) != last_part_revisions_[p]) changed_now |= 1U << p;
  }
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    RuleState& st = states_[i];
    const RuleDef& rule = *rules_[i];
    bool full = !incremental_ || !st.evaluated;
    bool keyed = false;
    const bool untouched = !full && st.current_at == last_revision_ && (rule.reads & changed_now) == 0U;
    for (std::size_t p = 0; !full && !untouched && p < model::kPartCount; ++p) {
      const auto part = static_cast<model::Part>(p);
      if ((rule.reads & model::bit(part)) == 0U || world_.revision(part) == st.seen[p]) continue;
      if ((rule.keyed & model::bit(part)) != 0U && world_.whole_revision(part) <= st.seen[p])
        keyed = true;
      else
        full = true;
    }
    found[i].full = true;
    if (full) {
      whole.push_back(i);
      continue;
    }
    // Nothing it reads changed and no wake-up is due (its queue changes only
    // when it runs, so `next` is current): most rules at most instants.
    if (!keyed && (!st.next || now < *st.next)) {
      st.current_at = world_.revision();
      continue;
    }
    std::vector<Subject>& judge = found[i].judged;
    judge.clear();
    if (keyed) changed_subjects(rule, st, judge);
    while (auto t = next_wake(st)) {
      if (now < *t) break;
      judge.push_back(st.wake_queue.top().second);
      st.wake_queue.pop();
    }
    if (judge.empty()) {
      // Nothing it judges changed: as if it had run over nothing.
      if (keyed) {
        for (std::size_t p = 0; p < model::kPartCount; ++p) st.seen[p] = world_.revision(static_cast<model::Part>(p));
      }
      st.current_at = world_.revision();
      continue;
    }
    std::sort(judge.begin(), judge.end());
    judge.erase(std::unique(judge.begin(), judge.end()), judge.end());
    found[i].full = false;
    some.push_back(i);
  }
  run_selected(world_, now, rules_, whole, found, parallel_from_);
  if (!some.empty()) {
    Context ctx(world_, now);
    for (const std::size_t i : some) {
      run_check(ctx, rules_[i], &found[i].judged, &states_[i].names);
      take_output(ctx, found[i]);
    }
  }
  rule_runs_ += whole.size() + some.size();
  full_rule_runs_ += whole.size();
  // Every rule that ran, in rule order.
  std::vector<std::size_t>& ran = ran_;
  ran.assign(whole.begin(), whole.end());
  ran.insert(ran.end(), some.begin(), some.end());
  std::sort(ran.begin(), ran.end());
  std::vector<const Finding*>& cleared = cleared_;
  std::vector<const Finding*>& raised = raised_;
  cleared.clear();
  raised.clear();
  // replaced_[i] keeps a rule's cleared findings alive until recorded; the
  // run's own (sorted) findings stay in found_[i] (store copies them).
  for (const std::size_t i : ran) {
    RuleState& st = states_[i];
    RunOutput& out = found[i];
    if (suppressions_ != nullptr) apply_suppressions(out.findings, *suppressions_, &suppression_used_);
    const std::vector<Finding>& fresh = out.findings;
    std::vector<Finding>& replaced = replaced_[i];
    store(st, out, replaced);
    for (std::size_t p = 0; p < model::kPartCount; ++p) st.seen[p] = world_.revision(static_cast<model::Part>(p));
    st.evaluated = true;
    st.current_at = world_.revision();
    const std::size_t c0 = cleared.size();
    missing_from(replaced, fresh, cleared);
    std::sort(cleared.begin() + static_cast<std::ptrdiff_t>(c0), cleared.end(),
              [](const Finding* a, const Finding* b) { return by_resources(*a, *b); });
    missing_from(fresh, replaced, raised);
    current_stale_ = true;
  }
  // Clears first, then raises, each in (rule, resources) order.
  for (const Finding* f : cleared) {
    history_.push_back({now, false, *f, step});
    if (trace != nullptr && trace->enabled()) {
      core::Json j = {{"type", "finding"}, {"change", finding_change_name(FindingTransition::Cleared)}};
      add_finding(j, *f);
      trace->add(now, std::move(j));
    }
  }
  for (const Finding* f : raised) {
    history_.push_back({now, true, *f, step});
    if (trace != nullptr && trace->enabled()) {
      core::Json j = {{"type", "finding"}, {"change", finding_change_name(FindingTransition::Raised)}, {"step", step}};
      add_finding(j, *f);
      trace->add(now, std::move(j));
    }
  }
  for (const std::size_t i : ran) replaced_[i].clear();  // recorded: no need to keep them to the next instant
  for (const std::size_t i : ran) states_[i].next = next_wake(states_[i]);
  for (std::size_t p = 0; p < model::kPartCount; ++p) last_part_revisions_[p] = world_.revision(static_cast<model::Part>(p));
  last_revision_ = world_.revision();
  next_wake_.reset();
  for (const auto& st : states_) {
    if (st.next && *st.next > now && (!next_wake_ || *st.next < *next_wake_)) next_wake_ = st.next;
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
    core::Json j = {{"type", "finding"}, {"change", finding_change_name(FindingTransition::RaisedByRefusedCall)}, {"step", step}};
    add_finding(j, f);
    trace->add(now, std::move(j));
  }
}

}  // namespace acmsim::analysis
