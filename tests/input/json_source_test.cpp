#include "acmsim/input/json_source.hpp"

#include <gtest/gtest.h>

using namespace acmsim::input;

namespace {
JsonSyntaxError error_of(std::string_view text) {
  try {
    parse_json_with_positions(text);
  } catch (const JsonSyntaxError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for: " << text;
  return JsonSyntaxError({}, "", "");
}
}  // namespace

TEST(JsonSource, RemembersWhereEveryValueStarts) {
  const auto doc = parse_json_with_positions("{\n  \"a\": [1,\n    {\"b\": \"x\"}],\n  \"c\": null\n}");
  EXPECT_EQ(doc.position("")->line, 1);
  EXPECT_EQ(doc.position("/a")->line, 2);
  EXPECT_EQ(doc.position("/a")->column, 8);
  EXPECT_EQ(doc.position("/a/1/b")->line, 3);
  EXPECT_EQ(doc.position("/a/1/b")->column, 11);
  EXPECT_EQ(doc.position("/c")->line, 4);
  EXPECT_EQ(doc.pos_of("/a/1/b/missing").line, 3) << "falls back to the nearest ancestor";
}

TEST(JsonSource, ColumnsCountCharactersNotBytes) {
  const auto doc = parse_json_with_positions("{\"é\": \"ü\", \"x\": 1}");
  EXPECT_EQ(doc.position("/x")->column, 17);
}

TEST(JsonSource, RefusesTrailingCommasWithTheirPosition) {
  const auto e = error_of("{\n  \"a\": 1,\n}");
  EXPECT_EQ(e.pos().line, 3);
  EXPECT_NE(std::string(e.what()).find("trailing comma"), std::string::npos);
  EXPECT_NE(std::string(error_of("[1,]").what()).find("trailing comma"), std::string::npos);
}

TEST(JsonSource, RefusesDuplicateKeysAtTheSecondOne) {
  const auto e = error_of("{\"a\": 1,\n \"a\": 2}");
  EXPECT_EQ(e.pos().line, 2);
  EXPECT_EQ(e.path(), "/a");
  EXPECT_NE(std::string(e.what()).find("duplicate member \"a\""), std::string::npos);
}

TEST(JsonSource, DuplicateKeysOfLargeObjectsAndNestedPathsAreFoundToo) {
  // Past a few dozen members the parser keeps a set of names instead of a
  // look through them: the same answer, and no quadratic input.
  std::string text = "{\"steps\": [{}, {\"params\": {";
  for (int k = 0; k < 200; ++k) text += "\"k" + std::to_string(k) + "\": " + std::to_string(k) + ", ";
  const std::string ok = text + "\"last\": \"x\\\"y\"}}]}";
  const auto doc = parse_json_with_positions(ok);
  EXPECT_EQ(doc.root["steps"][1]["params"]["k199"], 199);
  EXPECT_EQ(doc.root["steps"][1]["params"]["last"], "x\"y");
  EXPECT_EQ(doc.root["steps"][1]["params"].size(), 201U);
  const auto e = error_of(text + "\"k150\": 1}}]}");
  EXPECT_EQ(e.path(), "/steps/1/params/k150");
  EXPECT_NE(std::string(e.what()).find("duplicate member \"k150\""), std::string::npos);
  const auto small = error_of("{\"a/b~\": {\"x\": [1, {\"y\": tru}]}}");
  EXPECT_EQ(small.path(), "/a~1b~0/x/1/y") << "names escaped as JSON Pointer tokens, indexes as numbers";
}

TEST(JsonSource, RefusesWhatRfc8259Refuses) {
  for (const char* bad : {"", "   ", "// c\n{}", "{/* c */}", "{'a': 1}", "{\"a\": 01}", "{\"a\": 1.}", "{\"a\": .5}", "{\"a\": tru}",
                          "{\"a\": \"x\ny\"}", "{\"a\": \"\\x\"}", "{\"a\": NaN}", "{} {}", "{\"a\" 1}", "[1 2]", "\"\\ud800\"", "{\"a\": 1e999}"}) {
    EXPECT_THROW(parse_json_with_positions(bad), JsonSyntaxError) << bad;
  }
}

TEST(JsonSource, RefusesInvalidUtf8AndByteOrderMarks) {
  EXPECT_THROW(parse_json_with_positions("{\"a\": \"\xff\"}"), JsonSyntaxError);
  EXPECT_THROW(parse_json_with_positions("{\"a\": \"\xc0\xaf\"}"), JsonSyntaxError) << "overlong";
  EXPECT_THROW(parse_json_with_positions("{\"a\": \"\xed\xa0\x80\"}"), JsonSyntaxError) << "encoded surrogate";
  EXPECT_THROW(parse_json_with_positions("{\"a\": \"\xe2\x82\"}"), JsonSyntaxError) << "truncated";
  EXPECT_THROW(parse_json_with_positions("\xef\xbb\xbf{}"), JsonSyntaxError);
}

TEST(JsonSource, LimitsNestingDepthInsteadOfOverflowingTheStack) {
  const std::string deep(100000, '[');
  const auto e = error_of(deep);
  EXPECT_NE(std::string(e.what()).find("nesting deeper"), std::string::npos);
}

TEST(JsonSource, DecodesEscapesAndKeepsIntegersExact) {
  const auto doc = parse_json_with_positions(R"({"s": "a\u00e9\ud83d\ude00\n", "big": 18446744073709551615, "neg": -4, "f": 1.5})");
  EXPECT_EQ(doc.root["s"].get<std::string>(), "a\xc3\xa9\xf0\x9f\x98\x80\n");
  EXPECT_TRUE(doc.root["big"].is_number_unsigned());
  EXPECT_EQ(doc.root["big"].get<std::uint64_t>(), 18446744073709551615ULL);
  EXPECT_EQ(doc.root["neg"].get<std::int64_t>(), -4);
  EXPECT_DOUBLE_EQ(doc.root["f"].get<double>(), 1.5);
}

TEST(JsonSource, ReadablePathsForMessages) {
  EXPECT_EQ(readable_path("/steps/3/params/DomainName"), "$.steps[3].params.DomainName");
  EXPECT_EQ(readable_path(""), "$");
  EXPECT_EQ(readable_path("/a~1b/c~0d"), "$.a/b.c~d");
}

TEST(JsonSource, MemoryFollowsTheDocumentNotItsPointers) {
  // One 65,536-character member name holding 32,768 values: a table of full
  // JSON Pointers would hold 2 GiB; the position tree holds the name once.
  const std::string key(65'536, 'k');
  std::string text = "{\"" + key + "\": [";
  for (int i = 0; i < 32'768; ++i) text += i == 0 ? "0" : ",0";
  text += "]}";
  const auto doc = parse_json_with_positions(text);
  EXPECT_EQ(doc.root[key].size(), 32'768U);
  EXPECT_EQ(doc.pos_of("/" + key + "/32767").column, static_cast<int>(key.size()) + 7 + 2 * 32'767);
  EXPECT_EQ(doc.pos_of("/" + key + "/99999/x").column, static_cast<int>(key.size()) + 6) << "nearest ancestor: the array";
}
