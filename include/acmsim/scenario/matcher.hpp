// The partial deep match of expectation kind 1.
#pragma once

#include <optional>
#include <string>

#include "acmsim/core/trace.hpp"

namespace acmsim::scenario {

/// Every member given in `expected` must be present in `actual` and match;
/// arrays match element by element and must have the same length; timestamps
/// compare as instants, numbers by value; `null` means the member is absent.
/// Returns the first mismatch, described with its path ("Certificate.Status").
std::optional<std::string> partial_match(const core::Json& expected, const core::Json& actual, const std::string& path = "");

}  // namespace acmsim::scenario
