// Every rule of spec/rules.md: a world that fires it and a near miss that does
// not, checking exactly which findings of that rule appear.
#include <gtest/gtest.h>

#include "acmsim/analysis/engine.hpp"
#include "world_fixture.hpp"

using namespace acmsim;
using namespace acmsim::testing;
using Resources = std::vector<std::vector<std::string>>;

namespace {

model::RegionId region(const char* code) { return *model::find_region(code); }

struct RuleFixture : WorldFixture {
  RuleFixture() { zone_id = zone(); }

  Resources fired(const std::string& rule) {
    Resources out;
    for (const auto& f : analysis::Engine::run_rules(world, sim.now())) {
      if (f.rule == rule) out.push_back(f.resources);
    }
    return out;
  }

  std::string issued(const std::string& domain, const char* reg = "us-east-1") {
    const auto arn = request(domain, {}, "DNS", reg);
    write_validation_records(arn, zone_id);
    run_until(sim.now() - sim.start() + Duration::hours(2));
    return arn;
  }

  std::string imported(const char* not_after, const char* reg = "us-east-1") {
    model::ImportCertificateInput in;
    in.certificate = {"legacy.example.com", {}, *core::parse_timestamp("2026-02-01T00:00:00Z"), *core::parse_timestamp(not_after), "RSA_2048", "CA"};
    return world.acm.import_certificate(region(reg), in).value();
  }

  const model::CustomDomain* regional_domain(const std::string& name, const std::string& cert, bool mapped = true) {
    const auto* api = world.apigateway.create_rest_api(region("eu-west-1"), "pets", "REGIONAL").value();
    EXPECT_TRUE(world.apigateway.create_deployment(region("eu-west-1"), api->id, "prod").ok());
    model::CreateDomainNameInput in{name, "REGIONAL", std::nullopt, cert, std::nullopt};
    const auto* d = world.apigateway.create_domain_name(region("eu-west-1"), in).value();
    if (mapped) {
      EXPECT_TRUE(world.apigateway.create_base_path_mapping(region("eu-west-1"), name, api->id, "v1", "prod").ok());
    }
    api_id = api->id;
    return d;
  }

  void alias(const std::string& name, const std::string& zone, const std::string& target) { ASSERT_TRUE(alias_record(zone_id, name, zone, target)); }

  const model::LoadBalancer* alb(const char* reg, const std::string& cert, const std::optional<std::string>& policy = std::nullopt) {
    return https_alb(reg, cert, policy);
  }

  void acm_rule(const char* reg, const char* pattern, bool with_target = true) {
    model::PutRuleInput r;
    r.name = "acm";
    r.event_pattern = pattern;
    ASSERT_TRUE(world.events.put_rule(region(reg), r).ok());
    if (with_target) {
      ASSERT_TRUE(world.events.put_targets(region(reg), "acm", "default", {{"ops", "arn:aws:sns:us-east-1:111122223333:ops", {}, {}, {}}}).ok());
    }
  }

  std::string zone_id;
  std::string api_id;
};

constexpr const char* kExpiryPattern = R"({"source":["aws.acm"],"detail-type":["ACM Certificate Approaching Expiration"]})";

}  // namespace

TEST(RuleApigwEdgeCertificateRegion, AwsRefusesItAndTheRefusalRaisesTheFinding) {
  RuleFixture f;
  const auto eu = f.issued("api.example.com", "eu-west-1");
  const auto us = f.issued("api.example.com", "us-east-1");
  auto refused = f.world.apigateway.create_domain_name(region("eu-west-1"), {"api.example.com", "EDGE", eu, std::nullopt, std::nullopt});
  ASSERT_EQ(refused.error().rule, "apigw-edge-certificate-region");
  analysis::Engine engine(f.world);
  engine.refused(refused.error().rule, {eu}, refused.error().message, f.sim.now(), 3, nullptr);
  ASSERT_EQ(engine.history().size(), 2U) << "raised and cleared at the same instant";
  EXPECT_EQ(engine.history()[0].finding.resources, std::vector<std::string>{eu});
  ASSERT_TRUE(f.world.apigateway.create_domain_name(region("eu-west-1"), {"api.example.com", "EDGE", us, std::nullopt, std::nullopt}).ok());
  EXPECT_EQ(f.fired("apigw-edge-certificate-region"), Resources{}) << "near miss: the certificate is in us-east-1";
}

