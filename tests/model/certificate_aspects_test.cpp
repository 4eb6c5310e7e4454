// A certificate's aspect prints: each field that a rule may read moves the
// print of its own aspect and of no other, so the engine re-judges a
// certificate exactly for the rules that read what changed.
#include "acmsim/model/acm/certificate_aspects.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

using namespace acmsim;
using model::aspect_bit;
using model::CertificateAspect;

namespace {

model::Certificate issued() {
  model::Certificate c;
  c.arn = "arn:aws:acm:us-east-1:111122223333:certificate/0001";
  c.domain_name = "api.example.com";
  c.sans = {"api.example.com", "www.example.com"};
  c.status = model::CertificateStatus::Issued;
  c.validations.push_back({"api.example.com", "example.com", model::DomainStatus::Success, model::ValidationMethod::Dns, "_a.api.example.com.",
                           "_b.acm-validations.aws."});
  c.not_before = core::SimTime{1000};
  c.not_after = core::SimTime{2000};
  c.serial = model::Serial{};
  c.add_version(*c.not_before, *c.not_after, core::SimTime{1000});
  c.renewal = model::RenewalSummary{};
  c.in_use_by.insert("apigateway:api.example.com");
  return c;
}

}  // namespace

TEST(CertificateAspects, EachFieldMovesItsOwnAspectOnly) {
  struct Case {
    const char* what;
    CertificateAspect aspect;
    std::function<void(model::Certificate&)> change;
  };
  const std::vector<Case> cases = {
      {"status", CertificateAspect::Identity, [](auto& c) { c.status = model::CertificateStatus::Expired; }},
      {"deleted", CertificateAspect::Identity, [](auto& c) { c.deleted = true; }},
      {"a name, same length", CertificateAspect::Identity, [](auto& c) { c.sans[1] = "wwx.example.com"; }},
      {"issuer", CertificateAspect::Identity, [](auto& c) { c.issuer = "Other CA"; }},
      {"validation status", CertificateAspect::Identity, [](auto& c) { c.validations[0].status = model::DomainStatus::Failed; }},
      {"tag", CertificateAspect::Identity,
       [](auto& c) {
         c.tags.push_back({"k", "v"});
       }},
      {"origin", CertificateAspect::Identity, [](auto& c) { c.origin = 7; }},
      {"export option", CertificateAspect::Identity, [](auto& c) { c.export_option = model::ExportOption::Enabled; }},
      {"a user", CertificateAspect::Use, [](auto& c) { c.in_use_by.insert("elb:one"); }},
      {"no user", CertificateAspect::Use, [](auto& c) { c.in_use_by.clear(); }},
      {"detaching", CertificateAspect::Use,
       [](auto& c) {
         c.detaching.push_back({"elb:one", core::SimTime{5}});
       }},
      {"not after", CertificateAspect::Validity, [](auto& c) { c.not_after = core::SimTime{3000}; }},
      {"serial", CertificateAspect::Validity, [](auto& c) { c.serial->bytes[15] = 1; }},
      {"a new body", CertificateAspect::Validity, [](auto& c) { c.add_version(core::SimTime{2}, core::SimTime{3}, core::SimTime{4}); }},
      {"exported", CertificateAspect::Validity, [](auto& c) { c.exported_since_issue = true; }},
      {"renewal status", CertificateAspect::Renewal, [](auto& c) { c.renewal->status = model::RenewalStatus::PendingValidation; }},
      {"renewal reason", CertificateAspect::Renewal, [](auto& c) { c.renewal->reason = model::FailureReason::CaaError; }},
      {"renewing", CertificateAspect::Renewal, [](auto& c) { c.renewing = true; }},
      {"no renewal", CertificateAspect::Renewal, [](auto& c) { c.renewal.reset(); }},
  };
  const model::Certificate base = issued();
  const model::AspectPrints before = model::aspect_prints(base);
  for (const auto& k : cases) {
    model::Certificate c = base;
    k.change(c);
    EXPECT_EQ(model::changed_aspects(before, model::aspect_prints(c)), aspect_bit(k.aspect)) << k.what;
  }
}

TEST(CertificateAspects, TimedProcessesMoveNoAspect) {
  // What schedules ACM's own work is read by no rule: a DNS check that only
  // schedules the next one changes nothing a verdict depends on.
  const model::Certificate base = issued();
  model::Certificate c = base;
  c.dns_check_pending = true;
  c.notice_event = core::EventId{42, 7};
  EXPECT_EQ(model::changed_aspects(model::aspect_prints(base), model::aspect_prints(c)), 0U);
}

TEST(CertificateAspects, OrderMatters) {
  model::Certificate a = issued();
  model::Certificate b = a;
  std::swap(b.sans[0], b.sans[1]);
  EXPECT_EQ(model::changed_aspects(model::aspect_prints(a), model::aspect_prints(b)), aspect_bit(CertificateAspect::Identity));
}
