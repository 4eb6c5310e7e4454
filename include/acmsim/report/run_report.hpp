// Renderings of a scenario run: the JSON Lines trace, the result document and
// the summary for people.
#pragma once

#include <string>

#include "acmsim/scenario/runner.hpp"

namespace acmsim::report {

/// One JSON object a line: {"time": ..., "offset": "+1d", "type": ..., ...}.
std::string render_trace(const scenario::RunResult& r);

/// The result document of `acmsim run --out`.
core::Json result_document(const scenario::RunResult& r);

/// The human summary: what happened to each certificate, and each expectation.
std::string render_summary(const scenario::RunResult& r);

/// The timeline told as a story, for learners: notes, calls, state changes,
/// events, probes, findings with their explanation, expectations.
std::string render_narrative(const scenario::RunResult& r);

/// One plain-words line for an ACM state-change trace record.
std::string story_line(const core::Json& body);

/// "+1d2h" from the scenario's start.
std::string offset(const scenario::Scenario& s, core::SimTime t);

}  // namespace acmsim::report
