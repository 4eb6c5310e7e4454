// ACM's API: request shapes, typed calls into the model, AWS's response shapes.
#include <algorithm>

#include "acmsim/api/operations.hpp"
#include "acmsim/model/acm/validation_token.hpp"

namespace acmsim::api {

namespace {

using model::Certificate;
using model::Outcome;
using model::RegionId;
using model::World;

const Shape* tags_shape() {
  static const Shape* s = shapes::list(shapes::structure({{"Key", shapes::string(), true}, {"Value", shapes::string()}}));
  return s;
}

std::vector<model::Tag> read_tags(const Json& params, std::string_view member = "Tags") {
  std::vector<model::Tag> out;
  const auto it = params.find(std::string(member));
  if (it == params.end()) return out;
  for (const auto& t : *it) out.push_back(model::Tag{get_string(t, "Key"), get_string(t, "Value")});
  return out;
}

Json tags_json(const std::vector<model::Tag>& tags) {
  Json arr = Json::array();
  for (const auto& t : tags) arr.push_back({{"Key", t.key}, {"Value", t.value}});
  return arr;
}

Json dvo_json(const model::DomainValidation& v) {
  Json j = {{"DomainName", v.domain_name}, {"ValidationDomain", v.validation_domain}, {"ValidationStatus", model::aws_name(v.status)}};
  if (v.method == model::ValidationMethod::Dns) {
    j["ResourceRecord"] = {{"Name", v.record_name}, {"Type", "CNAME"}, {"Value", v.record_value}};
  } else {
    Json emails = Json::array();
    for (const char* box : {"admin", "administrator", "hostmaster", "postmaster", "webmaster"}) {
      emails.push_back(std::string(box) + "@" + v.validation_domain);
    }
    j["ValidationEmails"] = emails;
  }
  j["ValidationMethod"] = model::aws_name(v.method);
  return j;
}

bool is_ec(model::KeyAlgorithm k) {
  return k == model::KeyAlgorithm::EcPrime256v1 || k == model::KeyAlgorithm::EcSecp384r1 || k == model::KeyAlgorithm::EcSecp521r1;
}

Json key_usages(const Certificate& c) {
  Json ku = Json::array({{{"Name", "DIGITAL_SIGNATURE"}}});
  if (!is_ec(c.key_algorithm)) ku.push_back({{"Name", "KEY_ENCIPHERMENT"}});
  return ku;
}

Json describe_json(const World& w, const Certificate& c) {
  Json j;
  j["CertificateArn"] = c.arn;
  j["DomainName"] = c.domain_name;
  j["SubjectAlternativeNames"] = c.sans;
  if (!c.validations.empty()) {
    Json dvos = Json::array();
    for (const auto& v : c.validations) dvos.push_back(dvo_json(v));
    j["DomainValidationOptions"] = dvos;
  }
  if (c.serial) j["Serial"] = c.serial->text();
  j["Subject"] = "CN=" + c.domain_name;
  if (c.type != model::CertificateType::Imported || !c.issuer.empty()) j["Issuer"] = c.issuer;
  j["CreatedAt"] = timestamp(c.created_at);
  if (c.issued_at) j["IssuedAt"] = timestamp(*c.issued_at);
  if (c.imported_at) j["ImportedAt"] = timestamp(*c.imported_at);
  j["Status"] = model::aws_name(c.status);
  if (c.revoked_at) {
    j["RevokedAt"] = timestamp(*c.revoked_at);
    j["RevocationReason"] = "UNSPECIFIED";
  }
  if (c.not_before) j["NotBefore"] = timestamp(*c.not_before);
  if (c.not_after) j["NotAfter"] = timestamp(*c.not_after);
  j["KeyAlgorithm"] = model::describe_key_algorithm(c.key_algorithm);
  j["SignatureAlgorithm"] = is_ec(c.key_algorithm) ? "SHA256WITHECDSA" : "SHA256WITHRSA";
  j["InUseBy"] = Json::array();
  for (const auto& u : c.in_use_by) j["InUseBy"].push_back(u);
  if (c.failure_reason) j["FailureReason"] = model::aws_name(*c.failure_reason);
  j["Type"] = model::aws_name(c.type);
  if (c.renewal && c.type != model::CertificateType::Imported) {
    Json r = {{"RenewalStatus", model::aws_name(c.renewal->status)}};
    Json dvos = Json::array();
    for (const auto& v : c.renewal->validations) dvos.push_back(dvo_json(v));
    r["DomainValidationOptions"] = dvos;
    if (c.renewal->reason) r["RenewalStatusReason"] = model::aws_name(*c.renewal->reason);
    r["UpdatedAt"] = timestamp(c.renewal->updated_at);
    j["RenewalSummary"] = r;
  }
  if (c.status == model::CertificateStatus::Issued || c.not_after) {
    j["KeyUsages"] = key_usages(c);
    j["ExtendedKeyUsages"] = Json::array({{{"Name", "TLS_WEB_SERVER_AUTHENTICATION"}, {"OID", "1.3.6.1.5.5.7.3.1"}}});
  }
  if (!c.certificate_authority_arn.empty()) j["CertificateAuthorityArn"] = c.certificate_authority_arn;
  j["RenewalEligibility"] = model::aws_name(w.acm.eligibility(c));
  j["Options"] = {{"CertificateTransparencyLoggingPreference", model::aws_name(c.ct_logging)}, {"Export", model::aws_name(c.export_option)}};
  return j;
}

Json summary_json(const World& w, const Certificate& c) {
  Json j;
  j["CertificateArn"] = c.arn;
  j["DomainName"] = c.domain_name;
  j["SubjectAlternativeNameSummaries"] =
      Json(std::vector<std::string>(c.sans.begin(), c.sans.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(c.sans.size(), 100))));
  j["HasAdditionalSubjectAlternativeNames"] = c.sans.size() > 100;
  j["Status"] = model::aws_name(c.status);
  j["Type"] = model::aws_name(c.type);
  j["KeyAlgorithm"] = model::aws_name(c.key_algorithm);
  j["KeyUsages"] = Json::array();
  for (const auto& k : key_usages(c)) j["KeyUsages"].push_back(k["Name"]);
  j["ExtendedKeyUsages"] = Json::array({"TLS_WEB_SERVER_AUTHENTICATION"});
  j["ExportOption"] = model::aws_name(c.export_option);
  j["InUse"] = c.in_use();
  j["Exported"] = c.ever_exported;
  j["RenewalEligibility"] = model::aws_name(w.acm.eligibility(c));
  if (c.not_before) j["NotBefore"] = timestamp(*c.not_before);
  if (c.not_after) j["NotAfter"] = timestamp(*c.not_after);
  j["CreatedAt"] = timestamp(c.created_at);
  if (c.issued_at) j["IssuedAt"] = timestamp(*c.issued_at);
  if (c.imported_at) j["ImportedAt"] = timestamp(*c.imported_at);
  if (c.revoked_at) j["RevokedAt"] = timestamp(*c.revoked_at);
  return j;
}

template <class T>
Outcome<Json> ok_or(const Outcome<T>& r, Json value) {
  if (!r.ok()) return r.error();
  return value;
}

Outcome<Json> request_certificate(World& w, RegionId region, const Json& p) {
  model::RequestCertificateInput in;
  in.domain_name = get_string(p, "DomainName");
  if (p.contains("SubjectAlternativeNames")) {
    for (const auto& s : p["SubjectAlternativeNames"]) in.subject_alternative_names.push_back(s.get<std::string>());
  }
  in.validation_method = opt_string(p, "ValidationMethod");
  in.key_algorithm = opt_string(p, "KeyAlgorithm");
  in.idempotency_token = opt_string(p, "IdempotencyToken");
  if (p.contains("DomainValidationOptions")) {
    for (const auto& d : p["DomainValidationOptions"])
      in.domain_validation_options.emplace_back(get_string(d, "DomainName"), get_string(d, "ValidationDomain"));
  }
  if (p.contains("Options")) {
    in.export_option = opt_string(p["Options"], "Export");
    in.ct_logging = opt_string(p["Options"], "CertificateTransparencyLoggingPreference");
  }
  in.certificate_authority_arn = opt_string(p, "CertificateAuthorityArn");
  in.tags = read_tags(p);
  auto r = w.acm.request_certificate(region, in);
  if (!r.ok()) return r.error();
  return Json{{"CertificateArn", r.value()}};
}

Outcome<Json> describe_certificate(World& w, RegionId region, const Json& p) {
  auto r = w.acm.describe_certificate(region, get_string(p, "CertificateArn"));
  if (!r.ok()) return r.error();
  return Json{{"Certificate", describe_json(w, *r.value())}};
}

Outcome<Json> list_certificates(World& w, RegionId region, const Json& p) {
  model::ListCertificatesInput in;
  if (p.contains("CertificateStatuses")) {
    for (const auto& s : p["CertificateStatuses"]) {
      if (!model::parse_aws<model::CertificateStatus>(s.get<std::string>())) {
        return model::aws_error("ValidationException",
                                "1 validation error detected: Value '" + s.get<std::string>() +
                                    "' at 'certificateStatuses' failed to satisfy constraint: Member must satisfy enum value set: [" +
                                    model::aws_choices<model::CertificateStatus>() + "]");
      }
      in.statuses.push_back(s.get<std::string>());
    }
  }
  if (p.contains("Includes")) {
    const Json& inc = p["Includes"];
    if (inc.contains("keyTypes")) {
      for (const auto& k : inc["keyTypes"]) in.key_types.push_back(k.get<std::string>());
    }
    in.export_option = opt_string(inc, "exportOption");
  }
  Json list = Json::array();
  for (const Certificate* c : w.acm.list_certificates(region, in)) list.push_back(summary_json(w, *c));
  return Json{{"CertificateSummaryList", list}};
}

Outcome<Json> get_certificate(World& w, RegionId region, const Json& p) {
  auto r = w.acm.describe_certificate(region, get_string(p, "CertificateArn"));
  if (!r.ok()) return r.error();
  const Certificate& c = *r.value();
  if (c.status != model::CertificateStatus::Issued) {
    return model::aws_error("RequestInProgressException",
                            "Certificate " + c.arn + " is " + std::string(model::aws_name(c.status)) + "; it has no certificate body yet.");
  }
  return Json{{"Certificate", "-----BEGIN CERTIFICATE-----\nMIIB" + (c.serial ? c.serial->text() : std::string()) + "/" + c.domain_name + "\n-----END CERTIFICATE-----\n"},
              {"CertificateChain",
               "-----BEGIN CERTIFICATE-----\nMIIAmazonRSA2048M0" + std::string(model::region_code(c.region)) + "\n-----END CERTIFICATE-----\n"}};
}

Outcome<Json> import_certificate(World& w, RegionId region, const Json& p) {
  model::ImportCertificateInput in;
  in.certificate_arn = opt_string(p, "CertificateArn");
  const Json& cert = p["Certificate"];
  if (cert.is_string()) {
    return model::aws_error("ValidationException",
                            "acmsim reads an imported certificate from an object with its fields (DomainName, SubjectAlternativeNames, NotBefore, "
                            "NotAfter, KeyAlgorithm, Issuer); PEM text is not parsed yet.");
  }
  auto& pem = in.certificate;
  pem.domain_name = get_string(cert, "DomainName");
  if (cert.contains("SubjectAlternativeNames")) {
    for (const auto& s : cert["SubjectAlternativeNames"]) pem.subject_alternative_names.push_back(s.get<std::string>());
  }
  const auto nb = core::parse_timestamp(get_string(cert, "NotBefore"));
  const auto na = core::parse_timestamp(get_string(cert, "NotAfter"));
  if (!nb || !na) return model::aws_error("ValidationException", "Certificate.NotBefore and Certificate.NotAfter must be RFC 3339 UTC timestamps.");
  pem.not_before = *nb;
  pem.not_after = *na;
  pem.key_algorithm = cert.contains("KeyAlgorithm") ? get_string(cert, "KeyAlgorithm") : "RSA_2048";
  pem.issuer = get_string(cert, "Issuer");
  in.tags = read_tags(p);
  auto r = w.acm.import_certificate(region, in);
  if (!r.ok()) return r.error();
  return Json{{"CertificateArn", r.value()}};
}

Outcome<Json> delete_certificate(World& w, RegionId region, const Json& p) {
  return ok_or(w.acm.delete_certificate(region, get_string(p, "CertificateArn")), Json::object());
}

Outcome<Json> export_certificate(World& w, RegionId region, const Json& p) {
  auto r = w.acm.export_certificate(region, get_string(p, "CertificateArn"), get_string(p, "Passphrase"));
  if (!r.ok()) return r.error();
  return Json{{"Certificate", r.value().certificate}, {"CertificateChain", r.value().chain}, {"PrivateKey", r.value().private_key}};
}

Outcome<Json> renew_certificate(World& w, RegionId region, const Json& p) {
  return ok_or(w.acm.renew_certificate(region, get_string(p, "CertificateArn")), Json::object());
}

Outcome<Json> revoke_certificate(World& w, RegionId region, const Json& p) {
  const std::string arn = get_string(p, "CertificateArn");
  auto r = w.acm.revoke_certificate(region, arn, get_string(p, "RevocationReason"));
  return ok_or(r, Json{{"CertificateArn", arn}});
}

Outcome<Json> resend_validation_email(World& w, RegionId region, const Json& p) {
  return ok_or(w.acm.resend_validation_email(region, get_string(p, "CertificateArn"), get_string(p, "Domain")), Json::object());
}

Outcome<Json> add_tags(World& w, RegionId region, const Json& p) {
  return ok_or(w.acm.add_tags(region, get_string(p, "CertificateArn"), read_tags(p)), Json::object());
}

Outcome<Json> remove_tags(World& w, RegionId region, const Json& p) {
  return ok_or(w.acm.remove_tags(region, get_string(p, "CertificateArn"), read_tags(p)), Json::object());
}

Outcome<Json> list_tags(World& w, RegionId region, const Json& p) {
  auto r = w.acm.describe_certificate(region, get_string(p, "CertificateArn"));
  if (!r.ok()) return r.error();
  return Json{{"Tags", tags_json(r.value()->tags)}};
}

Outcome<Json> get_account_configuration(World& w, RegionId region, const Json&) {
  // Without a setting, ACM reports its documented default of 45 days.
  return Json{{"ExpiryEvents", {{"DaysBeforeExpiry", w.acm.days_before_expiry(region).value_or(45)}}}};
}

Outcome<Json> put_account_configuration(World& w, RegionId region, const Json& p) {
  std::optional<std::int64_t> days;
  if (p.contains("ExpiryEvents") && p["ExpiryEvents"].contains("DaysBeforeExpiry")) days = p["ExpiryEvents"]["DaysBeforeExpiry"].get<std::int64_t>();
  return ok_or(w.acm.put_account_configuration(region, days, get_string(p, "IdempotencyToken")), Json::object());
}

}  // namespace

