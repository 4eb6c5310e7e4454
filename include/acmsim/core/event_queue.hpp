// The pending-event set: a 4-ary min-heap of plain entries ordered by
// (time, priority, scheduling sequence), with O(1) cancellation.
//
// Why a 4-ary heap: it halves the depth of a binary heap, and its children sit
// side by side in memory. Why cancellation by sequence number: a cancelled
// event (a renewal made moot by a deletion) is only recorded in a small set and
// skipped when it surfaces, so the common path (push, pop) touches nothing but
// the heap itself. No allocation happens per event once the vectors have grown.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <utility>
#include <vector>

#include "acmsim/core/flat_map.hpp"
#include "acmsim/core/time.hpp"

namespace acmsim::core {

/// What an event does, as plain data: the model interprets `kind` with a switch.
struct EventPayload {
  std::uint32_t kind = 0;
  std::uint32_t a = 0;
  std::uint64_t b = 0;
};

/// Handle of a scheduled event, for cancellation. A default one names nothing.
struct EventId {
  std::int64_t time = INT64_MIN;
  std::uint64_t seq = UINT64_MAX;
  [[nodiscard]] bool valid() const { return seq != UINT64_MAX; }
};

/// Priorities within one instant: scenario steps first, then the model's own
/// events, then findings, then expectations (scenario format, "Ordering").
enum class Priority : std::uint8_t { Scenario = 0, Model = 1, Findings = 2, Expectation = 3 };

struct ScheduledEvent {
  SimTime time;
  EventPayload payload;
};

class EventQueue {
 public:
  EventId push(SimTime t, Priority p, EventPayload e) {
    const std::uint64_t seq = seq_++;
    heap_.push_back(Entry{t.ms, (static_cast<std::uint64_t>(p) << 56) | (seq & kSeqMask), e});
    sift_up(heap_.size() - 1);
    return EventId{t.ms, seq};
  }

  /// Cancels a pending event; false when it already ran or was cancelled.
  /// Events run in time order, so one whose time is past has run; one of the
  /// current instant has run if it is in the list of this instant's pops.
  bool cancel(EventId id) {
    if (!id.valid() || id.seq >= seq_ || id.time < now_) return false;
    if (id.time == now_ && std::find(popped_now_.begin(), popped_now_.end(), id.seq) != popped_now_.end()) return false;
    if (!cancelled_.insert(id.seq)) return false;
    if (cancelled_.size() > 4096 && cancelled_.size() * 2 > heap_.size()) compact();
    return true;
  }

  [[nodiscard]] bool empty() const { return heap_.size() == cancelled_.size(); }
  [[nodiscard]] std::size_t size() const { return heap_.size() - cancelled_.size(); }

  /// Time of the next live event; the queue must not be empty.
  SimTime next_time() {
    drop_cancelled_top();
    return SimTime{heap_.front().time};
  }

  /// Removes and returns the next live event; the queue must not be empty.
  ScheduledEvent pop() {
    drop_cancelled_top();
    const Entry top = heap_.front();
    remove_top();
    if (top.time != now_) {
      now_ = top.time;
      popped_now_.clear();
    }
    popped_now_.push_back(top.key & kSeqMask);
    return ScheduledEvent{SimTime{top.time}, top.payload};
  }

  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  static constexpr std::uint64_t kSeqMask = (std::uint64_t{1} << 56) - 1;

  struct Entry {
    std::int64_t time;
    std::uint64_t key;  // priority in the top byte, scheduling sequence below
    EventPayload payload;
  };

  static bool before(const Entry& x, const Entry& y) { return x.time < y.time || (x.time == y.time && x.key < y.key); }

  void drop_cancelled_top() {
    assert(!empty());
    while (!cancelled_.empty()) {
      if (!cancelled_.erase(heap_.front().key & kSeqMask)) return;
      remove_top();
    }
  }

  // Bottom-up removal (as std::pop_heap does): walk the hole down along the
  // smaller children without comparing against the moved element, then sift
  // that element up from the bottom. Fewer comparisons than a top-down sift.
  void remove_top() {
    const Entry last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return;
    std::size_t hole = 0;
    for (;;) {
      const std::size_t first = 4 * hole + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + 4 < n ? first + 4 : n;
      for (std::size_t c = first + 1; c < end; ++c) {
        if (before(heap_[c], heap_[best])) best = c;
      }
      heap_[hole] = heap_[best];
      hole = best;
    }
    heap_[hole] = last;
    sift_up(hole);
  }

  void sift_up(std::size_t i) {
    Entry e = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  void sift_down(std::size_t i) {
    const std::size_t n = heap_.size();
    Entry e = heap_[i];
    for (;;) {
      const std::size_t first = 4 * i + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + 4 < n ? first + 4 : n;
      for (std::size_t c = first + 1; c < end; ++c) {
        if (before(heap_[c], heap_[best])) best = c;
      }
      if (!before(heap_[best], e)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = e;
  }

  // Drops every cancelled entry and re-heapifies: memory stays proportional to
  // the live events when many are cancelled.
  void compact() {
    std::size_t w = 0;
    for (std::size_t r = 0; r < heap_.size(); ++r) {
      if (!cancelled_.contains(heap_[r].key & kSeqMask)) heap_[w++] = heap_[r];
    }
    heap_.resize(w);
    for (std::size_t i = heap_.size() / 4 + 1; i-- > 0;) {
      if (i < heap_.size()) sift_down(i);
    }
    cancelled_.clear();
  }

  std::vector<Entry> heap_;
  // Lookups only, never iterated: its order cannot reach any output. Flat:
  // every pop looks the top up here while anything is cancelled.
  FlatSet cancelled_;
  std::vector<std::uint64_t> popped_now_;  // sequences popped at the current instant
  std::int64_t now_ = INT64_MIN;
  std::uint64_t seq_ = 0;
};

}  // namespace acmsim::core
