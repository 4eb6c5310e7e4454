// The engine re-evaluates only when the world changed or a rule asked for the
// instant; it must still see every change it is told about.
#include <gtest/gtest.h>

#include "acmsim/analysis/engine.hpp"
#include "world_fixture.hpp"

using namespace acmsim;
using namespace acmsim::testing;

namespace {

std::size_t count(const analysis::Engine& e, const std::string& rule) {
  std::size_t n = 0;
  for (const auto& f : e.current()) n += f.rule == rule ? 1U : 0U;
  return n;
}

}  // namespace

TEST(Engine, SkipsAnInstantWhereTheWorldIsUnchangedAndSeesAChangeOnceTouched) {
  WorldFixture f;
  const auto zone = f.zone();
  const auto arn = f.request("idle.example.com", {}, "DNS", "eu-west-1");
  f.write_validation_records(arn, zone);
  f.run_until(Duration::hours(2));
  analysis::Engine engine(f.world);
  (void)engine.evaluate(f.sim.now(), -1, nullptr);
  ASSERT_EQ(count(engine, "certificate-not-in-use"), 1U);

  // A second certificate, added behind the engine's back: no revision, no pass.
  const auto other = f.request("other.example.com", {}, "DNS", "eu-west-1");
  f.write_validation_records(other, zone);
  const std::uint64_t before = f.world.revision();
  f.run_until(Duration::hours(4));
  ASSERT_GT(f.world.revision(), before) << "model events bump the revision";
  (void)engine.evaluate(f.sim.now(), -1, nullptr);
  EXPECT_EQ(count(engine, "certificate-not-in-use"), 2U);

  // ACM tells the world which certificate changed, even on a direct call:
  // deleting it is seen at the next instant, by re-judging that certificate only.
  const std::uint64_t runs = engine.rule_runs();
  const std::uint64_t full = engine.full_rule_runs();
  ASSERT_TRUE(f.world.acm.delete_certificate(*model::find_region("eu-west-1"), other).ok());
  (void)engine.evaluate(f.sim.now(), -1, nullptr);
  EXPECT_EQ(count(engine, "certificate-not-in-use"), 1U);
  EXPECT_GT(engine.rule_runs(), runs);
  EXPECT_EQ(engine.full_rule_runs(), full) << "no rule judged everything again";

  // A change the world is told about as a whole re-runs the rules over everything.
  f.world.touch();
  (void)engine.evaluate(f.sim.now(), -1, nullptr);
  EXPECT_EQ(count(engine, "certificate-not-in-use"), 1U);
  EXPECT_GT(engine.full_rule_runs(), full);
}

TEST(Engine, ACertificatesWakeupRejudgesThatCertificateOnly) {
  WorldFixture f;
  analysis::Engine engine(f.world);
  const auto region = *model::find_region("us-east-1");
  for (int i = 0; i < 3; ++i) {
    model::ImportCertificateInput in;
    in.certificate = {"legacy" + std::to_string(i) + ".example.com",
                      {},
                      *core::parse_timestamp("2026-01-01T00:00:00Z"),
                      *core::parse_timestamp("2026-06-0" + std::to_string(i + 1) + "T00:00:00Z"),
                      "RSA_2048",
                      "CA"};
    ASSERT_TRUE(f.world.acm.import_certificate(region, in).ok());
  }
  auto wake = engine.evaluate(f.sim.now(), -1, nullptr);
  ASSERT_TRUE(wake.has_value());
  const std::uint64_t full = engine.full_rule_runs();
  // The first certificate's window opens first: one finding, the others still asleep.
  wake = engine.evaluate(*wake, -1, nullptr);
  EXPECT_EQ(count(engine, "imported-certificate-expiring"), 1U);
  EXPECT_EQ(engine.full_rule_runs(), full);
  wake = engine.evaluate(*wake, -1, nullptr);
  EXPECT_EQ(count(engine, "imported-certificate-expiring"), 2U);
}

