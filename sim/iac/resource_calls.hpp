// What CloudFormation does for each resource type the model knows: the AWS
// calls it makes, and what Ref and Fn::GetAtt of the resource stand for.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "template.hpp"

namespace acmsim::iac {

/// One AWS call of a resource, with the template property each request
/// member came from.
struct PlannedCall {
  std::string call;  // "acm:RequestCertificate"
  bool regional = true;
  Json params = Json::object();
  std::string save;
  std::vector<std::pair<std::string, std::string>> sources;  // request member -> template pointer
  core::Duration delay{};                                    // after the resource's start (a person's approval comes later)
};

/// A certificate or hosted zone that the template names but does not create.
struct Adoption {
  std::string call;  // sim:AdoptCertificate, sim:AdoptHostedZone
  Json params;
  std::string pointer;  // where the template names it
  std::string key;      // one adoption per key
};

/// The reading of one resource.
class ResourceReader {
 public:
  ResourceReader(Stack& stack, Resolver& resolver, std::string id, const Json& resource);

  /// A property that decides a certificate's region, names or attachment:
  /// unknown makes the resource unsimulated, with an unresolved-value note.
  std::optional<Json> need(const std::string& path);
  /// A property whose unknown parts do not matter to any rule: unknown
  /// leaves become `placeholder`.
  std::optional<Json> want(const std::string& path, const std::string& placeholder = "");
  [[nodiscard]] bool has(const std::string& path) const;
  /// The template's value at `path` under Properties, unresolved (null when absent).
  [[nodiscard]] const Json* raw_value(const std::string& path) const;
  [[nodiscard]] std::string pointer(const std::string& path) const;

  Stack& stack;
  Resolver& resolver;
  CrossStack* cross = nullptr;
  std::string id;
  std::string save;  // the name its responses are saved under (unique across stacks)
  std::string type;
  std::string base;  // "/Resources/<id>"
  const Json& resource;

  // Results
  std::vector<PlannedCall> calls;
  std::vector<Adoption> adoptions;
  std::vector<Unknown> unknowns;
  ResourceHandle handle;
  core::Duration ready_after{};  // a certificate CloudFormation waits for: dependents start when it is issued
  std::string never_ready;       // a certificate that will not be issued without a person: why

 private:
  Json lenient(const Json& v, const std::string& ptr, const std::string& placeholder);
};

/// Fills the reader's calls and handle; false when the type is not modelled.
bool read_resource(ResourceReader& r);

/// The types read_resource knows.
bool is_modelled_type(const std::string& type);

}  // namespace acmsim::iac
