#include "acmsim/model/settings.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "acmsim/model/regions.hpp"

namespace acmsim::model {

namespace {

using core::Json;

std::optional<std::string> as_duration(const Json& v, Duration& out) {
  if (!v.is_string()) return "expected a duration string such as \"72h\" or \"30m\"";
  auto d = core::parse_duration(v.get<std::string>());
  if (!d) return "'" + v.get<std::string>() + "' is not a duration: use <integer><unit> groups, units ms s m h d w (\"72h\", \"1d12h\")";
  out = *d;
  return std::nullopt;
}

std::optional<std::string> as_count(const Json& v, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
  if (!v.is_number_integer()) return "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  const auto n = v.get<std::int64_t>();
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi))
    return "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (n < lo || n > hi) return "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  out = n;
  return std::nullopt;
}

template <std::int64_t Settings::*Field, std::int64_t Lo, std::int64_t Hi>
std::optional<std::string> apply_count(Settings& s, const Json& v) {
  return as_count(v, Lo, Hi, s.*Field);
}

template <Duration Settings::*Field>
std::optional<std::string> apply_duration(Settings& s, const Json& v) {
  return as_duration(v, s.*Field);
}

std::optional<std::string> apply_public_validity(Settings& s, const Json& v) {
  const char* shape =
      "expected an array of {\"from\": timestamp, \"days\": n, \"renewalLeadDays\": n} (and optionally \"assumed\": true, for figures "
      "AWS has not published)";
  if (!v.is_array()) return shape;
  for (const auto& e : v) {
    const bool has_assumed = e.is_object() && e.contains("assumed");
    if (!e.is_object() || e.size() != (has_assumed ? 4U : 3U) || !e.contains("from") || !e.contains("days") || !e.contains("renewalLeadDays"))
      return shape;
    if (!e["from"].is_string() || (has_assumed && !e["assumed"].is_boolean())) return shape;
    auto from = core::parse_timestamp(e["from"].get<std::string>());
    if (!from) return "'from' must be an RFC 3339 UTC timestamp such as \"2027-03-15T00:00:00Z\"";
    ValidityEra era{*from, 0, 0, has_assumed && e["assumed"].get<bool>()};
    if (auto err = as_count(e["days"], 1, 3650, era.days)) return "'days': " + *err;
    if (auto err = as_count(e["renewalLeadDays"], 1, 3649, era.renewal_lead_days)) return "'renewalLeadDays': " + *err;
    if (era.renewal_lead_days >= era.days) return "'renewalLeadDays' must be less than 'days'";
    // A later `from` wins from that date; an equal one replaces the entry.
    auto it = std::find_if(s.public_validity.begin(), s.public_validity.end(), [&](const ValidityEra& x) { return x.from == era.from; });
    if (it != s.public_validity.end())
      *it = era;
    else
      s.public_validity.push_back(era);
  }
  std::sort(s.public_validity.begin(), s.public_validity.end(), [](const ValidityEra& a, const ValidityEra& b) { return a.from < b.from; });
  return std::nullopt;
}

std::optional<std::string> apply_notice_delay(Settings& s, const Json& v) {
  const char* shape = "expected {\"min\": duration, \"max\": duration} with 0 < min <= max";
  if (!v.is_object() || v.size() != 2 || !v.contains("min") || !v.contains("max")) return shape;
  Duration lo;
  Duration hi;
  if (auto e = as_duration(v["min"], lo)) return *e;
  if (auto e = as_duration(v["max"], hi)) return *e;
  if (lo.ms <= 0 || hi < lo) return shape;
  s.notice_delay_min = lo;
  s.notice_delay_max = hi;
  return std::nullopt;
}

std::optional<std::string> apply_expiry_event_days(Settings& s, const Json& v) {
  const char* shape = "expected {\"public\": n, \"private\": n, \"imported\": n}, each from 1 to 45 (members may be omitted)";
  if (!v.is_object()) return shape;
  for (const auto& [k, x] : v.items()) {
    std::int64_t* field = k == "public"     ? &s.expiry_event_days.public_days
                          : k == "private"  ? &s.expiry_event_days.private_days
                          : k == "imported" ? &s.expiry_event_days.imported_days
                                            : nullptr;
    if (field == nullptr) return std::string("unknown member '") + k + "': " + shape;
    if (auto e = as_count(x, 1, 45, *field)) return "'" + k + "': " + *e;
  }
  return std::nullopt;
}

