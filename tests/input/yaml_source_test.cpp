#include "acmsim/input/yaml_source.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace acmsim::input;

namespace {

JsonSyntaxError error_of(std::string_view text, YamlLimits limits = {}) {
  try {
    (void)parse_yaml_with_positions(text, limits);
  } catch (const JsonSyntaxError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for: " << text;
  return JsonSyntaxError({}, "", "");
}

}  // namespace

TEST(YamlSource, ShortFormTagsBecomeLongForms) {
  const auto doc = parse_yaml_with_positions(
      "a: !Ref Name\n"
      "b: !GetAtt Domain.RegionalDomainName\n"
      "c: !GetAtt Stack.Outputs.Arn\n"
      "d: !Sub 'api.${Zone}'\n"
      "e: !If [Cond, x, y]\n"
      "f: !Join\n  - ''\n  - [a, b]\n"
      "g: !Condition IsProd\n");
  EXPECT_EQ(doc.root["a"], (Json{{"Ref", "Name"}}));
  EXPECT_EQ(doc.root["b"], (Json{{"Fn::GetAtt", Json::array({"Domain", "RegionalDomainName"})}}));
  EXPECT_EQ(doc.root["c"], (Json{{"Fn::GetAtt", Json::array({"Stack", "Outputs.Arn"})}}));
  EXPECT_EQ(doc.root["d"], (Json{{"Fn::Sub", "api.${Zone}"}}));
  EXPECT_EQ(doc.root["e"], (Json{{"Fn::If", Json::array({"Cond", "x", "y"})}}));
  EXPECT_EQ(doc.root["f"], (Json{{"Fn::Join", Json::array({"", Json::array({"a", "b"})})}}));
  EXPECT_EQ(doc.root["g"], (Json{{"Condition", "IsProd"}}));
}

TEST(YamlSource, AQuotedStringIsNeverAFunction) {
  const auto doc = parse_yaml_with_positions("a: '!Ref Name'\nb: \"!GetAtt X.Y\"\n");
  EXPECT_EQ(doc.root["a"], "!Ref Name");
  EXPECT_EQ(doc.root["b"], "!GetAtt X.Y");
}

TEST(YamlSource, PlainScalarsAreTypedQuotedOnesAreStrings) {
  const auto doc = parse_yaml_with_positions("a: 443\nb: '443'\nc: true\nd: 'true'\ne: ~\nf: 1.5\ng: 2010-09-09\nh: yes\n");
  EXPECT_EQ(doc.root["a"], 443);
  EXPECT_EQ(doc.root["b"], "443");
  EXPECT_EQ(doc.root["c"], true);
  EXPECT_EQ(doc.root["d"], "true");
  EXPECT_TRUE(doc.root["e"].is_null());
  EXPECT_EQ(doc.root["f"], 1.5);
  EXPECT_EQ(doc.root["g"], "2010-09-09");
  EXPECT_EQ(doc.root["h"], "yes");  // YAML 1.2 core schema: not a boolean
}

TEST(YamlSource, PositionsAreLineAndColumnOfEachValue) {
  const auto doc =
      parse_yaml_with_positions("Resources:\n  Cert:\n    Type: AWS::CertificateManager::Certificate\n    Properties:\n      DomainName: !Ref D\n");
  const auto p = doc.pos_of("/Resources/Cert/Properties/DomainName");
  EXPECT_EQ(p.line, 5);
  EXPECT_EQ(p.column, 19);
  EXPECT_EQ(doc.pos_of("/Resources/Cert/Type").line, 3);
}

TEST(YamlSource, DuplicateKeysAreRefusedWhereTheSecondOneIs) {
  const auto e = error_of("a: 1\nb:\n  c: 1\n  c: 2\n");
  EXPECT_EQ(e.pos().line, 4);
  EXPECT_EQ(e.pos().column, 3);
  EXPECT_EQ(e.path(), "/b/c");
  EXPECT_NE(std::string(e.what()).find("duplicate key \"c\""), std::string::npos);
}

TEST(YamlSource, UnknownTagsAreRefused) {
  const auto e = error_of("a: !Reff X\n");
  EXPECT_EQ(e.pos().line, 1);
  EXPECT_NE(std::string(e.what()).find("unknown tag !Reff"), std::string::npos);
}

TEST(YamlSource, MergeKeysAsYaml11DefinesThem) {
  const auto doc = parse_yaml_with_positions(
      "base: &b {Port: 443, Protocol: HTTPS}\n"
      "other: &o {SslPolicy: p}\n"
      "listener:\n  <<: [*b, *o]\n  Port: 8443\n");
  EXPECT_EQ(doc.root["listener"]["Port"], 8443);  // the map's own key wins
  EXPECT_EQ(doc.root["listener"]["Protocol"], "HTTPS");
  EXPECT_EQ(doc.root["listener"]["SslPolicy"], "p");
  EXPECT_FALSE(doc.root["listener"].contains("<<"));
}

TEST(YamlSource, AliasesThatExplodeAreRefused) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 12; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += std::string(k > 0 ? ", " : "") + "*a" + std::to_string(i - 1);
    text += "]\n";
  }
  const auto e = error_of(text);
  EXPECT_NE(std::string(e.what()).find("expands to more than"), std::string::npos);
}

TEST(YamlSource, NestingDeeperThanTheLimitIsRefused) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "[";
  const auto e = error_of(text, YamlLimits{50, 1000});
  EXPECT_NE(std::string(e.what()).find("nesting deeper than 50"), std::string::npos);
}

TEST(YamlSource, OneDocumentOnlyAndUtf8Only) {
  EXPECT_NE(std::string(error_of("a: 1\n---\nb: 2\n").what()).find("second one"), std::string::npos);
  const auto e = error_of("a: 1\nb: \xff\n");
  EXPECT_EQ(e.pos().line, 2);
  EXPECT_NE(std::string(e.what()).find("UTF-8"), std::string::npos);
}

// Found by the template_import fuzzer: a NUL in a resource type reached a
// message, and "\N" became a lone 0x85 byte that no JSON output could carry.
TEST(YamlSource, ControlCharactersAndLatin1EscapesAreRefused) {
  const auto nul = error_of(std::string("a: 1\nb: x\0y\n", 13));
  EXPECT_EQ(nul.pos().line, 2);
  EXPECT_EQ(nul.pos().column, 5);
  EXPECT_NE(std::string(nul.what()).find("U+0000"), std::string::npos) << nul.what();
  const auto nel = error_of("a: \"x\\N\"\n");
  EXPECT_EQ(nel.pos().line, 1);
  EXPECT_NE(std::string(nel.what()).find("0x85"), std::string::npos) << nel.what();
  EXPECT_NO_THROW(parse_yaml_with_positions("a: \"tab\\there \\u00e9\"\nb:\t1\n" + std::string()).root.dump()) << "tab escapes and \\u stay";
}

TEST(YamlSource, SyntaxErrorsHaveAPosition) {
  const auto e = error_of("a:\n  - b\n c: d\n");
  EXPECT_GE(e.pos().line, 2);
}
