// EventBridge patterns, operator by operator, with the examples of the
// EventBridge user guide ("Content filtering in Amazon EventBridge event patterns").
#include "acmsim/model/events/event_pattern.hpp"

#include <gtest/gtest.h>

using acmsim::core::Json;
using acmsim::model::EventPattern;

namespace {

bool match(const char* pattern, const char* event) {
  auto p = EventPattern::compile(Json::parse(pattern));
  EXPECT_TRUE(p.ok()) << pattern << ": " << (p.ok() ? "" : p.error().message);
  return p.ok() && p.value().matches(Json::parse(event));
}

std::string refusal(const char* pattern) {
  auto p = EventPattern::compile(Json::parse(pattern));
  return p.ok() ? "accepted" : p.error().message;
}

const char* kEc2 = R"({"version":"0","id":"1","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","account":"123456789012",
  "time":"2015-11-11T21:29:54Z","region":"us-east-1","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
  "detail":{"instance-id":"i-abcd1111","state":"pending","c-count":5,"source-ip":"10.0.0.33","ipv6":"2001:db8:1234:1a00::1","file":"photo.PNG","empty":"","none":null}})";

}  // namespace

TEST(EventPatternExact, ValuesAndArraysMatchAnyElement) {
  EXPECT_TRUE(match(R"({"source":["aws.ec2"]})", kEc2));
  EXPECT_FALSE(match(R"({"source":["aws.acm"]})", kEc2));
  EXPECT_TRUE(match(R"({"detail":{"state":["stopped","pending"]}})", kEc2));
  EXPECT_TRUE(match(R"({"resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"]})", kEc2));
  EXPECT_TRUE(match(R"({"detail":{"c-count":[5.0]}})", kEc2)) << "numbers compare by value";
  EXPECT_FALSE(match(R"({"detail":{"c-count":["5"]}})", kEc2)) << "a string is not a number";
}

TEST(EventPatternExact, NullAndEmptyStringsAreValues) {
  EXPECT_TRUE(match(R"({"detail":{"none":[null]}})", kEc2));
  EXPECT_TRUE(match(R"({"detail":{"empty":[""]}})", kEc2));
  EXPECT_FALSE(match(R"({"detail":{"missing":[null]}})", kEc2)) << "null does not match a missing field";
}

TEST(EventPatternPrefixSuffix, WithAndWithoutCase) {
  EXPECT_TRUE(match(R"({"time":[{"prefix":"2015-11"}]})", kEc2));
  EXPECT_TRUE(match(R"({"detail":{"file":[{"suffix":".PNG"}]}})", kEc2));
  EXPECT_FALSE(match(R"({"detail":{"file":[{"suffix":".png"}]}})", kEc2));
  EXPECT_TRUE(match(R"({"detail":{"file":[{"suffix":{"equals-ignore-case":".png"}}]}})", kEc2));
  EXPECT_TRUE(match(R"({"detail":{"file":[{"prefix":{"equals-ignore-case":"PHOTO"}}]}})", kEc2));
  EXPECT_TRUE(match(R"({"detail-type":[{"equals-ignore-case":"ec2 instance state-change notification"}]})", kEc2));
}

TEST(EventPatternAnythingBut, EveryForm) {
  EXPECT_TRUE(match(R"({"detail":{"state":[{"anything-but":"initializing"}]}})", kEc2));
  EXPECT_FALSE(match(R"({"detail":{"state":[{"anything-but":["stopped","pending"]}]}})", kEc2));
  EXPECT_TRUE(match(R"({"detail":{"c-count":[{"anything-but":[1,2,3]}]}})", kEc2));
  EXPECT_FALSE(match(R"({"detail":{"state":[{"anything-but":{"prefix":"pend"}}]}})", kEc2));
  EXPECT_TRUE(match(R"({"detail":{"file":[{"anything-but":{"suffix":".txt"}}]}})", kEc2));
  EXPECT_FALSE(match(R"({"detail":{"state":[{"anything-but":{"equals-ignore-case":["PENDING","Stopped"]}}]}})", kEc2));
  EXPECT_FALSE(match(R"({"detail":{"file":[{"anything-but":{"wildcard":"photo.*"}}]}})", kEc2));
  EXPECT_FALSE(match(R"({"detail":{"missing":[{"anything-but":"x"}]}})", kEc2)) << "anything-but needs the field";
}

