// Seeded random streams and our own distributions.
//
// Each purpose (DNS notice delays, ARN ids, event ids, ...) draws from its own
// stream, derived from the scenario seed and the stream's name, so that adding a
// new consumer never shifts the numbers another one sees. The engine is
// xoshiro256** and every distribution is written here, so results are the same
// with any standard library.
#pragma once

#include <cstdint>
#include <string_view>

namespace acmsim::core {

/// SplitMix64 step: used to expand seeds; also a good 64-bit mixer.
std::uint64_t splitmix64(std::uint64_t& state);

/// FNV-1a 64-bit hash of a name (stable across platforms).
std::uint64_t fnv1a64(std::string_view text);
/// Continues an FNV-1a hash over more text: fnv1a64(a + b) == fnv1a64_more(fnv1a64(a), b).
std::uint64_t fnv1a64_more(std::uint64_t h, std::string_view text);

class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::string_view name);

  /// Next raw 64-bit value (xoshiro256**).
  std::uint64_t next_u64();
  /// Uniform in [0, 1), 53 bits of precision.
  double uniform01();
  /// Uniform integer in [lo, hi] (inclusive), without modulo bias (Lemire).
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi);
  /// Exponential with the given mean.
  double exponential(double mean);
  /// Normal via the Box-Muller transform (one value per call; the pair's second is kept).
  double normal(double mean, double stddev);

 private:
  std::uint64_t s_[4];
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace acmsim::core
