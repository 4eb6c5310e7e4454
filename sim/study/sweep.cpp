// Runs the replications of a study on worker threads. Each run is independent
// (its own Simulation and World), and its sample lands at its own index, so
// the thread count changes the speed and nothing else.
#include "acmsim/study/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>

namespace acmsim::study {

SweepData run_sweep(const Study& st, const SweepOptions& options) {
  SweepData out;
  out.replications = options.replications.value_or(st.replications);
  out.first = options.shard.first(out.replications);
  out.last = options.shard.last(out.replications);
  out.points = grid_points(st);
  const std::size_t per_point = out.last - out.first;
  const std::size_t total = per_point * out.points.size();
  out.samples.assign(out.points.size(), std::vector<Sample>(per_point));

  std::atomic<std::size_t> next{0};
  // Runs after the earliest failure are skipped, runs before it still run:
  // the error reported is the same whatever the timing.
  std::atomic<std::size_t> first_error{SIZE_MAX};
  std::mutex mu;  // guards done, errors and the progress callback
  std::size_t done = 0;
  std::vector<std::pair<std::size_t, std::exception_ptr>> errors;

  auto worker = [&] {
    for (;;) {
      const std::size_t task = next.fetch_add(1);
      if (task >= total) return;
      if (task > first_error.load()) continue;
      const std::size_t point = task / per_point;
      const std::size_t rep = out.first + task % per_point;
      try {
        const scenario::Scenario variant = make_variant(st, out.points[point], rep);
        scenario::RunOptions run_options;
        run_options.max_events = options.max_events;
        run_options.max_memory = options.max_memory;
        run_options.trace_probe_attempts = false;  // metrics read the attempts themselves
        run_options.keep_event_history = std::any_of(
            st.metrics.begin(), st.metrics.end(), [](const Metric& m) { return m.kind == MetricKind::Events || m.kind == MetricKind::Deliveries; });
        const scenario::RunResult run = scenario::run_scenario(variant, run_options);
        out.samples[point][rep - out.first] = measure(st, run);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(mu);
        errors.emplace_back(task, std::current_exception());
        std::size_t seen = first_error.load();
        while (task < seen && !first_error.compare_exchange_weak(seen, task)) {
        }
        continue;
      }
      const std::lock_guard<std::mutex> lock(mu);
      ++done;
      if (options.progress) options.progress(done, total);
    }
  };
  const unsigned threads = std::max(1U, std::min<unsigned>(options.threads, static_cast<unsigned>(std::max<std::size_t>(1, total))));
  if (threads == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
  }
  if (!errors.empty()) {
    // The earliest failing run, so that the message does not depend on timing.
    std::sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::rethrow_exception(errors.front().second);
  }
  return out;
}

}  // namespace acmsim::study