TEST(RuleRegionalCertificateRegion, AwsRefusesItNearMissInTheSameRegion) {
  RuleFixture f;
  const auto us = f.issued("api.example.com", "us-east-1");
  EXPECT_EQ(f.world.apigateway.create_domain_name(region("eu-west-1"), {"api.example.com", "REGIONAL", std::nullopt, us, std::nullopt}).error().rule,
            "regional-certificate-region");
  const auto eu = f.issued("api.example.com", "eu-west-1");
  f.regional_domain("api.example.com", eu);
  EXPECT_EQ(f.fired("regional-certificate-region"), Resources{});
}

TEST(RuleCertificateNameMismatch, AnUncoveredDomainNameFires) {
  RuleFixture f;
  const auto other = f.issued("other.example.com", "eu-west-1");
  const auto* d = f.regional_domain("api.example.com", other);
  EXPECT_EQ(f.fired("certificate-name-mismatch"), (Resources{{d->arn(), other}}));
  RuleFixture g;
  const auto wild = g.issued("*.example.com", "eu-west-1");
  g.regional_domain("api.example.com", wild);
  EXPECT_EQ(g.fired("certificate-name-mismatch"), Resources{}) << "near miss: the wildcard covers one label";
}

TEST(RuleCertificateExpiredInUse, AnExpiredImportOnAListenerFires) {
  RuleFixture f;
  const auto imp = f.imported("2026-03-10T00:00:00Z", "us-west-2");
  f.alb("us-west-2", imp);
  f.imported("2026-03-10T00:00:00Z", "us-west-2");  // near miss: expired, but nothing uses it
  f.run_until(Duration::days(10));
  EXPECT_EQ(f.fired("certificate-expired-in-use"), (Resources{{imp}}));
}

TEST(RuleValidationRecordMissing, AfterTheGraceOrWhenRemovedFromACertificateInUse) {
  RuleFixture f;
  const auto arn = f.request("api.example.com");
  EXPECT_EQ(f.fired("validation-record-missing"), Resources{}) << "inside the grace period";
  f.run_until(Duration::hours(2));
  const std::string record = model::dns::without_dot(f.cert(arn).validations[0].record_name);
  EXPECT_EQ(f.fired("validation-record-missing"), (Resources{{arn, record}}));
  f.write_validation_records(arn, f.zone_id);
  EXPECT_EQ(f.fired("validation-record-missing"), Resources{}) << "near miss: the record is there";
}

TEST(RuleValidationRecordWrongZone, ARecordInAPrivateZone) {
  RuleFixture f;
  const auto priv = f.zone("example.com", true);
  const auto arn = f.request("api.example.com");
  f.write_validation_records(arn, priv);
  EXPECT_EQ(f.fired("validation-record-wrong-zone"), (Resources{{arn, "/hostedzone/" + priv}}));
  EXPECT_EQ(f.fired("validation-record-missing"), Resources{}) << "the more precise rule wins";
  f.write_validation_records(arn, f.zone_id);
  EXPECT_EQ(f.fired("validation-record-wrong-zone"), Resources{}) << "near miss: also in the public zone";
}

