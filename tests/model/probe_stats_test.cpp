// Probe statistics kept as a stream: exact quantiles while the samples fit,
// then within the documented relative error, in bounded memory.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "acmsim/core/random.hpp"
#include "acmsim/model/client/probe_stats.hpp"

using acmsim::model::LatencySummary;

namespace {

double nearest_rank(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

}  // namespace

TEST(LatencySummary, ExactWhileTheSamplesFit) {
  LatencySummary s;
  std::vector<double> all;
  acmsim::core::RandomStream rng(1, "latency");
  for (int i = 0; i < 1000; ++i) {
    const double v = 10 + 200 * rng.uniform01();
    s.add(v);
    all.push_back(v);
  }
  ASSERT_TRUE(s.exact());
  for (const double q : {0.0, 0.01, 0.5, 0.9, 0.99, 1.0}) EXPECT_EQ(*s.quantile(q), nearest_rank(all, q)) << q;
}

TEST(LatencySummary, WithinTheRelativeErrorBeyondThem) {
  LatencySummary s;
  std::vector<double> all;
  acmsim::core::RandomStream rng(2, "latency");
  for (std::size_t i = 0; i < 3 * LatencySummary::kExactSamples; ++i) {
    const double v = 5 * std::exp(3 * rng.uniform01());  // 5 to 100 ms, skewed
    s.add(v);
    all.push_back(v);
  }
  ASSERT_FALSE(s.exact());
  for (const double q : {0.01, 0.5, 0.9, 0.99, 0.999}) {
    const double exact = nearest_rank(all, q);
    EXPECT_LE(std::abs(*s.quantile(q) - exact) / exact, LatencySummary::kRelativeError * 1.0001) << q;
  }
  double sum = 0;
  for (const double v : all) sum += v;
  EXPECT_NEAR(*s.mean(), sum / static_cast<double>(all.size()), 1e-9 * sum);
}

TEST(LatencySummary, NoSampleNoQuantile) {
  LatencySummary s;
  EXPECT_FALSE(s.quantile(0.5).has_value());
  EXPECT_FALSE(s.mean().has_value());
}

TEST(ProbeSeries, BinsCoverTheProbesSpanWhateverItsLength) {
  using acmsim::core::Duration;
  using acmsim::core::SimTime;
  const SimTime first{0};
  acmsim::model::ProbeSeries century(first, first + Duration::days(36'500), Duration::seconds(4));
  EXPECT_LE(century.bins().size(), acmsim::model::ProbeSeries::kBins);
  century.add(first + Duration::days(36'500), true, 12.0);
  EXPECT_EQ(century.bins().back().attempts, 1U);
  acmsim::model::ProbeSeries once(first, first, Duration{0});
  once.add(first, false, 0);
  EXPECT_EQ(once.bins().size(), 1U);
  EXPECT_EQ(once.bins().front().attempts, 1U);
}