TEST(EventPatternNumeric, RangesAndEquality) {
  EXPECT_TRUE(match(R"({"detail":{"c-count":[{"numeric":[">",0,"<=",5]}]}})", kEc2));
  EXPECT_FALSE(match(R"({"detail":{"c-count":[{"numeric":[">",5]}]}})", kEc2));
  EXPECT_TRUE(match(R"({"detail":{"c-count":[{"numeric":["=",5]}]}})", kEc2));
  EXPECT_FALSE(match(R"({"detail":{"state":[{"numeric":[">",0]}]}})", kEc2)) << "a string is not in a numeric range";
}

TEST(EventPatternExists, PresentAndAbsent) {
  EXPECT_TRUE(match(R"({"detail":{"state":[{"exists":true}]}})", kEc2));
  EXPECT_TRUE(match(R"({"detail":{"missing":[{"exists":false}]}})", kEc2));
  EXPECT_FALSE(match(R"({"detail":{"state":[{"exists":false}]}})", kEc2));
}

TEST(EventPatternCidr, Ipv4AndIpv6) {
  EXPECT_TRUE(match(R"({"detail":{"source-ip":[{"cidr":"10.0.0.0/24"}]}})", kEc2));
  EXPECT_FALSE(match(R"({"detail":{"source-ip":[{"cidr":"10.0.1.0/24"}]}})", kEc2));
  EXPECT_TRUE(match(R"({"detail":{"ipv6":[{"cidr":"2001:db8:1234:1a00::/64"}]}})", kEc2));
  EXPECT_FALSE(match(R"({"detail":{"ipv6":[{"cidr":"2001:db8:1234:1b00::/64"}]}})", kEc2));
}

