// Whole timelines of certificates, at the model level.
#include <gtest/gtest.h>

#include "acmsim/model/acm/validation_token.hpp"
#include "world_fixture.hpp"

using namespace acmsim;
using namespace acmsim::testing;
using model::CertificateStatus;
using model::DomainStatus;
using model::RenewalStatus;
using model::RRType;

namespace {
model::RegionId region(const char* code) { return *model::find_region(code); }
}  // namespace

TEST(AcmDnsValidation, IssuesWithin30MinutesOfTheRecordPlusTheIssuanceDelay) {
  WorldFixture f;
  const auto z = f.zone();
  const auto arn = f.request("api.example.com");
  EXPECT_EQ(f.cert(arn).status, CertificateStatus::PendingValidation);
  f.run_until(Duration::hours(2));
  EXPECT_EQ(f.cert(arn).status, CertificateStatus::PendingValidation) << "no record, no issue";
  f.write_validation_records(arn, z);
  f.run_until(Duration::hours(2) + Duration::minutes(30));
  EXPECT_EQ(f.cert(arn).status, CertificateStatus::PendingValidation) << "notice (1m to 30m) + issuance (30m) takes at least 31 minutes";
  f.run_until(Duration::hours(3) + Duration::minutes(1));
  const auto& c = f.cert(arn);
  EXPECT_EQ(c.status, CertificateStatus::Issued);
  EXPECT_EQ(*c.not_after - *c.not_before, Duration::days(198));
  EXPECT_EQ(c.renewal_lead_days, 45);
  EXPECT_EQ(f.story(arn), (std::vector<std::string>{"Requested", "DomainValidated", "StatusChanged:ISSUED", "Issued"}));
}

TEST(AcmDnsValidation, TheRecordIsAFunctionOfAccountAndNameOnly) {
  const auto a = model::validation_record_for("111122223333", "*.example.com");
  const auto b = model::validation_record_for("111122223333", "example.com");
  const auto c = model::validation_record_for("444455556666", "example.com");
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.value, b.value);
  EXPECT_NE(a.name, c.name);
  EXPECT_EQ(b.name.substr(b.name.size() - 13), ".example.com.");
  EXPECT_EQ(b.name.size(), 1 + 32 + 13);
  EXPECT_EQ(b.value.substr(b.value.size() - 21), ".acm-validations.aws.");
}

TEST(AcmDnsValidation, TimesOutAfter72HoursWithoutItsRecord) {
  WorldFixture f;
  f.zone();
  const auto arn = f.request("api.example.com");
  f.run_until(Duration::hours(72) - Duration{1});
  EXPECT_EQ(f.cert(arn).status, CertificateStatus::PendingValidation);
  f.run_until(Duration::hours(72));
  EXPECT_EQ(f.cert(arn).status, CertificateStatus::ValidationTimedOut);
  EXPECT_EQ(f.cert(arn).validations[0].status, DomainStatus::Failed);
}

TEST(AcmDnsValidation, ARecordInAPrivateZoneNeverValidates) {
  WorldFixture f;
  const auto priv = f.zone("example.com", true);
  const auto arn = f.request("api.example.com");
  f.write_validation_records(arn, priv);
  f.run_until(Duration::days(4));
  EXPECT_EQ(f.cert(arn).status, CertificateStatus::ValidationTimedOut);
}

TEST(AcmCaa, ACaaRecordThatForbidsAmazonFailsTheRequest) {
  WorldFixture f;
  const auto z = f.zone();
  f.put(z, "example.com", RRType::CAA, {"0 issue \"letsencrypt.org\""});
  const auto arn = f.request("api.example.com");
  f.write_validation_records(arn, z);
  f.run_until(Duration::days(1));
  EXPECT_EQ(f.cert(arn).status, CertificateStatus::Failed);
  EXPECT_EQ(f.cert(arn).failure_reason, model::FailureReason::CaaError);
}

TEST(AcmEmailValidation, WaitsForEveryDomainToBeApproved) {
  WorldFixture f;
  const auto arn = f.request("www.example.com", {"shop.example.com"}, "EMAIL");
  EXPECT_EQ(f.cert(arn).validations[0].validation_domain, "example.com");
  ASSERT_TRUE(f.world.acm.approve_validation_email(arn, "www.example.com").ok());
  f.run_until(Duration::days(1));
  EXPECT_EQ(f.cert(arn).status, CertificateStatus::PendingValidation);
  ASSERT_TRUE(f.world.acm.approve_validation_email(arn, "shop.example.com").ok());
  f.run_until(Duration::days(2));
  EXPECT_EQ(f.cert(arn).status, CertificateStatus::Issued);
  EXPECT_EQ(f.cert(arn).renewal_lead_days, 45);
  EXPECT_FALSE(f.world.acm.approve_validation_email(arn, "www.example.com").ok()) << "nothing is pending any more";
}