std::optional<std::string> apply_action_required_days(Settings& s, const Json& v) {
  const char* shape =
      "expected {\"public\": [days...], \"private\": [days...]}: days before NotAfter from 1 to 365, each at most once (members may be "
      "omitted)";
  if (!v.is_object()) return shape;
  for (const auto& [k, x] : v.items()) {
    std::vector<std::int64_t>* field = k == "public"    ? &s.action_required_days.public_days
                                       : k == "private" ? &s.action_required_days.private_days
                                                        : nullptr;
    if (field == nullptr) return std::string("unknown member '") + k + "': " + shape;
    if (!x.is_array() || x.size() > 64) return "'" + k + "': " + shape;
    std::vector<std::int64_t> days;
    for (const auto& d : x) {
      std::int64_t n = 0;
      if (auto e = as_count(d, 1, 365, n)) return "'" + k + "': " + *e;
      if (std::find(days.begin(), days.end(), n) != days.end()) return "'" + k + "': day " + std::to_string(n) + " is given twice";
      days.push_back(n);
    }
    std::sort(days.rbegin(), days.rend());
    *field = std::move(days);
  }
  return std::nullopt;
}

std::optional<std::string> apply_resend_restarts(Settings& s, const Json& v) {
  if (!v.is_boolean()) return "expected true or false";
  s.resend_restarts_validation_timeout = v.get<bool>();
  return std::nullopt;
}

std::optional<std::string> as_number(const Json& v, double lo, double hi, double& out) {
  if (!v.is_number()) return "expected a number from " + std::to_string(lo) + " to " + std::to_string(hi);
  const double d = v.get<double>();
  if (d < lo || d > hi) return "expected a number from " + std::to_string(lo) + " to " + std::to_string(hi);
  out = d;
  return std::nullopt;
}

template <double Settings::*Field, int Lo, int Hi>
std::optional<std::string> apply_number(Settings& s, const Json& v) {
  return as_number(v, Lo, Hi, s.*Field);
}

