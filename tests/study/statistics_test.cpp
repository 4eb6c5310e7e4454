// Statistics of samples: checked against values computed by hand and tables.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <tuple>
#include <vector>

#include "acmsim/study/statistics.hpp"

using namespace acmsim::study;

TEST(Statistics, StudentTQuantilesMatchTheTable) {
  EXPECT_NEAR(t_975(1), 12.7062, 1e-4);
  EXPECT_NEAR(t_975(10), 2.2281, 1e-4);
  EXPECT_NEAR(t_975(100000), 1.95998, 1e-4);
}

TEST(Statistics, MeanStddevConfidenceIntervalAndQuantiles) {
  const auto s = summarize({2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}, {0.0, 0.25, 0.5, 1.0});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->n, 8U);
  EXPECT_DOUBLE_EQ(s->mean, 5.0);
  EXPECT_NEAR(s->stddev, 2.13809, 1e-5);  // sample standard deviation, n - 1
  const double half = 2.36462 * 2.13809 / std::sqrt(8.0);
  EXPECT_NEAR(s->ci_low, 5.0 - half, 1e-4);
  EXPECT_NEAR(s->ci_high, 5.0 + half, 1e-4);
  // Type 7 (linear interpolation between order statistics), as R and NumPy default.
  EXPECT_DOUBLE_EQ(s->quantiles[0], 2.0);
  EXPECT_DOUBLE_EQ(s->quantiles[1], 4.0);
  EXPECT_DOUBLE_EQ(s->quantiles[2], 4.5);
  EXPECT_DOUBLE_EQ(s->quantiles[3], 9.0);
}

TEST(Statistics, UndefinedSamplesAreCountedNotAveraged) {
  const auto s = summarize({1.0, std::nullopt, 3.0, std::nullopt}, {0.5});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->n, 2U);
  EXPECT_EQ(s->missing, 2U);
  EXPECT_DOUBLE_EQ(s->mean, 2.0);
  EXPECT_FALSE(summarize({std::nullopt, std::nullopt}, {0.5}));
}

TEST(Statistics, OneSampleHasNoSpread) {
  const auto s = summarize({4.0}, {0.5});
  ASSERT_TRUE(s);
  EXPECT_DOUBLE_EQ(s->stddev, 0.0);
  EXPECT_DOUBLE_EQ(s->ci_low, 4.0);
  EXPECT_DOUBLE_EQ(s->ci_high, 4.0);
}

// Wilson's score interval, against values computed by hand (z = 1.96):
// 8 of 10 -> [0.4902, 0.9433]; 10 of 10 -> [0.7225, 1]; 0 of 10 -> [0, 0.2775].
TEST(Statistics, WilsonIntervalForProportions) {
  auto [lo, hi] = wilson_95(8, 10);
  EXPECT_NEAR(lo, 0.4902, 1e-4);
  EXPECT_NEAR(hi, 0.9433, 1e-4);
  std::tie(lo, hi) = wilson_95(10, 10);
  EXPECT_NEAR(lo, 0.7225, 1e-4);
  EXPECT_DOUBLE_EQ(hi, 1.0);
  std::tie(lo, hi) = wilson_95(0, 10);
  EXPECT_DOUBLE_EQ(lo, 0.0);
  EXPECT_NEAR(hi, 0.2775, 1e-4);
}

TEST(Statistics, BinarySamplesGetWilsonAndRangesClampTheInterval) {
  // Ten runs, each saw an expiry: Student's t would say [1, 1].
  std::vector<std::optional<double>> all_ones(10, 1.0);
  const auto s = summarize(all_ones, {}, Range{0.0, 1.0});
  ASSERT_TRUE(s);
  EXPECT_STREQ(s->ci_method, "wilson");
  EXPECT_NEAR(s->ci_low, 0.7225, 1e-4);
  // A share near 1 with spread: Student's t passes 1 and is clamped to it.
  const auto share = summarize({0.999, 0.8, 0.999, 0.999}, {}, Range{0.0, 1.0});
  ASSERT_TRUE(share);
  EXPECT_STREQ(share->ci_method, "student-t+clamped");
  EXPECT_DOUBLE_EQ(share->ci_high, 1.0);
  // A count near 0 is not given a negative lower end.
  const auto count = summarize({0.0, 0.0, 5.0}, {}, Range{0.0, std::numeric_limits<double>::infinity()});
  ASSERT_TRUE(count);
  EXPECT_DOUBLE_EQ(count->ci_low, 0.0);
}
