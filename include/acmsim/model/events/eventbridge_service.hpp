// EventBridge, per region: event buses, rules (event patterns, state),
// targets (with Input, InputPath and InputTransformer), PutEvents, and the
// events and deliveries that happened, for expectations and reports.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "acmsim/core/random.hpp"
#include "acmsim/core/simulation.hpp"
#include "acmsim/core/trace.hpp"
#include "acmsim/model/aws_error.hpp"
#include "acmsim/model/changes.hpp"
#include "acmsim/model/events/event_pattern.hpp"
#include "acmsim/model/regions.hpp"
#include "acmsim/model/service_context.hpp"
#include "acmsim/model/settings.hpp"

namespace acmsim::model {

struct InputTransformer {
  std::vector<std::pair<std::string, std::string>> paths;  // name -> "$.detail.x"
  std::string input_template;
};

struct Target {
  std::string id;
  std::string arn;
  std::optional<std::string> input;
  std::optional<std::string> input_path;
  std::optional<InputTransformer> transformer;
};

struct Rule {
  std::string name;
  std::string arn;
  RegionId region = 0;
  std::string bus = "default";
  std::optional<EventPattern> pattern;
  std::optional<std::string> schedule;
  bool enabled = true;
  std::string description;
  std::vector<Target> targets;
  std::int32_t origin = -1;
  bool deleted = false;
};

struct EventBus {
  std::string name;
  RegionId region = 0;
  std::string arn;
  bool deleted = false;
};

/// An event that reached a bus.
struct BusEvent {
  core::SimTime time;
  RegionId region = 0;
  std::string bus;
  core::Json event;
};

/// A rule's delivery of an event to one of its targets.
struct Delivery {
  core::SimTime time;
  RegionId region = 0;
  std::string bus;
  std::string rule;
  std::string target_id;
  std::string target_arn;
  core::Json input;
};

struct PutRuleInput {
  std::string name;
  std::optional<std::string> event_pattern;  // JSON text, as in the API
  std::optional<std::string> schedule;
  std::optional<std::string> state;
  std::optional<std::string> description;
  std::string bus = "default";
};

/// The analysis's key of one event bus (Part::Events): what changes when a
/// rule on it, or the bus itself, changes, and what a verdict reads when it
/// looks at the bus's rules.
std::uint64_t bus_key(RegionId region, std::string_view bus);

class EventBridgeService {
 public:
  explicit EventBridgeService(const ServiceContext& ctx);

  /// Where changes to one bus (its rules and their targets) are reported.
  void set_change_sink(ChangeSink* sink) { sink_ = sink; }

  Outcome<const EventBus*> create_event_bus(RegionId region, const std::string& name);
  Outcome<bool> delete_event_bus(RegionId region, const std::string& name);
  Outcome<const EventBus*> describe_event_bus(RegionId region, const std::string& name) const;
  [[nodiscard]] std::vector<const EventBus*> buses(RegionId region) const;

  Outcome<const Rule*> put_rule(RegionId region, const PutRuleInput& in);
  Outcome<const Rule*> describe_rule(RegionId region, const std::string& name, const std::string& bus) const;
  [[nodiscard]] std::vector<const Rule*> rules(RegionId region, const std::string& bus) const;
  [[nodiscard]] std::vector<const Rule*> all_rules() const;
  Outcome<bool> delete_rule(RegionId region, const std::string& name, const std::string& bus, bool force);
  Outcome<bool> set_rule_state(RegionId region, const std::string& name, const std::string& bus, bool enabled);
  Outcome<bool> put_targets(RegionId region, const std::string& rule, const std::string& bus, const std::vector<Target>& targets);
  Outcome<bool> remove_targets(RegionId region, const std::string& rule, const std::string& bus, const std::vector<std::string>& ids);

