#include "acmsim/core/time.hpp"

#include <gtest/gtest.h>

using namespace acmsim::core;

TEST(Duration, ParsesOneOrMoreUnitGroups) {
  EXPECT_EQ(parse_duration("1d12h")->ms, Duration::hours(36).ms);
  EXPECT_EQ(parse_duration("250ms")->ms, 250);
  EXPECT_EQ(parse_duration("0s")->ms, 0);
  EXPECT_EQ(parse_duration("2w")->ms, Duration::days(14).ms);
  EXPECT_EQ(parse_duration("1h30m15s")->ms, Duration::seconds(5415).ms);
}

TEST(Duration, RefusesBareNumbersSpacesAndUnknownUnits) {
  for (const char* bad : {"", "90", "90 days", "1y", "d", "-1d", "1.5h", "1d 2h", "1D"}) {
    EXPECT_FALSE(parse_duration(bad).has_value()) << bad;
  }
}

TEST(Duration, RefusesOverflowInsteadOfWrapping) {
  EXPECT_FALSE(parse_duration("99999999999999999999d").has_value());
  EXPECT_FALSE(parse_duration("9223372036854775807w").has_value());
}

TEST(Duration, FormatsAsShortestGroups) {
  EXPECT_EQ(format_duration(Duration::hours(36)), "1d12h");
  EXPECT_EQ(format_duration(Duration{0}), "0s");
  EXPECT_EQ(format_duration(Duration{1500}), "1s500ms");
  EXPECT_EQ(format_duration(Duration::minutes(-90)), "-1h30m");
}

TEST(Timestamp, RoundTripsWithMillisecondsOnlyWhenNonZero) {
  const auto t = parse_timestamp("2026-02-18T00:00:00Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(format_timestamp(*t), "2026-02-18T00:00:00Z");
  EXPECT_EQ(format_timestamp(*t + Duration{7}), "2026-02-18T00:00:00.007Z");
  EXPECT_EQ(parse_timestamp("2026-02-18T00:00:00.5Z")->ms, t->ms + 500);
  EXPECT_EQ(parse_timestamp("2026-02-18T00:00:00+00:00")->ms, t->ms);
}

TEST(Timestamp, KnowsTheCalendar) {
  EXPECT_EQ(parse_timestamp("1970-01-01T00:00:00Z")->ms, 0);
  EXPECT_EQ(format_timestamp(*parse_timestamp("2028-02-29T23:59:59Z") + Duration::seconds(1)), "2028-03-01T00:00:00Z");
  EXPECT_FALSE(parse_timestamp("2026-02-29T00:00:00Z").has_value());
  EXPECT_FALSE(parse_timestamp("2026-13-01T00:00:00Z").has_value());
  EXPECT_FALSE(parse_timestamp("2026-01-01T24:00:00Z").has_value());
  EXPECT_FALSE(parse_timestamp("2026-01-01T00:00:00+02:00").has_value());
  EXPECT_FALSE(parse_timestamp("2026-01-01").has_value());
}

TEST(Timestamp, PrintsEveryFieldZeroPaddedAcrossTheWholeRange) {
  // The formatter writes digits by hand; parsing back what it prints must give
  // the same instant for instants from year 0 to 9999, with and without
  // milliseconds.
  std::uint64_t x = 88172645463325252ULL;
  const std::int64_t first = parse_timestamp("0000-01-01T00:00:00Z")->ms;
  const std::int64_t last = parse_timestamp("9999-12-31T23:59:59.999Z")->ms;
  for (int i = 0; i < 100'000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    std::int64_t ms = first + static_cast<std::int64_t>(x % static_cast<std::uint64_t>(last - first + 1));
    if (i % 2 == 0) ms -= ms % 1000;
    const std::string text = format_timestamp(SimTime{ms});
    ASSERT_EQ(text.size(), ms % 1000 == 0 ? 20U : 24U) << text;
    const auto back = parse_timestamp(text);
    ASSERT_TRUE(back.has_value()) << text;
    ASSERT_EQ(back->ms, ms) << text;
  }
  EXPECT_EQ(format_timestamp(*parse_timestamp("0001-02-03T04:05:06.078Z")), "0001-02-03T04:05:06.078Z");
}
