// Terraform plans (`terraform show -json PLAN`): the resources acmsim knows,
// as CloudFormation templates of one stack per region, so that the importer
// treats them as it treats templates. Values known only after `terraform
// apply` are unknown values, or references to the resources they come from
// where the plan's configuration names them.
#pragma once

#include <string>
#include <vector>

#include "template.hpp"

namespace acmsim::iac {

/// The internal function that stands for a value known only later: the
/// resolver reports it as unknown with its text.
inline constexpr const char* kUnknownFunction = "Acmsim::Unknown";

struct PlanStack {
  std::string name;  // "<plan file stem>-<region>"
  std::string region;
  SourceDocument doc;  // a CloudFormation template whose positions are the plan's
};

/// Converts a plan; stacks come in the order they must be created (a stack
/// whose outputs another one reads comes first). Notices list what is not read.
std::vector<PlanStack> read_terraform_plan(const std::string& file, const SourceDocument& plan, const std::string& default_region,
                                           std::vector<std::string>& notices);

}  // namespace acmsim::iac
