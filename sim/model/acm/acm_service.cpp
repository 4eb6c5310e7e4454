// ACM's API operations. The timed processes are in lifecycle.cpp and renewal.cpp.
#include "acmsim/model/acm/acm_service.hpp"

#include <algorithm>
#include <cctype>

#include "acmsim/model/acm/validation_token.hpp"
#include "acmsim/model/changes.hpp"
#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::model {

namespace {

/// ACM launched exportable public certificates (and RevokeCertificate) on this
/// day (AWS News Blog, 2025-06-17; API_ExportCertificate): a request for one
/// made earlier asks for something that did not exist yet.
SimTime exportable_launch() {
  static const SimTime t = *core::parse_timestamp("2025-06-17T00:00:00Z");
  return t;
}

constexpr std::string_view kDomainPattern = "(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])";

bool is_word_token(std::string_view s, std::size_t max) {
  return !s.empty() && s.size() <= max &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool amazon_owned(std::string_view name) {
  for (const std::string_view suffix : {".amazonaws.com", ".cloudfront.net", ".elasticbeanstalk.com"}) {
    if (name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix) return true;
  }
  return false;
}

std::optional<std::string> base64_decode(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  if (in.size() % 4 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = in[i + static_cast<std::size_t>(k)];
      if (c == '=' && i + 4 == in.size() && k >= 2) {
        v[k] = 0;
        ++pad;
      } else {
        if (pad > 0) return std::nullopt;
        v[k] = val(c);
        if (v[k] < 0) return std::nullopt;
      }
    }
    const int triple = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    out += static_cast<char>((triple >> 16) & 0xFF);
    if (pad < 2) out += static_cast<char>((triple >> 8) & 0xFF);
    if (pad < 1) out += static_cast<char>(triple & 0xFF);
  }
  return out;
}

AwsError not_found(std::string_view arn) { return aws_error("ResourceNotFoundException", "Could not find certificate " + std::string(arn) + "."); }

std::optional<AwsError> check_tags(const std::vector<Tag>& tags) {
  if (tags.size() > 50) return aws_error("TooManyTagsException", "A certificate can have at most 50 tags.");
  for (const auto& t : tags) {
    if (t.key.empty() || t.key.size() > 128) return aws_error("InvalidTagException", "Tag keys have 1 to 128 characters.");
    if (t.key.rfind("aws:", 0) == 0) return aws_error("InvalidTagException", "Tag keys that start with 'aws:' are reserved for AWS.");
    if (t.value.size() > 256) return aws_error("InvalidTagException", "Tag values have at most 256 characters.");
  }
  return std::nullopt;
}

}  // namespace

AcmService::AcmService(const ServiceContext& ctx, const PublicDns& dns)
    : ctx_(ctx),
      dns_(dns),
      arn_ids_(ctx.sim.seed(), "acm.arn"),
      serials_(ctx.sim.seed(), "acm.serial"),
      notice_(ctx.sim.seed(), "acm.dns-notice"),
      faults_(ctx.sim.seed(), "faults.renewal"),
      repairs_(ctx.sim.seed(), "faults.repair") {}

std::string AcmService::new_arn(RegionId region) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string uuid;
  const std::uint64_t hi = arn_ids_.next_u64();
  const std::uint64_t lo = arn_ids_.next_u64();
  for (int i = 0; i < 32; ++i) {
    const std::uint64_t word = i < 16 ? hi : lo;
    int nibble = static_cast<int>((word >> (4 * (i % 16))) & 15);
    if (i == 12) nibble = 4;                 // version 4
    if (i == 16) nibble = 8 | (nibble & 3);  // variant 10xx
    uuid += hex[nibble];
    if (i == 7 || i == 11 || i == 15 || i == 19) uuid += '-';
  }
  return "arn:aws:acm:" + std::string(region_code(region)) + ":" + ctx_.account + ":certificate/" + uuid;
}

Serial AcmService::new_serial() {
  Serial out;
  for (auto& b : out.bytes) b = static_cast<std::uint8_t>(serials_.next_u64() & 0xFF);
  return out;
}

Certificate* AcmService::by_arn(std::string_view arn) {
  const auto it = by_arn_.find(arn);
  if (it == by_arn_.end() || certs_[it->second].deleted) return nullptr;
  return &certs_[it->second];
}

const Certificate* AcmService::by_arn(std::string_view arn) const {
  const auto it = by_arn_.find(arn);
  if (it == by_arn_.end() || certs_[it->second].deleted) return nullptr;
  return &certs_[it->second];
}

