// A YAML reader for CloudFormation templates that builds the same
// position-carrying document as the JSON reader, so every loader reports
// FILE:LINE:COLUMN the same way.
//
// CloudFormation's YAML dialect: short-form tags (`!Ref X`, `!GetAtt A.B`,
// `!Sub`, `!If`, ...) become their long forms ({"Ref": "X"},
// {"Fn::GetAtt": ["A", "B"]}); a quoted string is never a function; plain
// scalars are typed as YAML 1.2's core schema types them (null, booleans,
// numbers, otherwise strings); merge keys (`<<`) work as YAML 1.1 defines
// them. Refused, with the position: duplicate keys (yaml-cpp keeps them
// silently), unknown `!` tags, more than one document, invalid UTF-8, nesting
// deeper than the limit, and aliases that expand past a bound (the "billion
// laughs").
#pragma once

#include <cstddef>
#include <string_view>

#include "acmsim/input/json_source.hpp"

namespace acmsim::input {

struct YamlLimits {
  std::size_t max_depth = 128;
  /// Values in the document after aliases are expanded.
  std::size_t max_values = 2'000'000;
};

/// Parses `text`; throws JsonSyntaxError with the position of the problem.
SourceDocument parse_yaml_with_positions(std::string_view text, YamlLimits limits = {});

/// The long form of a CloudFormation short-form tag ("!GetAtt" -> "Fn::GetAtt",
/// "!Ref" -> "Ref"), or empty when the tag is not one.
std::string_view cloudformation_tag(std::string_view tag);

}  // namespace acmsim::input
