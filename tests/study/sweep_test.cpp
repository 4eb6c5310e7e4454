// Sweeps: the thread count and sharding change nothing in the result; draws
// are common across points; the simulation agrees with the analytic chain.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include <filesystem>
#include <fstream>

#include "acmsim/study/result_document.hpp"
#include "acmsim/study/statistics.hpp"
#include "acmsim/study/sweep.hpp"
#include "study_files.hpp"

using namespace acmsim;

namespace {

using acmsim::test_support::write_study;

const std::string kWhatIf = std::string(ACMSIM_SOURCE_DIR) + "/scenarios/whatif/";

/// A quick study: the deletion scenario, with a grid, a
/// per-replication draw and a step switch.
study::Study small_study() {
  return study::load_study(write_study("small.study.json", R"({
  "study": "small", "base": ")" + kWhatIf + R"(validation-record-deleted.json", "seed": 3, "replications": 10,
  "parameters": [
    {"name": "operator", "setting": "faults.repairMeanTime", "values": [null, "2d"]},
    {"name": "deleteChance", "pointer": "/steps/10", "values": [0.5]},
    {"name": "deletedAt", "pointer": "/steps/10/at", "distribution": {"type": "uniform", "min": "1d", "max": "199d"}}
  ],
  "metrics": [{"name": "availability", "kind": "probeAvailability", "probe": "pets"}, {"name": "expired", "kind": "expiries"},
              {"name": "firstOutage", "kind": "timeToFirstOutage", "probe": "pets"}]
})"));
}

std::string sweep_text(const study::Study& st, unsigned threads, study::Shard shard = {}) {
  study::SweepOptions o;
  o.threads = threads;
  o.shard = shard;
  return study::result_document(st, study::run_sweep(st, o), shard).dump(1);
}

}  // namespace

TEST(Sweep, ThreadCountChangesNothing) {
  const auto st = small_study();
  const std::string one = sweep_text(st, 1);
  EXPECT_EQ(one, sweep_text(st, 2));
  EXPECT_EQ(one, sweep_text(st, 5));
}

TEST(Sweep, MergedShardsEqualTheUnshardedRun) {
  const auto st = small_study();
  const std::string whole = sweep_text(st, 2);
  std::vector<std::pair<std::string, core::Json>> shards;
  for (std::size_t i = 0; i < 4; ++i) shards.emplace_back("shard" + std::to_string(i), core::Json::parse(sweep_text(st, 1, {i, 4})));
  std::reverse(shards.begin(), shards.end());  // any order
  // Through text and back, as the files go.
  EXPECT_EQ(study::merge_results(shards).dump(1), whole);
  EXPECT_EQ(study::merge_results({{"whole", core::Json::parse(whole)}}).dump(1), whole);
}

TEST(Sweep, MergeRefusesGapsOverlapsAndOtherStudies) {
  const auto st = small_study();
  auto shard = [&](std::size_t i, std::size_t n) { return core::Json::parse(sweep_text(st, 1, {i, n})); };
  auto message = [](const std::vector<std::pair<std::string, core::Json>>& docs) {
    try {
      (void)study::merge_results(docs);
    } catch (const study::MergeError& e) {
      return std::string(e.what());
    }
    return std::string("merged");
  };
  EXPECT_NE(message({{"a", shard(0, 2)}}).find("a shard is missing"), std::string::npos);
  EXPECT_NE(message({{"a", shard(0, 2)}, {"b", shard(0, 2)}, {"c", shard(1, 2)}}).find("overlap"), std::string::npos);
  core::Json other = shard(1, 2);
  other["definition"]["seed"] = 4;
  EXPECT_NE(message({{"a", shard(0, 2)}, {"b", other}}).find("another study"), std::string::npos);
  EXPECT_NE(message({{"x", core::Json::object()}}).find("not an acmsim sweep result"), std::string::npos);
}

TEST(Sweep, DrawsAreCommonAcrossPointsAndDifferAcrossReplications) {
  const auto st = small_study();
  const auto points = study::grid_points(st);
  ASSERT_EQ(points.size(), 2U);
  core::Json a;
  core::Json b;
  core::Json c;
  const auto va = study::make_variant(st, points[0], 4, &a);
  const auto vb = study::make_variant(st, points[1], 4, &b);
  (void)study::make_variant(st, points[0], 5, &c);
  EXPECT_EQ(a, b);  // common random numbers: the same replication draws the same
  EXPECT_NE(a["deletedAt"], c["deletedAt"]);
  EXPECT_EQ(va.seed, vb.seed);
  EXPECT_EQ(va.seed, study::replication_seed(3, 4));
  EXPECT_NE(va.seed, study::replication_seed(3, 5));
  // The switch drew per replication: over many, about half keep the step.
  std::size_t kept = 0;
  for (std::size_t r = 0; r < 400; ++r) kept += study::make_variant(st, points[0], r).steps.size() == 13 ? 1 : 0;
  EXPECT_GT(kept, 160U);
  EXPECT_LT(kept, 240U);
}

