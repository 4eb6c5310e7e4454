// A fast 64-bit hash fed eight bytes a step, each folded in by a multiply and
// a shift (as the wyhash family does): DNS name keys and certificate aspect
// prints are taken on every query and every change. For in-memory keys and
// prints only: no output depends on its values, so it may change.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace acmsim::core {

class WordHash {
 public:
  static constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;

  explicit WordHash(std::uint64_t seed = 0) : h_(seed) {}

  void add(std::uint64_t word) {
    h_ = (h_ ^ word) * kMultiplier;
    h_ ^= h_ >> 29;
  }
  /// The bytes, eight at a time; the last zero-padded.
  void add_bytes(std::string_view s) {
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + i, 8);
      add(w);
    }
    if (i < s.size()) {
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + i, s.size() - i);
      add(w);
    }
  }
  [[nodiscard]] std::uint64_t state() const { return h_; }

 private:
  std::uint64_t h_;
};

}  // namespace acmsim::core
