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
  /// The parts of the world a successful call may change as a whole, for the
  /// incremental analysis; unset: its service's (ServiceDef::writes). Read-only
  /// operations change nothing whatever this says.
  std::optional<model::PartMask> writes = std::nullopt;
  /// The call changes the one certificate its request or response names
  /// (CertificateArn): the analysis re-checks that certificate only.
  bool changes_named_certificate = false;
};

/// The calls change one resource each, which the model reports itself (a
/// certificate, a DNS name, a custom domain): no part changes as a whole.
inline constexpr model::PartMask kReportsItsOwnChanges = 0;

/// A service a scenario may name: its scope (region rules), what its writing
/// calls change unless an operation says otherwise, and its operations (one
/// file each). Listed once, in registry.cpp; adding a service is its files
/// and one line there (docs/design.md, "Adding a service").
struct ServiceDef {
  std::string_view name;
  Scope scope;
  model::PartMask writes;
  /// Every operation of the service names the certificate it changes (ACM).
  bool keyed_by_certificate;
  void (*add_operations)(std::vector<Operation>& out);
};
std::span<const ServiceDef> services();
const ServiceDef* find_service(std::string_view service);
std::optional<Scope> service_scope(std::string_view service);

const Operation* find_operation(std::string_view service, std::string_view name);
std::vector<const Operation*> operations_of(std::string_view service);

// Helpers shared by the operation files.
std::string get_string(const Json& params, std::string_view name);
std::optional<std::string> opt_string(const Json& params, std::string_view name);
std::string timestamp(core::SimTime t);

}  // namespace acmsim::api
