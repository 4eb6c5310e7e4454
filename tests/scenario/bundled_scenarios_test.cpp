// Every bundled scenario passes, and two runs give byte-identical traces and
// result documents.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "acmsim/report/run_report.hpp"
#include "acmsim/scenario/runner.hpp"

using namespace acmsim;

namespace {

std::vector<std::string> bundled() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(ACMSIM_SOURCE_DIR) + "/scenarios")) {
    if (e.is_regular_file() && e.path().extension() == ".json" && !e.path().string().ends_with(".study.json")) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class BundledScenario : public ::testing::TestWithParam<std::string> {};

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// A run and its whole trace, as `acmsim run --trace` writes it (the run
/// itself keeps only the probe attempts that change an outcome).
struct Traced {
  scenario::RunResult result;
  std::string trace;
};

Traced run_traced(const scenario::Scenario& s, scenario::RunOptions options = {}) {
  std::ostringstream out;
  options.trace_out = &out;
  Traced t{scenario::run_scenario(s, options), {}};
  t.trace = out.str();
  return t;
}

/// The first line where two texts differ, for a readable failure.
std::string first_difference(const std::string& want, const std::string& got) {
  std::istringstream a(want);
  std::istringstream b(got);
  std::string la;
  std::string lb;
  for (int line = 1;; ++line) {
    const bool ha = static_cast<bool>(std::getline(a, la));
    const bool hb = static_cast<bool>(std::getline(b, lb));
    if (!ha && !hb) return "no difference";
    if (ha != hb || la != lb) return "line " + std::to_string(line) + "\n  golden: " + (ha ? la : "<end>") + "\n  now:    " + (hb ? lb : "<end>");
  }
}

// The golden outputs (tests/golden/, written by tools/update-golden) pin every
// bundled scenario's trace and result document: a change that alters any
// output fails here and is reviewed as a diff of those files.
TEST_P(BundledScenario, MatchesGolden) {
  const std::filesystem::path source(std::string(ACMSIM_SOURCE_DIR));
  const auto rel = std::filesystem::relative(GetParam(), source / "scenarios");
  auto golden = source / "tests" / "golden" / rel;
  golden.replace_extension();
  const auto s = scenario::load_scenario(GetParam());
  const auto traced = run_traced(s);
  const auto& r = traced.result;
  const std::string trace_file = golden.string() + ".trace.jsonl";
  const std::string result_file = golden.string() + ".result.json";
  ASSERT_TRUE(std::filesystem::exists(trace_file)) << trace_file << " is missing: run tools/update-golden";
  const std::string& trace = traced.trace;
  const std::string want_trace = read_text(trace_file);
  EXPECT_TRUE(trace == want_trace) << "trace differs from " << trace_file << " at " << first_difference(want_trace, trace)
                                   << "\nIf the change is intended, run tools/update-golden and review the diff.";
  auto doc = report::result_document(r);
  doc["file"] = (std::filesystem::path("scenarios") / rel).generic_string();  // as tools/update-golden names it
  const std::string result = doc.dump(2) + "\n";
  const std::string want_result = read_text(result_file);
  EXPECT_TRUE(result == want_result) << "result document differs from " << result_file << " at " << first_difference(want_result, result)
                                     << "\nIf the change is intended, run tools/update-golden and review the diff.";
}

TEST_P(BundledScenario, PassesAndIsDeterministic) {
  const auto s = scenario::load_scenario(GetParam());
  scenario::RunOptions checked;
  checked.check_invariants = true;  // throws model::InvariantViolation on the first broken one
  const auto traced_first = run_traced(s, checked);
  const auto& first = traced_first.result;
  for (const auto& e : first.expectations) EXPECT_TRUE(e.passed) << e.message;
  EXPECT_FALSE(first.expectations.empty()) << "a bundled scenario checks something";
  const auto traced_second = run_traced(s);
  const auto& second = traced_second.result;
  EXPECT_EQ(traced_first.trace, traced_second.trace);
  EXPECT_EQ(report::render_trace(first), report::render_trace(second));
  EXPECT_EQ(report::result_document(first).dump(), report::result_document(second).dump());
  EXPECT_EQ(report::render_summary(first), report::render_summary(second));
  EXPECT_EQ(report::render_narrative(first), report::render_narrative(second));
}

TEST_P(BundledScenario, TheStreamedResultDocumentIsTheDocument) {
  // run --out writes the document one certificate at a time; the bytes must
  // be those of the whole document dumped at once.
  const auto s = scenario::load_scenario(GetParam());
  const auto r = scenario::run_scenario(s);
  std::ostringstream whole;
  whole << std::setw(2) << report::result_document(r);
  std::ostringstream streamed;
  report::write_result_document(streamed, r);
  EXPECT_EQ(streamed.str(), whole.str());
}

TEST_P(BundledScenario, IncrementalAndThreadedAnalysisFindWhatAFullPassFinds) {
  // The engine re-runs only the rules that read a part of the world that
  // changed; re-running every rule at every instant must give the same trace.
  // Rules run on threads (as for large worlds) must find the same again.
  const auto s = scenario::load_scenario(GetParam());
  scenario::RunOptions full;
  full.incremental_analysis = false;
  scenario::RunOptions threaded;
  threaded.parallel_analysis_from = 0;
  const auto incremental = run_traced(s);
  const auto reference = run_traced(s, full);
  EXPECT_EQ(incremental.trace, reference.trace) << first_difference(reference.trace, incremental.trace);
  EXPECT_EQ(incremental.trace, run_traced(s, threaded).trace);
  EXPECT_LE(incremental.result.findings->rule_runs(), reference.result.findings->rule_runs());
}

INSTANTIATE_TEST_SUITE_P(Scenarios, BundledScenario, ::testing::ValuesIn(bundled()), [](const ::testing::TestParamInfo<std::string>& p) {
  std::string n = std::filesystem::path(p.param).stem().string();
  std::replace(n.begin(), n.end(), '-', '_');
  return n;
});

// The conformance suites beside the project (when the checkout has them; the
// variable ACMSIM_CONFORMANCE_DIR names another place): the same check on the
// scenarios that pass and those that fail, which other suites run as well.
std::vector<std::string> conformance() {
  std::vector<std::string> out;
  const char* env = std::getenv("ACMSIM_CONFORMANCE_DIR");
  const std::filesystem::path root =
      env != nullptr ? std::filesystem::path(env) : std::filesystem::path(ACMSIM_SOURCE_DIR) / ".." / "shared" / "conformance";
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) return out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root, ec)) {
    const auto dir = e.path().parent_path().filename().string();
    if (e.is_regular_file() && e.path().extension() == ".json" && (dir == "pass" || dir == "fail")) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class ConformanceScenario : public ::testing::TestWithParam<std::string> {};
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ConformanceScenario);

