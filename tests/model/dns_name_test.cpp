#include "acmsim/model/route53/dns_name.hpp"

#include <gtest/gtest.h>

#include <random>

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

TEST(DnsName, IsNormalizedAgreesWithNormalize) {
  // Without a backslash, is_normalized(n) is exactly normalize(n) == n; with
  // one, it says no (the caller normalizes, which is always right). The
  // alphabet holds the letters at both ends of A-Z and the bytes around them.
  const std::string alphabet = "AZ@[az`{.\\*0-\x80\xff";
  std::mt19937 rng(3);
  for (int i = 0; i < 40000; ++i) {
    std::string n(rng() % 70, ' ');
    for (auto& c : n) c = i % 2 == 0 ? alphabet[rng() % alphabet.size()] : static_cast<char>(rng() % 256);
    if (i % 4 == 1) n = std::string(rng() % 40, 'a') + n.substr(0, 1) + std::string(rng() % 9, 'b');  // one odd byte anywhere
    if (i % 3 == 0) n += '.';
    if (n.find('\\') == std::string::npos) {
      ASSERT_EQ(is_normalized(n), normalize(n) == n) << n;
    } else {
      ASSERT_FALSE(is_normalized(n)) << n;
    }
  }
}
