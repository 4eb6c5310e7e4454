#include "acmsim/model/client/probe_stats.hpp"

#include <algorithm>
#include <cmath>

namespace acmsim::model {

namespace {

const double kLogGamma = std::log((1 + LatencySummary::kRelativeError) / (1 - LatencySummary::kRelativeError));
constexpr double kZero = 1e-3;  // 1 us, in ms: below any latency the model produces

std::size_t nearest_rank(double q, std::uint64_t n) {
  const auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(n)));
  return static_cast<std::size_t>(std::min(n - 1, rank == 0 ? 0 : rank - 1));
}

}  // namespace

int LatencySummary::bucket_of(double ms) const { return static_cast<int>(std::ceil(std::log(ms) / kLogGamma)); }

double LatencySummary::value_of(int bucket) const {
  // The point of (g^(i-1), g^i] whose relative distance to both ends is a.
  const double gamma = std::exp(kLogGamma);
  return 2.0 * std::exp(bucket * kLogGamma) / (gamma + 1.0);
}

void LatencySummary::add(double ms) {
  ++count_;
  sum_ += ms;
  if (count_ <= kExactSamples) {
    if (!samples_.empty() && ms < samples_.back()) sorted_ = false;
    samples_.push_back(ms);
    return;
  }
  if (!samples_.empty()) to_histogram();
  count_in_bucket(ms);
}

void LatencySummary::to_histogram() {
  std::vector<double> moved;
  moved.swap(samples_);
  for (const double v : moved) count_in_bucket(v);
}

void LatencySummary::count_in_bucket(double ms) {
  if (!(ms > kZero)) {
    ++zeros_;
    return;
  }
  const int b = bucket_of(ms);
  if (buckets_.empty()) {
    first_bucket_ = b;
    buckets_.assign(1, 0);
  } else if (b < first_bucket_) {
    buckets_.insert(buckets_.begin(), static_cast<std::size_t>(first_bucket_ - b), 0);
    first_bucket_ = b;
  } else if (b >= first_bucket_ + static_cast<int>(buckets_.size())) {
    buckets_.resize(static_cast<std::size_t>(b - first_bucket_) + 1, 0);
  }
  ++buckets_[static_cast<std::size_t>(b - first_bucket_)];
}

std::optional<double> LatencySummary::quantile(double q) const {
  if (count_ == 0) return std::nullopt;
  if (exact()) {
    if (!sorted_) {
      std::sort(samples_.begin(), samples_.end());
      sorted_ = true;
    }
    return samples_[nearest_rank(q, count_)];
  }
  const std::uint64_t want = nearest_rank(q, count_) + 1;  // the want-th smallest
  std::uint64_t seen = zeros_;
  if (seen >= want) return 0.0;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    seen += buckets_[i];
    if (seen >= want) return value_of(first_bucket_ + static_cast<int>(i));
  }
  return value_of(first_bucket_ + static_cast<int>(buckets_.size()) - 1);
}

std::optional<double> LatencySummary::mean() const {
  if (count_ == 0) return std::nullopt;
  if (exact()) {
    // Summed in ascending order, as the reports always have (the same bits).
    if (!sorted_) {
      std::sort(samples_.begin(), samples_.end());
      sorted_ = true;
    }
    double sum = 0;
    for (const double v : samples_) sum += v;
    return sum / static_cast<double>(count_);
  }
  return sum_ / static_cast<double>(count_);
}

ProbeSeries::ProbeSeries(core::SimTime first, core::SimTime last, core::Duration every) : first_(first) {
  const std::int64_t span = std::max<std::int64_t>(0, (last - first).ms) + std::max<std::int64_t>(1, every.ms);
  width_ = core::Duration{
      std::max<std::int64_t>(std::max<std::int64_t>(1, every.ms), (span + static_cast<std::int64_t>(kBins) - 1) / static_cast<std::int64_t>(kBins))};
  bins_.resize(static_cast<std::size_t>((span + width_.ms - 1) / width_.ms));
}

void ProbeSeries::add(core::SimTime at, bool ok, double latency_ms) {
  if (bins_.empty() || at < first_) return;
  const auto i = std::min(bins_.size() - 1, static_cast<std::size_t>((at - first_).ms / width_.ms));
  ++bins_[i].attempts;
  if (ok) {
    ++bins_[i].ok;
    bins_[i].latency_sum += latency_ms;
  }
}

void ProbeTally::add(const AttemptMark& a, double latency_ms) {
  series.add(a.at, a.outcome == ProbeOutcome::Ok, latency_ms);
  ++attempts;
  ++outcomes[static_cast<std::size_t>(a.outcome)];
  if (a.outcome == ProbeOutcome::Ok) {
    ++ok;
    latency.add(latency_ms);
  } else if (!first_failure) {
    first_failure = a.at;
  }
  last = a;
}

}  // namespace acmsim::model
