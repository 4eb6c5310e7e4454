#include <gtest/gtest.h>

#include "acmsim/model/invariants.hpp"
#include "world_fixture.hpp"

using namespace acmsim;
using namespace acmsim::testing;
using model::ChangeAction;
using model::LookupStatus;
using model::RRType;

TEST(Route53, RefusesACnameAtTheApexWithAwssMessage) {
  WorldFixture f;
  const auto z = f.zone();
  const auto r = f.put(z, "example.com", RRType::CNAME, {"elsewhere.example.net"}, ChangeAction::Create);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "InvalidChangeBatch");
  EXPECT_EQ(r.error().message, "RRSet of type CNAME with DNS name example.com. is not permitted at apex in zone example.com.");
  EXPECT_EQ(r.error().rule, "dns-cname-at-apex");
}

TEST(Route53, RefusesACnameBesideOtherRecordsBothWays) {
  WorldFixture f;
  const auto z = f.zone();
  ASSERT_TRUE(f.put(z, "www.example.com", RRType::A, {"192.0.2.1"}, ChangeAction::Create).ok());
  auto r = f.put(z, "www.example.com", RRType::CNAME, {"x.example.net"}, ChangeAction::Create);
  EXPECT_EQ(r.error().message,
            "RRSet of type CNAME with DNS name www.example.com. is not permitted as it conflicts with other records with the same DNS name in zone "
            "example.com.");
  ASSERT_TRUE(f.put(z, "cdn.example.com", RRType::CNAME, {"x.example.net"}, ChangeAction::Create).ok());
  r = f.put(z, "cdn.example.com", RRType::TXT, {"\"v\""}, ChangeAction::Create);
  EXPECT_EQ(
      r.error().message,
      "RRSet of type TXT with DNS name cdn.example.com. is not permitted because a conflicting RRSet of type  CNAME with the same DNS name already "
      "exists in zone example.com.");
}

TEST(Route53, CreateOfAnExistingSetAndDeleteOfAMissingOneFail) {
  WorldFixture f;
  const auto z = f.zone();
  ASSERT_TRUE(f.put(z, "www.example.com", RRType::A, {"192.0.2.1"}, ChangeAction::Create).ok());
  EXPECT_EQ(f.put(z, "www.example.com", RRType::A, {"192.0.2.2"}, ChangeAction::Create).error().message,
            "Tried to create resource record set [name='www.example.com.', type='A'] but it already exists");
  EXPECT_EQ(f.put(z, "ftp.example.com", RRType::A, {"192.0.2.2"}, ChangeAction::Delete).error().message,
            "Tried to delete resource record set [name='ftp.example.com.', type='A'] but it was not found");
  EXPECT_EQ(f.put(z, "www.example.com", RRType::A, {"192.0.2.9"}, ChangeAction::Delete).error().message,
            "Tried to delete resource record set [name='www.example.com.', type='A'] but the values provided do not match the current values");
  EXPECT_TRUE(f.put(z, "www.example.com", RRType::A, {"192.0.2.1"}, ChangeAction::Delete).ok());
}

TEST(Route53, ABatchIsAtomic) {
  WorldFixture f;
  const auto z = f.zone();
  model::ChangeBatch b;
  model::RecordSet ok{"a.example.com", RRType::A, 300, {"192.0.2.1"}, {}, {}, -1};
  model::RecordSet bad{"example.com", RRType::CNAME, 300, {"x.example.net"}, {}, {}, -1};
  b.changes = {{ChangeAction::Create, ok}, {ChangeAction::Create, bad}};
  ASSERT_FALSE(f.world.route53.change_resource_record_sets(f.sim.now(), z, b).ok());
  EXPECT_EQ(f.world.dns.lookup("a.example.com", RRType::A).status, LookupStatus::NxDomain) << "the valid change was not applied either";
}

TEST(Route53, RecordsOutsideTheZoneAreRefused) {
  WorldFixture f;
  const auto z = f.zone();
  EXPECT_EQ(f.put(z, "www.example.org", RRType::A, {"192.0.2.1"}).error().message,
            "RRSet with DNS name www.example.org. is not permitted in zone example.com.");
}