void add_acm_operations(std::vector<Operation>& out) {
  using namespace shapes;
  const Shape* arn_only = structure({{"CertificateArn", string(), true}});
  out.push_back({"acm", "RequestCertificate", false,
                 structure({{"DomainName", string(), true},
                            {"ValidationMethod", string()},
                            {"SubjectAlternativeNames", list(string())},
                            {"IdempotencyToken", string()},
                            {"DomainValidationOptions", list(structure({{"DomainName", string(), true}, {"ValidationDomain", string(), true}}))},
                            {"Options", structure({{"CertificateTransparencyLoggingPreference", string()}, {"Export", string()}})},
                            {"CertificateAuthorityArn", string()},
                            {"Tags", tags_shape()},
                            {"KeyAlgorithm", string()},
                            {"ManagedBy", string()}}),
                 &request_certificate});
  out.push_back({"acm", "DescribeCertificate", true, arn_only, &describe_certificate});
  out.push_back({"acm", "GetCertificate", true, arn_only, &get_certificate});
  out.push_back({"acm", "ListCertificates", true,
                 structure({{"CertificateStatuses", list(string())},
                            {"Includes", structure({{"extendedKeyUsage", list(string())},
                                                    {"keyUsage", list(string())},
                                                    {"keyTypes", list(string())},
                                                    {"exportOption", string()},
                                                    {"managedBy", string()}})},
                            {"NextToken", string()},
                            {"MaxItems", integer()},
                            {"SortBy", string()},
                            {"SortOrder", string()}}),
                 &list_certificates});
  const Shape* pem_fields = structure({{"DomainName", string(), true},
                                       {"SubjectAlternativeNames", list(string())},
                                       {"NotBefore", timestamp(), true},
                                       {"NotAfter", timestamp(), true},
                                       {"KeyAlgorithm", string()},
                                       {"Issuer", string(), true}});
  out.push_back({"acm", "ImportCertificate", false,
                 structure({{"CertificateArn", string()},
                            {"Certificate", blob_or(pem_fields), true},
                            {"PrivateKey", blob()},
                            {"CertificateChain", blob()},
                            {"Tags", tags_shape()}}),
                 &import_certificate});
  out.push_back({"acm", "DeleteCertificate", false, arn_only, &delete_certificate});
  out.push_back(
      {"acm", "ExportCertificate", false, structure({{"CertificateArn", string(), true}, {"Passphrase", blob(), true}}), &export_certificate});
  out.push_back({"acm", "RenewCertificate", false, arn_only, &renew_certificate});
  out.push_back({"acm", "RevokeCertificate", false, structure({{"CertificateArn", string(), true}, {"RevocationReason", string(), true}}),
                 &revoke_certificate});
  out.push_back({"acm", "ResendValidationEmail", false,
                 structure({{"CertificateArn", string(), true}, {"Domain", string(), true}, {"ValidationDomain", string(), true}}),
                 &resend_validation_email});
  out.push_back({"acm", "AddTagsToCertificate", false, structure({{"CertificateArn", string(), true}, {"Tags", tags_shape(), true}}), &add_tags});
  out.push_back(
      {"acm", "RemoveTagsFromCertificate", false, structure({{"CertificateArn", string(), true}, {"Tags", tags_shape(), true}}), &remove_tags});
  out.push_back({"acm", "ListTagsForCertificate", true, arn_only, &list_tags});
  out.push_back({"acm", "GetAccountConfiguration", true, structure({}), &get_account_configuration});
  out.push_back({"acm", "PutAccountConfiguration", false,
                 structure({{"ExpiryEvents", structure({{"DaysBeforeExpiry", integer()}})}, {"IdempotencyToken", string(), true}}),
                 &put_account_configuration});
}

}  // namespace acmsim::api