TEST(AcmValidity, EraAtIssueDecidesValidityAndTheRenewalGetsTheNewEra) {
  WorldFixture f("2025-07-01T00:00:00Z");
  const auto z = f.zone();
  const auto arn = f.request("host.example.com", {}, "DNS", "us-east-1", true);
  f.write_validation_records(arn, z);
  f.run_until(Duration::days(1));
  EXPECT_EQ(f.cert(arn).validity_days, 395);
  EXPECT_EQ(f.cert(arn).renewal_lead_days, 60);
  ASSERT_TRUE(f.world.acm.export_certificate(region("us-east-1"), arn, "c2VjcmV0LXBhc3M=").ok());
  const auto first_not_after = *f.cert(arn).not_after;
  f.run_until(Duration::days(337));
  const auto& c = f.cert(arn);
  ASSERT_TRUE(c.renewal.has_value());
  EXPECT_EQ(c.renewal->status, RenewalStatus::Success);
  EXPECT_EQ(c.validity_days, 198);
  EXPECT_EQ(c.renewal_lead_days, 45);
  EXPECT_GT(*c.not_after, first_not_after);
  EXPECT_FALSE(c.exported_since_issue) << "a renewal resets the export flag: the new certificate must be exported again";
}

TEST(AcmValidity, AssumedStepsOf2027And2029AreBuiltInAndMarked) {
  const model::Settings s;
  const auto at = [&](const char* t) { return s.public_era_at(*core::parse_timestamp(t)); };
  EXPECT_EQ(at("2027-03-14T23:59:59Z").days, 198);
  EXPECT_FALSE(at("2027-03-14T23:59:59Z").assumed);
  EXPECT_EQ(at("2027-03-15T00:00:00Z").days, 98);
  EXPECT_EQ(at("2027-03-15T00:00:00Z").renewal_lead_days, 30);
  EXPECT_TRUE(at("2027-03-15T00:00:00Z").assumed);
  EXPECT_EQ(at("2029-03-15T00:00:00Z").days, 45);
  EXPECT_EQ(at("2029-03-15T00:00:00Z").renewal_lead_days, 15);
  // EMAIL validation renews 45 days ahead, or the era's lead where that is shorter.
  EXPECT_EQ(s.public_renewal_lead_days(*core::parse_timestamp("2026-03-01T00:00:00Z"), true), 45);
  EXPECT_EQ(s.public_renewal_lead_days(*core::parse_timestamp("2025-03-01T00:00:00Z"), true), 45);
  EXPECT_EQ(s.public_renewal_lead_days(*core::parse_timestamp("2027-04-01T00:00:00Z"), true), 30);
  EXPECT_EQ(s.public_renewal_lead_days(*core::parse_timestamp("2029-04-01T00:00:00Z"), true), 15);
}

TEST(AcmValidity, AScenarioEntryWithTheSameDateReplacesAnAssumedEra) {
  model::Settings s;
  const auto* info = model::find_setting("acm.publicValidity");
  ASSERT_NE(info, nullptr);
  ASSERT_FALSE(info->apply(s, core::Json::parse(R"([{"from": "2027-03-15T00:00:00Z", "days": 100, "renewalLeadDays": 30}])")));
  const auto& era = s.public_era_at(*core::parse_timestamp("2027-06-01T00:00:00Z"));
  EXPECT_EQ(era.days, 100);
  EXPECT_FALSE(era.assumed) << "the scenario's own figure is no assumption of acmsim's";
}

TEST(AcmValidity, ACertificateIssuedIn2027Gets98Days) {
  WorldFixture f("2027-04-01T00:00:00Z");
  const auto z = f.zone();
  const auto arn = f.request("api.example.com");
  f.write_validation_records(arn, z);
  f.run_until(Duration::days(1));
  EXPECT_EQ(f.cert(arn).validity_days, 98);
  EXPECT_EQ(f.cert(arn).renewal_lead_days, 30);
}

