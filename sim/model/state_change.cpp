#include "acmsim/model/state_change.hpp"

namespace acmsim::model {

void emit_state(core::Trace& trace, core::SimTime at, std::string_view service, std::optional<RegionId> region, std::string_view resource,
                StateChange change, core::Json extra) {
  if (!trace.enabled()) return;
  if (trace.keeps_compact_only("state") && !extra.contains("type") && !extra.contains("service") && !extra.contains("resource")) {
    // The record as TraceRecord would keep it: type, service and resource
    // pooled, at the places they take below (each counted after the ones
    // before it are taken out).
    core::Json rest = core::json_object(2 + extra.size());
    if (region) rest["region"] = region_code(*region);
    rest["change"] = aws_name(change);
    for (auto& [k, v] : extra.items()) rest[k] = std::move(v);
    trace.add_compact(at, {"state", service, resource}, {0, 0, static_cast<std::uint8_t>(region ? 1 : 0)}, rest);
    return;
  }
  core::Json j = core::json_object(5 + extra.size());
  j["type"] = "state";
  j["service"] = service;
  if (region) j["region"] = region_code(*region);
  j["resource"] = resource;
  j["change"] = aws_name(change);
  for (auto& [k, v] : extra.items()) j[k] = std::move(v);
  trace.add(at, std::move(j));
}

std::optional<StateChange> state_change_of(const core::Json& record) {
  const auto type = record.find("type");
  const auto change = record.find("change");
  if (type == record.end() || change == record.end() || !change->is_string() || *type != "state") return std::nullopt;
  return parse_aws<StateChange>(change->get_ref<const std::string&>());
}

bool is_state_change(const core::Json& record, StateChange change) {
  const auto c = record.find("change");
  if (c == record.end() || !c->is_string() || c->get_ref<const std::string&>() != aws_name(change)) return false;
  const auto type = record.find("type");
  return type != record.end() && *type == "state";
}

}  // namespace acmsim::model
