#include "acmsim/study/renewal_markov.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <unsupported/Eigen/MatrixFunctions>

namespace acmsim::study {

namespace {

/// Probability that an attempt started `slack_ms` before NotAfter still
/// completes in time: the notice delay is uniform over whole seconds (as
/// AcmService::notice_delay draws it) and the issuance delay is fixed.
double completes_in_time(const model::Settings& s, double slack_ms) {
  const std::int64_t lo = (s.notice_delay_min.ms + 999) / 1000;
  const std::int64_t hi = std::max(lo, s.notice_delay_max.ms / 1000);
  const double budget = slack_ms - static_cast<double>(s.issuance_delay.ms);  // the notice delay must be below this
  // Whole seconds k in [lo, hi] with k * 1000 < budget.
  const auto below = static_cast<std::int64_t>(std::ceil(budget / 1000.0)) - 1;
  const std::int64_t count = std::clamp<std::int64_t>(below - lo + 1, 0, hi - lo + 1);
  return static_cast<double>(count) / static_cast<double>(hi - lo + 1);
}

}  // namespace

RenewalChain solve_renewal_chain(const model::Settings& s, double lead_days, core::Duration window) {
  RenewalChain out;
  const double lead_ms = lead_days * 86'400'000.0;
  const auto retry_ms = static_cast<double>(std::max<std::int64_t>(1, s.renewal_retry.ms));
  // Attempts start at NotAfter - lead + j * retry while that is before NotAfter
  // (at NotAfter itself the expiry comes first).
  const auto k = static_cast<std::size_t>(std::ceil(lead_ms / retry_ms));
  out.attempts = k;
  const double p = s.renewal_fault_probability;

  // Transient states 0..k-1 (attempt j), absorbing: renewed, expired.
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
  Eigen::MatrixXd r = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(k), 2);
  for (std::size_t j = 0; j < k; ++j) {
    const double success = (1.0 - p) * completes_in_time(s, lead_ms - static_cast<double>(j) * retry_ms);
    const auto row = static_cast<Eigen::Index>(j);
    r(row, 0) = success;
    if (j + 1 < k)
      q(row, row + 1) = 1.0 - success;
    else
      r(row, 1) = 1.0 - success;
  }
  const Eigen::MatrixXd identity = Eigen::MatrixXd::Identity(q.rows(), q.cols());
  const Eigen::MatrixXd n = (identity - q).partialPivLu().solve(identity);  // fundamental matrix
  const Eigen::MatrixXd b = n * r;
  out.renewal_probability = b(0, 0);
  out.expiry_probability = b(0, 1);
  out.expected_attempts = n.row(0).sum();

  // Time down in the window after an expiry: occupation time of "down" in
  // the chain down -(mu)-> up, from Van Loan's block exponential.
  const double window_h = static_cast<double>(window.ms) / 3'600'000.0;
  double down_h = window_h;
  if (s.repair_mean) {
    const double mu = 3'600'000.0 / static_cast<double>(s.repair_mean->ms);  // per hour
    Eigen::Matrix4d m = Eigen::Matrix4d::Zero();
    m(0, 0) = -mu;
    m(0, 1) = mu;
    m.block<2, 2>(0, 2) = Eigen::Matrix2d::Identity();
    const Eigen::Matrix4d e = (m * window_h).exp();
    down_h = e(0, 2);  // integral over [0, T] of P(down at t | down at 0)
  }
  out.expected_downtime_hours = out.expiry_probability * down_h;
  return out;
}

}  // namespace acmsim::study
