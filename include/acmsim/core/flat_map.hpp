// A hash map from 64-bit keys to values, stored flat: open addressing with
// linear probing in one array of (key, value) slots.
//
// Why not std::unordered_map: every lookup there is a walk through a bucket
// array to a separately allocated node, two or three cache misses; the engine
// and the event queue make such lookups for every change and every event,
// over maps as large as the fleet. Here a lookup is one probe into one array
// (a miss at most), and inserting allocates only when the table doubles.
//
// Keys are any 64-bit values. Iteration order depends only on the sequence of
// operations (the hash is fixed), so it is deterministic, but callers must
// not let it reach an output anyway: sort what they take out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace acmsim::core {

template <class V>
class FlatMap {
 public:
  FlatMap() = default;

  [[nodiscard]] std::size_t size() const { return size_ + (has_empty_key_ ? 1 : 0); }
  [[nodiscard]] bool empty() const { return size() == 0; }

  /// The value of `key`, or nullptr.
  [[nodiscard]] V* find(std::uint64_t key) {
    if (key == kEmpty) return has_empty_key_ ? &empty_key_value_ : nullptr;
    if (slots_.empty()) return nullptr;
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.key == key) return &s.value;
      if (s.key == kEmpty) return nullptr;
    }
  }
  [[nodiscard]] const V* find(std::uint64_t key) const { return const_cast<FlatMap*>(this)->find(key); }
  [[nodiscard]] bool contains(std::uint64_t key) const { return find(key) != nullptr; }

  /// The value of `key`, inserted default-constructed when absent; `fresh`
  /// (when given) tells which.
  V& operator[](std::uint64_t key) { return get(key, nullptr); }
  V& get(std::uint64_t key, bool* fresh) {
    if (key == kEmpty) {
      if (fresh != nullptr) *fresh = !has_empty_key_;
      has_empty_key_ = true;
      return empty_key_value_;
    }
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.key == key) {
        if (fresh != nullptr) *fresh = false;
        return s.value;
      }
      if (s.key == kEmpty) {
        s.key = key;
        ++size_;
        if (fresh != nullptr) *fresh = true;
        return s.value;
      }
    }
  }

  /// Removes `key`; false when it was absent. The slots after it that probed
  /// past it move back (no tombstones: lookups never slow down with erasures).
  bool erase(std::uint64_t key) {
    if (key == kEmpty) {
      if (!has_empty_key_) return false;
      has_empty_key_ = false;
      empty_key_value_ = V{};
      return true;
    }
    if (slots_.empty()) return false;
    std::size_t i = home(key);
    for (;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) break;
      if (slots_[i].key == kEmpty) return false;
    }
    for (std::size_t j = (i + 1) & mask_;; j = (j + 1) & mask_) {
      Slot& s = slots_[j];
      if (s.key == kEmpty) break;
      // s may move to the hole at i when its home is not cyclically in (i, j].
      const std::size_t h = home(s.key);
      const bool stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
      if (stays) continue;
      slots_[i].key = s.key;
      slots_[i].value = std::move(s.value);
      i = j;
    }
    slots_[i].key = kEmpty;
    slots_[i].value = V{};
    --size_;
    return true;
  }

  /// Removes every entry, keeping the table's memory.
  void clear() {
    if (size_ != 0) {
      for (Slot& s : slots_) {
        if (s.key != kEmpty) {
          s.key = kEmpty;
          s.value = V{};
        }
      }
    }
    size_ = 0;
    has_empty_key_ = false;
    empty_key_value_ = V{};
  }

  /// Calls fn(key, value&) for every entry, in table order.
  template <class F>
  void for_each(F&& fn) {
    for (Slot& s : slots_) {
      if (s.key != kEmpty) fn(s.key, s.value);
    }
    if (has_empty_key_) fn(kEmpty, empty_key_value_);
  }
  template <class F>
  void for_each(F&& fn) const {
    for (const Slot& s : slots_) {
      if (s.key != kEmpty) fn(s.key, s.value);
    }
    if (has_empty_key_) fn(kEmpty, empty_key_value_);
  }

 private:
  // The one key value that marks a free slot; an entry with that key is kept
  // beside the table.
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  struct Slot {
    std::uint64_t key = kEmpty;
    V value{};
  };

  [[nodiscard]] std::size_t home(std::uint64_t key) const {
    // Fibonacci hashing: the top bits of the product spread keys that differ
    // only in their low or high bits (certificate ids, kind tags) alike.
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_);
  }

  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    const std::size_t capacity = old.empty() ? 16 : old.size() * 2;
    slots_.resize(capacity);
    mask_ = capacity - 1;
    shift_ = 64;
    for (std::size_t c = capacity; c > 1; c >>= 1) --shift_;
    for (Slot& s : old) {
      if (s.key == kEmpty) continue;
      std::size_t i = home(s.key);
      while (slots_[i].key != kEmpty) i = (i + 1) & mask_;
      slots_[i].key = s.key;
      slots_[i].value = std::move(s.value);
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  unsigned shift_ = 64;
  std::size_t size_ = 0;  // in the table
  bool has_empty_key_ = false;
  V empty_key_value_{};
};

/// A set of 64-bit keys on the same table.
class FlatSet {
 public:
  /// True when `key` was not in the set.
  bool insert(std::uint64_t key) {
    bool fresh = false;
    map_.get(key, &fresh);
    return fresh;
  }
  bool erase(std::uint64_t key) { return map_.erase(key); }
  [[nodiscard]] bool contains(std::uint64_t key) const { return map_.contains(key); }
  [[nodiscard]] std::size_t size() const { return map_.size(); }
  [[nodiscard]] bool empty() const { return map_.empty(); }
  void clear() { map_.clear(); }

 private:
  struct Nothing {};
  FlatMap<Nothing> map_;
};

}  // namespace acmsim::core
