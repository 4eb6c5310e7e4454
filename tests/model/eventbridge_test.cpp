// ACM's events on the regional buses, rules and targets, and AWS Config.
#include <gtest/gtest.h>

#include "world_fixture.hpp"

using namespace acmsim;
using namespace acmsim::testing;

namespace {

model::RegionId region(const char* code) { return *model::find_region(code); }

std::string import(WorldFixture& f, const char* reg, const char* not_after) {
  model::ImportCertificateInput in;
  in.certificate = {"legacy.example.com", {}, *core::parse_timestamp("2026-02-01T00:00:00Z"), *core::parse_timestamp(not_after), "RSA_2048", "CA"};
  return f.world.acm.import_certificate(region(reg), in).value();
}

std::vector<std::string> detail_types(const WorldFixture& f, const char* reg) {
  std::vector<std::string> out;
  for (const auto& e : f.world.events.events()) {
    if (e.region == region(reg)) out.push_back(e.event["detail-type"].get<std::string>());
  }
  return out;
}

}  // namespace

TEST(AcmEvents, ImportedCertificateTimelineStaysInItsRegion) {
  WorldFixture f;
  import(f, "us-east-1", "2026-04-30T00:00:00Z");
  f.run_until(Duration::days(70));
  const auto types = detail_types(f, "us-east-1");
  ASSERT_EQ(types.size(), 46U);
  EXPECT_EQ(types.front(), "ACM Certificate Available");
  EXPECT_EQ(std::count(types.begin(), types.end(), "ACM Certificate Approaching Expiration"), 45);
  EXPECT_TRUE(detail_types(f, "us-west-2").empty());
  const auto& last = f.world.events.events().back().event;
  EXPECT_EQ(last["detail"]["DaysToExpiry"], 1);
  EXPECT_EQ(last["source"], "aws.acm");
  EXPECT_EQ(last["region"], "us-east-1");
  EXPECT_EQ(last["time"], "2026-04-29T00:00:00Z");
}

TEST(AcmEvents, IssuanceAndExpiryOfAnUnusedCertificate) {
  WorldFixture f;
  const auto z = f.zone();
  const auto arn = f.request("api.example.com");
  f.write_validation_records(arn, z);
  f.run_until(Duration::days(200));
  const auto types = detail_types(f, "us-east-1");
  EXPECT_EQ(types.front(), "ACM Certificate Available");
  EXPECT_EQ(std::count(types.begin(), types.end(), "ACM Certificate Approaching Expiration"), 30) << "the public window is 30 days";
  EXPECT_EQ(types.back(), "ACM Certificate Expired");
  EXPECT_EQ(std::count(types.begin(), types.end(), "ACM Certificate Renewal Action Required"), 0)
      << "an ineligible certificate gets no call to action";
}

std::vector<std::string> action_required_reasons(const WorldFixture& f) {
  std::vector<std::string> out;
  for (const auto& e : f.world.events.events()) {
    if (e.event["detail-type"] == "ACM Certificate Renewal Action Required")
      out.push_back(e.event["detail"]["RenewalStatusReason"].get<std::string>());
  }
  return out;
}

TEST(AcmEvents, ACaaRecordThatBlocksRenewalSendsActionRequiredWithCaaError) {
  // AWS's events page gives exactly this case as its example.
  WorldFixture f;
  const auto [z, arn] = f.issued_in_use();
  ASSERT_TRUE(f.cert(arn).in_use());
  f.put(z, "example.com", model::RRType::CAA, {"0 issue \"letsencrypt.org\""});
  f.run_until(Duration::days(200));
  EXPECT_EQ(action_required_reasons(f), std::vector<std::string>(5, "CAA_ERROR")) << "30, 15, 7, 3 and 1 days before expiry";
  EXPECT_EQ(f.cert(arn).status, model::CertificateStatus::Expired);
}

