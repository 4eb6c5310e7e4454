// AWS enumerations and their exact AWS spellings, in one place.
//
// Each enum class has a table of {value, "AWS_SPELLING"}; aws_name() and
// parse_aws<E>() go through it, and aws_names<E>() lists the valid spellings
// for error messages.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace acmsim::model {

template <class E>
struct AwsEnum;  // specialised below: static constexpr std::array<std::pair<E, std::string_view>, N> table

template <class E>
constexpr std::string_view aws_name(E e) {
  for (const auto& [v, n] : AwsEnum<E>::table) {
    if (v == e) return n;
  }
  return "?";
}

template <class E>
constexpr std::optional<E> parse_aws(std::string_view s) {
  for (const auto& [v, n] : AwsEnum<E>::table) {
    if (n == s) return v;
  }
  return std::nullopt;
}

template <class E>
std::vector<std::string_view> aws_names() {
  std::vector<std::string_view> out;
  out.reserve(std::size(AwsEnum<E>::table));
  for (const auto& [v, n] : AwsEnum<E>::table) out.push_back(n);
  return out;
}

/// "A, B or C": the valid spellings, for messages.
template <class E>
std::string aws_choices() {
  std::string out;
  const auto& t = AwsEnum<E>::table;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i > 0) out += i + 1 == t.size() ? " or " : ", ";
    out += t[i].second;
  }
  return out;
}

#define ACMSIM_AWS_ENUM(E, N, ...)                                                       \
  template <>                                                                            \
  struct AwsEnum<E> {                                                                    \
    static constexpr std::array<std::pair<E, std::string_view>, N> table{{__VA_ARGS__}}; \
  }

// ---- ACM -------------------------------------------------------------------

enum class CertificateStatus { PendingValidation, Issued, Inactive, Expired, ValidationTimedOut, Revoked, Failed };
ACMSIM_AWS_ENUM(CertificateStatus, 7, {CertificateStatus::PendingValidation, "PENDING_VALIDATION"}, {CertificateStatus::Issued, "ISSUED"},
                {CertificateStatus::Inactive, "INACTIVE"}, {CertificateStatus::Expired, "EXPIRED"},
                {CertificateStatus::ValidationTimedOut, "VALIDATION_TIMED_OUT"}, {CertificateStatus::Revoked, "REVOKED"},
                {CertificateStatus::Failed, "FAILED"});

enum class CertificateType { AmazonIssued, Imported, Private };
ACMSIM_AWS_ENUM(CertificateType, 3, {CertificateType::AmazonIssued, "AMAZON_ISSUED"}, {CertificateType::Imported, "IMPORTED"},
                {CertificateType::Private, "PRIVATE"});

enum class ValidationMethod { Email, Dns, Http };
ACMSIM_AWS_ENUM(ValidationMethod, 3, {ValidationMethod::Email, "EMAIL"}, {ValidationMethod::Dns, "DNS"}, {ValidationMethod::Http, "HTTP"});

enum class DomainStatus { PendingValidation, Success, Failed };
ACMSIM_AWS_ENUM(DomainStatus, 3, {DomainStatus::PendingValidation, "PENDING_VALIDATION"}, {DomainStatus::Success, "SUCCESS"},
                {DomainStatus::Failed, "FAILED"});

enum class RenewalStatus { PendingAutoRenewal, PendingValidation, Success, Failed };
ACMSIM_AWS_ENUM(RenewalStatus, 4, {RenewalStatus::PendingAutoRenewal, "PENDING_AUTO_RENEWAL"},
                {RenewalStatus::PendingValidation, "PENDING_VALIDATION"}, {RenewalStatus::Success, "SUCCESS"}, {RenewalStatus::Failed, "FAILED"});

enum class RenewalEligibility { Eligible, Ineligible };
ACMSIM_AWS_ENUM(RenewalEligibility, 2, {RenewalEligibility::Eligible, "ELIGIBLE"}, {RenewalEligibility::Ineligible, "INELIGIBLE"});

enum class FailureReason {
  NoAvailableContacts,
  AdditionalVerificationRequired,
  DomainNotAllowed,
  InvalidPublicDomain,
  DomainValidationDenied,
  CaaError,
  PcaInvalidArn,
  PcaResourceNotFound,
  Other
};
ACMSIM_AWS_ENUM(FailureReason, 9, {FailureReason::NoAvailableContacts, "NO_AVAILABLE_CONTACTS"},
                {FailureReason::AdditionalVerificationRequired, "ADDITIONAL_VERIFICATION_REQUIRED"},
                {FailureReason::DomainNotAllowed, "DOMAIN_NOT_ALLOWED"}, {FailureReason::InvalidPublicDomain, "INVALID_PUBLIC_DOMAIN"},
                {FailureReason::DomainValidationDenied, "DOMAIN_VALIDATION_DENIED"}, {FailureReason::CaaError, "CAA_ERROR"},
                {FailureReason::PcaInvalidArn, "PCA_INVALID_ARN"}, {FailureReason::PcaResourceNotFound, "PCA_RESOURCE_NOT_FOUND"},
                {FailureReason::Other, "OTHER"});

