// The trace sink: timestamped JSON records emitted by the model and the runner.
// Model code never prints; the report layer renders these records.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "acmsim/core/time.hpp"

namespace acmsim::core {

using Json = nlohmann::ordered_json;

struct TraceRecord {
  SimTime time;
  Json body;  // {"type": ..., ...}; the writer adds the time
};

class Trace {
 public:
  explicit Trace(bool enabled = true, bool probe_attempts = true) : enabled_(enabled), probe_attempts_(enabled && probe_attempts) {}
  /// Builders check this first so that a disabled trace costs nothing.
  [[nodiscard]] bool enabled() const { return enabled_; }
  /// Probe attempts are most of a long run's records; studies read the
  /// attempts themselves and leave them out of the trace.
  [[nodiscard]] bool probe_attempts() const { return probe_attempts_; }
  void add(SimTime t, Json body) {
    if (enabled_) records_.push_back(TraceRecord{t, std::move(body)});
  }
  [[nodiscard]] const std::vector<TraceRecord>& records() const { return records_; }

 private:
  bool enabled_;
  bool probe_attempts_;
  std::vector<TraceRecord> records_;
};

}  // namespace acmsim::core