TEST(AcmEvents, AMissingRecordSaysPendingDomainValidationAndTheDaysAreASetting) {
  model::Settings s;
  s.action_required_days.public_days = {30, 15, 3, 1};  // the events page's list, without day 7
  WorldFixture f("2026-03-01T00:00:00Z", s);
  const auto [z, arn] = f.issued_in_use();
  ASSERT_TRUE(f.cert(arn).in_use());
  const auto& v = f.cert(arn).validations[0];
  ASSERT_TRUE(f.put(z, v.record_name, model::RRType::CNAME, {v.record_value}, model::ChangeAction::Delete).ok());
  f.run_until(Duration::days(200));
  EXPECT_EQ(action_required_reasons(f), std::vector<std::string>(4, "PENDING_DOMAIN_VALIDATION"));
}

TEST(AcmEvents, AReasonFollowsTheAttemptWhenTheCaaRecordGoesButTheCnameIsMissing) {
  WorldFixture f;
  const auto [z, arn] = f.issued_in_use();
  ASSERT_TRUE(f.cert(arn).in_use());
  f.put(z, "example.com", model::RRType::CAA, {"0 issue \"letsencrypt.org\""});
  f.run_until(Duration::days(170));  // renewal blocked by CAA; first event at day 30 before expiry
  ASSERT_EQ(action_required_reasons(f), std::vector<std::string>{"CAA_ERROR"});
  f.put(z, "example.com", model::RRType::CAA, {"0 issue \"letsencrypt.org\""}, model::ChangeAction::Delete);
  const auto& v = f.cert(arn).validations[0];
  ASSERT_TRUE(f.put(z, v.record_name, model::RRType::CNAME, {v.record_value}, model::ChangeAction::Delete).ok());
  f.run_until(Duration::days(200));
  const auto reasons = action_required_reasons(f);
  ASSERT_EQ(reasons.size(), 5U);
  EXPECT_EQ(reasons.back(), "PENDING_DOMAIN_VALIDATION") << "the next attempts are held up by the missing CNAME";
}

TEST(EventBridgeRules, DeliverTransformedInputAndForwardAcrossRegions) {
  WorldFixture f;
  model::PutRuleInput r;
  r.name = "expiry";
  r.event_pattern = R"({"source":["aws.acm"],"detail":{"DaysToExpiry":[{"numeric":["<=",2]}]}})";
  ASSERT_TRUE(f.world.events.put_rule(region("us-east-1"), r).ok());
  model::Target t{"ops", "arn:aws:sns:us-east-1:111122223333:ops", std::nullopt, std::nullopt,
                  model::InputTransformer{{{"d", "$.detail.DaysToExpiry"}}, R"({"days": <d>})"}};
  model::Target forward{"west", "arn:aws:events:us-west-2:111122223333:event-bus/default", std::nullopt, std::nullopt, std::nullopt};
  ASSERT_TRUE(f.world.events.put_targets(region("us-east-1"), "expiry", "default", {t, forward}).ok());
  model::PutRuleInput west;
  west.name = "seen";
  west.event_pattern = R"({"source":["aws.acm"]})";
  ASSERT_TRUE(f.world.events.put_rule(region("us-west-2"), west).ok());
  ASSERT_TRUE(
      f.world.events.put_targets(region("us-west-2"), "seen", "default", {{"log", "arn:aws:logs:us-west-2:111122223333:log-group:x", {}, {}, {}}})
          .ok());
  import(f, "us-east-1", "2026-04-30T00:00:00Z");
  f.run_until(Duration::days(70));
  std::vector<core::Json> inputs;
  std::size_t west_deliveries = 0;
  for (const auto& d : f.world.events.deliveries()) {
    if (d.rule == "expiry" && d.target_id == "ops") inputs.push_back(d.input);
    if (d.rule == "seen") ++west_deliveries;
  }
  EXPECT_EQ(inputs, (std::vector<core::Json>{core::Json{{"days", 2}}, core::Json{{"days", 1}}}));
  EXPECT_EQ(west_deliveries, 2U);
  EXPECT_FALSE(f.world.events.delete_rule(region("us-east-1"), "expiry", "default", false).ok()) << "a rule with targets cannot be deleted";
}

