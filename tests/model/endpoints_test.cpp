// The region rules of the services that use certificates, and what a client
// sees: one test per probe outcome.
#include <gtest/gtest.h>

#include "world_fixture.hpp"

using namespace acmsim;
using namespace acmsim::testing;
using model::ProbeOutcome;

namespace {

model::RegionId region(const char* code) { return *model::find_region(code); }

struct EndpointFixture : WorldFixture {
  EndpointFixture() { zone_id = zone(); }

  std::string issued(const std::string& domain, const char* reg, std::vector<std::string> sans = {}) {
    const auto arn = request(domain, std::move(sans), "DNS", reg);
    write_validation_records(arn, zone_id);
    return arn;
  }

  void alias(const std::string& name, const std::string& zone, const std::string& target) { ASSERT_TRUE(alias_record(zone_id, name, zone, target)); }

  const model::LoadBalancer& alb(const char* reg, const std::string& cert) { return *https_alb(reg, cert); }

  ProbeOutcome probe(const std::string& url, const char* from = "us-east-1") {
    std::string why;
    auto spec = model::parse_probe_url(url, &why);
    spec->name = url + std::to_string(n_++);
    spec->from = {region(from)};
    const auto i = world.clients.add(*spec);
    world.clients.attempt(i);
    return world.clients.probes()[i].all.last->outcome;
  }

  std::string zone_id;
  int n_ = 0;
};

}  // namespace

TEST(ApiGatewayRules, EdgeDomainsTakeCertificatesFromUsEast1Only) {
  EndpointFixture f;
  const auto eu = f.issued("api.example.com", "eu-west-1");
  const auto us = f.issued("api.example.com", "us-east-1");
  f.run_until(Duration::hours(2));
  model::CreateDomainNameInput in{"api.example.com", "EDGE", eu, std::nullopt, std::nullopt};
  auto r = f.world.apigateway.create_domain_name(region("eu-west-1"), in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "BadRequestException");
  EXPECT_EQ(r.error().message, "Invalid certificate ARN: " + eu + ". Certificate must be in 'us-east-1'.");
  EXPECT_EQ(r.error().rule, "apigw-edge-certificate-region");
  in.certificate_arn = us;
  ASSERT_TRUE(f.world.apigateway.create_domain_name(region("eu-west-1"), in).ok());
  EXPECT_EQ(f.cert(us).in_use_by.count("arn:aws:apigateway:eu-west-1::/domainnames/api.example.com"), 1U);
}

TEST(ApiGatewayRules, RegionalDomainsTakeCertificatesFromTheirOwnRegion) {
  EndpointFixture f;
  const auto us = f.issued("api.example.com", "us-east-1");
  f.run_until(Duration::hours(2));
  model::CreateDomainNameInput in{"api.example.com", "REGIONAL", std::nullopt, us, std::nullopt};
  auto r = f.world.apigateway.create_domain_name(region("eu-west-1"), in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "Invalid certificate ARN: " + us + ". Certificate must be in 'eu-west-1'.");
  EXPECT_EQ(r.error().rule, "regional-certificate-region");
}

TEST(ApiGatewayRules, RegionalHostedZoneIdsAreTheRealOnes) {
  EXPECT_EQ(model::apigateway_regional_zone_id(region("us-east-1")), "Z1UJRXOUMOOFQ8");
  EXPECT_EQ(model::apigateway_regional_zone_id(region("eu-west-1")), "ZLY8HYME6SFDD");
  EXPECT_EQ(model::elb_canonical_zone_id(region("us-west-2"), model::LoadBalancerType::Application), "Z1H1FL5HABSF5");
  EXPECT_EQ(model::elb_canonical_zone_id(region("us-west-2"), model::LoadBalancerType::Network), "Z18D5FSROUN65G");
}

TEST(ElbRules, AListenerTakesACertificateFromItsOwnRegion) {
  EndpointFixture f;
  const auto us = f.issued("web.example.com", "us-east-1");
  f.run_until(Duration::hours(2));
  model::CreateLoadBalancerInput in;
  in.name = "web";
  in.subnets = {"subnet-1"};
  EXPECT_EQ(f.world.elb.create_load_balancer(region("us-west-2"), in).error().code, "ValidationError") << "an ALB needs two subnets";
  in.subnets.push_back("subnet-2");
  const auto* lb = f.world.elb.create_load_balancer(region("us-west-2"), in).value();
  model::CreateListenerInput l;
  l.load_balancer_arn = lb->arn;
  l.protocol = "HTTPS";
  l.certificates = {us};
  l.default_actions = core::Json::array({{{"Type", "fixed-response"}}});
  auto r = f.world.elb.create_listener(region("us-west-2"), l);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "CertificateNotFound");
  EXPECT_EQ(r.error().message, "Certificate '" + us + "' not found");
  EXPECT_EQ(r.error().rule, "regional-certificate-region");
}

