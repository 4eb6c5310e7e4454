#include "acmsim/scenario/matcher.hpp"

#include <gtest/gtest.h>

#include "acmsim/scenario/references.hpp"

using acmsim::core::Json;
using namespace acmsim::scenario;

TEST(PartialMatch, GivenMembersMustMatchOthersAreIgnored) {
  const Json actual = Json::parse(R"({"Certificate": {"Status": "ISSUED", "Type": "AMAZON_ISSUED"}})");
  EXPECT_FALSE(partial_match(Json::parse(R"({"Certificate": {"Status": "ISSUED"}})"), actual));
  EXPECT_EQ(*partial_match(Json::parse(R"({"Certificate": {"Status": "EXPIRED"}})"), actual),
            "Certificate.Status: expected \"EXPIRED\", found \"ISSUED\"");
}

TEST(PartialMatch, ArraysMatchElementWiseWithTheSameLength) {
  const Json actual = Json::parse(R"({"L": [{"a": 1, "b": 2}, {"a": 3}]})");
  EXPECT_FALSE(partial_match(Json::parse(R"({"L": [{"a": 1}, {"a": 3}]})"), actual));
  EXPECT_TRUE(partial_match(Json::parse(R"({"L": [{"a": 1}]})"), actual));
  EXPECT_EQ(*partial_match(Json::parse(R"({"L": [{"a": 1}, {"a": 4}]})"), actual), "L[1].a: expected 4, found 3");
}

TEST(PartialMatch, NullMeansAbsentTimestampsAreInstantsNumbersAreValues) {
  const Json actual = Json::parse(R"({"NotAfter": "2026-04-30T00:00:00Z", "N": 2})");
  EXPECT_FALSE(partial_match(Json::parse(R"({"FailureReason": null})"), actual));
  EXPECT_TRUE(partial_match(Json::parse(R"({"N": null})"), actual));
  EXPECT_FALSE(partial_match(Json::parse(R"({"NotAfter": "2026-04-30T00:00:00.000Z"})"), actual));
  EXPECT_FALSE(partial_match(Json::parse(R"({"N": 2.0})"), actual));
  EXPECT_TRUE(partial_match(Json::parse(R"({"Missing": 1})"), actual));
}

TEST(References, AWholeReferenceKeepsItsTypeAnEmbeddedOneIsText) {
  SavedValues saved{{"desc", Json::parse(R"({"L": [{"N": 5, "S": "x"}]})")}};
  Json v = Json::parse(R"({"n": "${desc.L[0].N}", "s": "id-${desc.L[0].S}-${desc.L[0].N}"})");
  EXPECT_FALSE(substitute(v, saved));
  EXPECT_EQ(v["n"], 5);
  EXPECT_EQ(v["s"], "id-x-5");
}

TEST(References, UnresolvablePathsAndNamesSayWhich) {
  SavedValues saved{{"c", Json::parse(R"({"A": [1]})")}};
  Json v = "${c.A[3]}";
  EXPECT_NE(substitute(v, saved)->find("c.A[3] does not exist"), std::string::npos);
  v = "${gone.A}";
  EXPECT_NE(substitute(v, saved)->find("nothing is saved under 'gone'"), std::string::npos);
}

TEST(PartialMatch, LongValuesAreCutAtACharacterBoundary) {
  // 196 ASCII bytes, then two-byte characters: byte 197 is inside one of them.
  const std::string value = std::string(195, 'a') + "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";
  const auto message = partial_match(Json{{"x", 1}}, Json{{"x", value}});
  ASSERT_TRUE(message.has_value());
  // Valid UTF-8: dumping it as JSON would throw on a split sequence.
  EXPECT_NO_THROW((void)Json(*message).dump());
  EXPECT_NE(message->find("..."), std::string::npos);
}