  /// Puts an event on a bus: records it and delivers it to every matching rule's targets.
  /// Returns the event id. Fills in id and time when the envelope lacks them.
  std::string publish(RegionId region, const std::string& bus, core::Json event);
  /// A new event id (UUID form), deterministic from the seed.
  std::string new_event_id();
  /// When what an event of this source and detail type, put on the bus
  /// now, would leave behind is only counts (no history kept, no event or
  /// delivery trace records wanted, and every rule on the bus decides from
  /// the source and detail type alone, with no bus among the targets of
  /// those that take it), counts the event and its deliveries, spends the id
  /// it would have had (later events keep theirs) and returns true: the
  /// caller need not build it. A fleet's daily expiry notices and renewals
  /// are mostly such.
  bool counted_without_building(RegionId region, const std::string& bus, std::string_view source, std::string_view detail_type);

  /// Delivers a cross-region event that was scheduled (ModelEvent::EventBusDelivery).
  void deliver_pending(std::uint32_t index);

  /// Every event and delivery so far, when history is kept (the default;
  /// a run keeps it only when an expectation, a metric or a report will ask:
  /// a fleet over years publishes millions, and the trace has them anyway).
  [[nodiscard]] const std::vector<BusEvent>& events() const { return events_; }
  [[nodiscard]] const std::vector<Delivery>& deliveries() const { return deliveries_; }
  void keep_history(bool on) { keep_history_ = on; }
  [[nodiscard]] bool keeps_history() const { return keep_history_; }
  /// Counts kept either way: events per (region, bus) and (source, detail-type);
  /// deliveries per (region, bus, rule, target id).
  /// Orders keys of strings and keys of views of them alike (member by
  /// member), so that counting an event looks its key up without copies.
  struct KeyLess {
    using is_transparent = void;
    template <class T>
    static auto view(const T& x) {
      if constexpr (std::is_convertible_v<const T&, std::string_view>)
        return std::string_view(x);
      else
        return x;
    }
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return std::apply(
          [&](const auto&... xa) { return std::apply([&](const auto&... xb) { return std::tuple(view(xa)...) < std::tuple(view(xb)...); }, b); }, a);
    }
  };
  using EventCounts = std::map<std::pair<RegionId, std::string>, std::map<std::pair<std::string, std::string>, std::size_t, KeyLess>, KeyLess>;
  using DeliveryCounts = std::map<std::tuple<RegionId, std::string, std::string, std::string>, std::size_t, KeyLess>;
  [[nodiscard]] const EventCounts& event_counts() const { return event_counts_; }
  [[nodiscard]] const DeliveryCounts& delivery_counts() const { return delivery_counts_; }
  [[nodiscard]] bool bus_exists(RegionId region, const std::string& name) const;

 private:
  Rule* find_rule(RegionId region, const std::string& name, const std::string& bus);
  void changed(RegionId region, std::string_view bus);
  /// Adds a published event to the counts by bus, source and detail-type.
  void count_published(RegionId region, const std::string& bus, const core::Json& event);
  void count_published(RegionId region, const std::string& bus, std::string_view source, std::string_view detail_type);
  core::Json transform(const Target& t, const Rule& rule, const core::Json& event) const;

  struct Pending {
    RegionId region;
    std::string bus;
    core::Json event;
  };

  const ServiceContext& ctx_;
  core::RandomStream ids_;
  std::vector<EventBus> buses_;
  std::vector<Rule> rules_;
  /// Indexes into rules_ by region and bus, in creation order (deleted rules
  /// stay and are skipped): an event is matched against its own bus's rules,
  /// not every rule of every region.
  std::map<RegionId, std::map<std::string, std::vector<std::size_t>, std::less<>>> rules_by_bus_;
  [[nodiscard]] const std::vector<std::size_t>& rules_on(RegionId region, std::string_view bus) const;
  std::vector<BusEvent> events_;
  std::vector<Delivery> deliveries_;
  bool keep_history_ = true;
  EventCounts event_counts_;
  DeliveryCounts delivery_counts_;
  std::vector<Pending> pending_;
  ChangeSink* sink_ = nullptr;
};

/// Resolves a simple JSONPath ("$", "$.detail.x", "$.resources[0]") in an event.
std::optional<core::Json> json_path(const core::Json& event, const std::string& path);

}  // namespace acmsim::model