TEST(EventBridgeRules, DisabledRulesAndBadPatterns) {
  WorldFixture f;
  model::PutRuleInput r;
  r.name = "bad";
  r.event_pattern = R"({"source":"aws.acm"})";
  EXPECT_EQ(f.world.events.put_rule(region("us-east-1"), r).error().code, "InvalidEventPatternException");
  r.event_pattern = R"({"source":["aws.acm"]})";
  r.state = "DISABLED";
  ASSERT_TRUE(f.world.events.put_rule(region("us-east-1"), r).ok());
  ASSERT_TRUE(f.world.events.put_targets(region("us-east-1"), "bad", "default", {{"t", "arn:aws:sns:us-east-1:111122223333:x", {}, {}, {}}}).ok());
  import(f, "us-east-1", "2026-04-30T00:00:00Z");
  f.run_until(Duration::days(1));
  EXPECT_TRUE(f.world.events.deliveries().empty());
}

TEST(EventBridgeRules, AnEventReachesOnlyItsOwnBusesRulesAndADeletedBusTakesItsRulesAlong) {
  // Rules are found through an index by region and bus: the same name on
  // another bus or region is another rule, and deleting a bus deletes its rules.
  WorldFixture f;
  const auto east = region("us-east-1");
  ASSERT_TRUE(f.world.events.create_event_bus(east, "ops").ok());
  model::PutRuleInput r;
  r.name = "all";
  r.event_pattern = R"({"source":["app"]})";
  for (const auto& [reg, bus] : {std::pair{east, "default"}, std::pair{east, "ops"}, std::pair{region("us-west-2"), "default"}}) {
    r.bus = bus;
    ASSERT_TRUE(f.world.events.put_rule(reg, r).ok());
    ASSERT_TRUE(f.world.events.put_targets(reg, "all", bus, {{"t", "arn:aws:sns:us-east-1:111122223333:x", {}, {}, {}}}).ok());
  }
  EXPECT_EQ(f.world.events.rules(east, "ops").size(), 1U);
  f.world.events.publish(east, "ops", core::Json{{"source", "app"}, {"detail-type", "x"}, {"detail", core::Json::object()}});
  ASSERT_EQ(f.world.events.deliveries().size(), 1U);
  EXPECT_EQ(f.world.events.deliveries().back().bus, "ops");
  ASSERT_TRUE(f.world.events.delete_event_bus(east, "ops").ok());
  EXPECT_TRUE(f.world.events.rules(east, "ops").empty());
  EXPECT_EQ(f.world.events.rules(east, "default").size(), 1U) << "the default bus keeps its rule of the same name";
  ASSERT_TRUE(f.world.events.create_event_bus(east, "ops").ok());
  r.bus = "ops";
  ASSERT_TRUE(f.world.events.put_rule(east, r).ok());
  EXPECT_EQ(f.world.events.rules(east, "ops").size(), 1U) << "a rule made again on the new bus is a new rule";
  EXPECT_TRUE(f.world.events.rules(east, "ops").front()->targets.empty());
}

TEST(ConfigExpirationCheck, FlagsCertificatesInsideTheWindowOnChangeAndPeriodically) {
  WorldFixture f;
  model::PutConfigRuleInput in{"expiry", "AWS", "ACM_CERTIFICATE_EXPIRATION_CHECK", R"({"daysToExpiration":"14"})", std::nullopt};
  ASSERT_TRUE(f.world.config.put_config_rule(region("us-east-1"), in).ok());
  const auto soon = import(f, "us-east-1", "2026-03-11T00:00:00Z");
  const auto later = import(f, "us-east-1", "2026-04-01T00:00:00Z");
  const auto* rule = f.world.config.find_rule(region("us-east-1"), "expiry").value();
  EXPECT_EQ(rule->results.at(soon).compliance, "NON_COMPLIANT");
  EXPECT_EQ(rule->results.at(later).compliance, "COMPLIANT");
  f.run_until(Duration::days(18));
  EXPECT_EQ(rule->results.at(later).compliance, "NON_COMPLIANT") << "the daily evaluation caught up";
  std::size_t changes = 0;
  for (const auto& e : f.world.events.events()) changes += e.event["source"] == "aws.config" ? 1 : 0;
  EXPECT_EQ(changes, 3U) << "two first evaluations, then one change";
}