std::optional<std::string> apply_max_attempts(Settings& s, const Json& v) { return as_count(v, 1, 1'000'000'000, s.max_probe_attempts); }

std::optional<std::string> apply_jitter(Settings& s, const Json& v) { return as_number(v, 0.0, 0.9, s.latency_jitter); }

std::optional<std::string> apply_fault_probability(Settings& s, const Json& v) { return as_number(v, 0.0, 1.0, s.renewal_fault_probability); }

std::optional<std::string> apply_repair_mean(Settings& s, const Json& v) {
  if (v.is_null()) {
    s.repair_mean.reset();
    return std::nullopt;
  }
  Duration d;
  if (auto e = as_duration(v, d)) return *e + ", or null for no operator";
  if (d.ms <= 0) return "expected a positive duration such as \"2d\", or null for no operator";
  s.repair_mean = d;
  return std::nullopt;
}

std::optional<std::string> apply_rtt(Settings& s, const Json& v) {
  const char* shape = "expected {\"<region>\": {\"<region>\": milliseconds}}, for example {\"us-east-1\": {\"eu-west-1\": 68}}";
  if (!v.is_object()) return shape;
  for (const auto& [a, row] : v.items()) {
    if (!find_region(a)) return "unknown region '" + a + "'";
    if (!row.is_object()) return shape;
    for (const auto& [b, ms] : row.items()) {
      if (!find_region(b)) return "unknown region '" + b + "'";
      double d = 0;
      if (auto e = as_number(ms, 0.0, 2000.0, d)) return "'" + a + "' to '" + b + "': " + *e;
      s.rtt_overrides.emplace_back(a, b, d);
    }
  }
  return std::nullopt;
}

std::string day_of(SimTime t) { return core::format_timestamp(t).substr(0, 10); }

// "395 days (renewal 60 days before NotAfter) until 2026-02-18; 198 days (45)
// from 2026-02-18; assumed: 98 days (30) from 2027-03-15 and ...".
std::string describe_public_validity(const Settings& s) {
  std::string out;
  std::string assumed;
  const auto& eras = s.public_validity;
  for (std::size_t i = 0; i < eras.size(); ++i) {
    const auto& e = eras[i];
    if (i == 0) {
      out = std::to_string(e.days) + " days (renewal " + std::to_string(e.renewal_lead_days) + " days before NotAfter)";
      if (eras.size() > 1) out += " until " + day_of(eras[1].from);
      continue;
    }
    const std::string text = std::to_string(e.days) + " days (" + std::to_string(e.renewal_lead_days) + ") from " + day_of(e.from);
    if (e.assumed)
      assumed += (assumed.empty() ? "" : " and ") + text;
    else
      out += "; " + text;
  }
  return assumed.empty() ? out : out + "; assumed: " + assumed;
}

std::string describe_rtt(const Settings& s) {
  if (s.rtt_overrides.empty()) return "the model's matrix";
  std::string out;
  for (const auto& [a, b, ms] : s.rtt_overrides) out += (out.empty() ? "" : ", ") + a + " to " + b + " " + Json(ms).dump() + " ms";
  return out;
}

std::string describe_repair_mean(const Settings& s) { return s.repair_mean ? core::format_duration(*s.repair_mean) : "null (no operator)"; }

// JSON for people: ", " and ": " between members, as the catalogue writes it.
std::string spaced(const Json& v) {
  if (v.is_object()) {
    std::string out = "{";
    for (const auto& [k, x] : v.items()) out += (out.size() > 1 ? ", " : "") + Json(k).dump() + ": " + spaced(x);
    return out + "}";
  }
  if (v.is_array()) {
    std::string out = "[";
    for (const auto& x : v) out += (out.size() > 1 ? ", " : "") + spaced(x);
    return out + "]";
  }
  return v.dump();
}

const auto kCatalogue = std::to_array<SettingInfo>({
    {"acm.publicValidity",
     R"([{"from": "0001-01-01T00:00:00Z", "days": 395, "renewalLeadDays": 60},
 {"from": "2026-02-18T00:00:00Z", "days": 198, "renewalLeadDays": 45},
 {"from": "2027-03-15T00:00:00Z", "days": 98, "renewalLeadDays": 30, "assumed": true},
 {"from": "2029-03-15T00:00:00Z", "days": 45, "renewalLeadDays": 15, "assumed": true}])",
     "Dated table of public certificate validity and the renewal lead paired with it; entries given here are added (a later `from` wins from its "
     "date, an equal one replaces it; `\"assumed\": true` marks figures of your own that AWS has not published, said once by a run as "
     "for the model's). The first two eras are AWS's; for the last two AWS says only \"less than 100 days\" and \"less than 47 "
     "days\" (ACM FAQ, after CA/B Forum SC-081v3), so their figures are assumptions and a run that issues under them says so once.",
     "https://docs.aws.amazon.com/acm/latest/userguide/dochistory.html ; "
     "https://docs.aws.amazon.com/acm/latest/userguide/dns-renewal-validation.html ; https://aws.amazon.com/certificate-manager/faqs/ ; "
     "https://github.com/cabforum/servercert/pull/553",
     &apply_public_validity, &describe_public_validity},
    {"acm.privateValidityDays", "395", "Validity of private certificates (ACM with AWS Private CA).",
     "https://docs.aws.amazon.com/acm/latest/userguide/private-certificates.title.html", &apply_count<&Settings::private_validity_days, 1, 3650>},
    {"acm.privateRenewalLeadDays", "60", "Days before NotAfter when ACM renews a private certificate.",
     "https://docs.aws.amazon.com/acm/latest/userguide/renew-private-cert.html", &apply_count<&Settings::private_renewal_lead_days, 1, 3649>},
    {"acm.emailRenewalLeadDays", "45",
     "Days before NotAfter when renewal of an EMAIL-validated certificate starts (in the 395- and 198-day eras); in a later era whose own lead "
     "is shorter, that lead (a choice: AWS documents 45 days only).",
     "https://docs.aws.amazon.com/acm/latest/userguide/email-renewal-validation.html", &apply_count<&Settings::email_renewal_lead_days, 1, 3649>},
    {"acm.validationTimeout", "\"72h\"", "A validation (first issue or renewal attempt) still pending this long after it began times out.",
     "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html", &apply_duration<&Settings::validation_timeout>},
    {"acm.validationEmailResendRestartsTimeout", "false",
     "Whether ResendValidationEmail starts the validation timeout again. A documented choice: the scenario format and the email validation "
     "page count the 72 hours from the request; the API reference says a resend is possible within 72 hours \"since your original request or "
     "since your last attempt to resend\", which reads as a new window. true models that reading.",
     "https://docs.aws.amazon.com/acm/latest/userguide/email-validation.html ; "
     "https://docs.aws.amazon.com/acm/latest/APIReference/API_ResendValidationEmail.html",
     &apply_resend_restarts},
    {"acm.issuanceDelay", "\"30m\"",
     "Fixed delay from completed validation to the issued (or renewed) certificate. A documented choice between two AWS statements: the "
     "renewal troubleshooting page says status changes 'can take up to several hours'; the launch post of exportable certificates says a "
     "certificate 'is typically issued within seconds after successful domain validation'. 30 minutes sits in the range users report; set "
     "\"1s\" for the launch post's reading.",
     "https://docs.aws.amazon.com/acm/latest/userguide/troubleshooting-renewal.html ; "
     "https://aws.amazon.com/blogs/aws/aws-certificate-manager-introduces-exportable-public-ssl-tls-certificates-to-use-anywhere/",
     &apply_duration<&Settings::issuance_delay>},
    {"acm.validationNoticeDelay", "{\"min\": \"1m\", \"max\": \"30m\"}",
     "ACM notices a new, changed or deleted validation record after a delay drawn uniformly from this range (stream `acm.dns-notice`).",
     "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html (\"up to 30 minutes\")", &apply_notice_delay},
    {"acm.renewalRetryInterval", "\"72h\"",
     "A managed renewal attempt that cannot validate times out after this long and starts again from the beginning.",
     "https://docs.aws.amazon.com/acm/latest/userguide/check-certificate-renewal-status.html", &apply_duration<&Settings::renewal_retry>},
    {"acm.idempotencyWindow", "\"1h\"", "RequestCertificate with the same IdempotencyToken within this window returns the same certificate.",
     "https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html", &apply_duration<&Settings::idempotency_window>},
    {"acm.expiryEventDays", "{\"public\": 30, \"private\": 45, \"imported\": 45}",
     "Default window of `ACM Certificate Approaching Expiration` events where the account set no DaysBeforeExpiry. A documented choice: the "
     "current events page says 30 days for public certificates and 45 for private and imported ones; older copies of that page, the API "
     "reference (PutAccountConfiguration) and CloudFormation's ExpiryEventsConfiguration say 45 for all, and AWS dates no change. Set "
     "{\"public\": 45} for the older reading.",
     "https://docs.aws.amazon.com/acm/latest/userguide/supported-events.html ; "
     "https://docs.aws.amazon.com/acm/latest/APIReference/API_ExpiryEventsConfiguration.html",
     &apply_expiry_event_days},
    {"acm.renewalActionRequiredDays", "{\"public\": [30, 15, 7, 3, 1], \"private\": [45, 30, 15, 7, 3, 1]}",
     "Days before NotAfter on which a renewal that is still stalled (validation records missing, or a CAA record forbidding Amazon) sends `ACM "
     "Certificate Renewal Action Required`. A documented choice: the events page says 30, 15, 3, 1 (public) and 45, 30, 15, 3, 1 (private); "
     "the DNS and email renewal pages add day 7. The model takes the union; drop 7 for the events page's reading.",
     "https://docs.aws.amazon.com/acm/latest/userguide/supported-events.html ; "
     "https://docs.aws.amazon.com/acm/latest/userguide/dns-renewal-validation.html ; "
     "https://docs.aws.amazon.com/acm/latest/userguide/email-renewal-validation.html",
     &apply_action_required_days},
    {"acm.maxDomainsPerCertificate", "10", "Quota of domain names per requested certificate (adjustable to 100); LimitExceededException beyond it.",
     "https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html", &apply_count<&Settings::max_domains_per_certificate, 1, 100>},
    {"acm.maxCnameChain", "5", "ACM stops following a CNAME chain from the validation record name after this many hops.",
     "https://github.com/awsdocs/aws-certificate-user-guide (doc_source/dns-validation.md)", &apply_count<&Settings::max_cname_chain, 1, 32>},
    {"acm.inUseDetachDelay", "\"30m\"", "A certificate detached from its last user leaves InUseBy after this delay.",
     "https://github.com/aws/aws-cdk/issues/36265 (users report 10-20 minutes)", &apply_duration<&Settings::in_use_detach_delay>},
    {"rules.validationGrace", "\"1h\"", "How long a new DNS-validated request may wait for its record before validation-record-missing fires.",
     "acmsim choice (rule validation-record-missing): ACM itself waits up to acm.validationTimeout", &apply_duration<&Settings::validation_grace>},
    {"apigateway.edgeDomainReadyDelay", "\"40m\"",
     "An edge-optimized custom domain serves this long after CreateDomainName (its CloudFront distribution deploys).",
     "https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-edge-optimized-custom-domain-name.html (\"about 40 minutes\")",
     &apply_duration<&Settings::edge_domain_ready_delay>},
    {"cloudfront.deployDelay", "\"15m\"",
     "A created or updated distribution is Deployed (and serves) after this delay; AWS says within minutes, the scenario format within 30.",
     "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-web-creating-console.html",
     &apply_duration<&Settings::cloudfront_deploy_delay>},
    {"cloudfront.certificatePropagation", "\"24h\"",
     "After a renewal or re-import, CloudFront (and edge-optimized API Gateway domains) may keep serving the previous certificate this long; AWS "
     "documents 'up to 24 hours', the model takes the worst case.",
     "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html",
     &apply_duration<&Settings::cloudfront_certificate_propagation>},
    {"regional.certificatePropagation", "\"0s\"", "The same for load balancers and regional API Gateway domains; AWS documents no delay.",
     "https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html", &apply_duration<&Settings::regional_certificate_propagation>},
    {"latency.edgeRttMs", "12", "Round-trip time from a client to its nearest CloudFront edge location, in milliseconds.",
     "https://aws.amazon.com/cloudfront/features/ (edge locations in or near every region's metro area)",
     &apply_number<&Settings::edge_rtt_ms, 0, 500>},
    {"latency.dnsMs", "12",
     "Time a client takes to resolve the hostname (its resolver and Route 53's nearest name servers are close by), in milliseconds; "
     "counted in every attempt, edge or regional. Separate from latency.edgeRttMs, so that a study of the edge leaves regional latency alone.",
     "https://aws.amazon.com/route53/features/ (authoritative answers from a global anycast network of edge locations)",
     &apply_number<&Settings::dns_ms, 0, 5000>},
    {"latency.serverMs", "20", "Time the endpoint takes to answer a request, in milliseconds (the same for every endpoint).", "acmsim assumption",
     &apply_number<&Settings::server_ms, 0, 60000>},
    {"latency.jitter", "0.1", "Each attempt's latency is scaled by a factor drawn uniformly from [1 - j, 1 + j] (stream `client.latency`).",
     "acmsim assumption", &apply_jitter},
    {"latency.regionRttMs", "{}",
     "Round-trip times between regions that replace the model's (symmetric), for example measured ones: {\"us-east-1\": {\"eu-west-1\": 68}}.",
     "see \"The latency model\" in the README", &apply_rtt, &describe_rtt},
    {"events.crossRegionDelay", "\"1s\"", "An event sent to an event bus in another region arrives after this delay.",
     "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html", &apply_duration<&Settings::cross_region_event_delay>},
    {"faults.renewalAttemptFailure", "0",
     "Probability that a managed renewal attempt of a DNS-validated public certificate fails whatever DNS says (stream `faults.renewal`, one "
     "draw per attempt); the attempt is retried after acm.renewalRetryInterval. A study's stand-in for what makes real attempts fail (a DNS "
     "provider outage, a record edited by hand). The model injects no failure unless a study or scenario sets this.",
     "https://docs.aws.amazon.com/acm/latest/userguide/troubleshooting-renewal.html", &apply_fault_probability},
    {"faults.repairMeanTime", "null",
     "Mean of the exponential time after which an operator replaces a managed certificate that expired without renewal (stream "
     "`faults.repair`). The model reissues the same ARN in place, a stand-in for requesting a replacement and attaching it where the old one "
     "served; the outage ends when the new validity reaches the endpoints.",
     "acmsim fault model (human repair rate of the analytic model)", &apply_repair_mean, &describe_repair_mean},
    {"probe.maxAttempts", "1000000", "Most attempts one scenario's probes may make in all (each region counts).", "acmsim limit",
     &apply_max_attempts},
});

}  // namespace

