#include "acmsim/core/flat_map.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

using acmsim::core::FlatMap;
using acmsim::core::FlatSet;

namespace {

using Entries = std::vector<std::pair<std::uint64_t, std::string>>;

// Every entry of a FlatMap, sorted by key, to compare with a reference map.
Entries entries(const FlatMap<std::string>& m) {
  Entries out;
  m.for_each([&](std::uint64_t k, const std::string& v) { out.emplace_back(k, v); });
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST(FlatMap, AgreesWithAnOrderedMapUnderRandomInsertsAndErasures) {
  // Keys from a small range collide and wrap around the table's end often,
  // which is where backward-shift deletion can go wrong; the extreme keys
  // (0 and the all-ones key that marks a free slot) are in the range too.
  std::mt19937_64 rng(7);
  FlatMap<std::string> m;
  std::map<std::uint64_t, std::string> ref;
  auto key = [&] {
    const std::uint64_t r = rng() % 300;
    if (r == 0) return ~std::uint64_t{0};
    if (r == 1) return std::uint64_t{0};
    return (r % 7 == 0) ? (r << 56) : r * 1000003;
  };
  for (int step = 0; step < 200'000; ++step) {
    const std::uint64_t k = key();
    switch (rng() % 4) {
      case 0:
      case 1: {
        bool fresh = false;
        std::string& v = m.get(k, &fresh);
        EXPECT_EQ(fresh, ref.count(k) == 0U);
        v = std::to_string(step);
        ref[k] = v;
        break;
      }
      case 2:
        EXPECT_EQ(m.erase(k), ref.erase(k) == 1U);
        break;
      default: {
        const std::string* v = m.find(k);
        const auto it = ref.find(k);
        ASSERT_EQ(v != nullptr, it != ref.end());
        if (v != nullptr) {
          EXPECT_EQ(*v, it->second);
        }
      }
    }
    ASSERT_EQ(m.size(), ref.size());
    if (step % 10'000 == 0) {
      EXPECT_EQ(entries(m), Entries(ref.begin(), ref.end()));
    }
  }
  EXPECT_EQ(entries(m), Entries(ref.begin(), ref.end()));
  m.clear();
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.find(1000003 * 5), nullptr);
  EXPECT_EQ(m.find(~std::uint64_t{0}), nullptr);
}

TEST(FlatMap, GrowsPastManyEntriesAndFindsEveryOne) {
  FlatMap<std::uint32_t> m;
  for (std::uint32_t i = 0; i < 100'000; ++i) m[(std::uint64_t{1} << 56) | i] = i;
  ASSERT_EQ(m.size(), 100'000U);
  for (std::uint32_t i = 0; i < 100'000; ++i) {
    const auto* v = m.find((std::uint64_t{1} << 56) | i);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(*v, i);
  }
  EXPECT_EQ(m.find(std::uint64_t{2} << 56), nullptr);
}

TEST(FlatSet, InsertTellsWhetherTheKeyIsNew) {
  FlatSet s;
  EXPECT_TRUE(s.insert(5));
  EXPECT_FALSE(s.insert(5));
  EXPECT_TRUE(s.contains(5));
  EXPECT_TRUE(s.erase(5));
  EXPECT_FALSE(s.erase(5));
  EXPECT_FALSE(s.contains(5));
  EXPECT_TRUE(s.empty());
}
