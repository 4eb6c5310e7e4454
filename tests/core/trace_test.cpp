// Compact trace records leave the pooled members out of their text and put
// them back where they stood: whatever the body's shape, a reader sees the
// body it was given.
#include <gtest/gtest.h>

#include "acmsim/core/trace.hpp"

namespace acmsim::core {
namespace {

void expect_round_trip(const Json& body) {
  Trace full;
  Trace compact;
  compact.keep_compact(true);
  full.add(SimTime{7}, body);
  compact.add(SimTime{7}, body);
  const auto& a = full.records().at(0);
  const auto& b = compact.records().at(0);
  EXPECT_EQ(b.body().dump(), body.dump());
  EXPECT_EQ(b.type, a.type);
  EXPECT_EQ(b.service, a.service);
  EXPECT_EQ(b.resource, a.resource);
}

TEST(TraceRecord, CompactBodiesReadBackWhereverThePooledMembersStand) {
  expect_round_trip(Json{{"type", "state"}, {"service", "acm"}, {"resource", "arn:x"}});
  expect_round_trip(Json{{"resource", "arn:x"}, {"service", "acm"}, {"type", "state"}});
  expect_round_trip(Json{{"a", 1}, {"resource", "r"}, {"b", {1, 2}}, {"type", "t"}, {"c", nullptr}});
  expect_round_trip(Json{{"change", "X"}, {"type", "state"}});
  expect_round_trip(Json{{"service", ""}, {"resource", "arn:\u00e9"}});
  expect_round_trip(Json::object());
}

TEST(TraceRecord, MembersThatAreNotStringsStayInTheText) {
  expect_round_trip(Json{{"type", 3}, {"service", {{"x", 1}}}, {"resource", "r"}});
  Trace compact;
  compact.keep_compact(true);
  compact.add(SimTime{0}, Json{{"type", 3}, {"resource", "r"}});
  EXPECT_EQ(compact.records().at(0).type, "");
  EXPECT_EQ(compact.records().at(0).resource, "r");
}

TEST(TraceRecord, RecordsThatAreNotObjectsAreKeptWhole) {
  expect_round_trip(Json::array({1, 2}));
  expect_round_trip(Json("text"));
}

}  // namespace
}  // namespace acmsim::core