TEST(CloudFrontRules, UsEast1AndEveryAliasCovered) {
  EndpointFixture f;
  const auto eu = f.issued("www.example.com", "eu-west-1");
  const auto wild = f.issued("*.example.com", "us-east-1");
  f.run_until(Duration::hours(2));
  model::DistributionSettings d;
  d.caller_reference = "a";
  d.aliases = {"www.example.com"};
  d.viewer = {false, eu, "sni-only", "TLSv1.2_2021"};
  EXPECT_EQ(f.world.cloudfront.create_distribution(d).error().code, "InvalidViewerCertificate");
  d.viewer.acm_certificate_arn = wild;
  d.aliases = {"www.example.com", "example.com"};
  auto r = f.world.cloudfront.create_distribution(d);
  EXPECT_EQ(r.error().rule, "certificate-name-mismatch");
  d.aliases = {"www.example.com"};
  ASSERT_TRUE(f.world.cloudfront.create_distribution(d).ok());
  d.caller_reference = "b";
  EXPECT_EQ(f.world.cloudfront.create_distribution(d).error().code, "CNAMEAlreadyExists");
}

TEST(Route53Aliases, AnAwsTargetMustUseItsServicesHostedZone) {
  EndpointFixture f;
  model::ChangeBatch b;
  model::RecordSet r;
  r.name = "www.example.com";
  r.type = model::RRType::A;
  r.alias = model::AliasTarget{"ZLY8HYME6SFDD", "d111111abcdef8.cloudfront.net", false};
  b.changes.push_back({model::ChangeAction::Create, r});
  auto res = f.world.route53.change_resource_record_sets(f.sim.now(), f.zone_id, b);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().rule, "dns-alias-target-mismatch");
  b.changes[0].record.alias->hosted_zone_id = "Z2FDTNDATAQYW2";
  EXPECT_TRUE(f.world.route53.change_resource_record_sets(f.sim.now(), f.zone_id, b).ok()) << "a dangling alias is accepted, as Route 53 does";
}

TEST(ProbeOutcomes, EachOutcomeFromItsCause) {
  EndpointFixture f;
  const auto cert = f.issued("*.example.com", "us-west-2");
  f.run_until(Duration::hours(2));
  const auto& lb = f.alb("us-west-2", cert);
  f.alias("api.example.com", lb.canonical_hosted_zone_id, lb.dns_name);
  f.alias("example.com", lb.canonical_hosted_zone_id, lb.dns_name);
  f.alias("gone.example.com", "Z2FDTNDATAQYW2", "d0000000000000.cloudfront.net");
  f.put(f.zone_id, "www.example.com", model::RRType::CNAME, {"api.example.com"});
  f.put(f.zone_id, "ip.example.com", model::RRType::A, {"192.0.2.1"});
  EXPECT_EQ(f.probe("https://api.example.com/"), ProbeOutcome::Ok);
  EXPECT_EQ(f.probe("https://www.example.com/"), ProbeOutcome::Ok) << "through a CNAME to an alias";
  EXPECT_EQ(f.probe("https://example.com/"), ProbeOutcome::CertNameMismatch) << "the wildcard does not cover the apex";
  EXPECT_EQ(f.probe("https://nothing.example.com/"), ProbeOutcome::NxDomain);
  EXPECT_EQ(f.probe("https://gone.example.com/"), ProbeOutcome::NoEndpoint) << "an alias to a distribution that does not exist";
  EXPECT_EQ(f.probe("https://ip.example.com/"), ProbeOutcome::NoEndpoint);
  EXPECT_EQ(f.probe("https://api.example.com:8443/"), ProbeOutcome::NoEndpoint) << "no listener on that port";
  f.run_until(Duration::days(200));
  EXPECT_EQ(f.probe("https://api.example.com/"), ProbeOutcome::Ok) << "in use: renewed";
}

