#include "acmsim/model/route53/dns_name.hpp"

#include <gtest/gtest.h>

using namespace acmsim::model::dns;

TEST(DnsName, NormalizesCaseTrailingDotAndOctalStar) {
  EXPECT_EQ(normalize("WWW.Example.COM"), "www.example.com.");
  EXPECT_EQ(normalize("www.example.com."), "www.example.com.");
  EXPECT_EQ(normalize("\\052.example.com"), "*.example.com.");
}

TEST(DnsName, KnowsWhatLiesBelowAZone) {
  EXPECT_TRUE(is_at_or_below("a.example.com.", "example.com."));
  EXPECT_TRUE(is_at_or_below("example.com.", "example.com."));
  EXPECT_FALSE(is_at_or_below("badexample.com.", "example.com."));
  EXPECT_EQ(parent("a.b.example.com."), "b.example.com.");
  EXPECT_EQ(sort_key("www.example.com."), "com.example.www");
}

TEST(CertificateWildcard, StarIsExactlyOneLeftmostLabel) {
  EXPECT_TRUE(certificate_covers("*.example.com", "api.example.com"));
  EXPECT_TRUE(certificate_covers("*.example.com", "API.Example.com."));
  EXPECT_FALSE(certificate_covers("*.example.com", "example.com")) << "not the apex";
  EXPECT_FALSE(certificate_covers("*.example.com", "a.b.example.com")) << "not two labels";
  EXPECT_TRUE(certificate_covers("api.example.com", "api.example.com"));
  EXPECT_FALSE(certificate_covers("api.example.com", "www.example.com"));
}

TEST(CertificateDomain, FollowsAcmsPattern) {
  for (const char* ok : {"example.com", "*.example.com", "a-b.example.co.uk", "xn--bcher-kva.example"})
    EXPECT_TRUE(is_valid_certificate_domain(ok)) << ok;
  for (const char* bad : {"", "com", "-a.example.com", "a-.example.com", "a..example.com", "*.*.example.com", "a.*.example.com", "exa mple.com",
                          "example.com.", "example.123"}) {
    EXPECT_FALSE(is_valid_certificate_domain(bad)) << bad;
  }
}
