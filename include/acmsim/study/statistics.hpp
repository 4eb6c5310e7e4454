// Summary statistics of a metric's samples, computed with Eigen: mean,
// standard deviation, the 95% confidence interval of the mean, and quantiles.
//
// The interval: for samples that are all 0 or 1 (did the run see an expiry?),
// the Wilson score interval, which stays inside [0, 1] and does not collapse
// to a point when every run agrees (Student's t would say [1, 1] after ten
// successes in ten); otherwise Student's t. Either is clamped to the range the
// metric can take (a share to [0, 1], a count or a duration to [0, inf)).
#pragma once

#include <limits>
#include <utility>

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
  const char* ci_method = "student-t";  // or "wilson"; "+clamped" when the range cut it
  std::vector<double> quantiles;        // as asked, by linear interpolation (type 7)
};

/// The values a metric can take.
struct Range {
  double low = -std::numeric_limits<double>::infinity();
  double high = std::numeric_limits<double>::infinity();
};

/// nullopt when no sample is defined.
std::optional<Summary> summarize(const std::vector<std::optional<double>>& samples, const std::vector<double>& quantiles, Range range = {});

/// The 95% Wilson score interval of a proportion: `successes` of `n`.
std::pair<double, double> wilson_95(std::size_t successes, std::size_t n);

/// The q quantile of Student's t with `dof` degrees of freedom (Boost.Math).
double t_quantile(std::size_t dof, double q);
/// The 0.975 quantile: the half-width factor of a 95% confidence interval.
inline double t_975(std::size_t dof) { return t_quantile(dof, 0.975); }

}  // namespace acmsim::study