TEST(EventPatternWildcard, StarsAndEscapes) {
  EXPECT_TRUE(match(R"({"resources":[{"wildcard":"arn:aws:ec2:*:instance/*"}]})", kEc2));
  EXPECT_FALSE(match(R"({"resources":[{"wildcard":"arn:aws:s3:*"}]})", kEc2));
  EXPECT_TRUE(acmsim::model::wildcard_match("a\\*b", "a*b"));
  EXPECT_FALSE(acmsim::model::wildcard_match("a\\*b", "axb"));
}

TEST(EventPatternOr, AlternativesAtOneLevel) {
  EXPECT_TRUE(match(R"({"detail":{"$or":[{"c-count":[{"numeric":[">",10]}]},{"state":["pending"]}]}})", kEc2));
  EXPECT_FALSE(match(R"({"detail":{"$or":[{"c-count":[{"numeric":[">",10]}]},{"state":["stopped"]}]}})", kEc2));
}

TEST(EventPatternStructure, DottedKeysAndArrayConsistency) {
  EXPECT_TRUE(match(R"({"detail.state":["pending"]})", kEc2));
  EXPECT_TRUE(match(R"({"a":{"b":[1],"c":[2]}})", R"({"a":[{"b":1,"c":2},{"b":3}]})"));
  EXPECT_FALSE(match(R"({"a":{"b":[1],"c":[2]}})", R"({"a":[{"b":1},{"c":2}]})")) << "fields of one object match inside one array element";
}

TEST(EventPatternValidation, AwsReasons) {
  EXPECT_EQ(refusal(R"({"source":"aws.acm"})"), "Event pattern is not valid. Reason: \"source\" must be an object or an array");
  EXPECT_EQ(refusal(R"({"resources":[]})"), "Event pattern is not valid. Reason: Empty arrays are not allowed");
  EXPECT_EQ(refusal(R"({"a":[{"NUMERIC":["=",5]}]})"), "Event pattern is not valid. Reason: Unrecognized match type NUMERIC");
  EXPECT_EQ(refusal(R"({"a":[{"numeric":[">",0,">",0]}]})"), "Event pattern is not valid. Reason: Bad numeric range operator: >");
  EXPECT_EQ(refusal(R"({"a":[{"cidr":"bad-filter"}]})"), "Event pattern is not valid. Reason: Malformed CIDR, one '/' required");
  EXPECT_EQ(refusal(R"({"a":[{"wildcard":"x**y"}]})"), "Event pattern is not valid. Reason: Consecutive wildcard characters at pos 2");
  EXPECT_EQ(refusal(R"({"a":[{"anything-but":{"prefix":""}}]})"), "Event pattern is not valid. Reason: Null prefix/suffix not allowed");
}

TEST(EventPatternCompileOnce, OnePatternManyEvents) {
  auto p = EventPattern::compile(Json::parse(R"({"source":["aws.acm"],"detail":{"DaysToExpiry":[{"numeric":["<=",7]}]}})"));
  ASSERT_TRUE(p.ok());
  int matched = 0;
  for (int d = 1; d <= 45; ++d) {
    matched += p.value().matches(Json{{"source", "aws.acm"}, {"detail", {{"DaysToExpiry", d}}}}) ? 1 : 0;
  }
  EXPECT_EQ(matched, 7);
}

TEST(EventPatternWildcard, MatchesPiecesInOrderAndStaysLinearOnLongInput) {
  using acmsim::model::wildcard_match;
  EXPECT_TRUE(wildcard_match("*", ""));
  EXPECT_TRUE(wildcard_match("a*", "a"));
  EXPECT_FALSE(wildcard_match("a*a", "a")) << "prefix and suffix may not overlap";
  EXPECT_TRUE(wildcard_match("a*b*c", "aXbYbZc"));
  EXPECT_FALSE(wildcard_match("a*b*c", "aXcYb"));
  EXPECT_TRUE(wildcard_match("*ab*ab*", "xxabyyabzz"));
  EXPECT_FALSE(wildcard_match("*ab*ab*", "xxabzz"));
  // The shape that took 20 s with backtracking: a long piece between stars
  // that almost matches everywhere in a long value.
  const std::string pattern = "*" + std::string(50'000, 'a') + "b*";
  const std::string value(200'000, 'a');
  EXPECT_FALSE(wildcard_match(pattern, value));
  EXPECT_TRUE(wildcard_match(pattern, value + "b"));
  std::string many;
  for (int i = 0; i < 50'000; ++i) many += "a*";
  EXPECT_TRUE(wildcard_match(many + "b", value + "b")) << "many pieces, each found at once";
}

// Found by fuzzing: an IPv4 tail with a colon after it recursed on itself.
TEST(EventPatternCidr, MalformedAddressesAreRefusedNotRecursedOn) {
  for (const char* s : {"1.2:3", "1.2.3.4:5", ":1.2:3", "::1.2.3.4:"}) EXPECT_FALSE(acmsim::model::parse_ip(s).has_value()) << s;
  EXPECT_TRUE(acmsim::model::parse_ip("::ffff:1.2.3.4").has_value());
}

TEST(EventPatternDecides, BySourceAndDetailTypeOnlyWhenThePatternReadsNothingElse) {
  // Whatever the rest of the event holds, decides() must agree with matching it.
  const Json source = "aws.acm";
  const Json type = "ACM Certificate Expired";
  const Json event = {{"source", "aws.acm"}, {"detail-type", "ACM Certificate Expired"}, {"detail", {{"DaysToExpiry", 3}}}};
  struct Case {
    const char* pattern;
    std::optional<bool> decided;
  };
  for (const Case& c :
       {Case{R"({"source":["aws.acm"]})", true}, Case{R"({"source":["aws.acm"],"detail-type":["ACM Certificate Expired"]})", true},
        Case{R"({"source":[{"prefix":"aws."}],"detail-type":[{"anything-but":"x"}]})", true}, Case{R"({"source":["aws.config"]})", false},
        Case{R"({"source":["aws.acm"],"detail-type":["ACM Certificate Available"]})", false},
        Case{R"({"source":["aws.config"],"detail":{"DaysToExpiry":[3]}})", false},
        Case{R"({"source":["aws.acm"],"detail":{"DaysToExpiry":[3]}})", std::nullopt},
        Case{R"({"source":["aws.acm"],"region":["us-east-1"]})", std::nullopt},
        Case{R"({"source":["aws.acm"],"$or":[{"detail-type":["ACM Certificate Expired"]},{"region":["x"]}]})", std::nullopt},
        Case{R"({"detail-type":[{"exists":false}]})", false}}) {
    auto p = EventPattern::compile(Json::parse(c.pattern));
    ASSERT_TRUE(p.ok()) << c.pattern;
    const std::optional<bool> got = p.value().decides(source, type);
    EXPECT_EQ(got, c.decided) << c.pattern;
    if (got) {
      EXPECT_EQ(*got, p.value().matches(event)) << c.pattern;
    }
  }
}
