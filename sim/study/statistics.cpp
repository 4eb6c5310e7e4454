#include "acmsim/study/statistics.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace acmsim::study {

double t_quantile(std::size_t dof, double q) {
  if (dof == 0) return 0.0;
  const boost::math::students_t dist(static_cast<double>(dof));
  return boost::math::quantile(dist, q);
}

std::optional<Summary> summarize(const std::vector<std::optional<double>>& samples, const std::vector<double>& quantiles) {
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
  const double half = s.n > 1 ? t_975(s.n - 1) * s.stddev / std::sqrt(static_cast<double>(s.n)) : 0.0;
  s.ci_low = s.mean - half;
  s.ci_high = s.mean + half;
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
