// Renders a sweep's result document for people: a table per metric (text or
// Markdown) and an SVG chart of one metric across the parameter points.
#pragma once

#include <string>

#include "acmsim/core/trace.hpp"

namespace acmsim::report {

std::string study_table(const core::Json& result, bool markdown);

/// Mean and 95% confidence interval of `metric` at each point, with the
/// analytic value where the study has one. Empty metric: the study's first.
std::string study_chart_svg(const core::Json& result, const std::string& metric);

}  // namespace acmsim::report
