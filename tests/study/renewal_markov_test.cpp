// The analytic renewal chain against closed forms.
#include <gtest/gtest.h>

#include <cmath>

#include "acmsim/study/renewal_markov.hpp"

using namespace acmsim;
using study::solve_renewal_chain;

TEST(RenewalChain, GeometricAttemptsWhenEveryAttemptCanFinish) {
  model::Settings s;
  s.renewal_retry = core::Duration::days(15);  // 45 / 15: attempts at -45, -30, -15 days
  for (const double p : {0.0, 0.3, 0.5, 0.9, 1.0}) {
    s.renewal_fault_probability = p;
    const auto c = solve_renewal_chain(s, 45, core::Duration::days(30));
    EXPECT_EQ(c.attempts, 3U);
    EXPECT_NEAR(c.expiry_probability, p * p * p, 1e-12) << p;
    EXPECT_NEAR(c.renewal_probability, 1 - p * p * p, 1e-12) << p;
    EXPECT_NEAR(c.expected_attempts, 1 + p + p * p, 1e-12) << p;
  }
}

TEST(RenewalChain, DowntimeIsTheTruncatedExponentialMean) {
  model::Settings s;
  s.renewal_retry = core::Duration::days(15);
  s.renewal_fault_probability = 0.5;
  // No operator: down for the whole window after an expiry.
  EXPECT_NEAR(solve_renewal_chain(s, 45, core::Duration::days(30)).expected_downtime_hours, 0.125 * 720.0, 1e-9);
  // Repair at rate mu: E[min(X, T)] = (1 - e^(-mu T)) / mu.
  s.repair_mean = core::Duration::days(4);
  const double mu = 1.0 / 96.0;
  for (const double t : {24.0, 96.0, 720.0}) {
    const auto c = solve_renewal_chain(s, 45, core::Duration::hours(static_cast<std::int64_t>(t)));
    EXPECT_NEAR(c.expected_downtime_hours, 0.125 * (1 - std::exp(-mu * t)) / mu, 1e-6) << t;
  }
}

TEST(RenewalChain, AnAttemptTooCloseToNotAfterCannotSucceed) {
  model::Settings s;
  s.renewal_retry = core::Duration::hours(72);
  s.issuance_delay = core::Duration::minutes(30);
  s.notice_delay_min = core::Duration::minutes(1);
  s.notice_delay_max = core::Duration::minutes(30);
  // Lead 1 day: one attempt, which has a day to finish.
  EXPECT_NEAR(solve_renewal_chain(s, 1, core::Duration::days(1)).expiry_probability, 0.0, 1e-12);
  // 45 days / 72 hours = 15 attempts, all in time: ACM's default schedule.
  s.renewal_fault_probability = 0.8;
  const auto c = solve_renewal_chain(s, 45, core::Duration::days(1));
  EXPECT_EQ(c.attempts, 15U);
  EXPECT_NEAR(c.expiry_probability, std::pow(0.8, 15), 1e-12);
  // The second attempt starts 40 minutes before NotAfter: it finishes in
  // time only when ACM notices the record within 10 minutes (a whole number
  // of seconds from 60 to 1800, so 540 of 1741 cases).
  s.renewal_retry = core::Duration::millis(86'400'000 - 40 * 60'000);
  s.renewal_fault_probability = 0.5;
  const auto late = solve_renewal_chain(s, 1, core::Duration::days(1));
  EXPECT_EQ(late.attempts, 2U);
  const double c2 = 540.0 / 1741.0;
  EXPECT_NEAR(late.expiry_probability, 0.5 * (1 - 0.5 * c2), 1e-12);
}
