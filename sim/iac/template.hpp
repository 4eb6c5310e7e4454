// The iac layer's own model of a template: one stack, its parameters and
// resources, and the resolver of intrinsic functions.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "acmsim/input/json_source.hpp"
#include "acmsim/scenario/scenario.hpp"

namespace acmsim::iac {

using core::Json;
using input::SourceDocument;
using input::SourcePos;

/// How the importer writes a reference to a saved response while it works
/// ("\x01{Cert.CertificateArn}"): unlike "${", it cannot come from a
/// template, so a template's own "${" text stays text (written "$${" in the
/// scenario) and only the importer's references become "${...}".
inline constexpr const char* kRef = "\x01{";
inline bool is_reference_to_saved(const std::string& s) { return s.find(kRef) != std::string::npos; }

/// One stack: a template deployed in a region with parameter values.
struct Stack {
  std::string name;
  std::string file;
  std::string region;
  std::string account;
  SourceDocument doc;
  std::map<std::string, std::string> given;  // parameter values from the command line or a deployment file
  bool sam = false;
  std::string save_prefix;  // "" for one stack; "<stack>_" when several share a scenario
  std::string parent;       // a nested stack's parent stack
};

/// What stacks read from each other: exports (Fn::ImportValue, per region
/// and account) and outputs (Fn::GetStackOutput, a nested stack's Outputs).
struct CrossStack {
  std::map<std::string, std::string> exports;                         // "region|account|name" -> value
  std::map<std::string, std::map<std::string, std::string>> outputs;  // stack name -> output -> value
  std::map<std::string, std::string> regions;                         // stack name -> region
  /// Hosted zones by name (public ones the templates create or name by id),
  /// so that a HostedZoneName finds the zone that answers for the name.
  std::map<std::string, std::string> zones_by_name;
};

/// What a reference to a resource of the stack stands for: the scenario
/// reference of its saved response ("${Cert.CertificateArn}"), or why it is
/// not known.
struct ResourceHandle {
  std::string type;
  bool simulated = false;                         // false: a type the model does not know, or one waiting or unresolved
  std::string ref;                                // Ref
  std::map<std::string, std::string> attributes;  // Fn::GetAtt
  std::string why_not;                            // when not simulated
  std::string why_not_key;                        // the unknown value that stopped it (reported once, with its first use)
};

/// A value that cannot be known without deploying: why, and where the
/// template asks for it.
struct Unknown {
  std::string why;
  SourcePos pos;
  std::string key;       // what is unknown (one note per key)
  std::string property;  // the property that needs it ("Properties.CertificateArn"), set by the reader
};

/// The result of resolving a template value.
struct Resolved {
  enum class Kind { Value, NoValue, Unknown } kind = Kind::Value;
  Json value;
  Unknown unknown;
  [[nodiscard]] bool known() const { return kind == Kind::Value; }
};

/// Resolves intrinsic functions of one stack (Ref, Fn::GetAtt, Fn::Sub,
/// Fn::Join, Fn::Select, Fn::Split, Fn::If with Conditions, Fn::FindInMap,
/// ...). References to resources become scenario references to their saved
/// responses. Bad input (an unknown function, a reference to nothing) throws
/// scenario::InputError at the template's position.
class Resolver {
 public:
  Resolver(const Stack& stack, const std::map<std::string, ResourceHandle>& resources, const CrossStack* cross = nullptr)
      : stack_(stack), resources_(resources), cross_(cross) {}

  /// The value at `pointer` (a JSON Pointer into the template).
  Resolved resolve(const Json& v, const std::string& pointer);
  /// A condition's truth (Conditions section), or unknown.
  std::optional<bool> condition(const std::string& name, const std::string& pointer, Unknown* unknown);

  [[noreturn]] void fail(const std::string& pointer, const std::string& message) const;
  [[nodiscard]] SourcePos pos(const std::string& pointer) const { return stack_.doc.pos_of(pointer); }

 private:
  Resolved ref(const std::string& name, const std::string& pointer);
  Resolved get_att(const Json& arg, const std::string& pointer);
  Resolved sub(const Json& arg, const std::string& pointer);
  Resolved function(const std::string& name, const Json& arg, const std::string& pointer);
  Resolved unknown(std::string why, const std::string& pointer, std::string key) const;

  const Stack& stack_;
  const std::map<std::string, ResourceHandle>& resources_;
  const CrossStack* cross_;
  std::map<std::string, std::optional<bool>> conditions_;
  std::set<std::string> evaluating_;
};

/// The logical ids a value refers to (Ref, Fn::GetAtt, Fn::Sub), for the
/// order of creation.
void referenced_ids(const Json& v, std::set<std::string>& out);

/// A scenario InputError at a template position.
[[noreturn]] void template_error(const Stack& stack, const std::string& pointer, const std::string& message);

}  // namespace acmsim::iac
