// What a probe's attempts add up to, kept as they happen: counts per outcome,
// the last attempt, the first failure and latency quantiles. A probe every 4 s
// for a century makes 788 million attempts; memory must not follow them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "acmsim/core/time.hpp"
#include "acmsim/model/aws_names.hpp"
#include "acmsim/model/regions.hpp"

namespace acmsim::model {

/// Latency quantiles of a stream of samples, by nearest rank.
///
/// Exact while there are at most kExactSamples samples (every bundled scenario
/// and every study of ordinary size): they are kept and sorted when asked.
/// Beyond that the samples move into a logarithmic histogram (the DDSketch
/// scheme: bucket i holds (g^(i-1), g^i] with g = (1+a)/(1-a)), whose answer
/// for any quantile is within a relative error a = kRelativeError of the exact
/// nearest-rank value; memory then grows with the logarithm of the range of
/// values (about 2,300 buckets from 1 us to 3 hours), not with their number.
class LatencySummary {
 public:
  static constexpr std::size_t kExactSamples = 1U << 16;
  static constexpr double kRelativeError = 0.005;

  void add(double ms);
  [[nodiscard]] std::uint64_t count() const { return count_; }
  [[nodiscard]] bool exact() const { return count_ <= kExactSamples; }
  /// The nearest-rank q-quantile (the ceil(q*n)-th smallest sample), or
  /// nothing when there is no sample.
  [[nodiscard]] std::optional<double> quantile(double q) const;
  [[nodiscard]] std::optional<double> mean() const;

 private:
  void to_histogram();
  void count_in_bucket(double ms);
  [[nodiscard]] int bucket_of(double ms) const;
  [[nodiscard]] double value_of(int bucket) const;

  std::uint64_t count_ = 0;
  double sum_ = 0;                       // of every sample, in arrival order (histogram mode)
  mutable std::vector<double> samples_;  // exact mode; sorted on demand
  mutable bool sorted_ = true;
  std::vector<std::uint64_t> buckets_;  // histogram mode: buckets_[i] counts bucket first_bucket_ + i
  int first_bucket_ = 0;
  std::uint64_t zeros_ = 0;  // samples at or below 1 us
};

/// One attempt as statistics remember it (the endpoint is in the trace).
struct AttemptMark {
  core::SimTime at;
  RegionId from = 0;
  ProbeOutcome outcome = ProbeOutcome::Ok;
};

/// Attempts over time in a fixed number of bins (for charts of availability and
/// latency over the run): memory follows the number of bins, not of attempts.
class ProbeSeries {
 public:
  static constexpr std::size_t kBins = 240;
  struct Bin {
    std::uint64_t attempts = 0;
    std::uint64_t ok = 0;
    double latency_sum = 0;  // of the OK attempts, ms
  };
  ProbeSeries() = default;
  /// Bins of equal width covering [first, last] (at least one attempt's worth).
  ProbeSeries(core::SimTime first, core::SimTime last, core::Duration every);
  void add(core::SimTime at, bool ok, double latency_ms);
  [[nodiscard]] const std::vector<Bin>& bins() const { return bins_; }
  [[nodiscard]] core::SimTime first() const { return first_; }
  [[nodiscard]] core::Duration width() const { return width_; }

 private:
  core::SimTime first_;
  core::Duration width_{1};
  std::vector<Bin> bins_;
};

/// Running totals of a set of attempts (one region's, or all of a probe's).
struct ProbeTally {
  std::uint64_t attempts = 0;
  std::uint64_t ok = 0;
  std::array<std::uint64_t, 8> outcomes{};  // by ProbeOutcome
  LatencySummary latency;                   // of the OK attempts
  std::optional<AttemptMark> last;
  std::optional<core::SimTime> first_failure;
  ProbeSeries series;

  void add(const AttemptMark& a, double latency_ms);
  [[nodiscard]] double availability() const { return attempts == 0 ? 0.0 : static_cast<double>(ok) / static_cast<double>(attempts); }
};

}  // namespace acmsim::model
