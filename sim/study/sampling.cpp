// Draws a parameter's value for one replication, with our own distributions
// over the kernel's seeded streams (same numbers with any standard library).
#include <algorithm>
#include <cmath>

#include "acmsim/core/random.hpp"
#include "acmsim/study/sampling.hpp"

namespace acmsim::study {

Json draw(const Distribution& d, core::RandomStream& rng) {
  double x = 0;
  switch (d.kind) {
    case DistributionKind::Uniform:
      x = d.a + (d.b - d.a) * rng.uniform01();
      break;
    case DistributionKind::Normal:
      x = rng.normal(d.a, d.b);
      break;
    case DistributionKind::Lognormal:
      x = d.a * std::exp(rng.normal(0.0, d.b));  // median * e^(sigma Z)
      break;
    case DistributionKind::Exponential:
      x = rng.exponential(d.a);
      break;
    case DistributionKind::Bernoulli:
      return rng.uniform01() < d.a;
    case DistributionKind::Discrete: {
      const double u = rng.uniform01();
      const auto it = std::upper_bound(d.weights.begin(), d.weights.end(), u);
      const auto i = static_cast<std::size_t>(std::min<std::ptrdiff_t>(it - d.weights.begin(), static_cast<std::ptrdiff_t>(d.values.size()) - 1));
      return d.values[i];
    }
  }
  if (d.min) x = std::max(x, *d.min);
  if (d.max) x = std::min(x, *d.max);
  if (d.durations) {
    // Whole milliseconds, never negative: a duration before `start` means nothing.
    const auto ms = static_cast<std::int64_t>(std::llround(std::max(0.0, x)));
    return core::format_duration(core::Duration{ms});
  }
  if (d.integer) return static_cast<std::int64_t>(std::llround(x));
  return x;
}

}  // namespace acmsim::study
