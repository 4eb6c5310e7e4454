// One draw of a study parameter's distribution.
#pragma once

#include "acmsim/core/random.hpp"
#include "acmsim/study/study.hpp"

namespace acmsim::study {

/// A JSON value ready to put into the scenario: a number, an integer, a
/// duration string, a boolean (bernoulli) or one of a discrete distribution's values.
Json draw(const Distribution& d, core::RandomStream& rng);

}  // namespace acmsim::study