TEST(AcmExport, ExportableCertificatesDidNotExistBefore2025_06_17) {
  WorldFixture f("2025-06-16T00:00:00Z");
  model::RequestCertificateInput in;
  in.domain_name = "host.example.com";
  in.export_option = "ENABLED";
  const auto refused = f.world.acm.request_certificate(region("us-east-1"), in);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "ValidationException");
  EXPECT_NE(refused.error().message.find("2025-06-17"), std::string::npos);
  in.export_option = "DISABLED";
  EXPECT_TRUE(f.world.acm.request_certificate(region("us-east-1"), in).ok()) << "a plain request is fine";
  f.run_until(Duration::days(1));
  in.export_option = "ENABLED";
  EXPECT_TRUE(f.world.acm.request_certificate(region("us-east-1"), in).ok()) << "launch day";
}

TEST(AcmExport, RenewCertificateNeedsAPreviousExport) {
  WorldFixture f;
  const auto z = f.zone();
  const auto arn = f.request("host.example.com", {}, "DNS", "us-east-1", true);
  f.write_validation_records(arn, z);
  f.run_until(Duration::days(1));
  const auto refused = f.world.acm.renew_certificate(region("us-east-1"), arn);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "ValidationException");
  EXPECT_EQ(refused.error().message.rfind("You can only renew certificates that have been previously exported.", 0), 0U);
  ASSERT_TRUE(f.world.acm.export_certificate(region("us-east-1"), arn, "c2VjcmV0LXBhc3M=").ok());
  EXPECT_TRUE(f.world.acm.renew_certificate(region("us-east-1"), arn).ok());
}

TEST(AcmImport, ReimportWithTagsIsAValidationException) {
  WorldFixture f;
  model::ImportCertificateInput in;
  in.certificate = {"legacy.example.com", {},  *core::parse_timestamp("2026-02-01T00:00:00Z"), *core::parse_timestamp("2026-04-30T00:00:00Z"),
                    "RSA_2048",           "CA"};
  const auto arn = f.world.acm.import_certificate(region("us-east-1"), in).value();
  in.certificate_arn = arn;
  in.tags = {{"team", "web"}};
  const auto refused = f.world.acm.import_certificate(region("us-east-1"), in);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "ValidationException");
  EXPECT_EQ(refused.error().message, "Tagging is not permitted on re-import.");
}

TEST(AcmEmailValidation, ResendRestartsTheTimeoutOnlyWhenTheSettingSaysSo) {
  for (const bool restart : {false, true}) {
    model::Settings s;
    s.resend_restarts_validation_timeout = restart;
    WorldFixture f("2026-03-01T00:00:00Z", s);
    const auto arn = f.request("mail.example.com", {}, "EMAIL");
    f.run_until(Duration::hours(48));
    ASSERT_TRUE(f.world.acm.resend_validation_email(region("us-east-1"), arn, "mail.example.com").ok());
    f.run_until(Duration::hours(100));
    EXPECT_EQ(f.cert(arn).status, restart ? CertificateStatus::PendingValidation : CertificateStatus::ValidationTimedOut);
    f.run_until(Duration::hours(120));
    EXPECT_EQ(f.cert(arn).status, CertificateStatus::ValidationTimedOut);
  }
}

TEST(AcmValidity, ScenarioSettingsAddEras) {
  model::Settings s;
  model::ValidityEra era{*core::parse_timestamp("2027-03-15T00:00:00Z"), 100, 30};
  s.public_validity.push_back(era);
  EXPECT_EQ(s.public_era_at(*core::parse_timestamp("2027-03-15T00:00:00Z")).days, 100);
  EXPECT_EQ(s.public_era_at(*core::parse_timestamp("2027-03-14T23:59:59Z")).days, 198);
  EXPECT_EQ(s.public_era_at(*core::parse_timestamp("2020-01-01T00:00:00Z")).days, 395);
}

TEST(AcmRenewal, AnUnusedCertificateIsNotRenewedAndExpires) {
  WorldFixture f;
  const auto z = f.zone();
  const auto arn = f.request("api.example.com");
  f.write_validation_records(arn, z);
  f.run_until(Duration::days(200));
  EXPECT_EQ(f.cert(arn).status, CertificateStatus::Expired);
  EXPECT_EQ(f.cert(arn).renewal->status, RenewalStatus::Failed);
}

TEST(AcmRenewal, AttachingInTheWindowResumesTheStalledRenewal) {
  WorldFixture f;
  const auto z = f.zone();
  const auto arn = f.request("api.example.com");
  f.write_validation_records(arn, z);
  f.run_until(Duration::days(160));
  ASSERT_EQ(f.cert(arn).renewal->status, RenewalStatus::PendingValidation);
  ASSERT_TRUE(f.world.acm.attach(arn, "arn:aws:cloudfront::111122223333:distribution/E1").ok());
  f.run_until(Duration::days(161));
  EXPECT_EQ(f.cert(arn).renewal->status, RenewalStatus::Success);
  EXPECT_EQ(f.cert(arn).status, CertificateStatus::Issued);
}