TEST(RuleCaaForbidsAmazon, ACaaSetWithoutAmazon) {
  RuleFixture f;
  f.put(f.zone_id, "example.com", model::RRType::CAA, {"0 issue \"letsencrypt.org\""});
  const auto arn = f.request("api.example.com");
  EXPECT_EQ(f.fired("caa-forbids-amazon"), (Resources{{arn, "api.example.com"}}));
  f.put(f.zone_id, "example.com", model::RRType::CAA, {"0 issue \"letsencrypt.org\"", "0 issue \"amazon.com\""});
  EXPECT_EQ(f.fired("caa-forbids-amazon"), Resources{}) << "near miss: amazon.com is allowed too";
}

TEST(RuleValidationTimedOut, After72Hours) {
  RuleFixture f;
  const auto arn = f.request("api.example.com");
  f.run_until(Duration::hours(71));
  EXPECT_EQ(f.fired("validation-timed-out"), Resources{});
  f.run_until(Duration::hours(73));
  EXPECT_EQ(f.fired("validation-timed-out"), (Resources{{arn}}));
}

TEST(RuleRenewalFailed, AnUnusedCertificateInItsRenewalWindow) {
  RuleFixture f;
  const auto unused = f.issued("idle.example.com", "eu-west-1");
  const auto used = f.issued("api.example.com", "eu-west-1");
  f.regional_domain("api.example.com", used);
  f.run_until(Duration::days(160));
  EXPECT_EQ(f.fired("renewal-failed"), (Resources{{unused}})) << "the certificate in use renewed";
}

TEST(RuleImportedCertificateExpiring, InsideTheWindowOnly) {
  RuleFixture f;
  const auto soon = f.imported("2026-03-31T00:00:00Z");
  f.imported("2026-06-30T00:00:00Z");  // near miss: 121 days away
  EXPECT_EQ(f.fired("imported-certificate-expiring"), (Resources{{soon}}));
}

TEST(RuleCertificateNotInUse, IssuedAndUnused) {
  RuleFixture f;
  const auto idle = f.issued("idle.example.com", "eu-west-1");
  const auto used = f.issued("api.example.com", "eu-west-1");
  f.regional_domain("api.example.com", used);
  EXPECT_EQ(f.fired("certificate-not-in-use"), (Resources{{idle}}));
}

TEST(RuleEmailValidationRenewal, EmailValidatedOnly) {
  RuleFixture f;
  const auto mail = f.request("www.example.com", {}, "EMAIL");
  ASSERT_TRUE(f.world.acm.approve_validation_email(mail, "www.example.com").ok());
  f.issued("api.example.com");
  f.run_until(Duration::days(1));
  EXPECT_EQ(f.fired("email-validation-renewal"), (Resources{{mail}}));
}

TEST(RuleCertificateNotExportable, TaggedForEc2ButNotExportable) {
  RuleFixture f;
  model::RequestCertificateInput in;
  in.domain_name = "host.example.com";
  in.validation_method = "DNS";
  in.tags = {{"acmsim:deploy-to", "ec2"}};
  const auto plain = f.world.acm.request_certificate(region("us-east-1"), in).value();
  in.export_option = "ENABLED";
  f.world.acm.request_certificate(region("us-east-1"), in);  // near miss: exportable
  EXPECT_EQ(f.fired("certificate-not-exportable"), (Resources{{plain}}));
}

TEST(RuleDnsRecordMissing, AMappedDomainWithoutRecord) {
  RuleFixture f;
  const auto cert = f.issued("api.example.com", "eu-west-1");
  const auto* d = f.regional_domain("api.example.com", cert);
  EXPECT_EQ(f.fired("dns-record-missing"), (Resources{{d->arn(), "api.example.com"}}));
  f.alias("api.example.com", d->regional_hosted_zone_id, d->regional_domain_name);
  EXPECT_EQ(f.fired("dns-record-missing"), Resources{});
}