TEST(EventBridgeRules, EventsThatLeaveOnlyCountsAreCountedNotBuiltAndKeepLaterIdsTheSame) {
  // A run that keeps no history and traces no events or deliveries builds
  // only the events whose fate the source and detail type cannot settle; the
  // others are counted with their deliveries, and spend the ids they would
  // have had, so every count, delivery and later id is unchanged.
  auto run = [](bool history) {
    WorldFixture f;
    f.trace.keep_only({"state"});
    f.world.events.keep_history(history);
    auto rule = [&](const char* region_name, const char* name, const char* pattern, const char* target) {
      model::PutRuleInput r;
      r.name = name;
      r.event_pattern = pattern;
      EXPECT_TRUE(f.world.events.put_rule(region(region_name), r).ok());
      EXPECT_TRUE(f.world.events.put_targets(region(region_name), name, "default", {{"t", target, {}, {}, {}}}).ok());
    };
    rule("us-east-1", "expiry", R"({"source":["aws.acm"],"detail-type":["ACM Certificate Approaching Expiration"]})",
         "arn:aws:sns:us-east-1:111122223333:ops");
    // Reads the detail: the event must be built to judge it.
    rule("eu-west-1", "soon", R"({"source":["aws.acm"],"detail":{"DaysToExpiry":[{"numeric":["<",10]}]}})", "arn:aws:sns:eu-west-1:111122223333:ops");
    // Forwards to a bus: the event travels on.
    rule("ap-southeast-2", "forward", R"({"source":["aws.acm"]})", "arn:aws:events:us-west-2:111122223333:event-bus/default");
    import(f, "us-east-1", "2026-04-30T00:00:00Z");
    import(f, "eu-west-1", "2026-04-30T00:00:00Z");
    import(f, "ap-southeast-2", "2026-04-30T00:00:00Z");
    f.run_until(Duration::days(70));
    EXPECT_EQ(f.world.events.counted_without_building(region("us-east-1"), "default", "aws.acm", "ACM Certificate Available"), !history)
        << "the rule cannot take it";
    EXPECT_EQ(f.world.events.counted_without_building(region("us-east-1"), "default", "aws.acm", "ACM Certificate Approaching Expiration"), !history)
        << "the rule takes it, judged by source and detail type alone";
    EXPECT_FALSE(f.world.events.counted_without_building(region("eu-west-1"), "default", "aws.acm", "ACM Certificate Approaching Expiration"))
        << "the rule reads the detail";
    EXPECT_FALSE(f.world.events.counted_without_building(region("ap-southeast-2"), "default", "aws.acm", "ACM Certificate Expired"))
        << "the rule forwards it to a bus";
    EXPECT_EQ(f.world.events.counted_without_building(region("us-west-2"), "default", "aws.acm", "ACM Certificate Approaching Expiration"), !history)
        << "no rule on that bus";
    if (history) {  // counted as the skipping run counted them
      f.world.events.publish(region("us-east-1"), "default", core::Json{{"source", "aws.acm"}, {"detail-type", "ACM Certificate Available"}});
      f.world.events.publish(region("us-east-1"), "default",
                             core::Json{{"source", "aws.acm"}, {"detail-type", "ACM Certificate Approaching Expiration"}});
      f.world.events.publish(region("us-west-2"), "default",
                             core::Json{{"source", "aws.acm"}, {"detail-type", "ACM Certificate Approaching Expiration"}});
    }
    return std::tuple(f.world.events.event_counts(), f.world.events.delivery_counts(), f.world.events.new_event_id());
  };
  const auto skipping = run(false);
  const auto building = run(true);
  EXPECT_EQ(std::get<0>(skipping), std::get<0>(building));
  EXPECT_EQ(std::get<1>(skipping), std::get<1>(building));
  EXPECT_EQ(std::get<2>(skipping), std::get<2>(building)) << "later events keep their ids";
  std::size_t expiry = 0;
  for (const auto& [key, n] : std::get<1>(skipping)) expiry += std::get<2>(key) == "expiry" ? n : 0;
  EXPECT_EQ(expiry, 46U) << "45 daily notices delivered, and the one counted by hand";
}
