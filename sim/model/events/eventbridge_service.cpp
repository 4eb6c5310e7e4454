#include "acmsim/model/events/eventbridge_service.hpp"

#include "acmsim/core/word_hash.hpp"

#include <algorithm>
#include <cctype>

#include "acmsim/model/model_events.hpp"
#include "acmsim/model/state_change.hpp"

namespace acmsim::model {

using core::Json;

namespace {

// The entry of a key given as views, made from make() when new: counting an
// event by strings it holds, without copying them each time.
template <class Map, class View, class Make>
typename Map::mapped_type& entry(Map& m, const View& key, Make make) {
  auto it = m.find(key);
  if (it == m.end()) it = m.emplace(make(), typename Map::mapped_type{}).first;
  return it->second;
}

bool valid_name(const std::string& n) {
  return !n.empty() && n.size() <= 64 &&
         std::all_of(n.begin(), n.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_'; });
}

AwsError no_rule(const std::string& name, const std::string& bus) {
  return aws_error("ResourceNotFoundException", "Rule " + name + " does not exist on EventBus " + bus + ".");
}

}  // namespace

std::optional<Json> json_path(const Json& event, const std::string& path) {
  if (path.empty() || path[0] != '$') return std::nullopt;
  const Json* cur = &event;
  std::size_t i = 1;
  while (i < path.size()) {
    if (path[i] == '.') {
      std::size_t j = i + 1;
      while (j < path.size() && path[j] != '.' && path[j] != '[') ++j;
      const std::string key = path.substr(i + 1, j - i - 1);
      if (!cur->is_object() || !cur->contains(key)) return std::nullopt;
      cur = &(*cur)[key];
      i = j;
    } else if (path[i] == '[') {
      const auto close = path.find(']', i);
      if (close == std::string::npos) return std::nullopt;
      const std::string idx = path.substr(i + 1, close - i - 1);
      if (idx.empty() || idx.find_first_not_of("0123456789") != std::string::npos || !cur->is_array() || std::stoul(idx) >= cur->size())
        return std::nullopt;
      cur = &(*cur)[std::stoul(idx)];
      i = close + 1;
    } else {
      return std::nullopt;
    }
  }
  return *cur;
}

EventBridgeService::EventBridgeService(const ServiceContext& ctx) : ctx_(ctx), ids_(ctx.sim.seed(), "events.ids") {}

std::string EventBridgeService::new_event_id() {
  static constexpr char hex[] = "0123456789abcdef";
  const std::uint64_t hi = ids_.next_u64();
  const std::uint64_t lo = ids_.next_u64();
  std::string out;
  for (int i = 0; i < 32; ++i) {
    out += hex[((i < 16 ? hi : lo) >> (4 * (i % 16))) & 15];
    if (i == 7 || i == 11 || i == 15 || i == 19) out += '-';
  }
  return out;
}

std::uint64_t bus_key(RegionId region, std::string_view bus) {
  core::WordHash h;
  h.add(region);
  h.add(bus.size());
  h.add_bytes(bus);
  return h.state() >> 1;  // never kAllKeys
}

void EventBridgeService::changed(RegionId region, std::string_view bus) {
  if (sink_ != nullptr) sink_->resource_changed(Part::Events, bus_key(region, bus));
}

bool EventBridgeService::bus_exists(RegionId region, const std::string& name) const {
  if (name == "default") return true;
  return std::any_of(buses_.begin(), buses_.end(), [&](const EventBus& b) { return !b.deleted && b.region == region && b.name == name; });
}

Outcome<const EventBus*> EventBridgeService::create_event_bus(RegionId region, const std::string& name) {
  if (!valid_name(name) || name == "default")
    return aws_error("ValidationException", "Event bus name '" + name + "' is not valid: 1 to 64 of [.-_A-Za-z0-9], not 'default'.");
  if (bus_exists(region, name)) return aws_error("ResourceAlreadyExistsException", "Event bus " + name + " already exists.");
  changed(region, name);
  buses_.push_back(EventBus{name, region, "arn:aws:events:" + std::string(region_code(region)) + ":" + ctx_.account + ":event-bus/" + name, false});
  return &buses_.back();
}

Outcome<bool> EventBridgeService::delete_event_bus(RegionId region, const std::string& name) {
  if (name == "default") return aws_error("ValidationException", "Cannot delete event bus default.");
  changed(region, name);
  for (auto& b : buses_) {
    if (!b.deleted && b.region == region && b.name == name) {
      b.deleted = true;
      for (const std::size_t i : rules_on(region, name)) rules_[i].deleted = true;
    }
  }
  return true;  // deleting a bus that does not exist succeeds, as in AWS
}

Outcome<const EventBus*> EventBridgeService::describe_event_bus(RegionId region, const std::string& name) const {
  static thread_local EventBus default_bus;
  if (name == "default") {
    default_bus =
        EventBus{"default", region, "arn:aws:events:" + std::string(region_code(region)) + ":" + ctx_.account + ":event-bus/default", false};
    return &default_bus;
  }
  for (const auto& b : buses_) {
    if (!b.deleted && b.region == region && b.name == name) return &b;
  }
  return aws_error("ResourceNotFoundException", "Event bus " + name + " does not exist.");
}

std::vector<const EventBus*> EventBridgeService::buses(RegionId region) const {
  std::vector<const EventBus*> out;
  for (const auto& b : buses_) {
    if (!b.deleted && b.region == region) out.push_back(&b);
  }
  return out;
}

const std::vector<std::size_t>& EventBridgeService::rules_on(RegionId region, std::string_view bus) const {
  static const std::vector<std::size_t> kNone;
  const auto by_region = rules_by_bus_.find(region);
  if (by_region == rules_by_bus_.end()) return kNone;
  const auto it = by_region->second.find(bus);
  return it == by_region->second.end() ? kNone : it->second;
}

Rule* EventBridgeService::find_rule(RegionId region, const std::string& name, const std::string& bus) {
  for (const std::size_t i : rules_on(region, bus)) {
    if (!rules_[i].deleted && rules_[i].name == name) return &rules_[i];
  }
  return nullptr;
}

Outcome<const Rule*> EventBridgeService::put_rule(RegionId region, const PutRuleInput& in) {
  if (!valid_name(in.name)) return aws_error("ValidationException", "Rule name '" + in.name + "' is not valid: 1 to 64 of [.-_A-Za-z0-9].");
  if (!bus_exists(region, in.bus)) return aws_error("ResourceNotFoundException", "Event bus " + in.bus + " does not exist.");
  if (!in.event_pattern && !in.schedule)
    return aws_error("ValidationException", "Parameter(s) EventPattern or ScheduleExpression must be specified.");
  if (in.schedule && in.bus != "default") return aws_error("ValidationException", "ScheduleExpression is supported only on the default event bus.");
  std::optional<EventPattern> pattern;
  if (in.event_pattern) {
    Json parsed;
    try {
      parsed = Json::parse(*in.event_pattern);
    } catch (const std::exception&) {
      return aws_error("InvalidEventPatternException", "Event pattern is not valid. Reason: the pattern is not valid JSON.");
    }
    auto compiled = EventPattern::compile(parsed);
    if (!compiled.ok()) return compiled.error();
    pattern = std::move(compiled.value());
  }
  bool enabled = true;
  if (in.state) {
    if (*in.state != "ENABLED" && *in.state != "DISABLED" && *in.state != "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS") {
      return aws_error("ValidationException", "State must be ENABLED or DISABLED.");
    }
    enabled = *in.state != "DISABLED";
  }
  changed(region, in.bus);
  Rule* r = find_rule(region, in.name, in.bus);
  if (r == nullptr) {
    rules_by_bus_[region][in.bus].push_back(rules_.size());
    rules_.push_back(Rule{});
    r = &rules_.back();
    r->name = in.name;
    r->region = region;
    r->bus = in.bus;
    r->arn =
        "arn:aws:events:" + std::string(region_code(region)) + ":" + ctx_.account + ":rule/" + (in.bus == "default" ? "" : in.bus + "/") + in.name;
  }
  r->pattern = std::move(pattern);
  r->schedule = in.schedule;
  r->enabled = enabled;
  r->description = in.description.value_or(r->description);
  r->origin = ctx_.origin;
  if (ctx_.trace.enabled()) {
    ctx_.emit_state("events", region, r->arn, StateChange::RulePut, {{"state", enabled ? "ENABLED" : "DISABLED"}});
  }
  return static_cast<const Rule*>(r);
}

Outcome<const Rule*> EventBridgeService::describe_rule(RegionId region, const std::string& name, const std::string& bus) const {
  Rule* r = const_cast<EventBridgeService*>(this)->find_rule(region, name, bus);
  if (r == nullptr) return no_rule(name, bus);
  return static_cast<const Rule*>(r);
}

std::vector<const Rule*> EventBridgeService::rules(RegionId region, const std::string& bus) const {
  ReadLog::note(Part::Events, bus_key(region, bus));
  std::vector<const Rule*> out;
  for (const std::size_t i : rules_on(region, bus)) {
    if (!rules_[i].deleted) out.push_back(&rules_[i]);
  }
  return out;
}

std::vector<const Rule*> EventBridgeService::all_rules() const {
  ReadLog::note(Part::Events, kAllKeys);
  std::vector<const Rule*> out;
  for (const auto& r : rules_) {
    if (!r.deleted) out.push_back(&r);
  }
  return out;
}

Outcome<bool> EventBridgeService::delete_rule(RegionId region, const std::string& name, const std::string& bus, bool force) {
  Rule* r = find_rule(region, name, bus);
  if (r == nullptr) return true;  // as in AWS: deleting a missing rule succeeds
  changed(region, bus);
  if (!r->targets.empty() && !force) return aws_error("ValidationException", "Rule can't be deleted since it has targets.");
  r->deleted = true;
  return true;
}

Outcome<bool> EventBridgeService::set_rule_state(RegionId region, const std::string& name, const std::string& bus, bool enabled) {
  Rule* r = find_rule(region, name, bus);
  if (r == nullptr) return no_rule(name, bus);
  changed(region, bus);
  r->enabled = enabled;
  r->origin = ctx_.origin;
  return true;
}

Outcome<bool> EventBridgeService::put_targets(RegionId region, const std::string& rule, const std::string& bus, const std::vector<Target>& targets) {
  Rule* r = find_rule(region, rule, bus);
  if (r == nullptr) return no_rule(rule, bus);
  changed(region, bus);  // reported whether or not the call goes through: judging again costs little
  for (const auto& t : targets) {
    if (!valid_name(t.id)) return aws_error("ValidationException", "Target Id '" + t.id + "' is not valid: 1 to 64 of [.-_A-Za-z0-9].");
    const int given =
        static_cast<int>(t.input.has_value()) + static_cast<int>(t.input_path.has_value()) + static_cast<int>(t.transformer.has_value());
    if (given > 1) return aws_error("ValidationException", "A target takes at most one of Input, InputPath and InputTransformer.");
    if (t.input) {
      if (!Json::accept(*t.input)) return aws_error("ValidationException", "Target " + t.id + ": Input is not valid JSON.");
    }
    auto it = std::find_if(r->targets.begin(), r->targets.end(), [&](const Target& x) { return x.id == t.id; });
    if (it != r->targets.end()) {
      *it = t;
    } else {
      if (r->targets.size() >= 5)
        return aws_error("LimitExceededException", "The requested resource exceeds the maximum number allowed (5 targets per rule).");
      r->targets.push_back(t);
    }
  }
  r->origin = ctx_.origin;
  return true;
}

Outcome<bool> EventBridgeService::remove_targets(RegionId region, const std::string& rule, const std::string& bus,
                                                 const std::vector<std::string>& ids) {
  Rule* r = find_rule(region, rule, bus);
  if (r == nullptr) return no_rule(rule, bus);
  changed(region, bus);  // reported whether or not the call goes through: judging again costs little
  for (const auto& id : ids) {
    r->targets.erase(std::remove_if(r->targets.begin(), r->targets.end(), [&](const Target& t) { return t.id == id; }), r->targets.end());
  }
  r->origin = ctx_.origin;
  return true;
}

Json EventBridgeService::transform(const Target& t, const Rule& rule, const Json& event) const {
  if (t.input) return Json::parse(*t.input);
  if (t.input_path) return json_path(event, *t.input_path).value_or(Json());
  if (!t.transformer) return event;
  std::string text = t.transformer->input_template;
  auto replace_all = [&](const std::string& name, const std::string& value) {
    const std::string token = "<" + name + ">";
    for (std::size_t pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + value.size()))
      text.replace(pos, token.size(), value);
  };
  for (const auto& [name, path] : t.transformer->paths) {
    const auto v = json_path(event, path);
    replace_all(name, !v ? "" : v->is_string() ? v->get<std::string>() : v->dump());
  }
  replace_all("aws.events.rule-name", rule.name);
  replace_all("aws.events.rule-arn", rule.arn);
  replace_all("aws.events.event.json", event.dump());
  try {
    return Json::parse(text);
  } catch (const std::exception&) {
    return text;  // a template that is not JSON is delivered as text
  }
}

void EventBridgeService::count_published(RegionId region, const std::string& bus, const Json& event) {
  static const std::string none;
  const auto text = [&](const char* key) -> const std::string& {
    const auto it = event.find(key);
    return it != event.end() && it->is_string() ? it->get_ref<const std::string&>() : none;
  };
  count_published(region, bus, text("source"), text("detail-type"));
}

void EventBridgeService::count_published(RegionId region, const std::string& bus, std::string_view source, std::string_view detail_type) {
  // Counted by views: a fleet's hundreds of thousands of events make no key
  // strings once their (bus, source, detail-type) has been seen.
  auto& per_bus =
      entry(event_counts_, std::pair<RegionId, std::string_view>(region, bus), [&] { return std::pair<RegionId, std::string>(region, bus); });
  ++entry(per_bus, std::pair<std::string_view, std::string_view>(source, detail_type),
          [&] { return std::pair<std::string, std::string>(source, detail_type); });
}

namespace {
// A target that is an event bus: publish forwards the event there.
bool is_bus_target(const std::string& arn) { return arn.rfind("arn:aws:events:", 0) == 0 && arn.find(":event-bus/") != std::string::npos; }
}  // namespace

bool EventBridgeService::counted_without_building(RegionId region, const std::string& bus, std::string_view source, std::string_view detail_type) {
  if (keep_history_ || ctx_.trace.wants("event") || ctx_.trace.wants("delivery")) return false;
  // Reused: assigning into them keeps their capacity, so asking costs no
  // allocation per event.
  thread_local Json source_value = "";
  thread_local Json type_value = "";
  thread_local std::vector<std::size_t> taking;
  source_value.get_ref<std::string&>().assign(source);
  type_value.get_ref<std::string&>().assign(detail_type);
  taking.clear();
  for (const std::size_t i : rules_on(region, bus)) {
    const Rule& r = rules_[i];
    if (r.deleted || !r.enabled || !r.pattern) continue;  // as publish skips them
    const std::optional<bool> takes = r.pattern->decides(source_value, type_value);
    if (!takes) return false;
    if (!*takes) continue;
    if (std::any_of(r.targets.begin(), r.targets.end(), [](const Target& t) { return is_bus_target(t.arn); })) return false;
    taking.push_back(i);
  }
  count_published(region, bus, source, detail_type);
  for (const std::size_t i : taking) {  // as publish counts them
    const Rule& r = rules_[i];
    for (const Target& t : r.targets) {
      ++entry(delivery_counts_, std::tuple<RegionId, std::string_view, std::string_view, std::string_view>(region, bus, r.name, t.id),
              [&] { return std::tuple(region, bus, r.name, t.id); });
    }
  }
  ids_.next_u64();  // as new_event_id draws
  ids_.next_u64();
  return true;
}

std::string EventBridgeService::publish(RegionId region, const std::string& bus, Json event) {
  if (!event.contains("id")) event["id"] = new_event_id();
  if (!event.contains("time")) event["time"] = core::format_timestamp(core::SimTime{ctx_.sim.now().ms - ctx_.sim.now().ms % 1000});
  const std::optional<Json> undotted = EventPattern::normalize_event(event);
  const Json& normalized = undotted ? *undotted : event;
  count_published(region, bus, event);
  if (keep_history_) events_.push_back(BusEvent{ctx_.sim.now(), region, bus, event});
  if (ctx_.trace.wants("event")) ctx_.trace.add(ctx_.sim.now(), {{"type", "event"}, {"region", region_code(region)}, {"bus", bus}, {"event", event}});
  for (const std::size_t i : rules_on(region, bus)) {
    const Rule& r = rules_[i];
    if (r.deleted || !r.enabled || !r.pattern || !r.pattern->matches_normalized(normalized)) continue;
    for (const Target& t : r.targets) {
      ++entry(delivery_counts_, std::tuple<RegionId, std::string_view, std::string_view, std::string_view>(region, bus, r.name, t.id),
              [&] { return std::tuple(region, bus, r.name, t.id); });
      if (keep_history_) deliveries_.push_back(Delivery{ctx_.sim.now(), region, bus, r.name, t.id, t.arn, transform(t, r, event)});
      if (ctx_.trace.wants("delivery")) {
        ctx_.trace.add(ctx_.sim.now(), {{"type", "delivery"},
                                        {"region", region_code(region)},
                                        {"bus", bus},
                                        {"rule", r.name},
                                        {"target", t.id},
                                        {"targetArn", t.arn},
                                        {"eventId", event["id"]}});
      }
      // An event bus as target: cross-account or cross-region routing.
      const std::string prefix = "arn:aws:events:";
      if (is_bus_target(t.arn)) {
        const std::string rest = t.arn.substr(prefix.size());
        const auto target_region = find_region(rest.substr(0, rest.find(':')));
        const std::string target_bus = t.arn.substr(t.arn.find(":event-bus/") + 11);
        if (target_region && rest.find(":" + ctx_.account + ":") != std::string::npos && !(*target_region == region && target_bus == bus)) {
          pending_.push_back(Pending{*target_region, target_bus, event});
          ctx_.sim.schedule_in(
              ctx_.settings.cross_region_event_delay, core::Priority::Model,
              core::EventPayload{static_cast<std::uint32_t>(ModelEvent::EventBusDelivery), static_cast<std::uint32_t>(pending_.size() - 1), 0});
        }
      }
    }
  }
  return event["id"].get<std::string>();
}

void EventBridgeService::deliver_pending(std::uint32_t index) {
  if (index >= pending_.size()) return;
  Pending p = std::move(pending_[index]);
  if (!bus_exists(p.region, p.bus)) return;
  publish(p.region, p.bus, std::move(p.event));
}

}  // namespace acmsim::model
