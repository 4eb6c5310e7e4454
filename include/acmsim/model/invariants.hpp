// Properties the model must keep whatever the scenario does. They are checked
// after every event when asked (tests, fuzzing, the random-scenario generator,
// `acmsim run --check-invariants`): a violation is a bug in acmsim, never in
// the input, so it ends the run as an internal error.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace acmsim::model {

class World;

class InvariantViolation : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// Every broken invariant of the world as it stands, one sentence each; empty
/// when all hold. Walks the whole world: for checking, not for the hot path.
std::vector<std::string> broken_invariants(const World& world);

}  // namespace acmsim::model
