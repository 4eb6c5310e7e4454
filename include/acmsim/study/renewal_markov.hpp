// The analytic cross-check: one renewal cycle of a DNS-validated certificate
// as an absorbing Markov chain, solved with Eigen.
//
// Renewal starts `lead` before NotAfter and an attempt that fails is retried
// every `retry`. Attempt j fails with probability p (faults.renewalAttemptFailure)
// or because it cannot finish before NotAfter (notice delay + issuance delay).
// The transient states are the attempts, the absorbing ones "renewed" and
// "expired"; the fundamental matrix N = (I - Q)^-1 gives the absorption
// probabilities and the expected number of attempts. After an expiry an
// operator replaces the certificate at rate mu = 1 / faults.repairMeanTime: the
// expected time down in the observed window T is the occupation time of the
// "down" state of a two-state continuous-time chain, read from the matrix
// exponential of Van Loan's block matrix [[G, I], [0, 0]] * T.
#pragma once

#include <optional>

#include "acmsim/model/settings.hpp"

namespace acmsim::study {

struct RenewalChain {
  std::size_t attempts = 0;  // attempts that start before NotAfter
  double renewal_probability = 0;
  double expiry_probability = 0;
  double expected_attempts = 0;
  double expected_downtime_hours = 0;
};

/// `window`: how long after NotAfter the run goes on (the horizon).
RenewalChain solve_renewal_chain(const model::Settings& s, double lead_days, core::Duration window);

}  // namespace acmsim::study