TEST(ProbeOutcomes, ExpiredAndNotYetValidAndNotFound) {
  EndpointFixture f;
  model::ImportCertificateInput in;
  in.certificate = {"shop.example.com", {},  *core::parse_timestamp("2026-02-01T00:00:00Z"), *core::parse_timestamp("2026-03-10T00:00:00Z"),
                    "RSA_2048",         "CA"};
  const auto imported = f.world.acm.import_certificate(region("eu-west-1"), in).value();
  const auto& lb = f.alb("eu-west-1", imported);
  f.alias("shop.example.com", lb.canonical_hosted_zone_id, lb.dns_name);
  EXPECT_EQ(f.probe("https://shop.example.com/"), ProbeOutcome::Ok);
  f.run_until(Duration::days(10));
  EXPECT_EQ(f.probe("https://shop.example.com/"), ProbeOutcome::CertExpired);
  // Re-import a certificate that is valid from tomorrow: accepted only inside its validity, so it must start now.
  in.certificate_arn = imported;
  in.certificate.not_before = f.sim.now();
  in.certificate.not_after = f.sim.now() + Duration::days(90);
  ASSERT_TRUE(f.world.acm.import_certificate(region("eu-west-1"), in).ok());
  EXPECT_EQ(f.probe("https://shop.example.com/"), ProbeOutcome::Ok) << "a re-import reaches the load balancer at once";

  const auto api_cert = f.issued("api.example.com", "eu-west-1");
  f.run_until(Duration::days(11));
  const auto* api = f.world.apigateway.create_rest_api(region("eu-west-1"), "pets", "REGIONAL").value();
  ASSERT_TRUE(f.world.apigateway.create_deployment(region("eu-west-1"), api->id, "prod").ok());
  model::CreateDomainNameInput d{"api.example.com", "REGIONAL", std::nullopt, api_cert, std::nullopt};
  const auto* dom = f.world.apigateway.create_domain_name(region("eu-west-1"), d).value();
  ASSERT_TRUE(f.world.apigateway.create_base_path_mapping(region("eu-west-1"), "api.example.com", api->id, "v1", "prod").ok());
  f.alias("api.example.com", dom->regional_hosted_zone_id, dom->regional_domain_name);
  EXPECT_EQ(f.probe("https://api.example.com/v1/pets", "eu-west-1"), ProbeOutcome::Ok);
  EXPECT_EQ(f.probe("https://api.example.com/v2/pets", "eu-west-1"), ProbeOutcome::NotFound);
}

TEST(ProbeOutcomes, CloudFrontServesAnOldCertificateForADayAfterARotation) {
  EndpointFixture f;
  const auto cert = f.issued("www.example.com", "us-east-1");
  f.run_until(Duration::hours(2));
  model::DistributionSettings d;
  d.caller_reference = "a";
  d.aliases = {"www.example.com"};
  d.viewer = {false, cert, "sni-only", "TLSv1.2_2021"};
  const auto* dist = f.world.cloudfront.create_distribution(d).value();
  f.alias("www.example.com", "Z2FDTNDATAQYW2", dist->domain_name);
  EXPECT_EQ(f.probe("https://www.example.com/"), ProbeOutcome::NoEndpoint) << "still deploying";
  f.run_until(Duration::hours(3));
  EXPECT_EQ(f.probe("https://www.example.com/"), ProbeOutcome::Ok);
  const auto& c = f.cert(cert);
  const auto* served = c.served(f.sim.now(), dist->certificate_attached_at, f.world.settings.cloudfront_certificate_propagation);
  ASSERT_NE(served, nullptr);
  EXPECT_EQ(served->serial, c.versions.front().serial);
}

TEST(LatencyModel, DistancesAndRoundTripsAreSane) {
  model::Settings s;
  model::LatencyModel m(s);
  const auto use1 = region("us-east-1");
  const auto euw1 = region("eu-west-1");
  const auto apse2 = region("ap-southeast-2");
  EXPECT_NEAR(model::LatencyModel::distance_km(use1, euw1), 5480, 150);
  EXPECT_LT(m.rtt_ms(use1, use1), 3.0);
  EXPECT_NEAR(m.rtt_ms(use1, euw1), 75, 12);
  EXPECT_NEAR(m.rtt_ms(use1, apse2), 212, 25);
  EXPECT_DOUBLE_EQ(m.rtt_ms(euw1, apse2), m.rtt_ms(apse2, euw1));
  s.rtt_overrides.emplace_back("us-east-1", "eu-west-1", 68.0);
  model::LatencyModel measured(s);
  EXPECT_DOUBLE_EQ(measured.rtt_ms(euw1, use1), 68.0);
}

