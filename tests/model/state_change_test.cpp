// The trace's state-change vocabulary: one spelling per change, read back to
// the same change, and every state record the bundled scenarios produce is in it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "acmsim/core/trace.hpp"
#include "acmsim/model/state_change.hpp"

namespace acmsim::model {
namespace {

TEST(StateChangeVocabulary, EverySpellingIsUniqueAndReadsBack) {
  const auto& table = AwsEnum<StateChange>::table;
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < table.size(); ++i) {
    // The table lists the enumerators in order, so a missing entry is caught here.
    EXPECT_EQ(static_cast<std::size_t>(table[i].first), i) << table[i].second;
    EXPECT_TRUE(names.insert(table[i].second).second) << table[i].second;
    EXPECT_EQ(parse_aws<StateChange>(table[i].second), table[i].first);
  }
  EXPECT_EQ(table.size(), static_cast<std::size_t>(StateChange::ConfigRulePut) + 1);
}

TEST(StateChangeVocabulary, RecordsKeepTheirMemberOrder) {
  core::Trace trace;
  emit_state(trace, core::SimTime{0}, "acm", us_east_1(), "arn:x", StateChange::Renewed, {{"notAfter", "2027-01-01T00:00:00Z"}});
  emit_state(trace, core::SimTime{0}, "route53", std::nullopt, "/hostedzone/Z1", StateChange::RecordWritten);
  ASSERT_EQ(trace.records().size(), 2U);
  EXPECT_EQ(trace.records()[0].body().dump(),
            R"({"type":"state","service":"acm","region":"us-east-1","resource":"arn:x","change":"Renewed","notAfter":"2027-01-01T00:00:00Z"})");
  EXPECT_EQ(trace.records()[1].body().dump(), R"({"type":"state","service":"route53","resource":"/hostedzone/Z1","change":"RecordWritten"})");
  EXPECT_EQ(state_change_of(trace.records()[0].body()), StateChange::Renewed);
  EXPECT_EQ(state_change_of(core::Json{{"type", "finding"}, {"change", "Renewed"}}), std::nullopt);
  EXPECT_TRUE(is_state_change(trace.records()[0].body(), StateChange::Renewed));
  EXPECT_FALSE(is_state_change(trace.records()[0].body(), StateChange::Issued));
  EXPECT_FALSE(is_state_change(core::Json{{"type", "finding"}, {"change", "Renewed"}}, StateChange::Renewed));
}

TEST(StateChangeVocabulary, CompactRecordsReadBackTheSameAndSelectWithoutParsing) {
  // A fleet run keeps its state records as text, built in parts (no file,
  // compact); what the readers see must not change, and the members they
  // select on are there without a parse. With and without a region (which
  // moves the resource's place), with a kept-types filter, and with an extra
  // that names a pooled member (the whole-body path).
  const std::vector<core::Json> extras{
      {{"validityDays", 198}, {"why", "caf\u00e9 \"quoted\""}, {"ratio", 0.1}}, core::Json::object(), {{"resource", "overridden"}, {"n", 1}}};
  for (const auto& extra : extras) {
    for (const auto region : {std::optional<RegionId>(us_east_1()), std::optional<RegionId>()}) {
      for (const bool filtered : {false, true}) {
        core::Trace full;
        core::Trace compact;
        compact.keep_compact(true);
        if (filtered) compact.keep_only({"state"});
        for (auto* t : {&full, &compact}) emit_state(*t, core::SimTime{5}, "acm", region, "arn:x", StateChange::Issued, extra);
        const auto& a = full.records().at(0);
        const auto& b = compact.records().at(0);
        EXPECT_EQ(b.type(), "state");
        EXPECT_EQ(b.service(), "acm");
        EXPECT_EQ(b.resource(), a.resource());
        EXPECT_EQ(b.time, a.time);
        EXPECT_EQ(b.body().dump(), a.body().dump());
        EXPECT_EQ(core::trace_line(b.time, b.body(), core::SimTime{0}), core::trace_line(a.time, a.body(), core::SimTime{0}));
      }
    }
  }
}

TEST(StateChangeVocabulary, EveryGoldenStateRecordIsInTheVocabulary) {
  std::size_t seen = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::filesystem::path(ACMSIM_SOURCE_DIR) / "tests" / "golden")) {
    if (e.path().extension() != ".jsonl") continue;
    std::ifstream in(e.path());
    for (std::string line; std::getline(in, line);) {
      const auto j = core::Json::parse(line);
      if (j.value("type", "") != "state") continue;
      ++seen;
      EXPECT_TRUE(state_change_of(j).has_value()) << e.path() << ": " << line;
    }
  }
  EXPECT_GT(seen, 100U);
}

}  // namespace
}  // namespace acmsim::model