TEST(Engine, AWakeupRunsThePassEvenWhenNothingChanged) {
  WorldFixture f;
  model::ImportCertificateInput in;
  in.certificate = {"legacy.example.com", {},  *core::parse_timestamp("2026-01-01T00:00:00Z"), *core::parse_timestamp("2026-06-01T00:00:00Z"),
                    "RSA_2048",           "CA"};
  ASSERT_TRUE(f.world.acm.import_certificate(*model::find_region("us-east-1"), in).ok());
  analysis::Engine engine(f.world);
  const auto wake = engine.evaluate(f.sim.now(), -1, nullptr);
  ASSERT_TRUE(wake.has_value());
  EXPECT_EQ(count(engine, "imported-certificate-expiring"), 0U);
  // At the wakeup instant the expiry window has opened; the world did not change.
  const std::uint64_t revision = f.world.revision();
  (void)engine.evaluate(*wake, -1, nullptr);
  EXPECT_EQ(f.world.revision(), revision);
  EXPECT_EQ(count(engine, "imported-certificate-expiring"), 1U);
}

TEST(Resolver, IndexedLookupsAgreeWithTheRecordsOfAZone) {
  WorldFixture f;
  const auto zone = f.zone();
  ASSERT_TRUE(f.put(zone, "a.b.example.com", model::RRType::TXT, {"\"x\""}).ok());
  ASSERT_TRUE(f.put(zone, "b-c.example.com", model::RRType::TXT, {"\"y\""}).ok());
  ASSERT_TRUE(f.put(zone, "*.w.example.com", model::RRType::TXT, {"\"z\""}).ok());
  const auto& dns = f.world.dns;
  EXPECT_EQ(dns.lookup("a.b.example.com", model::RRType::TXT).status, model::LookupStatus::Found);
  // b.example.com owns nothing but lies above a.b: an empty non-terminal, not NXDOMAIN.
  EXPECT_EQ(dns.lookup("b.example.com", model::RRType::TXT).status, model::LookupStatus::NoData);
  // b-c sorts between b and b's children; it must not make c.b exist.
  EXPECT_EQ(dns.lookup("c.b.example.com", model::RRType::TXT).status, model::LookupStatus::NxDomain);
  EXPECT_EQ(dns.lookup("B-C.Example.COM", model::RRType::TXT).status, model::LookupStatus::Found);
  const auto wild = dns.lookup("q.w.example.com", model::RRType::TXT);
  EXPECT_EQ(wild.status, model::LookupStatus::Found);
  EXPECT_TRUE(wild.via_wildcard);
  EXPECT_EQ(dns.lookup("q.w.example.com", model::RRType::A).status, model::LookupStatus::NoData);
}

TEST(Suppressions, GlobsMatchAnyRunOfCharacters) {
  using analysis::glob_matches;
  EXPECT_TRUE(glob_matches("arn:aws:acm:eu-west-1:*", "arn:aws:acm:eu-west-1:111122223333:certificate/abc"));
  EXPECT_FALSE(glob_matches("arn:aws:acm:eu-west-1:*", "arn:aws:acm:us-east-1:111122223333:certificate/abc"));
  EXPECT_TRUE(glob_matches("*", ""));
  EXPECT_TRUE(glob_matches("exact", "exact"));
  EXPECT_FALSE(glob_matches("exact", "exactly"));
  EXPECT_TRUE(glob_matches("*certificate/*c", "arn:certificate/abc"));
  EXPECT_TRUE(glob_matches("a*b*c", "aXbYbZc"));
  EXPECT_FALSE(glob_matches("a*b*c", "aXbYbZ"));
  // Many stars against a long text stays quick: one backtrack point.
  EXPECT_FALSE(glob_matches(std::string(2000, '*') + "x", std::string(2048, 'a')));
}