TEST(RuleDnsAliasTargetMismatch, ACnameToTheDefaultEndpoint) {
  RuleFixture f;
  const auto cert = f.issued("api.example.com", "eu-west-1");
  const auto* d = f.regional_domain("api.example.com", cert);
  f.put(f.zone_id, "api.example.com", model::RRType::CNAME, {f.api_id + ".execute-api.eu-west-1.amazonaws.com"});
  EXPECT_EQ(f.fired("dns-alias-target-mismatch"), (Resources{{d->arn(), "api.example.com"}}));
  ASSERT_TRUE(
      f.put(f.zone_id, "api.example.com", model::RRType::CNAME, {f.api_id + ".execute-api.eu-west-1.amazonaws.com"}, model::ChangeAction::Delete)
          .ok());
  f.alias("api.example.com", d->regional_hosted_zone_id, d->regional_domain_name);
  EXPECT_EQ(f.fired("dns-alias-target-mismatch"), Resources{});
}

TEST(RuleDnsCnameAtApex, Route53RefusesItWithTheRule) {
  RuleFixture f;
  EXPECT_EQ(f.put(f.zone_id, "example.com", model::RRType::CNAME, {"x.example.net"}, model::ChangeAction::Create).error().rule, "dns-cname-at-apex");
  f.put(f.zone_id, "www.example.com", model::RRType::CNAME, {"x.example.net"});
  EXPECT_EQ(f.fired("dns-cname-at-apex"), Resources{}) << "near miss: below the apex";
}

TEST(RuleDnsDanglingRecord, AnAliasToANonexistentDistribution) {
  RuleFixture f;
  f.alias("gone.example.com", "Z2FDTNDATAQYW2", "d0000000000000.cloudfront.net");
  EXPECT_EQ(f.fired("dns-dangling-record"), (Resources{{"gone.example.com.", "d0000000000000.cloudfront.net"}}));
  RuleFixture g;
  const auto cert = g.issued("api.example.com", "eu-west-1");
  const auto* d = g.regional_domain("api.example.com", cert);
  g.alias("api.example.com", d->regional_hosted_zone_id, d->regional_domain_name);
  EXPECT_EQ(g.fired("dns-dangling-record"), Resources{}) << "near miss: the domain exists";
}

TEST(RuleDnsCnameLoop, TwoCnamesPointingAtEachOther) {
  RuleFixture f;
  f.put(f.zone_id, "a.example.com", model::RRType::CNAME, {"b.example.com"});
  f.put(f.zone_id, "b.example.com", model::RRType::CNAME, {"a.example.com"});
  f.put(f.zone_id, "c.example.com", model::RRType::CNAME, {"a.example.com"});
  EXPECT_EQ(f.fired("dns-cname-loop"), (Resources{{"a.example.com.", "b.example.com."}}));
  RuleFixture g;
  g.put(g.zone_id, "a.example.com", model::RRType::CNAME, {"b.example.com"});
  g.put(g.zone_id, "b.example.com", model::RRType::A, {"192.0.2.1"});
  EXPECT_EQ(g.fired("dns-cname-loop"), Resources{});
}

TEST(RuleExpiryEventsUnwatched, NoRuleWithATargetInTheRegion) {
  RuleFixture f;
  const auto cert = f.issued("api.example.com");
  f.acm_rule("us-east-1", kExpiryPattern, false);
  EXPECT_EQ(f.fired("expiry-events-unwatched"), (Resources{{cert}})) << "a rule without target does not watch";
  ASSERT_TRUE(
      f.world.events.put_targets(region("us-east-1"), "acm", "default", {{"ops", "arn:aws:sns:us-east-1:111122223333:ops", {}, {}, {}}}).ok());
  EXPECT_EQ(f.fired("expiry-events-unwatched"), Resources{});
}

TEST(RuleExpiryRuleNeverMatches, AMisspelledDetailType) {
  RuleFixture f;
  f.acm_rule("us-east-1", R"({"source":["aws.acm"],"detail-type":["ACM Certificate Expiring"]})");
  EXPECT_EQ(f.fired("expiry-rule-never-matches"), (Resources{{"arn:aws:events:us-east-1:111122223333:rule/acm"}}));
  RuleFixture g;
  g.acm_rule("us-east-1", R"({"source":["aws.acm"],"detail":{"DaysToExpiry":[{"numeric":["<",3]}]}})");
  EXPECT_EQ(g.fired("expiry-rule-never-matches"), Resources{}) << "near miss: detail values do not count";
}

