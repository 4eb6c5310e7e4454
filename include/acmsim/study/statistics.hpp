// Summary statistics of a metric's samples, computed with Eigen: mean,
// standard deviation, the 95% confidence interval of the mean (Student's t),
// and quantiles.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace acmsim::study {

struct Summary {
  std::size_t n = 0;        // defined samples
  std::size_t missing = 0;  // runs where the metric was undefined
  double mean = 0;
  double stddev = 0;  // sample standard deviation (n - 1)
  double ci_low = 0;  // 95% confidence interval of the mean
  double ci_high = 0;
  std::vector<double> quantiles;  // as asked, by linear interpolation (type 7)
};

/// nullopt when no sample is defined.
std::optional<Summary> summarize(const std::vector<std::optional<double>>& samples, const std::vector<double>& quantiles);

/// The q quantile of Student's t with `dof` degrees of freedom (Boost.Math).
double t_quantile(std::size_t dof, double q);
/// The 0.975 quantile: the half-width factor of a 95% confidence interval.
inline double t_975(std::size_t dof) { return t_quantile(dof, 0.975); }

}  // namespace acmsim::study
