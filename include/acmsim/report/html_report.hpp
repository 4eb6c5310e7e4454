// One self-contained HTML file (no network, no external script or font) for
// people who would rather look than read: `acmsim run --html` and
// `acmsim sweep --html`.
#pragma once

#include <string>

#include "acmsim/core/trace.hpp"
#include "acmsim/scenario/runner.hpp"

namespace acmsim::report {

/// A run: per region, each certificate's timeline (status bands, validity,
/// renewal window, events as marks, findings as spans with their explanation
/// on hover), probe availability and latency over time, and the resource graph.
std::string run_html(const scenario::RunResult& r);

/// A study: its question, a chart per metric and the table of statistics.
std::string study_html(const core::Json& result);

}  // namespace acmsim::report
