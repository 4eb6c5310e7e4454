// SAM (Transform: AWS::Serverless-2016-10-31): the custom-domain part of
// AWS::Serverless::Api and AWS::Serverless::HttpApi, expanded into the
// CloudFormation resources SAM's translator writes.
#pragma once

#include <string>
#include <vector>

#include "template.hpp"

namespace acmsim::iac {

bool is_sam_template(const Json& root);

/// Replaces each Serverless API with its REST or HTTP API and adds, for a
/// `Domain` block, the domain name, its base path mappings and the alias
/// records, as SAM does (SAM's default endpoint type is REGIONAL). Positions
/// of the new resources are those of the SAM properties they come from.
void expand_sam(Stack& stack, std::vector<std::string>& notices);

}  // namespace acmsim::iac