Settings catalogue_defaults() {
  Settings s{Settings::Blank{}};
  for (const auto& info : kCatalogue) {
    // The catalogue is ours: a default that does not apply is a programming
    // error, caught by the first test that builds a Settings.
    if (auto err = info.apply(s, Json::parse(info.default_value)))
      throw std::logic_error("the default of setting " + std::string(info.name) + " does not apply: " + *err);
  }
  return s;
}

Settings::Settings() {
  static const Settings defaults = catalogue_defaults();
  *this = defaults;
}

std::string default_text(const SettingInfo& s) {
  static const Settings defaults;
  if (s.describe != nullptr) return s.describe(defaults);
  const Json v = Json::parse(s.default_value);
  return v.is_string() ? v.get<std::string>() : spaced(v);
}

std::int64_t Settings::public_renewal_lead_days(SimTime t, bool email) const {
  const ValidityEra& era = public_era_at(t);
  return email ? std::min(email_renewal_lead_days, era.renewal_lead_days) : era.renewal_lead_days;
}

const ValidityEra& Settings::public_era_at(SimTime t) const {
  const ValidityEra* found = &public_validity.front();
  for (const auto& e : public_validity) {
    if (e.from <= t) found = &e;
  }
  return *found;
}

std::span<const SettingInfo> settings_catalogue() { return kCatalogue; }

const SettingInfo* find_setting(std::string_view name) {
  for (const auto& s : settings_catalogue()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace acmsim::model