// The services find resources through indexes kept as resources come and go
// (a fleet has thousands); these follow each index through create, update and
// delete, where a stale entry would show.
TEST(ServiceIndexes, CloudFrontAliasesCallerReferencesAndDomainNames) {
  EndpointFixture f;
  const auto wild = f.issued("*.example.com", "us-east-1");
  f.run_until(Duration::hours(2));
  auto settings = [&](const char* ref, std::vector<std::string> aliases) {
    model::DistributionSettings d;
    d.caller_reference = ref;
    d.aliases = std::move(aliases);
    d.viewer = {false, wild, "sni-only", "TLSv1.2_2021"};
    return d;
  };
  // Copies: a distribution lives in a vector that the next one may move.
  auto created = f.world.cloudfront.create_distribution(settings("a", {"a.example.com", "x.example.com"}));
  ASSERT_TRUE(created.ok()) << created.error().message;
  const model::Distribution a = *created.value();
  created = f.world.cloudfront.create_distribution(settings("b", {"b.example.com"}));
  ASSERT_TRUE(created.ok()) << created.error().message;
  const model::Distribution b = *created.value();
  EXPECT_EQ(f.world.cloudfront.find_by_domain_name(a.domain_name)->id, a.id);
  EXPECT_EQ(f.world.cloudfront.find_by_domain_name(b.domain_name)->id, b.id);
  EXPECT_EQ(f.world.cloudfront.create_distribution(settings("a", {})).error().code, "DistributionAlreadyExists");
  // The first distribution in creation order that holds one, and the first alias of the request it holds.
  auto clash = f.world.cloudfront.create_distribution(settings("c", {"b.example.com", "x.example.com", "a.example.com"}));
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(
      clash.error().message,
      "One or more of the CNAMEs you provided are already associated with a different resource (x.example.com is on distribution " + a.id + ").");
  // An update frees the aliases it drops; an alias a distribution keeps is not a clash with itself.
  const std::string a_id = a.id;
  const std::string a_domain = a.domain_name;
  auto updated = f.world.cloudfront.update_distribution(a_id, a.etag, settings("a", {"a.example.com"}));
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  const std::string updated_etag = updated.value()->etag;
  EXPECT_TRUE(f.world.cloudfront.create_distribution(settings("c", {"x.example.com"})).ok());
  // A deleted distribution frees its aliases, caller reference and domain name.
  auto disabled = settings("a", {"a.example.com"});
  disabled.enabled = false;
  auto disabling = f.world.cloudfront.update_distribution(a_id, updated_etag, disabled);
  ASSERT_TRUE(disabling.ok()) << disabling.error().message;
  const std::string etag = disabling.value()->etag;
  f.run_until(Duration::days(1));
  ASSERT_TRUE(f.world.cloudfront.delete_distribution(a_id, etag).ok());
  EXPECT_EQ(f.world.cloudfront.find_by_domain_name(a_domain), nullptr);
  EXPECT_EQ(f.world.cloudfront.get_distribution(a_id).error().code, "NoSuchDistribution");
  EXPECT_TRUE(f.world.cloudfront.create_distribution(settings("a", {"a.example.com"})).ok());
}

TEST(ServiceIndexes, LoadBalancersAndListenersByArnAndName) {
  EndpointFixture f;
  const auto us = f.issued("web.example.com", "us-west-2");
  f.run_until(Duration::hours(2));
  const auto* lb = f.https_alb("us-west-2", us);
  const std::string arn = lb->arn;
  const std::string listener = lb->listeners.front().arn;
  EXPECT_EQ(f.world.elb.find_load_balancer(region("us-west-2"), "web").value(), lb);
  EXPECT_EQ(f.world.elb.find_load_balancer(region("us-west-2"), arn).value(), lb);
  EXPECT_FALSE(f.world.elb.find_load_balancer(region("eu-west-1"), "web").ok()) << "names are per region";
  EXPECT_FALSE(f.world.elb.find_load_balancer(region("eu-west-1"), arn).ok());
  EXPECT_TRUE(f.world.elb.find_listener(region("us-west-2"), listener).ok());
  EXPECT_FALSE(f.world.elb.find_listener(region("eu-west-1"), listener).ok());
  model::CreateLoadBalancerInput in;
  in.name = "web";
  in.subnets = {"subnet-1", "subnet-2"};
  EXPECT_EQ(f.world.elb.create_load_balancer(region("us-west-2"), in).error().code, "DuplicateLoadBalancerName");
  EXPECT_TRUE(f.world.elb.create_load_balancer(region("eu-west-1"), in).ok()) << "the same name in another region";
  ASSERT_TRUE(f.world.elb.delete_load_balancer(region("us-west-2"), arn).ok());
  EXPECT_FALSE(f.world.elb.find_load_balancer(region("us-west-2"), arn).ok());
  EXPECT_FALSE(f.world.elb.find_listener(region("us-west-2"), listener).ok()) << "a deleted load balancer's listeners are gone";
  const auto again = f.world.elb.create_load_balancer(region("us-west-2"), in);
  ASSERT_TRUE(again.ok()) << "the name is free again";
  EXPECT_EQ(f.world.elb.find_load_balancer(region("us-west-2"), "web").value(), again.value());
}

