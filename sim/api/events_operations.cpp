// EventBridge's API: request shapes, typed calls, AWS's response shapes.
#include "acmsim/api/operations.hpp"

namespace acmsim::api {

namespace {

using model::Outcome;
using model::RegionId;
using model::World;

std::string bus_of(const Json& p) {
  std::string bus = p.contains("EventBusName") ? get_string(p, "EventBusName") : "default";
  // An ARN names the bus too.
  const auto slash = bus.find(":event-bus/");
  if (slash != std::string::npos) bus = bus.substr(slash + 11);
  return bus;
}

Json rule_json(const model::Rule& r) {
  Json j = {{"Name", r.name}, {"Arn", r.arn}};
  if (r.pattern) j["EventPattern"] = r.pattern->source().dump();
  if (r.schedule) j["ScheduleExpression"] = *r.schedule;
  j["State"] = r.enabled ? "ENABLED" : "DISABLED";
  if (!r.description.empty()) j["Description"] = r.description;
  j["EventBusName"] = r.bus;
  return j;
}

Json bus_json(const model::EventBus& b) { return {{"Name", b.name}, {"Arn", b.arn}}; }

Outcome<Json> create_event_bus(World& w, RegionId region, const Json& p) {
  auto r = w.events.create_event_bus(region, get_string(p, "Name"));
  if (!r.ok()) return r.error();
  return Json{{"EventBusArn", r.value()->arn}};
}

Outcome<Json> delete_event_bus(World& w, RegionId region, const Json& p) {
  auto r = w.events.delete_event_bus(region, get_string(p, "Name"));
  if (!r.ok()) return r.error();
  return Json::object();
}

Outcome<Json> describe_event_bus(World& w, RegionId region, const Json& p) {
  auto r = w.events.describe_event_bus(region, p.contains("Name") ? bus_of(Json{{"EventBusName", get_string(p, "Name")}}) : "default");
  if (!r.ok()) return r.error();
  return bus_json(*r.value());
}

Outcome<Json> list_event_buses(World& w, RegionId region, const Json& p) {
  const std::string prefix = get_string(p, "NamePrefix");
  Json out = Json::array();
  auto def = w.events.describe_event_bus(region, "default");
  if (std::string("default").rfind(prefix, 0) == 0) out.push_back(bus_json(*def.value()));
  for (const auto* b : w.events.buses(region)) {
    if (b->name.rfind(prefix, 0) == 0) out.push_back(bus_json(*b));
  }
  return Json{{"EventBuses", out}};
}

Outcome<Json> put_rule(World& w, RegionId region, const Json& p) {
  model::PutRuleInput in;
  in.name = get_string(p, "Name");
  in.event_pattern = opt_string(p, "EventPattern");
  in.schedule = opt_string(p, "ScheduleExpression");
  in.state = opt_string(p, "State");
  in.description = opt_string(p, "Description");
  in.bus = bus_of(p);
  auto r = w.events.put_rule(region, in);
  if (!r.ok()) return r.error();
  return Json{{"RuleArn", r.value()->arn}};
}

Outcome<Json> describe_rule(World& w, RegionId region, const Json& p) {
  auto r = w.events.describe_rule(region, get_string(p, "Name"), bus_of(p));
  if (!r.ok()) return r.error();
  return rule_json(*r.value());
}

Outcome<Json> list_rules(World& w, RegionId region, const Json& p) {
  const std::string prefix = get_string(p, "NamePrefix");
  Json out = Json::array();
  for (const auto* r : w.events.rules(region, bus_of(p))) {
    if (r->name.rfind(prefix, 0) == 0) out.push_back(rule_json(*r));
  }
  return Json{{"Rules", out}};
}

Outcome<Json> delete_rule(World& w, RegionId region, const Json& p) {
  auto r = w.events.delete_rule(region, get_string(p, "Name"), bus_of(p), p.value("Force", false));
  if (!r.ok()) return r.error();
  return Json::object();
}

Outcome<Json> enable_rule(World& w, RegionId region, const Json& p) {
  auto r = w.events.set_rule_state(region, get_string(p, "Name"), bus_of(p), true);
  if (!r.ok()) return r.error();
  return Json::object();
}

Outcome<Json> disable_rule(World& w, RegionId region, const Json& p) {
  auto r = w.events.set_rule_state(region, get_string(p, "Name"), bus_of(p), false);
  if (!r.ok()) return r.error();
  return Json::object();
}

Outcome<Json> put_targets(World& w, RegionId region, const Json& p) {
  std::vector<model::Target> targets;
  for (const auto& t : p["Targets"]) {
    model::Target target;
    target.id = get_string(t, "Id");
    target.arn = get_string(t, "Arn");
    target.input = opt_string(t, "Input");
    target.input_path = opt_string(t, "InputPath");
    if (t.contains("InputTransformer")) {
      model::InputTransformer tr;
      tr.input_template = get_string(t["InputTransformer"], "InputTemplate");
      if (t["InputTransformer"].contains("InputPathsMap")) {
        for (const auto& [k, v] : t["InputTransformer"]["InputPathsMap"].items()) tr.paths.emplace_back(k, v.get<std::string>());
      }
      target.transformer = tr;
    }
    targets.push_back(std::move(target));
  }
  auto r = w.events.put_targets(region, get_string(p, "Rule"), bus_of(p), targets);
  if (!r.ok()) return r.error();
  return Json{{"FailedEntryCount", 0}, {"FailedEntries", Json::array()}};
}

Outcome<Json> remove_targets(World& w, RegionId region, const Json& p) {
  std::vector<std::string> ids;
  for (const auto& id : p["Ids"]) ids.push_back(id.get<std::string>());
  auto r = w.events.remove_targets(region, get_string(p, "Rule"), bus_of(p), ids);
  if (!r.ok()) return r.error();
  return Json{{"FailedEntryCount", 0}, {"FailedEntries", Json::array()}};
}

Outcome<Json> list_targets_by_rule(World& w, RegionId region, const Json& p) {
  auto r = w.events.describe_rule(region, get_string(p, "Rule"), bus_of(p));
  if (!r.ok()) return r.error();
  Json out = Json::array();
  for (const auto& t : r.value()->targets) {
    Json j = {{"Id", t.id}, {"Arn", t.arn}};
    if (t.input) j["Input"] = *t.input;
    if (t.input_path) j["InputPath"] = *t.input_path;
    out.push_back(j);
  }
  return Json{{"Targets", out}};
}

Outcome<Json> put_events(World& w, RegionId region, const Json& p) {
  Json results = Json::array();
  int failed = 0;
  for (const auto& e : p["Entries"]) {
    const std::string bus = bus_of(e);
    Json detail = Json::object();
    std::string error;
    if (!e.contains("Source") || !e.contains("DetailType") || !e.contains("Detail")) {
      error = "Parameters Source, DetailType and Detail are required for each entry.";
    } else {
      try {
        detail = Json::parse(get_string(e, "Detail"));
        if (!detail.is_object()) error = "Detail is not a JSON object.";
      } catch (const std::exception&) {
        error = "Detail is malformed.";
      }
    }
    if (error.empty() && !w.events.bus_exists(region, bus)) error = "Event bus " + bus + " does not exist.";
    if (!error.empty()) {
      ++failed;
      results.push_back({{"ErrorCode", "MalformedDetail"}, {"ErrorMessage", error}});
      continue;
    }
    Json event = {{"version", "0"},
                  {"id", w.events.new_event_id()},
                  {"detail-type", get_string(e, "DetailType")},
                  {"source", get_string(e, "Source")},
                  {"account", w.account}};
    event["time"] = e.contains("Time") ? get_string(e, "Time") : core::format_timestamp(core::SimTime{w.sim.now().ms - w.sim.now().ms % 1000});
    event["region"] = model::region_code(region);
    event["resources"] = e.value("Resources", Json::array());
    event["detail"] = detail;
    results.push_back({{"EventId", w.events.publish(region, bus, std::move(event))}});
  }
  return Json{{"FailedEntryCount", failed}, {"Entries", results}};
}

Outcome<Json> test_event_pattern(World&, RegionId, const Json& p) {
  Json pattern;
  Json event;
  try {
    pattern = Json::parse(get_string(p, "EventPattern"));
  } catch (const std::exception&) {
    return model::aws_error("InvalidEventPatternException", "Event pattern is not valid. Reason: the pattern is not valid JSON.");
  }
  try {
    event = Json::parse(get_string(p, "Event"));
  } catch (const std::exception&) {
    return model::aws_error("ValidationException", "Parameter Event is not valid.");
  }
  if (!event.is_object()) return model::aws_error("ValidationException", "Parameter Event is not valid.");
  auto compiled = model::EventPattern::compile(pattern);
  if (!compiled.ok()) return compiled.error();
  return Json{{"Result", compiled.value().matches(event)}};
}

}  // namespace

void add_events_operations(std::vector<Operation>& out) {
  using namespace shapes;
  const Shape* tags = list(structure({{"Key", string(), true}, {"Value", string(), true}}));
  out.push_back({"events", "CreateEventBus", false,
                 structure({{"Name", string(), true},
                            {"EventSourceName", string()},
                            {"Description", string()},
                            {"KmsKeyIdentifier", string()},
                            {"DeadLetterConfig", any()},
                            {"LogConfig", any()},
                            {"Tags", tags}}),
                 &create_event_bus});
  out.push_back({"events", "DeleteEventBus", false, structure({{"Name", string(), true}}), &delete_event_bus});
  out.push_back({"events", "DescribeEventBus", true, structure({{"Name", string()}}), &describe_event_bus});
  out.push_back(
      {"events", "ListEventBuses", true, structure({{"NamePrefix", string()}, {"NextToken", string()}, {"Limit", integer()}}), &list_event_buses});
  out.push_back({"events", "PutRule", false,
                 structure({{"Name", string(), true},
                            {"ScheduleExpression", string()},
                            {"EventPattern", string()},
                            {"State", string()},
                            {"Description", string()},
                            {"RoleArn", string()},
                            {"Tags", tags},
                            {"EventBusName", string()}}),
                 &put_rule});
  out.push_back({"events", "DescribeRule", true, structure({{"Name", string(), true}, {"EventBusName", string()}}), &describe_rule});
  out.push_back({"events", "ListRules", true,
                 structure({{"NamePrefix", string()}, {"EventBusName", string()}, {"NextToken", string()}, {"Limit", integer()}}), &list_rules});
  out.push_back(
      {"events", "DeleteRule", false, structure({{"Name", string(), true}, {"EventBusName", string()}, {"Force", boolean()}}), &delete_rule});
  out.push_back({"events", "EnableRule", false, structure({{"Name", string(), true}, {"EventBusName", string()}}), &enable_rule});
  out.push_back({"events", "DisableRule", false, structure({{"Name", string(), true}, {"EventBusName", string()}}), &disable_rule});
  const Shape* target = structure({{"Id", string(), true},
                                   {"Arn", string(), true},
                                   {"RoleArn", string()},
                                   {"Input", string()},
                                   {"InputPath", string()},
                                   {"InputTransformer", structure({{"InputPathsMap", map(string())}, {"InputTemplate", string(), true}})},
                                   {"KinesisParameters", any()},
                                   {"RunCommandParameters", any()},
                                   {"EcsParameters", any()},
                                   {"BatchParameters", any()},
                                   {"SqsParameters", any()},
                                   {"HttpParameters", any()},
                                   {"RedshiftDataParameters", any()},
                                   {"SageMakerPipelineParameters", any()},
                                   {"DeadLetterConfig", any()},
                                   {"RetryPolicy", any()},
                                   {"AppSyncParameters", any()}});
  out.push_back({"events", "PutTargets", false, structure({{"Rule", string(), true}, {"EventBusName", string()}, {"Targets", list(target), true}}),
                 &put_targets});
  out.push_back({"events", "RemoveTargets", false,
                 structure({{"Rule", string(), true}, {"EventBusName", string()}, {"Ids", list(string()), true}, {"Force", boolean()}}),
                 &remove_targets});
  out.push_back({"events", "ListTargetsByRule", true,
                 structure({{"Rule", string(), true}, {"EventBusName", string()}, {"NextToken", string()}, {"Limit", integer()}}),
                 &list_targets_by_rule});
  out.push_back({"events", "PutEvents", false,
                 structure({{"Entries",
                             list(structure({{"Time", timestamp()},
                                             {"Source", string()},
                                             {"Resources", list(string())},
                                             {"DetailType", string()},
                                             {"Detail", string()},
                                             {"EventBusName", string()},
                                             {"TraceHeader", string()}})),
                             true},
                            {"EndpointId", string()}}),
                 &put_events});
  out.push_back({"events", "TestEventPattern", true, structure({{"EventPattern", string(), true}, {"Event", string(), true}}), &test_event_pattern});
}

}  // namespace acmsim::api
