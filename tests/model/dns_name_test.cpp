#include "acmsim/model/route53/dns_name.hpp"

#include <gtest/gtest.h>

#include <random>
#include <unordered_set>

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

TEST(DnsName, NameKeysOfAFleetsNamesDoNotCollide) {
  // A collision costs only a re-check, but a weak key would make them common:
  // names that differ in one byte, in length only, or share long suffixes.
  std::unordered_set<std::string> names;
  for (int fleet = 0; fleet < 20; ++fleet) {
    for (int c = 0; c < 5000; ++c) {
      const std::string base = "c" + std::to_string(c) + ".fleet" + std::to_string(fleet) + ".example.com.";
      for (const std::string& n : {base, "_" + std::to_string(c * 7919) + "." + base, "*." + base, base.substr(1)}) names.insert(n);
    }
  }
  for (std::size_t len = 0; len < 40; ++len) names.insert(std::string(len, 'a'));  // lengths only
  std::unordered_set<std::uint64_t> keys;
  for (const auto& n : names) keys.insert(name_key(n));
  EXPECT_EQ(keys.size(), names.size());
  EXPECT_EQ(name_key("www.example.com."), name_key(std::string("www.example.com.")));
}
