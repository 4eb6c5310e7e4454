#include <algorithm>
#include <array>

#include "acmsim/api/operations.hpp"

namespace acmsim::api {

// Each service's operations, defined in its own file (<service>_operations.cpp).
void add_acm_operations(std::vector<Operation>& out);
void add_route53_operations(std::vector<Operation>& out);
void add_sim_operations(std::vector<Operation>& out);
void add_apigateway_operations(std::vector<Operation>& out);
void add_apigatewayv2_operations(std::vector<Operation>& out);
void add_cloudfront_operations(std::vector<Operation>& out);
void add_elbv2_operations(std::vector<Operation>& out);
void add_events_operations(std::vector<Operation>& out);
void add_config_operations(std::vector<Operation>& out);

namespace {

using model::bit;
using model::Part;

// `sim` operations change what each says; one that says nothing may change anything.
constexpr std::array<ServiceDef, 9> kServices{{
    {"acm", Scope::Regional, kReportsItsOwnChanges, true, &add_acm_operations},
    {"apigateway", Scope::Regional, bit(Part::ApiGateway), false, &add_apigateway_operations},
    {"apigatewayv2", Scope::Regional, kReportsItsOwnChanges, false, &add_apigatewayv2_operations},
    {"cloudfront", Scope::Global, kReportsItsOwnChanges, false, &add_cloudfront_operations},  // the one distribution
    {"config", Scope::Regional, bit(Part::Config), false, &add_config_operations},
    {"elbv2", Scope::Regional, kReportsItsOwnChanges, false, &add_elbv2_operations},    // the one load balancer
    {"events", Scope::Regional, kReportsItsOwnChanges, false, &add_events_operations},  // the one bus
    {"route53", Scope::Global, bit(Part::Dns), false, &add_route53_operations},
    {"sim", Scope::Sim, model::kAllParts, false, &add_sim_operations},
}};

const std::vector<Operation>& table() {
  static const std::vector<Operation> ops = [] {
    std::vector<Operation> v;
    for (const auto& svc : kServices) {
      const std::size_t first = v.size();
      svc.add_operations(v);
      for (std::size_t i = first; i < v.size(); ++i) {
        if (!v[i].writes) v[i].writes = svc.writes;
        if (svc.keyed_by_certificate) v[i].changes_named_certificate = true;
      }
    }
    std::sort(v.begin(), v.end(),
              [](const Operation& a, const Operation& b) { return a.service != b.service ? a.service < b.service : a.name < b.name; });
    return v;
  }();
  return ops;
}

}  // namespace

std::span<const ServiceDef> services() { return kServices; }

const ServiceDef* find_service(std::string_view service) {
  for (const auto& s : kServices) {
    if (s.name == service) return &s;
  }
  return nullptr;
}

std::optional<Scope> service_scope(std::string_view service) {
  const ServiceDef* s = find_service(service);
  return s != nullptr ? std::optional<Scope>(s->scope) : std::nullopt;
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