TEST(RuleExpiryRuleWrongRegion, TheRuleIsWhereNoCertificateIs) {
  RuleFixture f;
  f.issued("api.example.com", "us-east-1");
  f.acm_rule("us-west-2", kExpiryPattern);
  EXPECT_EQ(f.fired("expiry-rule-wrong-region"), (Resources{{"arn:aws:events:us-west-2:111122223333:rule/acm"}}));
  f.acm_rule("us-east-1", kExpiryPattern);
  EXPECT_EQ(f.fired("expiry-rule-wrong-region"), Resources{}) << "near miss: the certificates' region is watched";
}

TEST(RuleConfigExpiryCheckMissing, ImportsWithoutTheConfigRule) {
  RuleFixture f;
  f.imported("2026-06-30T00:00:00Z", "eu-west-1");
  EXPECT_EQ(f.fired("config-expiry-check-missing"), (Resources{{"eu-west-1"}}));
  ASSERT_TRUE(
      f.world.config.put_config_rule(region("eu-west-1"), {"expiry", "AWS", "ACM_CERTIFICATE_EXPIRATION_CHECK", std::nullopt, std::nullopt}).ok());
  EXPECT_EQ(f.fired("config-expiry-check-missing"), Resources{});
}

TEST(RuleLegacyTlsPolicy, TheDefaultListenerPolicyAllowsTls10) {
  RuleFixture f;
  const auto cert = f.issued("web.example.com", "us-west-2");
  const auto* lb = f.alb("us-west-2", cert);
  EXPECT_EQ(f.fired("legacy-tls-policy"), (Resources{{lb->listeners[0].arn}}));
  RuleFixture g;
  const auto c2 = g.issued("web.example.com", "us-west-2");
  g.alb("us-west-2", c2, "ELBSecurityPolicy-TLS13-1-2-2021-06");
  EXPECT_EQ(g.fired("legacy-tls-policy"), Resources{});
}

TEST(RuleHttpWithoutRedirect, AnHttpListenerThatForwards) {
  RuleFixture f;
  model::CreateLoadBalancerInput in;
  in.name = "web";
  in.subnets = {"subnet-1", "subnet-2"};
  const auto* lb = f.world.elb.create_load_balancer(region("us-west-2"), in).value();
  model::CreateListenerInput l;
  l.load_balancer_arn = lb->arn;
  l.protocol = "HTTP";
  l.port = 80;
  l.default_actions = core::Json::array({{{"Type", "forward"}}});
  const std::string plain = f.world.elb.create_listener(region("us-west-2"), l).value()->arn;  // copied: the next listener may move it
  l.port = 8080;
  l.default_actions = core::Json::array({{{"Type", "redirect"}, {"RedirectConfig", {{"Protocol", "HTTPS"}, {"Port", "443"}}}}});
  ASSERT_TRUE(f.world.elb.create_listener(region("us-west-2"), l).ok());  // near miss: redirects
  EXPECT_EQ(f.fired("http-without-redirect"), (Resources{{plain}}));
}

TEST(RuleCatalogue, EveryRuleHasInformativeMetadata) {
  EXPECT_EQ(analysis::all_rules().size(), 25U);
  for (const auto* r : analysis::all_rules()) {
    EXPECT_GT(r->explanation.size(), 80U) << r->id;
    EXPECT_GT(r->fix.size(), 20U) << r->id;
    EXPECT_EQ(r->help_uri.rfind("https://docs.aws.amazon.com/", 0), 0U) << r->id << " links to the specific AWS page";
    EXPECT_NE(r->summary, r->explanation) << r->id;
  }
}
