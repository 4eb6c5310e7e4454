// unresolved-value: a template value that decides a certificate's region,
// names or attachment cannot be known without deploying.

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

// The notes are made by the template importer (sim:NoteUnresolvedValue), one
// per value, so the rule reports each once and nothing else guesses about it.
void check(Context& ctx) {
  for (const auto& u : ctx.world().unresolved) {
    ctx.report({u.resource, u.property}, u.resource + " " + u.property + " cannot be known without deploying: " + u.reason + ".", u.origin);
  }
}

}  // namespace

extern const RuleDef kRule_unresolved_value;
const RuleDef kRule_unresolved_value{
    "unresolved-value",
    Severity::Info,
    "A template value that decides a certificate's region, names or attachment cannot be known without deploying.",
    "A custom resource's attribute, an SSM Parameter Store or Secrets Manager dynamic reference, a parameter with no default and no value "
    "given, or a placeholder that is not an ARN is only known when CloudFormation (or Terraform) deploys the stack. acmsim does not guess: "
    "the resource that needs the value is not simulated, and no other rule judges it.",
    "Give the value with --parameter [STACK.]KEY=VALUE (for example the certificate's ARN), or replace the lookup with a reference "
    "the template can resolve.",
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html",
    &check,
    reads(model::Part::Deployment)};

}  // namespace acmsim::analysis
