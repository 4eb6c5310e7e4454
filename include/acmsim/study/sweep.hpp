// Runs a study: every parameter point times every replication of the shard,
// in parallel, and collects the metrics. The samples are stored by index, so
// the result is the same whatever the number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "acmsim/scenario/runner.hpp"
#include "acmsim/study/study.hpp"

namespace acmsim::study {

/// The I-th of N disjoint, contiguous slices of the replications.
struct Shard {
  std::size_t index = 0;
  std::size_t count = 1;
  [[nodiscard]] std::size_t first(std::size_t replications) const { return replications * index / count; }
  [[nodiscard]] std::size_t last(std::size_t replications) const { return replications * (index + 1) / count; }
};

/// One combination of grid values.
struct Point {
  std::vector<std::pair<std::string, Json>> values;  // grid parameters only, in study order
  std::vector<std::size_t> choice;                   // index into each grid parameter's values
};

/// The grid's cartesian product, the first parameter varying slowest.
std::vector<Point> grid_points(const Study& st);

/// The seed of a replication's scenario run: the same at every point (common
/// random numbers), different for every replication.
std::uint64_t replication_seed(std::uint64_t study_seed, std::size_t replication);

/// The scenario of one point and replication: grid values and draws applied,
/// switched-off steps left out, the replication's seed. Throws
/// scenario::InputError (pointing into the study) when the values make the
/// scenario invalid.
scenario::Scenario make_variant(const Study& st, const Point& point, std::size_t replication, Json* drawn = nullptr);

/// What one run measured, one value per metric (nullopt: undefined in this
/// run, such as the time to a first outage that never came).
using Sample = std::vector<std::optional<double>>;

Sample measure(const Study& st, const scenario::RunResult& run);

struct SweepOptions {
  std::optional<std::size_t> replications;  // overrides the study's
  unsigned threads = 1;
  Shard shard;
  std::uint64_t max_events = 10'000'000;
  std::uint64_t max_memory = scenario::kDefaultMaxMemory;  // of the whole process
  /// Called after each run with (done, total); from worker threads, serialised.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct SweepData {
  std::size_t replications = 0;  // of the whole study
  std::size_t first = 0;         // this result's slice [first, last)
  std::size_t last = 0;
  std::vector<Point> points;
  /// samples[point][replication - first][metric]
  std::vector<std::vector<Sample>> samples;
};

/// Runs the shard's replications of every point. Throws scenario::InputError
/// for a variant the loader refuses, core::EventBudgetExceeded for a run that
/// needs too many events.
SweepData run_sweep(const Study& st, const SweepOptions& options);

}  // namespace acmsim::study
