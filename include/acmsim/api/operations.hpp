// The `service:Operation` table: each operation's request shape, whether it is
// read-only (usable in an expectation), and the function that turns the AWS
// request into a typed model call and the model's answer into AWS's response.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "acmsim/api/shape.hpp"
#include "acmsim/model/aws_error.hpp"
#include "acmsim/model/world.hpp"

namespace acmsim::api {

enum class Scope { Regional, Global, Sim };

using Invoke = model::Outcome<Json> (*)(model::World& world, model::RegionId region, const Json& params);

struct Operation {
  std::string_view service;
  std::string_view name;
  bool read_only = false;
  const Shape* input = nullptr;
  Invoke invoke = nullptr;
};

/// The services a scenario may name, with their scope (region rules).
struct ServiceInfo {
  std::string_view name;
  Scope scope;
};
std::span<const ServiceInfo> services();
std::optional<Scope> service_scope(std::string_view service);

const Operation* find_operation(std::string_view service, std::string_view name);
std::vector<const Operation*> operations_of(std::string_view service);

// Each service's operations (one file each).
void add_acm_operations(std::vector<Operation>& out);
void add_route53_operations(std::vector<Operation>& out);
void add_sim_operations(std::vector<Operation>& out);
void add_apigateway_operations(std::vector<Operation>& out);
void add_apigatewayv2_operations(std::vector<Operation>& out);
void add_cloudfront_operations(std::vector<Operation>& out);
void add_elbv2_operations(std::vector<Operation>& out);
void add_events_operations(std::vector<Operation>& out);
void add_config_operations(std::vector<Operation>& out);

// Helpers shared by the operation files.
std::string get_string(const Json& params, std::string_view name);
std::optional<std::string> opt_string(const Json& params, std::string_view name);
std::string timestamp(core::SimTime t);

}  // namespace acmsim::api
