// The analysis engine: runs every rule on the world, raises and clears
// findings as the simulation runs, and remembers every raise.
#pragma once

#include <array>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

#include "acmsim/analysis/finding.hpp"
#include "acmsim/analysis/rule.hpp"
#include "acmsim/core/flat_map.hpp"
#include "acmsim/core/trace.hpp"
#include "acmsim/model/world.hpp"

namespace acmsim::analysis {

/// Runs one rule over the whole world into ctx's findings (its check, or its
/// certificate check over every certificate): for benchmarks of one rule.
void run_whole_rule(Context& ctx, const RuleDef* rule);

class Engine {
 public:
  explicit Engine(const model::World& world);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Evaluates the rules at `now`; records raises and clears; returns the
  /// earliest future instant at which a finding may change with time alone.
  /// An instant at which the world's revision is unchanged and no rule asked
  /// to be woken keeps the findings as they are, without a rule pass; otherwise
  /// only the rules that read a part of the world that changed since their
  /// last pass, or that asked to be woken by now, run again, and a rule that
  /// judges one certificate at a time re-judges only the certificates whose
  /// state changed or that asked to be woken (when nothing else it reads
  /// changed).
  std::optional<core::SimTime> evaluate(core::SimTime now, std::int32_t step, core::Trace* trace);

  /// A call AWS refused for a rule's reason: the finding holds at this instant only.
  void refused(const std::string& rule, std::vector<std::string> resources, const std::string& message, core::SimTime now, std::int32_t step,
               core::Trace* trace);

  /// The findings that hold now, sorted by (rule, resources).
  [[nodiscard]] const std::vector<Finding>& current() const;
  [[nodiscard]] const std::deque<FindingChange>& history() const { return history_; }

  /// The scenario's accepted findings: matching findings are marked
  /// suppressed as they are raised. `s` must outlive the engine.
  void set_suppressions(const std::vector<Suppression>* s) {
    suppressions_ = s;
    suppression_used_.assign(s != nullptr ? s->size() : 0, false);
  }
  /// Rules that are not run at all (--skip-rule, a config file's skipRules).
  /// Call before the first evaluation.
  void skip_rules(const std::vector<std::string>& ids);
  /// For each suppression, whether it matched a finding so far (the others are stale).
  [[nodiscard]] const std::vector<bool>& suppression_used() const { return suppression_used_; }

  /// Off: every evaluation re-runs every rule (the reference the incremental
  /// engine is tested against).
  void set_incremental(bool on) { incremental_ = on; }
  /// Rule runs so far (for tests and benchmarks of the incremental engine);
  /// re-judging some certificates counts as a run.
  [[nodiscard]] std::uint64_t rule_runs() const { return rule_runs_; }
  /// Of those, the runs over every resource.
  [[nodiscard]] std::uint64_t full_rule_runs() const { return full_rule_runs_; }

  /// Worlds with this many certificates and DNS records or more have their
  /// rules run on several threads, each with its own Context (the world is
  /// only read). Below it, threads cost more than they save.
  static constexpr std::size_t kParallelFrom = 20'000;
  void set_parallel_from(std::size_t n) { parallel_from_ = n; }

  /// One pass of every rule, without remembering anything (for lint).
  static std::vector<Finding> run_rules(const model::World& world, core::SimTime now, std::vector<core::SimTime>* wakeups = nullptr,
                                        std::size_t parallel_from = kParallelFrom, const std::vector<std::string>& skip = {});

  /// One rule run's results (internal to the engine).
  struct RunOutput;

 private:
  using Subject = Context::Subject;
  using WakeEntry = std::pair<std::int64_t, Subject>;  // (ms, subject)
  struct RuleState {
    // Flat maps: every change and every wake-up looks subjects up here, in
    // maps as large as the fleet.
    core::FlatMap<std::vector<Finding>> findings;  // by subject, each sorted by resources
    std::array<std::uint64_t, model::kPartCount> seen{};
    // Each subject's wake-up, and the queue of them in time order (entries
    // that no longer match wake_of are skipped when they come up).
    core::FlatMap<core::SimTime> wake_of;
    std::priority_queue<WakeEntry, std::vector<WakeEntry>, std::greater<>> wake_queue;
    // next_wake() as of this rule's last run: its queue changes only when it runs.
    std::optional<core::SimTime> next;
    // For a rule with keyed parts: the subjects whose verdict read each
    // resource (a superset: entries stay until the next whole run).
    core::FlatMap<std::vector<Subject>> readers;
    std::unordered_map<Subject, std::string> names;  // of the name subjects
    std::size_t readers_entries = 0;
    std::size_t readers_compacted = 0;
    bool evaluated = false;
    // The world's revision when this rule was last known to have seen every
    // change to the parts it reads (it ran, or none of them had changed).
    std::uint64_t current_at = 0;
  };
  void store(RuleState& st, RunOutput& out, std::vector<Finding>& before);
  static std::optional<core::SimTime> next_wake(RuleState& st);
  static void add_readers(RuleState& st, const RunOutput& out);
  void changed_subjects(const RuleDef& rule, RuleState& st, std::vector<Subject>& out) const;
  void note_certificate_aspects();
  [[nodiscard]] model::AspectMask changed_aspects_of(std::uint64_t id) const {
    return id < aspects_now_.size() ? aspects_now_[id] : model::kAllAspects;
  }

  const model::World& world_;
  std::vector<const RuleDef*> rules_;  // sorted by id, so that concatenated findings are sorted
  std::vector<RuleState> states_;
  std::deque<FindingChange> history_;  // a deque: a fleet's history is never copied to grow
  std::optional<std::uint64_t> evaluated_revision_;
  std::optional<core::SimTime> next_wake_;
  const std::vector<Suppression>* suppressions_ = nullptr;
  std::vector<bool> suppression_used_;
  bool incremental_ = true;
  std::size_t parallel_from_ = kParallelFrom;
  std::uint64_t rule_runs_ = 0;
  std::uint64_t full_rule_runs_ = 0;
  // Buffers of evaluate(), kept between calls: an instant at which one
  // certificate changed should not allocate per rule.
  std::vector<RunOutput> found_;
  // Each certificate's aspect prints as of the last evaluation that saw it
  // change, and the aspects that changed at this one (for its changed ids).
  std::vector<model::AspectPrints> prints_;
  std::vector<std::uint64_t> printed_at_;  // the evaluation that made them; 0: none yet
  std::vector<model::AspectMask> aspects_now_;
  std::uint64_t evaluations_ = 0;
  // The parts' revisions at the end of the last evaluation, and the world's.
  std::array<std::uint64_t, model::kPartCount> last_part_revisions_{};
  std::uint64_t last_revision_ = 0;
  std::vector<std::vector<Finding>> replaced_;  // by rule index
  std::vector<std::size_t> whole_;
  std::vector<std::size_t> some_;
  std::vector<std::size_t> ran_;
  std::vector<const Finding*> cleared_;
  std::vector<const Finding*> raised_;
  std::vector<Context::Wake> asked_;  // store()'s wake-ups, by subject
  mutable std::vector<Finding> current_;
  mutable bool current_stale_ = false;
};

}  // namespace acmsim::analysis
