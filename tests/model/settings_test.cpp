// The settings catalogue is the one home of every default: Settings() applies
// the entries' defaults, and what people read is printed from the same entry.
#include <gtest/gtest.h>

#include "acmsim/model/settings.hpp"

namespace acmsim::model {
namespace {

TEST(SettingsCatalogue, EveryDefaultAppliesAndReadsBackTheSame) {
  const Settings defaults;
  for (const auto& info : settings_catalogue()) {
    Settings s;
    EXPECT_EQ(info.apply(s, core::Json::parse(info.default_value)), std::nullopt) << info.name;
    // Applying the default again changes nothing people are shown.
    EXPECT_EQ(info.describe != nullptr ? info.describe(s) : default_text(info), default_text(info)) << info.name;
    EXPECT_FALSE(default_text(info).empty()) << info.name;
  }
}

TEST(SettingsCatalogue, DefaultsAreTheCataloguesValues) {
  const Settings s;
  EXPECT_EQ(s.validation_timeout, core::Duration::hours(72));
  EXPECT_EQ(s.issuance_delay, core::Duration::minutes(30));
  EXPECT_EQ(s.expiry_event_days.public_days, 30);
  EXPECT_EQ(s.expiry_event_days.imported_days, 45);
  EXPECT_EQ(s.action_required_days.public_days, (std::vector<std::int64_t>{30, 15, 7, 3, 1}));
  EXPECT_EQ(s.max_probe_attempts, 1'000'000);
  EXPECT_FALSE(s.repair_mean.has_value());
  ASSERT_EQ(s.public_validity.size(), 4U);
  EXPECT_FALSE(s.public_validity[1].assumed);
  EXPECT_TRUE(s.public_validity[2].assumed);
  EXPECT_EQ(s.public_era_at(*core::parse_timestamp("2020-01-01T00:00:00Z")).days, 395);
  EXPECT_EQ(s.public_era_at(*core::parse_timestamp("1013-01-01T00:00:00Z")).days, 395) << "before every era: the first";
}

TEST(SettingsCatalogue, PeopleReadTheDefaultsAsBefore) {
  EXPECT_EQ(default_text(*find_setting("acm.validationTimeout")), "72h");
  EXPECT_EQ(default_text(*find_setting("acm.expiryEventDays")), R"({"public": 30, "private": 45, "imported": 45})");
  EXPECT_EQ(default_text(*find_setting("acm.publicValidity")),
            "395 days (renewal 60 days before NotAfter) until 2026-02-18; 198 days (45) from 2026-02-18; assumed: 98 days (30) from "
            "2027-03-15 and 45 days (15) from 2029-03-15");
  EXPECT_EQ(default_text(*find_setting("faults.repairMeanTime")), "null (no operator)");
  EXPECT_EQ(default_text(*find_setting("latency.regionRttMs")), "the model's matrix");
}

TEST(SettingsCatalogue, AScenarioMayMarkItsOwnEraAsAnAssumption) {
  Settings s;
  const auto* info = find_setting("acm.publicValidity");
  ASSERT_EQ(info->apply(s, core::Json::parse(R"([{"from": "2031-01-01T00:00:00Z", "days": 30, "renewalLeadDays": 10, "assumed": true}])")),
            std::nullopt);
  EXPECT_TRUE(s.public_era_at(*core::parse_timestamp("2031-06-01T00:00:00Z")).assumed);
  EXPECT_NE(info->apply(s, core::Json::parse(R"([{"from": "2031-01-01T00:00:00Z", "days": 30, "renewalLeadDays": 10, "assumed": 1}])")),
            std::nullopt);
  EXPECT_NE(info->apply(s, core::Json::parse(R"([{"from": "2031-01-01T00:00:00Z", "days": 30, "renewalLeadDays": 10, "extra": true}])")),
            std::nullopt);
}

}  // namespace
}  // namespace acmsim::model