TEST(ServiceIndexes, ApiGatewayEndpointsAndTheirReads) {
  EndpointFixture f;
  const auto us = f.issued("edge.example.com", "us-east-1");
  const auto eu = f.issued("api.example.com", "eu-west-1");
  f.run_until(Duration::hours(2));
  // Copies: a domain lives in a vector that the next one may move.
  const model::CustomDomain edge =
      *f.world.apigateway.create_domain_name(region("eu-west-1"), {"edge.example.com", "EDGE", us, std::nullopt, std::nullopt}).value();
  const model::CustomDomain regional =
      *f.world.apigateway.create_domain_name(region("eu-west-1"), {"api.example.com", "REGIONAL", std::nullopt, eu, std::nullopt}).value();
  EXPECT_EQ(model::endpoint_named(f.world, edge.distribution_domain_name).domain->id, edge.id);
  EXPECT_EQ(model::endpoint_named(f.world, edge.distribution_domain_name).kind, model::ResolvedHost::Kind::EdgeDomain);
  EXPECT_EQ(model::endpoint_named(f.world, regional.regional_domain_name + ".").domain->id, regional.id);
  EXPECT_EQ(model::endpoint_named(f.world, regional.regional_domain_name).kind, model::ResolvedHost::Kind::RegionalDomain);
  // A verdict that found a domain read that domain only; one that found none read them all.
  std::vector<std::uint64_t> read;
  {
    model::ReadLog log(read);
    (void)f.world.apigateway.domain_by_endpoint(regional.regional_domain_name);
    (void)f.world.apigateway.domain_by_endpoint("d-nothere.execute-api.eu-west-1.amazonaws.com");
  }
  EXPECT_EQ(read, (std::vector<std::uint64_t>{model::read_key(model::Part::ApiGateway, regional.id),
                                              model::read_key(model::Part::ApiGateway, model::kAllKeys)}));
  const std::string gone = regional.regional_domain_name;
  ASSERT_TRUE(f.world.apigateway.delete_domain_name(region("eu-west-1"), "api.example.com").ok());
  EXPECT_EQ(f.world.apigateway.domain_by_endpoint(gone), nullptr);
  EXPECT_EQ(model::endpoint_named(f.world, gone).kind, model::ResolvedHost::Kind::None);
}

TEST(ElbRules, ARefusedListenerCallChangesNothing) {
  EndpointFixture f;
  const auto one = f.issued("web.example.com", "us-west-2");
  const auto two = f.issued("api.example.com", "us-west-2");
  f.run_until(Duration::hours(2));
  const auto region = model::find_region("us-west-2").value();
  const std::string listener = f.https_alb("us-west-2", one)->listeners.front().arn;
  // A new default certificate with an unknown policy: refused, and the old certificate stays.
  EXPECT_EQ(f.world.elb.modify_listener(region, listener, "ELBSecurityPolicy-Nope", {two}, std::nullopt).error().code, "SSLPolicyNotFound");
  EXPECT_EQ(f.world.elb.find_listener(region, listener).value().second->default_certificate, one);
  EXPECT_EQ(f.cert(two).in_use_by.size(), 0U);
  // More SNI certificates than a load balancer takes (25): none of them is added.
  std::vector<std::string> sni;
  for (int i = 0; i < 26; ++i) sni.push_back(f.issued("s" + std::to_string(i) + ".example.com", "us-west-2"));
  f.run_until(Duration::hours(4));
  EXPECT_TRUE(f.world.elb.add_listener_certificates(region, listener, {sni.begin(), sni.begin() + 24}).ok());
  const auto refused = f.world.elb.add_listener_certificates(region, listener, {sni[0], sni[24], sni[25]});
  EXPECT_EQ(refused.error().code, "TooManyCertificates") << "24 on it and 2 new ones";
  EXPECT_EQ(f.world.elb.find_listener(region, listener).value().second->sni_certificates.size(), 24U);
  EXPECT_EQ(f.cert(sni[24]).in_use_by.size(), 0U);
}
