#include "acmsim/study/statistics.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <tuple>

namespace acmsim::study {

double t_quantile(std::size_t dof, double q) {
  if (dof == 0) return 0.0;
  const boost::math::students_t dist(static_cast<double>(dof));
  return boost::math::quantile(dist, q);
}

std::pair<double, double> wilson_95(std::size_t successes, std::size_t n) {
  if (n == 0) return {0.0, 1.0};
  const double z = 1.959963984540054;  // the 0.975 quantile of the normal distribution
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double denom = 1 + z * z / nn;
  const double centre = (p + z * z / (2 * nn)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denom;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::optional<Summary> summarize(const std::vector<std::optional<double>>& samples, const std::vector<double>& quantiles, Range range) {
  Summary s;
  std::vector<double> values;
  values.reserve(samples.size());
  for (const auto& v : samples) {
    if (v)
      values.push_back(*v);
    else
      ++s.missing;
  }
  if (values.empty()) return std::nullopt;
  s.n = values.size();
  // The same sums in the same order whatever produced the samples: the output
  // is byte-identical across thread counts and shard merges.
  const Eigen::Map<const Eigen::VectorXd> x(values.data(), static_cast<Eigen::Index>(values.size()));
  s.mean = x.mean();
  if (s.n > 1) {
    const double ss = (x.array() - s.mean).square().sum();
    s.stddev = std::sqrt(ss / static_cast<double>(s.n - 1));
  }
  const bool binary = std::all_of(values.begin(), values.end(), [](double v) { return v == 0.0 || v == 1.0; });
  if (binary && range.low <= 0.0) {
    const auto ones = static_cast<std::size_t>(std::count(values.begin(), values.end(), 1.0));
    std::tie(s.ci_low, s.ci_high) = wilson_95(ones, s.n);
    s.ci_method = "wilson";
  } else {
    const double half = s.n > 1 ? t_975(s.n - 1) * s.stddev / std::sqrt(static_cast<double>(s.n)) : 0.0;
    s.ci_low = s.mean - half;
    s.ci_high = s.mean + half;
  }
  if (s.ci_low < range.low || s.ci_high > range.high) {
    s.ci_low = std::max(s.ci_low, range.low);
    s.ci_high = std::min(s.ci_high, range.high);
    s.ci_method = binary ? "wilson+clamped" : "student-t+clamped";
  }
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  for (const double q : quantiles) {
    const double h = q * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(sorted.size() - 1, lo + 1);
    s.quantiles.push_back(sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]));
  }
  return s;
}

}  // namespace acmsim::study