TEST(Suppressions, MarkTheMatchingFindingsAndRecordWhichEntriesWereUsed) {
  std::vector<analysis::Finding> findings(2);
  findings[0].rule = "certificate-not-in-use";
  findings[0].resources = {"arn:aws:acm:eu-west-1:1:certificate/a"};
  findings[1].rule = "legacy-tls-policy";
  findings[1].resources = {"api.example.com"};
  const std::vector<analysis::Suppression> sup = {{"certificate-not-in-use", "arn:aws:acm:eu-west-1:*", "standby", 3, "/suppress/0", ""},
                                                  {"legacy-tls-policy", "other.example.com", "old clients", 4, "/suppress/1", ""}};
  std::vector<bool> used(sup.size(), false);
  analysis::apply_suppressions(findings, sup, &used);
  ASSERT_TRUE(findings[0].suppressed.has_value());
  EXPECT_EQ(*findings[0].suppressed, "standby");
  EXPECT_FALSE(findings[1].suppressed.has_value()) << "another resource";
  EXPECT_EQ(used, (std::vector<bool>{true, false}));
}

TEST(Engine, ARenewalRejudgesTheCertificateOnlyForTheRulesThatReadWhatChanged) {
  // A renewal changes the renewal state and the body, not the names, the
  // status or the users: of the rules that judge certificates, only those
  // that read the renewal or the validity see the certificate again.
  WorldFixture f;
  const std::string arn = f.issued_in_use().second;
  analysis::Engine engine(f.world);
  (void)engine.evaluate(f.sim.now(), -1, nullptr);
  f.world.forget_changes();
  std::size_t judge_certificates = 0;
  std::size_t read_renewal_or_validity = 0;
  const auto renewal_or_validity = model::aspect_bit(model::CertificateAspect::Renewal) | model::aspect_bit(model::CertificateAspect::Validity);
  for (const auto* r : analysis::all_rules()) {
    if (r->check_certificate == nullptr) continue;
    ++judge_certificates;
    read_renewal_or_validity += (r->certificate_aspects & renewal_or_validity) != 0U ? 1U : 0U;
  }
  ASSERT_LT(read_renewal_or_validity, judge_certificates);
  const auto found = f.world.acm.find_any(arn);
  ASSERT_TRUE(found.ok());
  const model::Certificate* c = found.value();
  const auto renewed_before = c->not_after;
  // Step to each change of the certificate until it has renewed, evaluating
  // at each instant as the runner does.
  std::uint64_t most = 0;
  for (int day = 0; day < 400 && c->not_after == renewed_before; ++day) {
    f.run_until(Duration::days(day + 2));
    const std::uint64_t runs = engine.rule_runs();
    (void)engine.evaluate(f.sim.now(), -1, nullptr);
    f.world.forget_changes();
    most = std::max(most, engine.rule_runs() - runs);
  }
  ASSERT_NE(c->not_after, renewed_before) << "renewed";
  EXPECT_GT(most, 0U);
  // Judging it for every rule at an instant would take at least as many runs.
  EXPECT_LT(most, judge_certificates);
}