TEST_P(ConformanceScenario, IncrementalAnalysisFindsWhatAFullPassAtEveryInstantFinds) {
  const auto s = scenario::load_scenario(GetParam());
  scenario::RunOptions full;
  full.incremental_analysis = false;
  const auto incremental = run_traced(s);
  const auto reference = run_traced(s, full);
  EXPECT_EQ(incremental.trace, reference.trace) << first_difference(reference.trace, incremental.trace);
  EXPECT_LE(incremental.result.findings->rule_runs(), reference.result.findings->rule_runs());
}

INSTANTIATE_TEST_SUITE_P(Suites, ConformanceScenario, ::testing::ValuesIn(conformance()), [](const ::testing::TestParamInfo<std::string>& p) {
  const std::filesystem::path path(p.param);
  std::string n = path.parent_path().parent_path().filename().string() + "_" + path.parent_path().filename().string() + "_" + path.stem().string();
  std::replace_if(
      n.begin(), n.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0; }, '_');
  return n;
});

TEST(Determinism, AnotherSeedChangesTheTimelineButNotTheOutcome) {
  const std::string file = std::string(ACMSIM_SOURCE_DIR) + "/scenarios/exam/acm-dns-validation.json";
  auto a = scenario::load_scenario(file);
  auto b = a;
  b.seed = 99;
  const auto ra = run_traced(a);
  const auto rb = run_traced(b);
  EXPECT_TRUE(ra.result.passed());
  EXPECT_TRUE(rb.result.passed());
  EXPECT_NE(ra.trace, rb.trace);
}

}  // namespace
