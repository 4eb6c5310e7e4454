// Every bundled scenario passes, and two runs give byte-identical traces and
// result documents.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

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

TEST_P(BundledScenario, PassesAndIsDeterministic) {
  const auto s = scenario::load_scenario(GetParam());
  const auto first = scenario::run_scenario(s);
  for (const auto& e : first.expectations) EXPECT_TRUE(e.passed) << e.message;
  EXPECT_FALSE(first.expectations.empty()) << "a bundled scenario checks something";
  const auto second = scenario::run_scenario(s);
  EXPECT_EQ(report::render_trace(first), report::render_trace(second));
  EXPECT_EQ(report::result_document(first).dump(), report::result_document(second).dump());
  EXPECT_EQ(report::render_summary(first), report::render_summary(second));
  EXPECT_EQ(report::render_narrative(first), report::render_narrative(second));
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
  const auto incremental = scenario::run_scenario(s);
  const auto reference = scenario::run_scenario(s, full);
  EXPECT_EQ(report::render_trace(incremental), report::render_trace(reference));
  EXPECT_EQ(report::render_trace(incremental), report::render_trace(scenario::run_scenario(s, threaded)));
  EXPECT_LE(incremental.findings->rule_runs(), reference.findings->rule_runs());
}

INSTANTIATE_TEST_SUITE_P(Scenarios, BundledScenario, ::testing::ValuesIn(bundled()), [](const ::testing::TestParamInfo<std::string>& p) {
  std::string n = std::filesystem::path(p.param).stem().string();
  std::replace(n.begin(), n.end(), '-', '_');
  return n;
});

TEST(Determinism, AnotherSeedChangesTheTimelineButNotTheOutcome) {
  const std::string file = std::string(ACMSIM_SOURCE_DIR) + "/scenarios/exam/acm-dns-validation.json";
  auto a = scenario::load_scenario(file);
  auto b = a;
  b.seed = 99;
  const auto ra = scenario::run_scenario(a);
  const auto rb = scenario::run_scenario(b);
  EXPECT_TRUE(ra.passed());
  EXPECT_TRUE(rb.passed());
  EXPECT_NE(report::render_trace(ra), report::render_trace(rb));
}

}  // namespace
