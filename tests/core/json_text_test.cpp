// The fast JSON text must be byte for byte nlohmann's dump(): trace files,
// compact records and their golden outputs depend on it.
#include "acmsim/core/json_text.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "acmsim/core/time.hpp"

namespace acmsim::core {
namespace {

Json random_value(std::mt19937_64& rng, int depth) {
  static const std::vector<std::string> pieces{"a",
                                               "ACM",
                                               " ",
                                               "\"",
                                               "\\",
                                               "\n",
                                               "\t",
                                               std::string(1, '\x01'),
                                               std::string(1, '\x1f'),
                                               "\x7f",
                                               "caf\xc3\xa9",
                                               "\xe2\x82\xac",
                                               "\xf0\x9f\x94\x92",
                                               "/",
                                               "arn:aws:acm:us-east-1:1:certificate/x"};
  const int kind = static_cast<int>(rng() % (depth > 3 ? 7 : 9));
  switch (kind) {
    case 0: {
      std::string s;
      for (std::uint64_t i = rng() % 6; i > 0; --i) s += pieces[rng() % pieces.size()];
      return s;
    }
    case 1:
      return static_cast<std::int64_t>(rng()) >> (rng() % 64);
    case 2:
      return rng() >> (rng() % 64);
    case 3: {
      const double d = std::ldexp(static_cast<double>(static_cast<std::int64_t>(rng())), static_cast<int>(rng() % 120) - 90);
      return rng() % 4 == 0 ? std::round(d) : d;
    }
    case 4:
      return rng() % 2 == 0;
    case 5:
      return nullptr;
    case 6:
      return rng() % 2 == 0 ? std::numeric_limits<double>::quiet_NaN() : 0.1;
    case 7: {
      Json a = Json::array();
      for (std::uint64_t i = rng() % 4; i > 0; --i) a.push_back(random_value(rng, depth + 1));
      return a;
    }
    default: {
      Json o = Json::object();
      for (std::uint64_t i = rng() % 5; i > 0; --i) o[pieces[rng() % pieces.size()] + std::to_string(i)] = random_value(rng, depth + 1);
      return o;
    }
  }
}

// The line as it was written before json_text: a JSON object built and dumped.
std::string reference_line(SimTime t, const Json& body, SimTime start) {
  Json line = {{"time", format_timestamp(t)}, {"offset", "+" + format_duration(t - start)}};
  for (const auto& [k, v] : body.items()) line[k] = v;
  return line.dump() + "\n";
}

TEST(JsonText, IsDumpByteForByte) {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 30000; ++i) {
    const Json v = random_value(rng, 0);
    ASSERT_EQ(json_text(v), v.dump()) << i;
  }
  EXPECT_EQ(json_text(Json::object()), "{}");
  EXPECT_EQ(json_text(Json::array()), "[]");
  EXPECT_EQ(json_text(Json(std::numeric_limits<std::int64_t>::min())), Json(std::numeric_limits<std::int64_t>::min()).dump());
}

TEST(JsonText, InvalidUtf8IsRefusedAsDumpRefusesIt) {
  const Json bad = Json{{"k", std::string("\xc3")}};
  EXPECT_THROW((void)bad.dump(), Json::type_error);
  EXPECT_THROW((void)json_text(bad), Json::type_error);
}

TEST(JsonText, TraceLinesAreTheLinesOfABuiltObject) {
  std::mt19937_64 rng(5);
  const SimTime start{0};
  for (int i = 0; i < 5000; ++i) {
    Json body = random_value(rng, 3);
    if (i % 7 == 0) body = Json{{"type", "state"}, {"time", "mine"}, {"x", 1}};
    if (i % 11 == 0) body = Json{{"offset", 2}};
    const SimTime t{static_cast<std::int64_t>(rng() % 4'000'000'000'000ULL)};
    ASSERT_EQ(trace_line(t, body, start), reference_line(t, body, start)) << body.dump();
  }
}

}  // namespace
}  // namespace acmsim::core