TEST(PublicDns, WildcardRecordsMatchEveryDepthButNotTheApexOrExistingNames) {
  WorldFixture f;
  const auto z = f.zone();
  f.put(z, "*.example.com", RRType::A, {"192.0.2.1"});
  f.put(z, "www.example.com", RRType::TXT, {"\"x\""});
  EXPECT_EQ(f.world.dns.lookup("zenith.example.com", RRType::A).status, LookupStatus::Found);
  EXPECT_TRUE(f.world.dns.lookup("acme.zenith.example.com", RRType::A).via_wildcard);
  EXPECT_EQ(f.world.dns.lookup("example.com", RRType::A).status, LookupStatus::NoData) << "the apex exists (SOA, NS)";
  EXPECT_EQ(f.world.dns.lookup("www.example.com", RRType::A).status, LookupStatus::NoData) << "an existing name is not covered by the wildcard";
}

TEST(PublicDns, PrivateZonesAndUndelegatedZonesDoNotAnswer) {
  WorldFixture f;
  const auto first = f.zone();
  const auto second = f.zone();  // a second public zone for the same name
  const auto priv = f.zone("internal.example.com", true);
  f.put(second, "www.example.com", RRType::A, {"192.0.2.2"});
  f.put(priv, "app.internal.example.com", RRType::A, {"10.0.0.1"});
  EXPECT_EQ(f.world.dns.answering_zone("www.example.com.")->id, first);
  EXPECT_EQ(f.world.dns.lookup("www.example.com", RRType::A).status, LookupStatus::NxDomain);
  EXPECT_EQ(f.world.dns.lookup("app.internal.example.com", RRType::A).status, LookupStatus::NxDomain);
  ASSERT_TRUE(f.world.route53.delegate_domain(f.sim.now(), "example.com", second).ok());
  EXPECT_EQ(f.world.dns.lookup("www.example.com", RRType::A).status, LookupStatus::Found);
}

TEST(PublicDns, NsRecordsDelegateASubdomainToItsZone) {
  WorldFixture f;
  const auto parent = f.zone();
  const auto child = f.zone("dev.example.com");
  const auto* cz = f.world.route53.find_zone(child);
  f.put(child, "api.dev.example.com", RRType::A, {"192.0.2.5"});
  // The child zone is a registrar delegation of its own by default; a lame NS in the parent does not override it.
  EXPECT_EQ(f.world.dns.answering_zone("api.dev.example.com.")->id, child);
  f.put(parent, "dev.example.com", RRType::NS, {cz->name_servers[0], cz->name_servers[1]});
  EXPECT_EQ(f.world.dns.lookup("api.dev.example.com", RRType::A).status, LookupStatus::Found);
}

TEST(PublicDns, CnameChainsAreFollowedForValidationUpToTheLimit) {
  WorldFixture f;
  const auto z = f.zone();
  f.put(z, "_x.example.com", RRType::CNAME, {"_x.delegated.example.com"});
  f.put(z, "_x.delegated.example.com", RRType::CNAME, {"_token.acm-validations.aws"});
  EXPECT_TRUE(f.world.dns.cname_reaches("_x.example.com", "_token.acm-validations.aws.", 5));
  EXPECT_FALSE(f.world.dns.cname_reaches("_x.example.com", "_token.acm-validations.aws.", 1));
  EXPECT_FALSE(f.world.dns.cname_reaches("_y.example.com", "_token.acm-validations.aws.", 5));
}

TEST(PublicDns, TheClosestCaaSetUpTheTreeDecides) {
  WorldFixture f;
  const auto z = f.zone();
  f.put(z, "example.com", RRType::CAA, {"0 issue \"letsencrypt.org\""});
  f.put(z, "shop.example.com", RRType::CAA, {"0 issue \"amazon.com\""});
  using model::PublicDns;
  EXPECT_FALSE(PublicDns::caa_allows_amazon(f.world.dns.relevant_caa("api.example.com"), false));
  EXPECT_TRUE(PublicDns::caa_allows_amazon(f.world.dns.relevant_caa("www.shop.example.com"), false));
  EXPECT_TRUE(PublicDns::caa_allows_amazon({}, false)) << "no CAA means no restriction";
  EXPECT_TRUE(PublicDns::caa_allows_amazon({"0 iodef \"mailto:x@example.com\""}, false)) << "no issue property";
  EXPECT_FALSE(PublicDns::caa_allows_amazon({"0 issue \";\""}, false)) << "';' forbids every CA";
  EXPECT_FALSE(PublicDns::caa_allows_amazon({"0 issue \"amazon.com\"", "0 issuewild \";\""}, true)) << "issuewild rules wildcards";
  EXPECT_TRUE(PublicDns::caa_allows_amazon({"0 issue \"amazontrust.com; account=1\""}, false));
}

