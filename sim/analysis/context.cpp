#include "acmsim/analysis/context.hpp"

#include <algorithm>

#include "acmsim/analysis/rule.hpp"
#include "acmsim/model/changes.hpp"
#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::analysis {

void Context::report(std::vector<std::string> resources, std::string message, std::int32_t origin) {
  Finding f;
  f.rule = std::string(rule_->id);
  f.severity = rule_->severity;
  f.resources = std::move(resources);
  f.message = std::move(message);
  f.origin = origin;
  f.id = finding_id(f.rule, f.resources);
  findings_.push_back(std::move(f));
  subjects_.push_back(subject_);
}

void Context::wake_at(core::SimTime t) {
  if (t > now_) wakeups_.push_back({t, subject_});
}

const std::vector<std::pair<const model::HostedZone*, const model::RecordSet*>>& Context::records() const {
  model::ReadLog::note(model::Part::Dns, model::kAllKeys);  // a walk over every record
  if (!records_) {
    records_.emplace();
    for (const auto* z : world_.route53.zones()) {
      for (const auto& [k, r] : z->records) records_->emplace_back(z, &r);
    }
  }
  return *records_;
}

std::vector<const model::HostedZone*> Context::zones_for(const std::string& name) const {
  std::vector<std::size_t> found;
  // The name and each parent: "a.example.com." then "example.com." then "com.".
  const std::string_view whole = name;
  for (std::size_t at = 0; at < name.size();) {
    if (const auto* indexes = world_.route53.zones_named(whole.substr(at))) found.insert(found.end(), indexes->begin(), indexes->end());
    const std::size_t dot = name.find('.', at);
    if (dot == std::string::npos) break;
    at = dot + 1;
  }
  std::sort(found.begin(), found.end());  // creation order, as zones() lists them
  std::vector<const model::HostedZone*> out;
  out.reserve(found.size());
  for (const std::size_t i : found) out.push_back(&world_.route53.zone_at(i));
  return out;
}

std::vector<std::pair<const model::HostedZone*, const model::RecordSet*>> Context::cnames_named(const std::string& name) const {
  std::vector<std::pair<const model::HostedZone*, const model::RecordSet*>> out;
  model::ReadLog::note(model::Part::Dns, model::dns::name_key(name));
  const std::string key = model::dns::sort_key(name);
  const std::string_view type = model::aws_name(model::RRType::CNAME);
  for (const auto* z : zones_for(name)) {
    for (auto it = z->records.lower_bound(model::RecordKeyView{key, type, ""}); it != z->records.end(); ++it) {
      if (it->first.sort_name != key || it->first.type != type) break;
      if (it->second.name == name) out.emplace_back(z, &it->second);
    }
  }
  return out;
}

bool Context::validation_resolves(const model::DomainValidation& v) const {
  return world_.dns.cname_reaches(v.record_name, v.record_value, static_cast<int>(world_.settings.max_cname_chain));
}

const std::vector<std::string>& Context::names_of(const model::Certificate& c) { return c.versions.empty() ? c.sans : *c.versions.back().names; }

bool Context::covers(const model::Certificate& c, const std::string& host) {
  const auto& names = names_of(c);
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return model::dns::certificate_covers(n, host); });
}

namespace {
constexpr const char* kExpiryDetailType = "ACM Certificate Approaching Expiration";
}  // namespace

bool Context::takes_expiry_event(const model::EventPattern& pattern, const model::Certificate& c, model::RegionId region) const {
  static const core::Json source = "aws.acm";
  static const core::Json detail_type = kExpiryDetailType;
  if (const std::optional<bool> decided = pattern.decides(source, detail_type)) return *decided;
  return pattern.matches(sample_expiry_event(c, region));
}

const core::Json& Context::sample_expiry_event(const model::Certificate& c, model::RegionId region) const {
  // One document per thread, kept across passes: the engine makes a Context
  // per instant, and building the document was most of the rule's cost.
  thread_local core::Json expiry_event;
  if (expiry_event.is_null()) {
    expiry_event = core::Json{
        {"version", "0"},
        {"id", "00000000-0000-0000-0000-000000000000"},
        {"detail-type", kExpiryDetailType},
        {"source", "aws.acm"},
        {"account", world_.account},
        {"time", core::format_timestamp(now_)},
        {"region", ""},
        {"resources", core::Json::array({""})},
        {"detail",
         {{"DaysToExpiry", 1}, {"CommonName", ""}, {"FirstSubjectAlternativeName", ""}, {"ValidityInDays", 0}, {"CertificateKeyPairOrigin", ""}}}};
  }
  auto& e = expiry_event;
  e["account"].get_ref<std::string&>() = world_.account;
  e["time"].get_ref<std::string&>() = core::format_timestamp(now_);
  e["region"].get_ref<std::string&>() = model::region_code(region);
  e["resources"][0].get_ref<std::string&>() = c.arn;
  auto& d = e["detail"];
  d["CommonName"].get_ref<std::string&>() = c.domain_name;
  d["FirstSubjectAlternativeName"].get_ref<std::string&>() = c.sans.empty() ? c.domain_name : c.sans.front();
  d["ValidityInDays"] = c.validity_days;
  d["CertificateKeyPairOrigin"].get_ref<std::string&>() = c.type == model::CertificateType::Imported ? "CUSTOMER_PROVIDED" : "AWS_MANAGED";
  return e;
}

}  // namespace acmsim::analysis