TEST(Sweep, AVariantTheLoaderRefusesIsReportedAtTheBaseFilesLine) {
  const auto st = study::load_study(write_study("late.study.json", R"({
  "study": "late", "base": ")" + kWhatIf + R"(validation-record-deleted.json", "replications": 2,
  "parameters": [{"name": "drop", "pointer": "/steps/9", "values": [false]}, {"name": "at", "pointer": "/steps/10/at", "values": ["400d"]}],
  "metrics": [{"name": "n", "kind": "renewals"}]
})"));
  try {
    (void)study::run_sweep(st, {});
    FAIL() << "the variant has a step after the horizon";
  } catch (const scenario::InputError& e) {
    const std::string m = e.render();
    // Step 10 of the base is step 9 of the variant (step 9 was left out), and
    // the message still points at step 10's line in the base file.
    EXPECT_NE(m.find("validation-record-deleted.json:1"), std::string::npos) << m;
    EXPECT_NE(m.find("at=\"400d\""), std::string::npos) << m;
    EXPECT_NE(m.find("replication 0"), std::string::npos) << m;
  }
}

TEST(Sweep, SimulationAgreesWithTheAnalyticChain) {
  // The bundled study, at every point: the analytic expiry probability,
  // expected downtime and expected attempts against the simulation's mean.
  // Each lies inside its 95% confidence interval with probability 0.95, so of
  // 18 comparisons about one may fall outside by chance: the test asks that
  // every one lies inside the Bonferroni-corrected interval (family-wise 95%)
  // and at least 15 of 18 inside the plain 95% interval the report shows.
  // The seed is the study's, so the outcome is deterministic.
  const auto st = study::load_study(kWhatIf + "renewal-failure-markov.study.json");
  study::SweepOptions o;
  o.threads = 2;
  const auto doc = study::result_document(st, study::run_sweep(st, o), {});
  std::size_t checked = 0;
  std::size_t inside = 0;
  const double t_family = study::t_quantile(st.replications - 1, 1.0 - 0.05 / (2.0 * 18.0));
  for (const auto& point : doc["points"]) {
    for (const auto& [metric, a] : point["analytic"].items()) {
      const core::Json& s = point["statistics"][metric];
      const double se = s["stddev"].get<double>() / std::sqrt(static_cast<double>(s["n"].get<std::size_t>()));
      const double gap = std::abs(s["mean"].get<double>() - a["value"].get<double>());
      EXPECT_LE(gap, t_family * se + 1e-12) << point["values"].dump() << " " << metric << ": analytic " << a["value"].dump() << ", simulated "
                                            << s.dump();
      inside += a["withinCi95"].get<bool>() ? 1 : 0;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 18U);  // 6 points x 3 quantities
  EXPECT_GE(inside, 15U);
}

// Differences and ratios are computed replication by replication, at the same
// point or against a reference point, and survive a shard merge unchanged.
TEST(Sweep, DerivedMetricsPairReplications) {
  const auto st = study::load_study(write_study("derived.study.json", R"({
  "study": "derived", "base": ")" + kWhatIf + R"(validation-record-deleted.json", "seed": 3, "replications": 6,
  "parameters": [{"name": "operator", "setting": "faults.repairMeanTime", "values": [null, "2d"]},
                 {"name": "deletedAt", "pointer": "/steps/10/at", "distribution": {"type": "uniform", "min": "1d", "max": "199d"}}],
  "metrics": [{"name": "availability", "kind": "probeAvailability", "probe": "pets"}, {"name": "down", "kind": "statusHours", "status": "EXPIRED"},
              {"name": "unavailable", "kind": "difference", "of": "availability", "minus": "availability"},
              {"name": "gainOverNoOperator", "kind": "difference", "of": "availability", "reference": {"operator": null}},
              {"name": "relative", "kind": "ratio", "of": "availability", "reference": {"operator": null}}]
})"));
  const auto doc = core::Json::parse(sweep_text(st, 2));
  const auto& none = doc["points"][0]["samples"];
  const auto& two = doc["points"][1]["samples"];
  for (std::size_t r = 0; r < 6; ++r) {
    EXPECT_EQ(none["unavailable"][r], 0.0);
    EXPECT_EQ(none["gainOverNoOperator"][r], 0.0);  // the reference point against itself
    EXPECT_DOUBLE_EQ(two["gainOverNoOperator"][r].get<double>(), two["availability"][r].get<double>() - none["availability"][r].get<double>());
    EXPECT_DOUBLE_EQ(two["relative"][r].get<double>(), two["availability"][r].get<double>() / none["availability"][r].get<double>());
  }
  EXPECT_GE(doc["points"][1]["statistics"]["gainOverNoOperator"]["mean"].get<double>(), 0.0) << "an operator never lowers availability";
  std::vector<std::pair<std::string, core::Json>> shards;
  for (std::size_t i = 0; i < 3; ++i) shards.emplace_back("s" + std::to_string(i), core::Json::parse(sweep_text(st, 1, {i, 3})));
  EXPECT_EQ(study::merge_results(shards).dump(1), doc.dump(1));
}