TEST(AcmRenewal, ADeletedRecordStallsRenewalUntilItIsBack) {
  WorldFixture f;
  const auto [z, arn] = f.issued_in_use();
  ASSERT_TRUE(f.cert(arn).in_use());
  const auto& v = f.cert(arn).validations[0];
  ASSERT_TRUE(f.put(z, v.record_name, RRType::CNAME, {v.record_value}, model::ChangeAction::Delete).ok());
  f.run_until(Duration::days(158));
  EXPECT_EQ(f.cert(arn).renewal->status, RenewalStatus::PendingValidation);
  f.write_validation_records(arn, z);
  f.run_until(Duration::days(159));
  EXPECT_EQ(f.cert(arn).renewal->status, RenewalStatus::Success);
}

TEST(AcmDelete, InUseCertificatesCannotBeDeletedUntilDetachedAndTheDelayPassed) {
  WorldFixture f;
  const auto arn = f.request("api.example.com");
  ASSERT_TRUE(f.world.acm.attach(arn, "user").ok());
  auto r = f.world.acm.delete_certificate(region("us-east-1"), arn);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "ResourceInUseException");
  EXPECT_EQ(r.error().message, "Certificate " + arn + " in account 111122223333 is in use.");
  f.world.acm.detach(arn, "user");
  f.run_until(Duration::minutes(29));
  EXPECT_FALSE(f.world.acm.delete_certificate(region("us-east-1"), arn).ok());
  f.run_until(Duration::minutes(30));
  EXPECT_TRUE(f.world.acm.delete_certificate(region("us-east-1"), arn).ok());
}

TEST(AcmImport, IsRefusedOutsideItsValidityAndNeverRenewed) {
  WorldFixture f;
  model::ImportCertificateInput in;
  in.certificate = {"legacy.example.com", {},  *core::parse_timestamp("2026-02-01T00:00:00Z"), *core::parse_timestamp("2026-04-30T00:00:00Z"),
                    "RSA_2048",           "CA"};
  const auto arn = f.world.acm.import_certificate(region("us-east-1"), in).value();
  in.certificate.not_before = *core::parse_timestamp("2026-03-02T00:00:00Z");
  EXPECT_EQ(f.world.acm.import_certificate(region("us-east-1"), in).error().code, "ValidationException");
  ASSERT_TRUE(f.world.acm.attach(arn, "user").ok());
  f.run_until(Duration::days(61));
  EXPECT_EQ(f.cert(arn).status, CertificateStatus::Expired);
  EXPECT_FALSE(f.cert(arn).renewal.has_value());
}

TEST(AcmRequest, AmazonOwnedNamesFailAndBadInputsGetAwsErrors) {
  WorldFixture f;
  const auto arn = f.request("api.execute-api.us-east-1.amazonaws.com");
  EXPECT_EQ(f.cert(arn).status, CertificateStatus::Failed);
  EXPECT_EQ(f.cert(arn).failure_reason, model::FailureReason::AdditionalVerificationRequired);
  model::RequestCertificateInput in;
  in.domain_name = "bad_name.example.com";
  EXPECT_EQ(f.world.acm.request_certificate(region("us-east-1"), in).error().code, "ValidationException");
  in.domain_name = "ok.example.com";
  for (int i = 0; i < 10; ++i) in.subject_alternative_names.push_back("n" + std::to_string(i) + ".example.com");
  EXPECT_EQ(f.world.acm.request_certificate(region("us-east-1"), in).error().code, "LimitExceededException");
  in.subject_alternative_names.clear();
  in.key_algorithm = "RSA_4096";
  EXPECT_EQ(f.world.acm.request_certificate(region("us-east-1"), in).error().code, "ValidationException");
}

TEST(AcmRegions, ACertificateIsVisibleOnlyInItsRegion) {
  WorldFixture f;
  const auto arn = f.request("api.example.com", {}, "DNS", "eu-west-1");
  EXPECT_TRUE(f.world.acm.describe_certificate(region("eu-west-1"), arn).ok());
  EXPECT_EQ(f.world.acm.describe_certificate(region("us-east-1"), arn).error().code, "ResourceNotFoundException");
  EXPECT_TRUE(f.world.acm.list_certificates(region("us-east-1"), {}).empty());
}
