#include <algorithm>
#include <array>

#include "acmsim/api/operations.hpp"

namespace acmsim::api {

namespace {

const std::vector<Operation>& table() {
  static const std::vector<Operation> ops = [] {
    std::vector<Operation> v;
    add_acm_operations(v);
    add_route53_operations(v);
    add_sim_operations(v);
    add_apigateway_operations(v);
    add_apigatewayv2_operations(v);
    add_cloudfront_operations(v);
    add_elbv2_operations(v);
    add_events_operations(v);
    add_config_operations(v);
    std::sort(v.begin(), v.end(),
              [](const Operation& a, const Operation& b) { return a.service != b.service ? a.service < b.service : a.name < b.name; });
    return v;
  }();
  return ops;
}

constexpr std::array<ServiceInfo, 9> kServices{{
    {"acm", Scope::Regional},
    {"apigateway", Scope::Regional},
    {"apigatewayv2", Scope::Regional},
    {"cloudfront", Scope::Global},
    {"config", Scope::Regional},
    {"elbv2", Scope::Regional},
    {"events", Scope::Regional},
    {"route53", Scope::Global},
    {"sim", Scope::Sim},
}};

}  // namespace

std::span<const ServiceInfo> services() { return kServices; }

std::optional<Scope> service_scope(std::string_view service) {
  for (const auto& s : kServices) {
    if (s.name == service) return s.scope;
  }
  return std::nullopt;
}

const Operation* find_operation(std::string_view service, std::string_view name) {
  for (const auto& op : table()) {
    if (op.service == service && op.name == name) return &op;
  }
  return nullptr;
}

std::vector<const Operation*> operations_of(std::string_view service) {
  std::vector<const Operation*> out;
  for (const auto& op : table()) {
    if (op.service == service) out.push_back(&op);
  }
  return out;
}

std::string get_string(const Json& params, std::string_view name) {
  const auto it = params.find(std::string(name));
  return it != params.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::string> opt_string(const Json& params, std::string_view name) {
  const auto it = params.find(std::string(name));
  if (it == params.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::string timestamp(core::SimTime t) { return core::format_timestamp(t); }

}  // namespace acmsim::api
