// Renderings of a scenario run: the JSON Lines trace, the result document and
// the summary for people.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "acmsim/scenario/runner.hpp"

namespace acmsim::report {

/// The records the run kept, one JSON object a line ({"time": ..., "offset":
/// "+1d", "type": ..., ...}): every record but the probe attempts that repeat
/// their region's last outcome. The full trace is RunOptions::trace_out.
std::string render_trace(const scenario::RunResult& r);

/// The result document of `acmsim run --out`.
core::Json result_document(const scenario::RunResult& r);
/// The same document as `std::setw(2) << result_document(r)` writes it,
/// made one certificate and one finding change at a time: a fleet's document
/// is never whole in memory.
void write_result_document(std::ostream& out, const scenario::RunResult& r);

/// The human summary: what happened to each certificate, and each expectation.
/// For people. A fleet (more than 20 certificates) is counted by status,
/// region and type, and only the certificates with findings, failures or an
/// expiry are listed, unless `full`.
std::string render_summary(const scenario::RunResult& r, bool full = false);

/// The timeline told as a story, for learners: notes, calls, state changes,
/// events, probes, findings with their explanation, expectations.
std::string render_narrative(const scenario::RunResult& r);

/// One line for each assumed model figure the run used (a public certificate
/// issued under a validity era whose figures AWS has not published), once each.
std::vector<std::string> assumption_notes(const scenario::RunResult& r);

/// The scenario's `suppress` entries that matched no finding during the run.
std::vector<const analysis::Suppression*> stale_suppressions(const scenario::RunResult& r);
/// "FILE:LINE: warning: stale suppression: ..." for stderr.
std::string stale_suppression_warning(const scenario::Scenario& s, const analysis::Suppression& sup);

/// One plain-words line for an ACM state-change trace record.
std::string story_line(const core::Json& body);

/// "+1d2h" from the scenario's start.
std::string offset(const scenario::Scenario& s, core::SimTime t);

}  // namespace acmsim::report
