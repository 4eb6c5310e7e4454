#include "acmsim/model/state_change.hpp"

namespace acmsim::model {

void emit_state(core::Trace& trace, core::SimTime at, std::string_view service, std::optional<RegionId> region, std::string_view resource,
                StateChange change, core::Json extra) {
  if (!trace.enabled()) return;
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
