// The pending-event set: a 4-ary min-heap of plain entries ordered by
// (time, priority, scheduling sequence), with O(1) cancellation.
//
// Why a 4-ary heap: it halves the depth of a binary heap and keeps a node's
// children in one cache line, which pays off from ~100k pending events. Why
// generations: a cancelled event (a renewal made moot by a deletion) is only
// marked stale in a slot table; the heap entry is skipped when it surfaces. No
// allocation happens per event once the vectors have grown to the working size.
#pragma once

#include <cassert>
#include <cstdint>
#include <utility>
#include <vector>

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
  std::uint32_t slot = UINT32_MAX;
  std::uint32_t gen = 0;
  [[nodiscard]] bool valid() const { return slot != UINT32_MAX; }
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
    std::uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      slot = static_cast<std::uint32_t>(gens_.size());
      gens_.push_back(0);
    }
    const std::uint64_t key = (static_cast<std::uint64_t>(p) << 56) | (seq_++ & kSeqMask);
    heap_.push_back(Entry{t.ms, key, slot, gens_[slot], e});
    sift_up(heap_.size() - 1);
    ++live_;
    return EventId{slot, gens_[slot]};
  }

  /// Cancels a pending event; false when it already ran or was cancelled.
  bool cancel(EventId id) {
    if (!id.valid() || id.slot >= gens_.size() || gens_[id.slot] != id.gen) return false;
    release(id.slot);
    --live_;
    ++stale_;
    if (stale_ > 4096 && stale_ > live_) compact();
    return true;
  }

  [[nodiscard]] bool empty() const { return live_ == 0; }
  [[nodiscard]] std::size_t size() const { return live_; }

  /// Time of the next live event; the queue must not be empty.
  SimTime next_time() {
    drop_stale_top();
    return SimTime{heap_.front().time};
  }

  /// Removes and returns the next live event; the queue must not be empty.
  ScheduledEvent pop() {
    drop_stale_top();
    const Entry top = heap_.front();
    remove_top();
    release(top.slot);
    --live_;
    return ScheduledEvent{SimTime{top.time}, top.payload};
  }

  void reserve(std::size_t n) {
    heap_.reserve(n);
    gens_.reserve(n);
    free_.reserve(n);
  }

 private:
  static constexpr std::uint64_t kSeqMask = (std::uint64_t{1} << 56) - 1;

  struct Entry {
    std::int64_t time;
    std::uint64_t key;  // priority in the top byte, sequence below
    std::uint32_t slot;
    std::uint32_t gen;
    EventPayload payload;
  };

  static bool before(const Entry& x, const Entry& y) {
    return x.time < y.time || (x.time == y.time && x.key < y.key);
  }

  void release(std::uint32_t slot) {
    ++gens_[slot];
    free_.push_back(slot);
  }

  void drop_stale_top() {
    assert(live_ > 0);
    while (heap_.front().gen != gens_[heap_.front().slot]) {
      remove_top();
      --stale_;
    }
  }

  void remove_top() {
    heap_.front() = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
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
      const std::size_t last = first + 4 < n ? first + 4 : n;
      for (std::size_t c = first + 1; c < last; ++c) {
        if (before(heap_[c], heap_[best])) best = c;
      }
      if (!before(heap_[best], e)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = e;
  }

  // Drops every stale entry and re-heapifies: keeps memory proportional to the
  // live events when many are cancelled.
  void compact() {
    std::size_t w = 0;
    for (std::size_t r = 0; r < heap_.size(); ++r) {
      if (heap_[r].gen == gens_[heap_[r].slot]) heap_[w++] = heap_[r];
    }
    heap_.resize(w);
    for (std::size_t i = heap_.size() / 4 + 1; i-- > 0;) {
      if (i < heap_.size()) sift_down(i);
    }
    stale_ = 0;
  }

  std::vector<Entry> heap_;
  std::vector<std::uint32_t> gens_;
  std::vector<std::uint32_t> free_;
  std::uint64_t seq_ = 0;
  std::size_t live_ = 0;
  std::size_t stale_ = 0;
};

}  // namespace acmsim::core
