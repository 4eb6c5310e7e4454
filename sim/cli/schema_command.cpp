// `acmsim schema`: the JSON Schema (draft 2020-12) of the scenario format,
// generated from the operation table, so that editors complete and check
// scenario files with the same request shapes the loader checks.
#include <algorithm>
#include <iostream>
#include <sstream>

#include "acmsim/analysis/rule.hpp"
#include "acmsim/api/operations.hpp"
#include "acmsim/model/regions.hpp"
#include "acmsim/model/settings.hpp"
#include "commands.hpp"

namespace acmsim::cli {

namespace {

using core::Json;

const Json kReference = {{"type", "string"}, {"pattern", "^\\$\\{[^}]+\\}$"}, {"description", "a ${name.path} reference to a saved response"}};

Json shape_schema(const api::Shape& s) {
  Json j;
  switch (s.type) {
    case api::ShapeType::String:
    case api::ShapeType::Timestamp:
      return Json{{"type", "string"}};
    case api::ShapeType::Blob:
      if (s.alternative != nullptr) return Json{{"anyOf", Json::array({Json{{"type", "string"}}, shape_schema(*s.alternative)})}};
      return Json{{"type", "string"}};
    case api::ShapeType::Integer:
      j = {{"type", "integer"}};
      break;
    case api::ShapeType::Boolean:
      j = {{"type", "boolean"}};
      break;
    case api::ShapeType::Any:
      return Json::object();
    case api::ShapeType::List:
      j = {{"type", "array"}, {"items", shape_schema(*s.element)}};
      break;
    case api::ShapeType::Map:
      j = {{"type", "object"}, {"additionalProperties", shape_schema(*s.element)}};
      break;
    case api::ShapeType::Structure: {
      Json props = Json::object();
      Json required = Json::array();
      for (const auto& m : s.members) {
        props[std::string(m.name)] = shape_schema(*m.shape);
        if (m.required) required.push_back(m.name);
      }
      j = {{"type", "object"}, {"properties", props}, {"additionalProperties", false}};
      if (!required.empty()) j["required"] = required;
      break;
    }
  }
  // A whole-reference string stands for a value of any type.
  return Json{{"anyOf", Json::array({j, kReference})}};
}

}  // namespace

Json scenario_schema() {
  Json regions = Json::array();
  for (const auto& r : model::all_regions()) regions.push_back(r.code);
  Json calls = Json::array();
  Json rules = Json::array();
  for (const auto& svc : api::services()) {
    for (const auto* op : api::operations_of(svc.name)) {
      const std::string call = std::string(op->service) + ":" + std::string(op->name);
      calls.push_back(call);
      Json then = {{"properties", {{"params", shape_schema(*op->input)}}}};
      if (svc.scope == api::Scope::Regional)
        then["required"] = Json::array({"region"});
      else
        then["not"] = {{"required", Json::array({"region"})}};
      rules.push_back({{"if", {{"properties", {{"call", {{"const", call}}}}}, {"required", Json::array({"call"})}}}, {"then", then}});
    }
  }
  Json rule_ids = Json::array();
  for (const auto* r : analysis::all_rules()) rule_ids.push_back(r->id);
  Json settings = Json::object();
  for (const auto& st : model::settings_catalogue()) {
    settings[std::string(st.name)] = {
        {"description", std::string(st.meaning) + " Default: " + model::default_text(st) + ". Source: " + std::string(st.source)}};
  }
  const Json duration = {
      {"type", "string"}, {"pattern", "^([0-9]+(ms|s|m|h|d|w))+$"}, {"description", "one or more <integer><unit> groups: 90d, 1d12h, 250ms"}};
  const Json timestamp = {{"type", "string"},
                          {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-]00:00)$"},
                          {"description", "an RFC 3339 UTC timestamp"}};
  const Json count = {
      {"anyOf", Json::array({Json{{"type", "integer"}, {"minimum", 0}},
                             Json{{"type", "object"},
                                  {"properties", {{"min", {{"type", "integer"}, {"minimum", 0}}}, {"max", {{"type", "integer"}, {"minimum", 0}}}}},
                                  {"additionalProperties", false}}})}};
  Json step = {
      {"type", "object"},
      {"description", "What happens at one time: an AWS call, a probe, or an expectation."},
      {"required", Json::array({"at"})},
      {"properties",
       {{"at", {{"$ref", "#/$defs/when"}, {"description", "a duration from start, or a timestamp"}}},
        {"note", {{"type", "string"}, {"description", "for people; carried into the trace and the narration"}}},
        {"id",
         {{"type", "string"}, {"pattern", "^[a-z0-9][a-z0-9-]*$"}, {"description", "names the step (unique in the file); /steps/<id> points at it"}}},
        {"call", {{"enum", calls}, {"description", "service:Operation, as in the AWS CLI"}}},
        {"region", {{"$ref", "#/$defs/region"}}},
        {"params", {{"type", "object"}, {"description", "the request, in the AWS API's own shape"}}},
        {"save", {{"type", "string"}, {"pattern", "^[A-Za-z0-9_-]+$"}, {"description", "keep the response under this name"}}},
        {"expectError", {{"type", "string"}, {"minLength", 1}, {"description", "the AWS error code this call must fail with"}}},
        {"probe",
         {{"type", "object"},
          {"required", Json::array({"name", "url", "from"})},
          {"properties",
           {{"name", {{"type", "string"}, {"minLength", 1}}},
            {"url", {{"type", "string"}}},
            {"from", {{"type", "array"}, {"minItems", 1}, {"items", {{"$ref", "#/$defs/region"}}}}},
            {"every", duration},
            {"until", {{"$ref", "#/$defs/when"}}}}},
          {"additionalProperties", false}}},
        {"expect",
         {{"type", "object"},
          {"description", "kind 1 (call + matches), 2 (events), 3 (deliveries), 4 (findings) or 5 (probe)"},
          {"properties",
           {{"call", {{"enum", calls}}},
            {"region", {{"$ref", "#/$defs/region"}}},
            {"params", {{"type", "object"}}},
            {"matches", Json::object()},
            {"events", {{"type", "object"}}},
            {"deliveries", {{"type", "object"}}},
            {"findings", {{"type", "object"}}},
            {"probe", {{"type", "string"}}},
            {"from", {{"$ref", "#/$defs/region"}}},
            {"availability", {{"type", "object"}}},
            {"last", {{"type", "object"}}},
            {"latencyMs", {{"type", "object"}}},
            {"count", count},
            {"since", {{"$ref", "#/$defs/when"}}},
            {"until", {{"$ref", "#/$defs/when"}}}}},
          {"additionalProperties", false}}}}},
      {"additionalProperties", false},
      {"oneOf", Json::array({Json{{"required", Json::array({"call"})}}, Json{{"required", Json::array({"probe"})}},
                             Json{{"required", Json::array({"expect"})}}})},
      {"allOf", rules}};
  return Json{{"$schema", "https://json-schema.org/draft/2020-12/schema"},
              {"$id", "https://acmsim.dev/schema/scenario.schema.json"},
              {"title", "acmsim scenario, format version 1"},
              {"description",
               "A timeline of AWS API calls, client probes and expectations (acmsim scenario format, version 1). Generated by `acmsim schema`."},
              {"type", "object"},
              {"required", Json::array({"scenario", "steps"})},
              {"additionalProperties", false},
              {"properties",
               {{"$schema", {{"type", "string"}}},
                {"scenario", {{"type", "string"}, {"pattern", "^[a-z0-9][a-z0-9-]*$"}, {"description", "the name used in reports"}}},
                {"description", {{"type", "string"}}},
                {"concepts", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                {"start", timestamp},
                {"horizon", duration},
                {"seed", {{"type", "integer"}, {"minimum", 0}, {"maximum", 18446744073709551615ULL}}},
                {"account", {{"type", "string"}, {"pattern", "^[0-9]{12}$"}}},
                {"settings", {{"type", "object"}, {"properties", settings}, {"additionalProperties", false}}},
                {"suppress",
                 {{"type", "array"},
                  {"description", "findings the team has accepted: still reported, as suppressed, and never failing"},
                  {"items",
                   {{"type", "object"},
                    {"required", Json::array({"rule", "resource", "reason"})},
                    {"properties",
                     {{"rule", {{"enum", rule_ids}}},
                      {"resource", {{"type", "string"}, {"minLength", 1}, {"description", "an exact resource id, or a glob with *"}}},
                      {"reason", {{"type", "string"}, {"minLength", 1}, {"description", "why it is accepted (the SARIF justification)"}}}}},
                    {"additionalProperties", false}}}}},
                {"steps", {{"type", "array"}, {"items", {{"$ref", "#/$defs/step"}}}}}}},
              {"$defs",
               {{"duration", duration},
                {"timestamp", timestamp},
                {"when", {{"anyOf", Json::array({duration, timestamp})}}},
                {"region", {{"enum", regions}}},
                {"step", step}}}};
}

namespace {

std::string type_name(const api::Shape& s) {
  switch (s.type) {
    case api::ShapeType::String:
      return "string";
    case api::ShapeType::Integer:
      return "integer";
    case api::ShapeType::Boolean:
      return "boolean";
    case api::ShapeType::Timestamp:
      return "timestamp";
    case api::ShapeType::Blob:
      return s.alternative != nullptr ? "base64 string, or an object" : "base64 string";
    case api::ShapeType::List:
      return "list of " + type_name(*s.element);
    case api::ShapeType::Map:
      return "map of " + type_name(*s.element);
    case api::ShapeType::Structure:
      return "object";
    case api::ShapeType::Any:
      return "any JSON";
  }
  return "?";
}

/// The members of a request shape as a nested Markdown list.
void members_markdown(std::ostream& out, const api::Shape& s, int depth) {
  const api::Shape* st = &s;
  while (st->type == api::ShapeType::List || st->type == api::ShapeType::Map) st = st->element;
  if (st->type == api::ShapeType::Blob && st->alternative != nullptr) st = st->alternative;
  if (st->type != api::ShapeType::Structure || depth > 6) return;
  for (const auto& m : st->members) {
    out << std::string(static_cast<std::size_t>(depth) * 2, ' ') << "- `" << m.name << "` (" << type_name(*m.shape)
        << (m.required ? ", required" : "") << ")\n";
    members_markdown(out, *m.shape, depth + 1);
  }
}

}  // namespace

std::string operations_markdown() {
  std::ostringstream out;
  out << "<!-- generated by `acmsim schema --format markdown`; a test keeps it equal to the program's operation table -->\n\n";
  for (const auto& svc : api::services()) {
    auto ops = api::operations_of(svc.name);
    if (ops.empty()) continue;
    std::sort(ops.begin(), ops.end(), [](const api::Operation* a, const api::Operation* b) { return a->name < b->name; });
    const char* scope = svc.scope == api::Scope::Regional ? "regional: every call names its `region`"
                        : svc.scope == api::Scope::Global ? "global: no `region`"
                                                          : "simulation actions: no `region`";
    out << "### `" << svc.name << "` (" << scope << ")\n\n";
    for (const auto* op : ops) {
      out << "#### `" << svc.name << ":" << op->name << "`" << (op->read_only ? " (read-only: usable in an expectation)" : "") << "\n\n";
      std::ostringstream members;
      if (op->input != nullptr) members_markdown(members, *op->input, 0);
      out << (members.str().empty() ? std::string("No request members.\n") : members.str()) << "\n";
    }
  }
  return out.str();
}

int schema_command(const std::string& format) {
  if (format == "markdown") {
    std::cout << operations_markdown();
    return kOk;
  }
  std::cout << scenario_schema().dump(2) << "\n";
  return kOk;
}

}  // namespace acmsim::cli