Outcome<Certificate*> AcmService::lookup(RegionId region, std::string_view arn) {
  if (arn.rfind("arn:aws:acm:", 0) != 0 || std::count(arn.begin(), arn.end(), ':') != 5) {
    return aws_error("InvalidArnException", "String '" + std::string(arn) + "' is not a valid ARN.");
  }
  Certificate* c = by_arn(arn);
  if (c == nullptr || c->region != region) return not_found(arn);
  return c;
}

Outcome<const Certificate*> AcmService::find_any(std::string_view arn) const {
  const Certificate* c = by_arn(arn);
  if (c == nullptr) return not_found(arn);
  // A verdict that looked a certificate up read its inventory and its state.
  if (ReadLog::active()) {
    ReadLog::note(Part::Acm, c->id);
    ReadLog::note(Part::Certificates, c->id);
  }
  return c;
}

Outcome<const Certificate*> AcmService::describe_certificate(RegionId region, std::string_view arn) const {
  auto r = const_cast<AcmService*>(this)->lookup(region, arn);
  if (!r.ok()) return r.error();
  return static_cast<const Certificate*>(r.value());
}

Outcome<std::string> AcmService::request_certificate(RegionId region, const RequestCertificateInput& in) {
  auto invalid = [](std::string_view member, std::string_view value, std::string_view constraint) {
    return aws_error("ValidationException", "1 validation error detected: Value '" + std::string(value) + "' at '" + std::string(member) +
                                                "' failed to satisfy constraint: " + std::string(constraint));
  };
  const std::string domain = lower(in.domain_name);
  if (!dns::is_valid_certificate_domain(domain)) {
    return invalid("domainName", in.domain_name, "Member must satisfy regular expression pattern: " + std::string(kDomainPattern));
  }
  if (domain.size() > 64) {
    return aws_error("ValidationException", "The first domain name '" + domain +
                                                "' is longer than 64 octets; it becomes the certificate's Common Name, which X.509 limits to 64. Put "
                                                "a shorter name first and this one in SubjectAlternativeNames.");
  }
  std::vector<std::string> names{domain};
  if (in.subject_alternative_names.size() > 100) {
    return invalid("subjectAlternativeNames", "[...]", "Member must have length less than or equal to 100");
  }
  for (const auto& san : in.subject_alternative_names) {
    const std::string n = lower(san);
    if (!dns::is_valid_certificate_domain(n)) {
      return invalid("subjectAlternativeNames", san, "Member must satisfy regular expression pattern: " + std::string(kDomainPattern));
    }
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  if (static_cast<std::int64_t>(names.size()) > ctx_.settings.max_domains_per_certificate) {
    return aws_error("LimitExceededException", "The certificate request has " + std::to_string(names.size()) +
                                                   " domain names; the quota of domain names per ACM certificate is " +
                                                   std::to_string(ctx_.settings.max_domains_per_certificate) + " (it can be raised to 100).");
  }
  const bool is_private = in.certificate_authority_arn.has_value();
  ValidationMethod method = ValidationMethod::Email;  // the API's default when none is given
  if (in.validation_method) {
    auto m = parse_aws<ValidationMethod>(*in.validation_method);
    if (!m) return invalid("validationMethod", *in.validation_method, "Member must satisfy enum value set: [EMAIL, DNS, HTTP]");
    if (*m == ValidationMethod::Http) {
      return aws_error(
          "ValidationException",
          "HTTP validation is available only for certificates that CloudFront requests and manages (ManagedBy=CLOUDFRONT); use DNS or EMAIL.");
    }
    method = *m;
  }
  KeyAlgorithm key = KeyAlgorithm::Rsa2048;
  if (in.key_algorithm) {
    auto k = parse_aws<KeyAlgorithm>(*in.key_algorithm);
    if (!k) return invalid("keyAlgorithm", *in.key_algorithm, "Member must satisfy enum value set: [" + aws_choices<KeyAlgorithm>() + "]");
    if (*k != KeyAlgorithm::Rsa2048 && *k != KeyAlgorithm::EcPrime256v1 && *k != KeyAlgorithm::EcSecp384r1) {
      return aws_error("ValidationException", "ACM issues certificates with RSA_2048, EC_prime256v1 or EC_secp384r1 keys; " + *in.key_algorithm +
                                                  " is available only for imported certificates.");
    }
    key = *k;
  }
  if (in.idempotency_token && !is_word_token(*in.idempotency_token, 32)) {
    return invalid("idempotencyToken", *in.idempotency_token, "Member must satisfy regular expression pattern: \\w+ (1 to 32 characters)");
  }
  ExportOption export_option = ExportOption::Disabled;
  if (in.export_option) {
    auto e = parse_aws<ExportOption>(*in.export_option);
    if (!e) return invalid("options.export", *in.export_option, "Member must satisfy enum value set: [ENABLED, DISABLED]");
    export_option = *e;
    if (export_option == ExportOption::Enabled && ctx_.sim.now() < exportable_launch()) {
      return aws_error(
          "ValidationException",
          "Exportable public certificates (Options.Export = ENABLED) exist from 2025-06-17, when ACM launched them; this request is made "
          "on " +
              core::format_timestamp(ctx_.sim.now()).substr(0, 10) +
              ". Request the certificate without Options.Export, or start the "
              "scenario on or after 2025-06-17.");
    }
  }
  CtLoggingPreference ct = CtLoggingPreference::Enabled;
  if (in.ct_logging) {
    auto e = parse_aws<CtLoggingPreference>(*in.ct_logging);
    if (!e)
      return invalid("options.certificateTransparencyLoggingPreference", *in.ct_logging, "Member must satisfy enum value set: [ENABLED, DISABLED]");
    ct = *e;
  }
  for (const auto& [d, vd] : in.domain_validation_options) {
    const std::string dn = lower(d);
    if (std::find(names.begin(), names.end(), dn) == names.end()) {
      return aws_error("InvalidDomainValidationOptionsException",
                       "DomainValidationOptions names " + d + ", which is not one of the requested domain names.");
    }
    const std::string base(validation_base(dn));
    const std::string v = lower(vd);
    if (!(base == v || (base.size() > v.size() && base.substr(base.size() - v.size() - 1) == "." + v))) {
      return aws_error("InvalidDomainValidationOptionsException", "ValidationDomain " + vd + " must be " + base + " or one of its superdomains.");
    }
  }
  if (auto e = check_tags(in.tags)) return *e;
  const SimTime now = ctx_.sim.now();
  if (in.idempotency_token) {
    const auto it = idempotency_.find({region, *in.idempotency_token});
    if (it != idempotency_.end() && now - it->second.second < ctx_.settings.idempotency_window && !certs_[it->second.first].deleted) {
      return certs_[it->second.first].arn;  // same token within the window: same certificate
    }
  }

  Certificate c;
  c.id = static_cast<std::uint32_t>(certs_.size());
  c.region = region;
  c.arn = new_arn(region);
  c.domain_name = domain;
  c.sans = names;
  c.type = is_private ? CertificateType::Private : CertificateType::AmazonIssued;
  c.method = method;
  c.key_algorithm = key;
  c.export_option = export_option;
  c.ct_logging = ct;
  c.created_at = now;
  c.validation_started_at = now;
  c.tags = in.tags;
  c.origin = ctx_.origin;
  if (is_private) {
    c.certificate_authority_arn = *in.certificate_authority_arn;
    c.issuer = "Private CA " + *in.certificate_authority_arn;
  } else {
    for (const auto& n : names) {
      DomainValidation dv;
      dv.domain_name = n;
      // DNS shows the name itself; EMAIL mails the domain without a leading "*." or "www." (aws-behaviour.md §2.2).
      dv.validation_domain = n;
      if (method == ValidationMethod::Email) {
        dv.validation_domain = std::string(validation_base(n));
        if (dv.validation_domain.rfind("www.", 0) == 0) dv.validation_domain = dv.validation_domain.substr(4);
      }
      for (const auto& [d, vd] : in.domain_validation_options) {
        if (lower(d) == n) dv.validation_domain = lower(vd);
      }
      dv.method = method;
      if (method == ValidationMethod::Dns) {
        const auto rec = validation_record_for(ctx_.account, n);
        dv.record_name = rec.name;
        dv.record_value = rec.value;
      }
      c.validations.push_back(dv);
    }
  }
  by_arn_[c.arn] = c.id;
  if (in.idempotency_token) idempotency_[{region, *in.idempotency_token}] = {c.id, now};
  certs_.push_back(std::move(c));
  Certificate& stored = certs_.back();
  trace_state(stored, StateChange::Requested, [&] {
    return core::Json{{"status", "PENDING_VALIDATION"}, {"domainName", stored.domain_name}, {"validationMethod", aws_name(method)}};
  });
  const bool owned = std::any_of(names.begin(), names.end(), [](const std::string& n) { return amazon_owned(n); });
  if (owned) {
    stored.failure_reason = FailureReason::AdditionalVerificationRequired;
    set_status(stored, CertificateStatus::Failed,
               "Amazon-owned names (*.amazonaws.com, *.cloudfront.net, *.elasticbeanstalk.com) cannot be requested");
    return stored.arn;
  }
  stored.timeout_event = schedule(ctx_.settings.validation_timeout, ModelEvent::AcmValidationTimeout, stored);
  if (is_private) {
    stored.issue_event = schedule(ctx_.settings.issuance_delay, ModelEvent::AcmIssue, stored);
  } else if (method == ValidationMethod::Dns) {
    schedule_dns_check(stored);
  }
  return stored.arn;
}

Outcome<std::string> AcmService::import_certificate(RegionId region, const ImportCertificateInput& in) {
  const ImportedCertificate& pem = in.certificate;
  const SimTime now = ctx_.sim.now();
  auto key = parse_aws<KeyAlgorithm>(pem.key_algorithm);
  if (!key)
    return aws_error("ValidationException", "The certificate's key algorithm '" + pem.key_algorithm + "' is not supported; ACM imports " +
                                                aws_choices<KeyAlgorithm>() + ".");
  if (pem.issuer.empty())
    return aws_error("ValidationException", "The certificate has an empty Issuer; ACM imports only certificates with an issuer.");
  if (!dns::is_valid_certificate_domain(lower(pem.domain_name))) {
    return aws_error("ValidationException", "The certificate's domain name '" + pem.domain_name + "' is not a valid DNS name.");
  }
  if (pem.not_after <= pem.not_before) return aws_error("ValidationException", "The certificate's NotAfter is not after its NotBefore.");
  if (now < pem.not_before || now > pem.not_after) {
    return aws_error("ValidationException", "The certificate is not valid now (" + core::format_timestamp(now) + "): it is valid from " +
                                                core::format_timestamp(pem.not_before) + " to " + core::format_timestamp(pem.not_after) +
                                                ". ACM imports a certificate only inside its validity period.");
  }
  std::vector<std::string> names{lower(pem.domain_name)};
  for (const auto& s : pem.subject_alternative_names) {
    const std::string n = lower(s);
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  if (in.certificate_arn) {
    auto found = lookup(region, *in.certificate_arn);
    if (!found.ok()) return found.error();
    Certificate& c = *found.value();
    if (c.type != CertificateType::Imported) {
      return aws_error("ValidationException", "Certificate " + c.arn + " was issued by ACM; only an imported certificate can be re-imported.");
    }
    // AWS's own words; tags stay as they are and change through AddTagsToCertificate.
    if (!in.tags.empty()) return aws_error("ValidationException", "Tagging is not permitted on re-import.");
    if (*key != c.key_algorithm) {
      return aws_error("ValidationException", "The key type or size cannot change on re-import: the certificate has " +
                                                  std::string(aws_name(c.key_algorithm)) + ", the new one " + pem.key_algorithm + ".");
    }
    const bool shares_name =
        std::any_of(names.begin(), names.end(), [&](const std::string& n) { return std::find(c.sans.begin(), c.sans.end(), n) != c.sans.end(); });
    if (!shares_name)
      return aws_error("ValidationException", "A re-imported certificate may add or remove domain names, but not replace all of them.");
    c.domain_name = names.front();
    c.sans = names;
    c.not_before = pem.not_before;
    c.not_after = pem.not_after;
    c.imported_at = now;
    c.issuer = pem.issuer;
    c.serial = new_serial();
    c.origin = ctx_.origin;
    c.add_version(pem.not_before, pem.not_after, now);
    ctx_.sim.cancel(c.expiry_event);
    c.expiry_event = ctx_.sim.schedule_at(pem.not_after, core::Priority::Model, {static_cast<std::uint32_t>(ModelEvent::AcmExpire), c.id, 0});
    trace_state(c, StateChange::Reimported, [&] { return core::Json{{"notAfter", core::format_timestamp(pem.not_after)}}; });
    if (c.status != CertificateStatus::Issued) set_status(c, CertificateStatus::Issued, "re-imported inside its validity period");
    emit_available(c, "REIMPORT");
    schedule_expiry_notices(c);
    return c.arn;
  }
  if (auto e = check_tags(in.tags)) return *e;
  Certificate c;
  c.id = static_cast<std::uint32_t>(certs_.size());
  c.region = region;
  c.arn = new_arn(region);
  c.domain_name = names.front();
  c.sans = names;
  c.type = CertificateType::Imported;
  c.status = CertificateStatus::Issued;
  c.key_algorithm = *key;
  c.issuer = pem.issuer;
  c.serial = new_serial();
  c.created_at = now;
  c.imported_at = now;
  c.not_before = pem.not_before;
  c.not_after = pem.not_after;
  c.tags = in.tags;
  c.origin = ctx_.origin;
  c.add_version(pem.not_before, pem.not_after, now);
  by_arn_[c.arn] = c.id;
  certs_.push_back(std::move(c));
  Certificate& stored = certs_.back();
  index_status(stored);
  stored.expiry_event = ctx_.sim.schedule_at(pem.not_after, core::Priority::Model, {static_cast<std::uint32_t>(ModelEvent::AcmExpire), stored.id, 0});
  trace_state(stored, StateChange::Imported, [&] { return core::Json{{"status", "ISSUED"}, {"notAfter", core::format_timestamp(pem.not_after)}}; });
  emit_available(stored, "IMPORT");
  schedule_expiry_notices(stored);
  return stored.arn;
}

Outcome<std::string> AcmService::adopt_certificate(const std::string& arn, const std::vector<std::string>& names) {
  // arn:aws:acm:REGION:ACCOUNT:certificate/ID
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (int k = 0; k < 5; ++k) {
    const std::size_t colon = arn.find(':', from);
    if (colon == std::string::npos) break;
    parts.push_back(arn.substr(from, colon - from));
    from = colon + 1;
  }
  const std::string rest = from < arn.size() ? arn.substr(from) : std::string();
  const auto region = parts.size() == 5 ? find_region(parts[3]) : std::nullopt;
  if (parts.size() != 5 || parts[0] != "arn" || parts[2] != "acm" || !region || rest.rfind("certificate/", 0) != 0 || rest.size() <= 12) {
    return aws_error("ValidationException", "'" + arn + "' is not an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID).");
  }
  // An ARN names one certificate for ever, also after it is deleted.
  if (by_arn_.count(arn) != 0U) return aws_error("ValidationException", "Certificate " + arn + " exists already (or existed).");
  if (names.empty()) return aws_error("ValidationException", "An adopted certificate needs at least one domain name.");
  for (const auto& n : names) {
    if (!dns::is_valid_certificate_domain(lower(n))) return aws_error("ValidationException", "'" + n + "' is not a valid DNS name.");
  }
  Certificate c;
  c.id = static_cast<std::uint32_t>(certs_.size());
  c.region = *region;
  c.arn = arn;
  for (const auto& n : names) {
    const std::string l = lower(n);
    if (std::find(c.sans.begin(), c.sans.end(), l) == c.sans.end()) c.sans.push_back(l);
  }
  c.domain_name = c.sans.front();
  c.created_at = ctx_.sim.now();
  c.origin = ctx_.origin;
  c.adopted = true;
  by_arn_[c.arn] = c.id;
  certs_.push_back(std::move(c));
  Certificate& stored = certs_.back();
  grant(stored);
  set_status(stored, CertificateStatus::Issued, "made outside the simulated deployment (known by its ARN)");
  return stored.arn;
}

std::vector<const Certificate*> AcmService::list_certificates(RegionId region, const ListCertificatesInput& in) const {
  std::vector<const Certificate*> out;
  for (const auto& c : certs_) {
    if (c.deleted || c.region != region) continue;
    if (!in.statuses.empty() && std::find(in.statuses.begin(), in.statuses.end(), aws_name(c.status)) == in.statuses.end()) continue;
    const std::string_view k = aws_name(c.key_algorithm);
    if (in.key_types.empty()) {
      if (k != "RSA_1024" && k != "RSA_2048") continue;  // ListCertificates' default key types
    } else if (std::find(in.key_types.begin(), in.key_types.end(), k) == in.key_types.end()) {
      continue;
    }
    if (in.export_option && aws_name(c.export_option) != *in.export_option) continue;
    out.push_back(&c);
  }
  return out;
}

Outcome<bool> AcmService::delete_certificate(RegionId region, std::string_view arn) {
  auto found = lookup(region, arn);
  if (!found.ok()) return found.error();
  Certificate& c = *found.value();
  if (c.in_use()) {
    return aws_error("ResourceInUseException", "Certificate " + c.arn + " in account " + ctx_.account + " is in use.");
  }
  c.deleted = true;
  index_status(c);
  for (auto* e : {&c.timeout_event, &c.issue_event, &c.renewal_event, &c.expiry_event, &c.notice_event, &c.action_required_event})
    ctx_.sim.cancel(*e);
  trace_state(c, StateChange::Deleted);
  return true;
}

Outcome<ExportedCertificate> AcmService::export_certificate(RegionId region, std::string_view arn, std::string_view passphrase) {
  auto found = lookup(region, arn);
  if (!found.ok()) return found.error();
  Certificate& c = *found.value();
  if (c.type == CertificateType::Imported)
    return aws_error("ValidationException", "Certificate " + c.arn + " is imported: you already hold its private key, and ACM does not export it.");
  if (c.type == CertificateType::AmazonIssued && c.export_option != ExportOption::Enabled) {
    return aws_error("ValidationException",
                     "Certificate " + c.arn +
                         " was not requested with Options.Export = ENABLED, so its private key cannot be exported. The option is set at request time "
                         "and cannot be changed: request a new, exportable certificate.",
                     "certificate-not-exportable");
  }
  if (c.status != CertificateStatus::Issued) {
    return aws_error("RequestInProgressException",
                     "Certificate " + c.arn + " is " + std::string(aws_name(c.status)) + ", not ISSUED; it can be exported once it is issued.");
  }
  const auto pass = base64_decode(passphrase);
  if (!pass || pass->size() < 4 || pass->size() > 128 || pass->find_first_of("#$%") != std::string::npos) {
    return aws_error("ValidationException", "The Passphrase must be base64 of 4 to 128 bytes of ASCII without '#', '$' or '%'.");
  }
  c.exported_since_issue = true;
  c.ever_exported = true;
  trace_state(c, StateChange::Exported);
  resume_renewal_if_due(c);
  const std::string serial = c.serial ? c.serial->text() : std::string();
  const std::string body = "MIIB" + serial + "/" + c.domain_name;
  return ExportedCertificate{"-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n",
                             "-----BEGIN CERTIFICATE-----\nMIIAmazonRSA2048M0" + std::string(region_code(c.region)) + "\n-----END CERTIFICATE-----\n",
                             "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF" + serial + "\n-----END ENCRYPTED PRIVATE KEY-----\n"};
}

Outcome<bool> AcmService::renew_certificate(RegionId region, std::string_view arn) {
  auto found = lookup(region, arn);
  if (!found.ok()) return found.error();
  Certificate& c = *found.value();
  const bool manual_ok = c.type == CertificateType::Private || (c.type == CertificateType::AmazonIssued && c.export_option == ExportOption::Enabled);
  if (!manual_ok)
    return aws_error("ValidationException", "RenewCertificate renews only private and exportable public certificates; ACM renews " + c.arn +
                                                " on its own when it is eligible.");
  if (c.status != CertificateStatus::Issued) return aws_error("ValidationException", "Certificate " + c.arn + " is not ISSUED.");
  if (c.type == CertificateType::AmazonIssued && !c.ever_exported) {
    return aws_error("ValidationException", "You can only renew certificates that have been previously exported. " + c.arn +
                                                " is exportable but was never exported: export it first, or let a service use it so that "
                                                "ACM renews it on its own.");
  }
  c.exported_since_issue = true;  // a manual renewal is an explicit request: treat as eligible
  ctx_.sim.cancel(c.renewal_event);
  renewal_start(c);
  return true;
}

Outcome<bool> AcmService::revoke_certificate(RegionId region, std::string_view arn, std::string_view reason) {
  auto found = lookup(region, arn);
  if (!found.ok()) return found.error();
  Certificate& c = *found.value();
  if (!c.ever_exported) return aws_error("ValidationException", "Only certificates that were exported can be revoked; " + c.arn + " never was.");
  if (c.status == CertificateStatus::Revoked) return aws_error("ResourceNotFoundException", "Certificate " + c.arn + " is already revoked.");
  c.revoked_at = ctx_.sim.now();
  for (auto* e : {&c.issue_event, &c.renewal_event, &c.expiry_event}) ctx_.sim.cancel(*e);
  c.renewing = false;
  set_status(c, CertificateStatus::Revoked, std::string("revoked: ") + std::string(reason));
  emit_revoked(c);
  return true;
}

Outcome<bool> AcmService::resend_validation_email(RegionId region, std::string_view arn, std::string_view domain) {
  auto found = lookup(region, arn);
  if (!found.ok()) return found.error();
  Certificate& c = *found.value();
  if (c.method != ValidationMethod::Email)
    return aws_error("InvalidStateException", "Certificate " + c.arn + " uses DNS validation; there is no email to resend.");
  const bool pending =
      c.status == CertificateStatus::PendingValidation || (c.renewing && c.renewal && c.renewal->status == RenewalStatus::PendingValidation);
  if (!pending) return aws_error("InvalidStateException", "Certificate " + c.arn + " has no validation pending.");
  const bool known =
      std::any_of(c.validations.begin(), c.validations.end(), [&](const DomainValidation& v) { return v.domain_name == lower(domain); });
  if (!known) return aws_error("InvalidDomainValidationOptionsException", std::string(domain) + " is not one of the certificate's domain names.");
  if (ctx_.settings.resend_restarts_validation_timeout && c.status == CertificateStatus::PendingValidation && c.timeout_event.valid()) {
    // The API reference's reading: the 72 hours run again from the last resend.
    ctx_.sim.cancel(c.timeout_event);
    c.timeout_event = schedule(ctx_.settings.validation_timeout, ModelEvent::AcmValidationTimeout, c);
    c.validation_started_at = ctx_.sim.now();
    trace_state(c, StateChange::ValidationEmailResent, [&] {
      return core::Json{{"timeoutAt", core::format_timestamp(ctx_.sim.now() + ctx_.settings.validation_timeout)}};
    });
  }
  return true;
}

Outcome<bool> AcmService::add_tags(RegionId region, std::string_view arn, const std::vector<Tag>& tags) {
  auto found = lookup(region, arn);
  if (!found.ok()) return found.error();
  Certificate& c = *found.value();
  if (auto e = check_tags(tags)) return *e;
  for (const auto& t : tags) {
    auto it = std::find_if(c.tags.begin(), c.tags.end(), [&](const Tag& x) { return x.key == t.key; });
    if (it != c.tags.end())
      it->value = t.value;
    else
      c.tags.push_back(t);
  }
  if (c.tags.size() > 50) return aws_error("TooManyTagsException", "A certificate can have at most 50 tags.");
  c.origin = ctx_.origin;
  trace_state(c, StateChange::Tagged);
  return true;
}

Outcome<bool> AcmService::remove_tags(RegionId region, std::string_view arn, const std::vector<Tag>& tags) {
  auto found = lookup(region, arn);
  if (!found.ok()) return found.error();
  Certificate& c = *found.value();
  for (const auto& t : tags) {
    c.tags.erase(
        std::remove_if(c.tags.begin(), c.tags.end(), [&](const Tag& x) { return x.key == t.key && (t.value.empty() || x.value == t.value); }),
        c.tags.end());
  }
  c.origin = ctx_.origin;
  trace_state(c, StateChange::Untagged);
  return true;
}

std::optional<std::int64_t> AcmService::days_before_expiry(RegionId region) const {
  const auto it = days_before_expiry_.find(region);
  if (it == days_before_expiry_.end()) return std::nullopt;
  return it->second;
}

Outcome<bool> AcmService::put_account_configuration(RegionId region, std::optional<std::int64_t> days, std::string_view token) {
  if (!is_word_token(token, 32)) {
    return aws_error("ValidationException", "IdempotencyToken must be 1 to 32 word characters (\\w+).");
  }
  if (days) {
    if (*days < 1 || *days > 45) {
      return aws_error("ValidationException", "ExpiryEvents.DaysBeforeExpiry must be from 1 to 45; got " + std::to_string(*days) + ".");
    }
    days_before_expiry_[region] = *days;
    for (auto& c : certs_) {
      if (!c.deleted && c.region == region) schedule_expiry_notices(c);  // the window changed
    }
    if (ctx_.trace.enabled()) {
      ctx_.emit_state("acm", region, "account-configuration", StateChange::ExpiryEventsConfigured, {{"daysBeforeExpiry", *days}});
    }
  }
  return true;
}

std::int64_t AcmService::expiry_window_days(const Certificate& c) const {
  if (auto d = days_before_expiry(c.region)) return *d;
  switch (c.type) {
    case CertificateType::AmazonIssued:
      return ctx_.settings.expiry_event_days.public_days;
    case CertificateType::Private:
      return ctx_.settings.expiry_event_days.private_days;
    case CertificateType::Imported:
      return ctx_.settings.expiry_event_days.imported_days;
  }
  return 45;
}

Outcome<bool> AcmService::approve_validation_email(std::string_view arn, std::string_view domain_in) {
  Certificate* c = by_arn(arn);
  if (c == nullptr) return not_found(arn);
  const std::string domain = lower(domain_in);
  if (c->method != ValidationMethod::Email || c->type != CertificateType::AmazonIssued) {
    return aws_error("InvalidStateException", "Certificate " + c->arn + " is not EMAIL-validated: there is no validation email to approve.");
  }
  std::vector<DomainValidation>* dvos = nullptr;
  if (c->status == CertificateStatus::PendingValidation)
    dvos = &c->validations;
  else if (c->renewing && c->renewal && c->renewal->status == RenewalStatus::PendingValidation)
    dvos = &c->renewal->validations;
  if (dvos == nullptr) return aws_error("InvalidStateException", "Certificate " + c->arn + " has no validation pending: nothing to approve.");
  auto it = std::find_if(dvos->begin(), dvos->end(), [&](const DomainValidation& v) { return v.domain_name == domain; });
  if (it == dvos->end()) return aws_error("InvalidDomainValidationOptionsException", domain + " is not one of the certificate's domain names.");
  it->status = DomainStatus::Success;
  trace_state(*c, StateChange::DomainValidated, [&] { return core::Json{{"domainName", domain}, {"by", "email approval"}}; });
  const bool all = std::all_of(dvos->begin(), dvos->end(), [](const DomainValidation& v) { return v.status == DomainStatus::Success; });
  if (all && !c->issue_event.valid()) c->issue_event = schedule(ctx_.settings.issuance_delay, ModelEvent::AcmIssue, *c);
  return true;
}

Outcome<bool> AcmService::attach(std::string_view arn, const std::string& user) {
  Certificate* c = by_arn(arn);
  if (c == nullptr) return not_found(arn);
  c->detaching.erase(std::remove_if(c->detaching.begin(), c->detaching.end(), [&](const PendingDetach& d) { return d.user == user; }),
                     c->detaching.end());
  if (c->in_use_by.insert(user).second) trace_state(*c, StateChange::InUse, [&] { return core::Json{{"user", user}}; });
  resume_renewal_if_due(*c);  // a renewal that stalled because nobody used the certificate can go ahead
  return true;
}

void AcmService::detach(std::string_view arn, const std::string& user) {
  Certificate* c = by_arn(arn);
  if (c == nullptr || c->in_use_by.count(user) == 0U) return;
  const SimTime at = ctx_.sim.now() + ctx_.settings.in_use_detach_delay;
  c->detaching.push_back(PendingDetach{user, at});
  ctx_.sim.schedule_at(at, core::Priority::Model, {static_cast<std::uint32_t>(ModelEvent::AcmDetach), c->id, 0});
}

RenewalEligibility AcmService::eligibility(const Certificate& c) const {
  if (c.type == CertificateType::Imported || c.status != CertificateStatus::Issued) return RenewalEligibility::Ineligible;
  return c.in_use() || c.exported_since_issue ? RenewalEligibility::Eligible : RenewalEligibility::Ineligible;
}

void AcmService::set_status(Certificate& c, CertificateStatus s, std::string_view why) {
  c.status = s;
  index_status(c);
  trace_state(c, StateChange::StatusChanged, [&] { return core::Json{{"status", aws_name(s)}, {"why", why}}; });
}

void AcmService::index_status(const Certificate& c) {
  // Returns whether the set of regions changed.
  auto follow = [&](bool in, std::set<std::uint32_t>& ids, std::map<RegionId, std::uint32_t>& per_region) {
    if (!(in ? ids.insert(c.id).second : ids.erase(c.id) != 0U)) return false;
    auto& n = per_region[c.region];
    n = in ? n + 1 : n - 1;
    const bool region_set_changed = n <= 1 && (in || n == 0);
    if (n == 0) per_region.erase(c.region);
    return region_set_changed;
  };
  const std::uint32_t first = issued_.empty() ? ~0U : *issued_.begin();
  const bool regions = follow(!c.deleted && c.status == CertificateStatus::Issued, issued_, issued_per_region_);
  if ((regions || first != (issued_.empty() ? ~0U : *issued_.begin())) && sink_ != nullptr) sink_->issued_index_changed();
  follow(!c.deleted && c.type == CertificateType::Imported, imported_, imported_per_region_);
}

core::EventId AcmService::schedule(core::Duration d, ModelEvent kind, const Certificate& c) {
  return ctx_.sim.schedule_in(d, core::Priority::Model, {static_cast<std::uint32_t>(kind), c.id, 0});
}

Duration AcmService::notice_delay() {
  // Whole seconds: finer resolution adds nothing but noise to the timelines people read.
  const std::int64_t lo = (ctx_.settings.notice_delay_min.ms + 999) / 1000;
  const std::int64_t hi = std::max(lo, ctx_.settings.notice_delay_max.ms / 1000);
  return Duration::seconds(notice_.uniform_int(lo, hi));
}

}  // namespace acmsim::model
