// The trace sink: timestamped JSON records emitted by the model and the runner.
// Model code never prints; the report layer renders the records the run keeps,
// and a --trace file gets every record as it is made.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "acmsim/core/string_hash.hpp"
#include "acmsim/core/time.hpp"

namespace acmsim::core {

using Json = nlohmann::ordered_json;

/// An empty object with room for `members`: nlohmann's ordered objects copy
/// every member each time they grow, and a fleet run builds millions of
/// events and records member by member.
inline Json json_object(std::size_t members) {
  Json j(Json::value_t::object);
  j.get_ref<Json::object_t&>().reserve(members);
  return j;
}

/// One copy of each string, handed out as references that stay valid as
/// long as the pool (its nodes never move): a certificate's dozens of trace
/// records share its ARN.
class StringPool {
 public:
  const std::string& intern(std::string_view s) {
    if (const auto it = strings_.find(s); it != strings_.end()) return *it;
    return *strings_.emplace(s).first;
  }

 private:
  std::unordered_set<std::string, StringHash, std::equal_to<>> strings_;
};

/// Where compact records keep their text: an unnamed temporary file (in
/// $TMPDIR, else /tmp; unlinked as soon as it is made, so it goes when the
/// process does), so that a fleet run's hundreds of MiB of state records cost
/// disk, not memory. Without a usable temporary folder the text stays in
/// memory, as it would in a file.
class TraceSpill {
 public:
  struct Span {
    std::uint64_t offset = 0;
    std::uint32_t length = 0;
  };
  TraceSpill() = default;
  TraceSpill(const TraceSpill&) = delete;
  TraceSpill& operator=(const TraceSpill&) = delete;
  ~TraceSpill();
  Span put(std::string_view text);
  /// Not const: the text may still be waiting to be written.
  [[nodiscard]] std::string get(Span s);

 private:
  void open();
  void write_pending();
  int fd_ = -1;            // -1: no file could be made
  bool writable_ = false;  // false once a write failed (or with no file)
  bool tried_ = false;
  /// The text below this offset is in the file; from it on, in pending_
  /// (waiting to be written) or, once the file cannot be written, in memory_.
  std::uint64_t file_end_ = 0;
  std::string pending_;
  std::string memory_;
};

/// One record: {"type": ..., ...}; the writer adds the time. A record kept
/// compact holds its body as JSON text in the trace's spill, parsed when a
/// reader first asks for it: a fleet run keeps hundreds of thousands of state
/// records for the few certificates its summary tells the story of. The text
/// leaves out the members held as pooled strings (a certificate's ARN is half
/// of its record) and body() puts them back in their places.
class TraceRecord {
 public:
  TraceRecord(SimTime t, Json body, TraceSpill* spill, StringPool& pool);
  /// A compact record given in its parts: the pooled members' values and
  /// places (as the other constructor finds them), and the other members.
  /// The same record as from the whole body, without building members only
  /// to take them out again (a fleet run makes millions of state records).
  TraceRecord(SimTime t, const std::array<std::string_view, 3>& pooled, const std::array<std::uint8_t, 3>& places, const Json& rest,
              TraceSpill& spill, StringPool& pool);
  SimTime time;
  /// The body's "type", "service" and "resource" members ("" when absent):
  /// what readers select records on without parsing them. Views into the
  /// trace's pool: valid as long as the trace.
  [[nodiscard]] std::string_view type() const { return view(pooled_[0]); }
  [[nodiscard]] std::string_view service() const { return view(pooled_[1]); }
  [[nodiscard]] std::string_view resource() const { return view(pooled_[2]); }

  [[nodiscard]] const Json& body() const {
    if (spill_ != nullptr && body_.is_null()) body_ = expand();
    return body_;
  }

 private:
  static constexpr std::uint8_t kAbsent = 0xff;
  static std::string_view view(const std::string* s) { return s != nullptr ? std::string_view(*s) : std::string_view(); }
  [[nodiscard]] Json expand() const;

  std::array<const std::string*, 3> pooled_{};
  mutable Json body_;            // null until read, for a spilled record
  TraceSpill* spill_ = nullptr;  // set: the body is in the spill at offset_
  std::uint64_t offset_ = 0;     // the span's members, unpacked: 8 bytes fewer a record
  std::uint32_t length_ = 0;
  /// Where type, service and resource stood among the body's members
  /// (kAbsent: not a string member, so still in the text).
  std::array<std::uint8_t, 3> place_{kAbsent, kAbsent, kAbsent};
};

/// One line of a JSON Lines trace: {"time": ..., "offset": "+...", ...body}.
std::string trace_line(SimTime t, const Json& body, SimTime start);

class Trace {
 public:
  explicit Trace(bool enabled = true, bool probe_attempts = true) : enabled_(enabled), probe_attempts_(enabled && probe_attempts) {}
  Trace(const Trace&) = delete;  // records hold views into the pool
  Trace& operator=(const Trace&) = delete;
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
  /// Kept records hold their bodies as JSON text until read (TraceRecord).
  void keep_compact(bool on) { compact_ = on; }
  void add(SimTime t, Json body) {
    if (!enabled_) return;
    if (!keep_types_.empty() && !kept_type(body)) {
      if (out_ != nullptr) write(t, body);
      return;
    }
    if (out_ != nullptr) write(t, body);
    records_.emplace_back(t, std::move(body), compact_ ? &spill_ : nullptr, pool_);
  }
  /// Whether a record of this type is only kept, compact, and goes to no
  /// file: then add_compact() takes it in parts.
  [[nodiscard]] bool keeps_compact_only(std::string_view type) const {
    if (!enabled_ || !compact_ || out_ != nullptr) return false;
    if (keep_types_.empty()) return true;
    for (const auto& k : keep_types_) {
      if (k == type) return true;
    }
    return false;
  }
  /// A record whose "type", "service" and "resource" members stood at
  /// `places` (see TraceRecord) among the members of `rest`. Only when
  /// keeps_compact_only(type).
  void add_compact(SimTime t, const std::array<std::string_view, 3>& pooled, const std::array<std::uint8_t, 3>& places, const Json& rest) {
    records_.emplace_back(t, pooled, places, rest, spill_, pool_);
  }
  /// A record for the file only (each probe attempt): the run does not keep it.
  void stream_only(SimTime t, const Json& body) {
    if (enabled_ && out_ != nullptr) write(t, body);
  }
  [[nodiscard]] const std::deque<TraceRecord>& records() const { return records_; }

 private:
  void write(SimTime t, const Json& body);
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
  bool compact_ = false;
  std::ostream* out_ = nullptr;
  SimTime start_;
  StringPool pool_;                  // before the records that point into it
  TraceSpill spill_;                 // likewise
  std::deque<TraceRecord> records_;  // no copy of them all as it grows
  std::vector<std::string> keep_types_;
};

}  // namespace acmsim::core
