#include "acmsim/core/time.hpp"

#include <gtest/gtest.h>

using namespace acmsim::core;

TEST(Duration, ParsesGroupsOfUnits) {
  EXPECT_EQ(parse_duration("1d12h")->ms, Duration::hours(36).ms);
  EXPECT_EQ(parse_duration("250ms")->ms, 250);
  EXPECT_EQ(parse_duration("0s")->ms, 0);
  EXPECT_EQ(parse_duration("2w")->ms, Duration::days(14).ms);
}
