// The trace sink: timestamped JSON records emitted by the model and the runner.
// Model code never prints; the report layer renders the records the run keeps,
// and a --trace file gets every record as it is made.
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "acmsim/core/time.hpp"

namespace acmsim::core {

using Json = nlohmann::ordered_json;

struct TraceRecord {
  SimTime time;
  Json body;  // {"type": ..., ...}; the writer adds the time
};

/// One line of a JSON Lines trace: {"time": ..., "offset": "+...", ...body}.
std::string trace_line(const TraceRecord& rec, SimTime start);

class Trace {
 public:
  explicit Trace(bool enabled = true, bool probe_attempts = true) : enabled_(enabled), probe_attempts_(enabled && probe_attempts) {}
  /// Every record from now on is also written to `out` as it is made (the
  /// --trace file), offsets counted from `start`.
  void stream_to(std::ostream* out, SimTime start) {
    out_ = out;
    start_ = start;
  }
  /// Whether records go to a file as they are made.
  [[nodiscard]] bool streaming() const { return out_ != nullptr; }
  /// Builders check this first so that a disabled trace costs nothing.
  [[nodiscard]] bool enabled() const { return enabled_; }
  /// Whether a record of this type would go anywhere (kept, or written to the
  /// file): builders of frequent records (events, deliveries, calls) check
  /// this, so that a plain run does not build a fleet's millions of them.
  [[nodiscard]] bool wants(std::string_view type) const {
    if (!enabled_) return false;
    if (out_ != nullptr || keep_types_.empty()) return true;
    for (const auto& k : keep_types_) {
      if (k == type) return true;
    }
    return false;
  }
  /// Probe attempts are most of a long run's records; studies read the
  /// attempts themselves and leave them out of the trace.
  [[nodiscard]] bool probe_attempts() const { return probe_attempts_; }
  /// Keeps in memory only the records of these types (the others still go
  /// to the --trace file): a run whose reports read only state changes need
  /// not hold a fleet's millions of events. Empty: keep every record.
  void keep_only(std::vector<std::string> types) { keep_types_ = std::move(types); }
  void add(SimTime t, Json body) {
    if (!enabled_) return;
    if (!keep_types_.empty() && !kept_type(body)) {
      if (out_ != nullptr) write(TraceRecord{t, body});
      return;
    }
    records_.push_back(TraceRecord{t, std::move(body)});
    if (out_ != nullptr) write(records_.back());
  }
  /// A record for the file only (each probe attempt): the run does not keep it.
  void stream_only(SimTime t, const Json& body) {
    if (enabled_ && out_ != nullptr) write(TraceRecord{t, body});
  }
  [[nodiscard]] const std::vector<TraceRecord>& records() const { return records_; }

 private:
  void write(const TraceRecord& rec);
  [[nodiscard]] bool kept_type(const Json& body) const {
    const auto it = body.find("type");
    if (it == body.end() || !it->is_string()) return true;
    const auto& type = it->get_ref<const std::string&>();
    for (const auto& k : keep_types_) {
      if (k == type) return true;
    }
    return false;
  }

  bool enabled_;
  bool probe_attempts_;
  std::ostream* out_ = nullptr;
  SimTime start_;
  std::vector<TraceRecord> records_;
  std::vector<std::string> keep_types_;
};

}  // namespace acmsim::core