/// The `KeyAlgorithm` request/filter enum (underscore spellings).
enum class KeyAlgorithm { Rsa1024, Rsa2048, Rsa3072, Rsa4096, EcPrime256v1, EcSecp384r1, EcSecp521r1 };
ACMSIM_AWS_ENUM(KeyAlgorithm, 7, {KeyAlgorithm::Rsa1024, "RSA_1024"}, {KeyAlgorithm::Rsa2048, "RSA_2048"}, {KeyAlgorithm::Rsa3072, "RSA_3072"},
                {KeyAlgorithm::Rsa4096, "RSA_4096"}, {KeyAlgorithm::EcPrime256v1, "EC_prime256v1"}, {KeyAlgorithm::EcSecp384r1, "EC_secp384r1"},
                {KeyAlgorithm::EcSecp521r1, "EC_secp521r1"});

/// DescribeCertificate shows the key algorithm with a hyphen ("RSA-2048"), unlike
/// the request enum: aws-behaviour.md §1.6 ([UG-DESCRIBE-OLD]); the EC form is assumed.
constexpr std::string_view describe_key_algorithm(KeyAlgorithm k) {
  switch (k) {
    case KeyAlgorithm::Rsa1024:
      return "RSA-1024";
    case KeyAlgorithm::Rsa2048:
      return "RSA-2048";
    case KeyAlgorithm::Rsa3072:
      return "RSA-3072";
    case KeyAlgorithm::Rsa4096:
      return "RSA-4096";
    case KeyAlgorithm::EcPrime256v1:
      return "EC-prime256v1";
    case KeyAlgorithm::EcSecp384r1:
      return "EC-secp384r1";
    case KeyAlgorithm::EcSecp521r1:
      return "EC-secp521r1";
  }
  return "?";
}

enum class ExportOption { Enabled, Disabled };
ACMSIM_AWS_ENUM(ExportOption, 2, {ExportOption::Enabled, "ENABLED"}, {ExportOption::Disabled, "DISABLED"});

enum class CtLoggingPreference { Enabled, Disabled };
ACMSIM_AWS_ENUM(CtLoggingPreference, 2, {CtLoggingPreference::Enabled, "ENABLED"}, {CtLoggingPreference::Disabled, "DISABLED"});

// ---- Route 53 ----------------------------------------------------------------

enum class RRType { A, AAAA, CAA, CNAME, DS, HTTPS, MX, NAPTR, NS, PTR, SOA, SPF, SRV, SSHFP, SVCB, TLSA, TXT };
ACMSIM_AWS_ENUM(RRType, 17, {RRType::A, "A"}, {RRType::AAAA, "AAAA"}, {RRType::CAA, "CAA"}, {RRType::CNAME, "CNAME"}, {RRType::DS, "DS"},
                {RRType::HTTPS, "HTTPS"}, {RRType::MX, "MX"}, {RRType::NAPTR, "NAPTR"}, {RRType::NS, "NS"}, {RRType::PTR, "PTR"},
                {RRType::SOA, "SOA"}, {RRType::SPF, "SPF"}, {RRType::SRV, "SRV"}, {RRType::SSHFP, "SSHFP"}, {RRType::SVCB, "SVCB"},
                {RRType::TLSA, "TLSA"}, {RRType::TXT, "TXT"});

enum class ChangeAction { Create, Delete, Upsert };
ACMSIM_AWS_ENUM(ChangeAction, 3, {ChangeAction::Create, "CREATE"}, {ChangeAction::Delete, "DELETE"}, {ChangeAction::Upsert, "UPSERT"});

// ---- API Gateway, CloudFront, ELB ------------------------------------------------

enum class EndpointType { Edge, Regional, Private };
ACMSIM_AWS_ENUM(EndpointType, 3, {EndpointType::Edge, "EDGE"}, {EndpointType::Regional, "REGIONAL"}, {EndpointType::Private, "PRIVATE"});

enum class LoadBalancerType { Application, Network };
ACMSIM_AWS_ENUM(LoadBalancerType, 2, {LoadBalancerType::Application, "application"}, {LoadBalancerType::Network, "network"});

enum class ListenerProtocol { Http, Https, Tcp, Tls, Udp, TcpUdp };
ACMSIM_AWS_ENUM(ListenerProtocol, 6, {ListenerProtocol::Http, "HTTP"}, {ListenerProtocol::Https, "HTTPS"}, {ListenerProtocol::Tcp, "TCP"},
                {ListenerProtocol::Tls, "TLS"}, {ListenerProtocol::Udp, "UDP"}, {ListenerProtocol::TcpUdp, "TCP_UDP"});

/// What a client sees when it tries a URL (scenario format, "probe").
enum class ProbeOutcome { Ok, NxDomain, NoEndpoint, NoCertificate, CertExpired, CertNotYetValid, CertNameMismatch, NotFound };
ACMSIM_AWS_ENUM(ProbeOutcome, 8, {ProbeOutcome::Ok, "OK"}, {ProbeOutcome::NxDomain, "NXDOMAIN"}, {ProbeOutcome::NoEndpoint, "NO_ENDPOINT"},
                {ProbeOutcome::NoCertificate, "NO_CERTIFICATE"}, {ProbeOutcome::CertExpired, "CERT_EXPIRED"},
                {ProbeOutcome::CertNotYetValid, "CERT_NOT_YET_VALID"}, {ProbeOutcome::CertNameMismatch, "CERT_NAME_MISMATCH"},
                {ProbeOutcome::NotFound, "NOT_FOUND"});

#undef ACMSIM_AWS_ENUM

}  // namespace acmsim::model
