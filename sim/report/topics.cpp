#include "acmsim/report/topics.hpp"

#include <algorithm>
#include <cctype>

#include "acmsim/model/aws_names.hpp"
#include "acmsim/model/settings.hpp"

namespace acmsim::report {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Entry {
  std::string_view name;
  std::string_view text;
};

// What a client sees, in the order a probe finds it out (see the probes in
// sim/model/client/probes.cpp): DNS, an endpoint, a certificate, its validity,
// its names, the route.
constexpr Entry kOutcomes[] = {
    {"OK",
     "The name resolved to an endpoint of the account, which served a certificate that is issued, inside its validity and covers the "
     "hostname, and the path is routed. Latency is measured for these attempts only."},
    {"NXDOMAIN",
     "Public DNS has no record for the hostname (or a CNAME on its way leads nowhere): clients cannot even connect. Create the "
     "record (an alias A/AAAA record to the endpoint, or a CNAME below the apex)."},
    {"NO_ENDPOINT",
     "The name resolves, but to nothing of the account that answers on it: a deleted distribution, domain or load balancer "
     "(a dangling record), or an address acmsim does not model."},
    {"NO_CERTIFICATE",
     "The endpoint answers but has no certificate for the name: a load balancer without an HTTPS listener or without a "
     "certificate for it, or a custom domain whose certificate was removed. Browsers fail the TLS handshake."},
    {"CERT_EXPIRED",
     "The served certificate is past its NotAfter: every browser refuses it. ACM renews only managed certificates that are in "
     "use and whose validation still works; imported ones are never renewed. Re-import or replace it."},
    {"CERT_NOT_YET_VALID", "The served certificate's NotBefore is in the future (an imported certificate with a future validity)."},
    {"CERT_NAME_MISMATCH",
     "The served certificate does not cover the hostname (a wildcard covers one label only: *.example.com does not "
     "cover example.com or a.b.example.com). Request a certificate with the name as a SAN."},
    {"NOT_FOUND",
     "TLS succeeded but the request was not routed: no base path mapping of the API Gateway domain matches the path, or the "
     "listener's rules answer 404."},
};

// Concept tags of the bundled scenarios that are not rule ids (a rule id's
// concept is the rule: `acmsim explain RULE`).
constexpr Entry kConcepts[] = {
    {"acm-overview",
     "ACM issues public certificates for free and renews them itself, for use with integrated services (CloudFront, load "
     "balancers, API Gateway, ...); the private key never leaves AWS unless the certificate is exportable."},
    {"acm-request",
     "RequestCertificate starts a certificate in PENDING_VALIDATION; it is ISSUED once every name is validated (DNS or email), "
     "or FAILED/VALIDATION_TIMED_OUT if that does not happen in time (72 hours)."},
    {"acm-regional",
     "ACM is regional: a certificate lives in one region and can be used only by resources of that region; CloudFront and "
     "edge-optimized API Gateway domains take theirs from us-east-1."},
    {"acm-dns-validation",
     "DNS validation: ACM gives one CNAME per name; while the record is in public DNS, ACM validates and later renews "
     "without anyone's help."},
    {"acm-dns-validation-record-kept",
     "The validation CNAME must stay: ACM checks it again at every renewal. Deleting it after issuance is "
     "how certificates silently fail to renew months later."},
    {"acm-email-validation", "Email validation: someone must click a link sent to the domain's contacts, at request and at every renewal."},
    {"acm-dns-vs-email", "DNS validation renews unattended; email validation needs a person each time. AWS recommends DNS."},
    {"acm-validation-timeout", "A request not validated within 72 hours becomes VALIDATION_TIMED_OUT and cannot be revived: request anew."},
    {"acm-managed-renewal",
     "ACM renews an Amazon-issued certificate ahead of expiry (the lead depends on the validity era) if it is in use or "
     "was exported, and its validation still succeeds; the ARN stays the same, endpoints pick up the new body."},
    {"acm-renewal-eligibility",
     "Renewal eligibility: ELIGIBLE when the certificate is in use by an integrated service (or exported); an "
     "unused certificate is not renewed."},
    {"acm-validity-period",
     "How long an ACM certificate is valid: 395 days before 2026-02-18, 198 days from then, shorter in later steps (acmsim explain "
     "acm.publicValidity)."},
    {"acm-validity-periods", "See acm-validity-period."},
    {"acm-validity-steps",
     "The CA/Browser Forum's schedule shortens public certificate lifetimes in steps (200, 100, 47 days); ACM follows "
     "with 198, then 98 and 45 days (the later steps are assumptions until AWS dates them)."},
    {"acm-expiry-window",
     "The account's expiry window (PutAccountConfiguration DaysBeforeExpiry, default 45) sets when ACM starts sending "
     "Approaching Expiration events."},
    {"acm-eventbridge-events",
     "ACM sends events to EventBridge in its region: Certificate Available, Approaching Expiration (daily), Expired, "
     "Renewal Action Required."},
    {"eventbridge-acm-events", "See acm-eventbridge-events."},
    {"eventbridge-cross-region", "A rule can send events to a bus in another region; ACM's events arrive only in the certificate's region."},
    {"acm-import", "ImportCertificate stores a certificate made elsewhere; ACM serves it but never renews it."},
    {"acm-imported-expiry", "An imported certificate expires unless someone re-imports a new body before NotAfter; ACM only warns."},
    {"acm-reimport", "Re-importing into the same ARN replaces the body in place: endpoints keep the ARN and pick up the new certificate."},
    {"acm-exportable",
     "Exportable public certificates (from 2025-06-17) can be exported with their private key for use outside AWS; they "
     "cost money and renew only if exported."},
    {"acm-export-ec2", "An exportable certificate can serve EC2 or on-premises servers; the export must be repeated after each renewal."},
    {"acm-wildcard", "*.example.com covers one label: a.example.com, not example.com and not a.b.example.com."},
    {"acm-caa", "A CAA record that names other CAs only forbids Amazon from issuing or renewing for the domain."},
    {"acm-pricing", "Public ACM certificates used with integrated services are free; exportable ones and private CA certificates are paid."},
    {"apigw-edge-vs-regional",
     "An edge-optimized API Gateway domain is served through CloudFront (certificate in us-east-1); a regional one "
     "is served in its region (certificate in that region)."},
    {"alb-integration", "An HTTPS listener of an Application Load Balancer takes ACM certificates of its own region (default plus SNI)."},
    {"elb-certificate-region", "A load balancer can use only certificates of its own region."},
    {"cloudfront-certificate", "CloudFront takes its viewer certificate from ACM in us-east-1, whatever the origin's region."},
    {"config-expiration-check", "The AWS Config managed rule acm-certificate-expiration-check flags certificates close to expiry."},
    {"route53-cname-vs-alias", "A CNAME cannot sit at a zone's apex; an alias record can, and points straight at an AWS endpoint."},
    {"route53-delegation", "A zone answers only once its parent delegates to it (NS records); until then its records are not public."},
    {"route53-private-zone", "A private hosted zone answers inside its VPCs only: ACM cannot see validation records there."},
    {"suppressions",
     "A scenario or config file can suppress a finding it accepts, with a reason; suppressed findings are reported but never "
     "fail a run."},
    {"whatif-latency", "A what-if study of latency: edge or regional, from where."},
    {"whatif-renewal-risk", "A what-if study of the risk that renewals fail and certificates expire."},
    {"whatif-validity-steps", "A what-if study of how the shorter validity steps multiply renewals."},
};

std::vector<Topic> build() {
  std::vector<Topic> out;
  for (const auto& e : kOutcomes) {
    out.push_back({"probe outcome", std::string(e.name), std::string(e.name) + " (probe outcome)\n\n" + std::string(e.text) + "\n",
                   lower(std::string(e.name) + " " + std::string(e.text))});
  }
  for (const auto& s : model::settings_catalogue()) {
    out.push_back({"setting", std::string(s.name),
                   std::string(s.name) + " (setting, default " + model::default_text(s) + ")\n\n" + std::string(s.meaning) +
                       "\n\nSource: " + std::string(s.source) + "\n\nOverride it in a scenario's \"settings\": {\"" + std::string(s.name) +
                       "\": ...}; acmsim settings lists them all.\n",
                   lower(std::string(s.name) + " " + std::string(s.meaning))});
  }
  for (const auto& e : kConcepts) {
    out.push_back({"concept", std::string(e.name), std::string(e.name) + " (concept)\n\n" + std::string(e.text) + "\n",
                   lower(std::string(e.name) + " " + std::string(e.text))});
  }
  return out;
}

}  // namespace

const std::vector<Topic>& explain_topics() {
  static const std::vector<Topic> topics = build();
  return topics;
}

const Topic* find_topic(std::string_view name) {
  const std::string wanted = lower(name);
  for (const auto& t : explain_topics()) {
    if (lower(t.name) == wanted) return &t;
  }
  return nullptr;
}

}  // namespace acmsim::report