TEST(Engine, AChangeToOneLoadBalancerOrDistributionRejudgesThatOneOnly) {
  // Load balancers and distributions are judged one at a time, like
  // certificates: a listener's new policy or a distribution's new aliases
  // re-judge that resource, and no rule runs over all of them again.
  WorldFixture f;
  const auto zone = f.zone();
  const auto west = f.request("web.example.com", {}, "DNS", "us-west-2");
  const auto east = f.request("*.example.com", {}, "DNS", "us-east-1");
  f.write_validation_records(west, zone);
  f.write_validation_records(east, zone);
  f.run_until(Duration::hours(2));
  const auto region = *model::find_region("us-west-2");
  std::vector<std::string> listeners;
  for (const char* name : {"one", "two"}) {
    model::CreateLoadBalancerInput in;
    in.name = name;
    in.subnets = {"subnet-1", "subnet-2"};
    const std::string lb = f.world.elb.create_load_balancer(region, in).value()->arn;
    model::CreateListenerInput l;
    l.load_balancer_arn = lb;
    l.protocol = "HTTPS";
    l.certificates = {west};  // no SslPolicy: ELBSecurityPolicy-2016-08, which allows TLS 1.0
    l.default_actions = core::Json::array({{{"Type", "fixed-response"}}});
    listeners.push_back(f.world.elb.create_listener(region, l).value()->arn);
  }
  model::DistributionSettings d;
  d.caller_reference = "www";
  d.aliases = {"www.example.com"};  // no DNS record for it
  d.viewer = {false, east, "sni-only", "TLSv1.2_2021"};
  const auto* created = f.world.cloudfront.create_distribution(d).value();
  const std::string id = created->id;
  const std::string etag = created->etag;

  analysis::Engine engine(f.world);
  (void)engine.evaluate(f.sim.now(), -1, nullptr);
  EXPECT_EQ(count(engine, "legacy-tls-policy"), 2U);
  EXPECT_EQ(count(engine, "dns-record-missing"), 1U);
  f.world.forget_changes();
  const std::uint64_t full = engine.full_rule_runs();
  const std::uint64_t runs = engine.rule_runs();

  ASSERT_TRUE(f.world.elb.modify_listener(region, listeners[0], "ELBSecurityPolicy-TLS13-1-2-2021-06", {}, std::nullopt).ok());
  (void)engine.evaluate(f.sim.now(), -1, nullptr);
  EXPECT_EQ(count(engine, "legacy-tls-policy"), 1U);
  EXPECT_GT(engine.rule_runs(), runs);
  EXPECT_EQ(engine.full_rule_runs(), full) << "no rule judged every load balancer again";
  f.world.forget_changes();

  d.aliases = {};
  ASSERT_TRUE(f.world.cloudfront.update_distribution(id, etag, d).ok());
  (void)engine.evaluate(f.sim.now(), -1, nullptr);
  EXPECT_EQ(count(engine, "dns-record-missing"), 0U);
  EXPECT_EQ(count(engine, "legacy-tls-policy"), 1U);
  EXPECT_EQ(engine.full_rule_runs(), full) << "no rule judged every distribution again";
}

TEST(Engine, ARuleOnOneBusRejudgesTheCertificatesThatReadThatBus) {
  // expiry-events-unwatched reads the rules of the default bus of the
  // certificate's region: a rule put there re-judges that region's
  // certificates, and the rule does not run over every certificate again.
  WorldFixture f;
  const auto zone = f.zone();
  for (const char* region : {"eu-west-1", "us-east-1"}) {
    const auto arn = f.request(std::string(region) + ".example.com", {}, "DNS", region);
    f.write_validation_records(arn, zone);
  }
  f.run_until(Duration::hours(2));
  analysis::Engine engine(f.world);
  engine.skip_rules({"expiry-rule-wrong-region", "expiry-rule-never-matches"});  // they judge all rules at once
  (void)engine.evaluate(f.sim.now(), -1, nullptr);
  ASSERT_EQ(count(engine, "expiry-events-unwatched"), 2U);
  f.world.forget_changes();
  const std::uint64_t full = engine.full_rule_runs();

  const auto eu = *model::find_region("eu-west-1");
  model::PutRuleInput rule;
  rule.name = "expiry";
  rule.event_pattern = R"({"source":["aws.acm"],"detail-type":["ACM Certificate Approaching Expiration"]})";
  ASSERT_TRUE(f.world.events.put_rule(eu, rule).ok());
  ASSERT_TRUE(f.world.events.put_targets(eu, "expiry", "default", {{"ops", "arn:aws:sns:eu-west-1:111122223333:ops", {}, {}, {}}}).ok());
  (void)engine.evaluate(f.sim.now(), -1, nullptr);
  EXPECT_EQ(count(engine, "expiry-events-unwatched"), 1U) << "eu-west-1's certificate is watched now";
  EXPECT_EQ(engine.full_rule_runs(), full) << "no rule judged every certificate again";
  f.world.forget_changes();

  ASSERT_TRUE(f.world.events.set_rule_state(eu, "expiry", "default", false).ok());
  (void)engine.evaluate(f.sim.now(), -1, nullptr);
  EXPECT_EQ(count(engine, "expiry-events-unwatched"), 2U) << "a disabled rule watches nothing";
  EXPECT_EQ(engine.full_rule_runs(), full);
}