TEST(PublicDns, KeptAnswersFollowEveryChangeOfDns) {
  // The answers the analysis asks again are kept while DNS is unchanged: each
  // change, in any zone, must be seen by the next question.
  WorldFixture f;
  const auto z = f.zone();
  using model::PublicDns;
  const char* token = "_token.acm-validations.aws.";
  EXPECT_FALSE(f.world.dns.cname_reaches("_x.api.example.com", token, 5));
  f.put(z, "_x.api.example.com", RRType::CNAME, {"_token.acm-validations.aws"});
  EXPECT_TRUE(f.world.dns.cname_reaches("_x.api.example.com", token, 5));
  EXPECT_FALSE(f.world.dns.cname_reaches("_x.api.example.com", "_other.acm-validations.aws.", 5)) << "another expected value is another question";
  EXPECT_TRUE(PublicDns::caa_allows_amazon(f.world.dns.relevant_caa("api.example.com"), false));
  f.put(z, "example.com", RRType::CAA, {"0 issue \"letsencrypt.org\""});
  EXPECT_FALSE(PublicDns::caa_allows_amazon(f.world.dns.relevant_caa("api.example.com"), false)) << "a parent's CAA set, added later";
  f.put(z, "api.example.com", RRType::CAA, {"0 issue \"amazon.com\""});
  EXPECT_TRUE(PublicDns::caa_allows_amazon(f.world.dns.relevant_caa("api.example.com"), false)) << "the name's own set, added later";
  EXPECT_TRUE(PublicDns::caa_allows_amazon(f.world.dns.relevant_caa("*.api.example.com"), true));
  f.put(z, "_x.api.example.com", RRType::CNAME, {"_token.acm-validations.aws"}, ChangeAction::Delete);
  EXPECT_FALSE(f.world.dns.cname_reaches("_x.api.example.com", token, 5)) << "deleted";
  WorldFixture other;  // another world on the same thread asks the same names
  EXPECT_FALSE(other.world.dns.cname_reaches("_x.api.example.com", token, 5));
  EXPECT_TRUE(PublicDns::caa_allows_amazon(other.world.dns.relevant_caa("api.example.com"), false));
}

TEST(PublicDns, ADelegationInsideAZoneCountsFromItsCreationToItsDeletion) {
  // Lookups skip the search for a cut in zones that have none: the count of
  // NS sets below the apex must follow every kind of change.
  WorldFixture f;
  const auto z = f.zone();
  const std::vector<std::string> ns{"ns-1.example.net"};
  f.put(z, "www.lab.example.com", RRType::A, {"192.0.2.7"});
  EXPECT_EQ(f.world.dns.lookup("www.lab.example.com", RRType::A).status, LookupStatus::Found);
  ASSERT_TRUE(f.put(z, "lab.example.com", RRType::NS, ns).ok());
  ASSERT_TRUE(f.put(z, "lab.example.com", RRType::NS, ns).ok()) << "an upsert of the same set is not a second cut";
  EXPECT_EQ(f.world.route53.find_zone(z)->ns_cuts, 1U);
  EXPECT_EQ(f.world.dns.lookup("www.lab.example.com", RRType::A).status, LookupStatus::Lame) << "delegated to servers that serve no zone";
  model::ChangeBatch refused;
  model::RecordSet other{"ops.example.com", RRType::NS, 300, ns, {}, {}, -1};
  model::RecordSet bad{"example.com", RRType::CNAME, 300, {"x.example.net"}, {}, {}, -1};
  refused.changes = {{ChangeAction::Create, other}, {ChangeAction::Create, bad}};
  ASSERT_FALSE(f.world.route53.change_resource_record_sets(f.sim.now(), z, refused).ok());
  EXPECT_EQ(f.world.route53.find_zone(z)->ns_cuts, 1U) << "a refused batch changes nothing";
  ASSERT_TRUE(f.put(z, "lab.example.com", RRType::NS, ns, ChangeAction::Delete).ok());
  EXPECT_EQ(f.world.route53.find_zone(z)->ns_cuts, 0U);
  EXPECT_EQ(f.world.dns.lookup("www.lab.example.com", RRType::A).status, LookupStatus::Found);
  EXPECT_TRUE(model::broken_invariants(f.world).empty());
}
