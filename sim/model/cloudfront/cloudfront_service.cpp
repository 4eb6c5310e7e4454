#include "acmsim/model/cloudfront/cloudfront_service.hpp"

#include <algorithm>
#include <cctype>

#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::model {

namespace {
constexpr std::string_view kAliasHelp =
    " For more details, see: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html#alternate-domain-names-requirements";

bool cloudfront_key_ok(KeyAlgorithm k) {
  // CloudFront: RSA up to 4096 bits, ECDSA P-256 only (aws-behaviour.md §3).
  return k != KeyAlgorithm::EcSecp384r1 && k != KeyAlgorithm::EcSecp521r1;
}
}  // namespace

CloudFrontService::CloudFrontService(const ServiceContext& ctx, AcmService& acm) : ctx_(ctx), acm_(acm), ids_(ctx.sim.seed(), "cloudfront.ids") {}

std::string CloudFrontService::random_id(std::size_t n, std::string_view alphabet) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += alphabet[static_cast<std::size_t>(ids_.uniform_int(0, static_cast<std::int64_t>(alphabet.size()) - 1))];
  return out;
}

void CloudFrontService::trace_state(const Distribution& d, StateChange change, core::Json extra) {
  if (ctx_.trace.enabled()) ctx_.emit_state("cloudfront", std::nullopt, d.arn(ctx_.account), change, std::move(extra));
}

Distribution* CloudFrontService::find(const std::string& id) {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &distributions_[it->second];
}

const Distribution* CloudFrontService::find_by_domain_name(const std::string& name) const {
  const auto it = by_domain_name_.find(name);
  if (it == by_domain_name_.end()) {
    // Whether some distribution will answer for this name depends on them all.
    ReadLog::note(Part::CloudFront, kAllKeys);
    return nullptr;
  }
  ReadLog::note(Part::CloudFront, it->second);
  return &distributions_[it->second];
}

const Distribution* CloudFrontService::at(std::uint32_t index) const {
  ReadLog::note(Part::CloudFront, index);
  return index < distributions_.size() && !distributions_[index].deleted ? &distributions_[index] : nullptr;
}

void CloudFrontService::changed(const Distribution& d) {
  if (sink_ != nullptr) sink_->resource_changed(Part::CloudFront, d.index);
}

void CloudFrontService::index_aliases(const std::vector<std::string>& aliases, std::size_t at) {
  for (const auto& a : aliases) by_alias_.emplace(a, at);
}

void CloudFrontService::unindex_aliases(const std::vector<std::string>& aliases, std::size_t at) {
  for (const auto& a : aliases) {
    if (const auto it = by_alias_.find(a); it != by_alias_.end() && it->second == at) by_alias_.erase(it);
  }
}

std::optional<AwsError> CloudFrontService::check(const DistributionSettings& in, const std::string& self_id) const {
  if (in.aliases.size() > 100)
    return aws_error("TooManyDistributionCNAMEs", "Your request contains more CNAMEs than are allowed per distribution (100).");
  for (const auto& a : in.aliases) {
    const bool lower = std::none_of(a.begin(), a.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; });
    if (!lower || !dns::is_valid_certificate_domain(a))
      return aws_error("InvalidArgument", "The parameter CNAME '" + a + "' is invalid: alternate domain names are lower-case DNS names.");
  }
  // The first other distribution (in creation order) that holds one of the
  // aliases, and the first of them it holds.
  std::optional<std::size_t> owner;
  const std::string* taken = nullptr;
  for (const auto& a : in.aliases) {
    const auto it = by_alias_.find(a);
    if (it == by_alias_.end() || distributions_[it->second].id == self_id) continue;
    if (!owner || it->second < *owner) {
      owner = it->second;
      taken = &a;
    }
  }
  if (owner) {
    return aws_error("CNAMEAlreadyExists", "One or more of the CNAMEs you provided are already associated with a different resource (" + *taken +
                                               " is on distribution " + distributions_[*owner].id + ").");
  }
  const auto& v = in.viewer;
  if (v.cloudfront_default) {
    if (!in.aliases.empty()) {
      return aws_error("InvalidViewerCertificate",
                       "To add an alternate domain name (CNAME) to a CloudFront distribution, you must attach a trusted certificate that validates "
                       "your authorization to use the domain name." +
                           std::string(kAliasHelp),
                       "certificate-name-mismatch");
    }
    return std::nullopt;
  }
  if (v.ssl_support_method != "sni-only" && v.ssl_support_method != "vip" && v.ssl_support_method != "static-ip") {
    return aws_error("InvalidArgument", "ViewerCertificate.SSLSupportMethod must be sni-only, vip or static-ip.");
  }
  const std::string invalid =
      "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain.";
  auto found = acm_.find_any(v.acm_certificate_arn);
  if (!found.ok()) {
    const bool other_region = v.acm_certificate_arn.rfind("arn:aws:acm:", 0) == 0 && v.acm_certificate_arn.find(":us-east-1:") == std::string::npos;
    return aws_error("InvalidViewerCertificate", invalid, other_region ? "apigw-edge-certificate-region" : "");
  }
  const Certificate& c = *found.value();
  if (c.region != us_east_1()) return aws_error("InvalidViewerCertificate", invalid, "apigw-edge-certificate-region");
  if (c.status != CertificateStatus::Issued || !cloudfront_key_ok(c.key_algorithm)) return aws_error("InvalidViewerCertificate", invalid);
  for (const auto& a : in.aliases) {
    const bool covered = std::any_of(c.sans.begin(), c.sans.end(), [&](const std::string& n) { return dns::certificate_covers(n, a); });
    if (!covered) {
      return aws_error(
          "InvalidViewerCertificate",
          "The certificate that is attached to your distribution doesn't cover the alternate domain name (CNAME) that you're trying to add." +
              std::string(kAliasHelp),
          "certificate-name-mismatch");
    }
  }
  return std::nullopt;
}

Outcome<const Distribution*> CloudFrontService::create_distribution(const DistributionSettings& in) {
  if (const auto it = by_caller_reference_.find(in.caller_reference); it != by_caller_reference_.end()) {
    return aws_error("DistributionAlreadyExists",
                     "The caller reference that you are using to create a distribution is associated with another distribution (" +
                         distributions_[it->second].id + ").");
  }
  if (auto e = check(in, "")) return *e;
  Distribution d;
  d.id = "E" + random_id(13, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  d.domain_name = "d" + random_id(13, "abcdefghijklmnopqrstuvwxyz0123456789") + ".cloudfront.net";
  d.settings = in;
  d.etag = "E" + random_id(13, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  d.last_modified = ctx_.sim.now();
  d.deployed_at = ctx_.sim.now() + ctx_.settings.cloudfront_deploy_delay;
  d.first_deployed_at = d.deployed_at;
  d.certificate_attached_at = ctx_.sim.now();
  d.origin = ctx_.origin;
  const std::size_t at = distributions_.size();
  d.index = static_cast<std::uint32_t>(at);
  distributions_.push_back(d);
  Distribution& stored = distributions_.back();
  changed(stored);
  by_id_.emplace(stored.id, at);
  by_domain_name_.emplace(stored.domain_name, at);
  by_caller_reference_.emplace(stored.settings.caller_reference, at);
  index_aliases(stored.settings.aliases, at);
  if (!in.viewer.cloudfront_default) acm_.attach(in.viewer.acm_certificate_arn, stored.arn(ctx_.account));
  trace_state(stored, StateChange::DistributionCreated, {{"domainName", stored.domain_name}, {"aliases", in.aliases}});
  return &stored;
}

Outcome<const Distribution*> CloudFrontService::get_distribution(const std::string& id) const {
  if (const auto it = by_id_.find(id); it != by_id_.end()) return &distributions_[it->second];
  return aws_error("NoSuchDistribution", "The specified distribution does not exist.");
}

std::vector<const Distribution*> CloudFrontService::all() const {
  ReadLog::note(Part::CloudFront, kAllKeys);
  std::vector<const Distribution*> out;
  for (const auto& d : distributions_) {
    if (!d.deleted) out.push_back(&d);
  }
  return out;
}

Outcome<const Distribution*> CloudFrontService::update_distribution(const std::string& id, const std::string& if_match,
                                                                    const DistributionSettings& in) {
  Distribution* d = find(id);
  if (d == nullptr) return aws_error("NoSuchDistribution", "The specified distribution does not exist.");
  changed(*d);  // reported whether or not the call goes through: a refusal changes nothing, and judging again costs little
  if (if_match.empty()) return aws_error("InvalidIfMatchVersion", "The If-Match version is missing or not valid for the distribution.");
  if (if_match != d->etag)
    return aws_error("PreconditionFailed", "The precondition given in one or more of the request header fields evaluated to false.");
  if (in.caller_reference != d->settings.caller_reference)
    return aws_error("IllegalUpdate", "The CallerReference of a distribution cannot be changed.");
  if (auto e = check(in, d->id)) return *e;
  const std::string old_cert = d->settings.viewer.cloudfront_default ? "" : d->settings.viewer.acm_certificate_arn;
  const std::string new_cert = in.viewer.cloudfront_default ? "" : in.viewer.acm_certificate_arn;
  if (old_cert != new_cert) {
    if (!old_cert.empty()) acm_.detach(old_cert, d->arn(ctx_.account));
    if (!new_cert.empty()) acm_.attach(new_cert, d->arn(ctx_.account));
    d->previous_certificate_arn = old_cert;
    d->certificate_switch_at = ctx_.sim.now() + ctx_.settings.cloudfront_deploy_delay;
    d->certificate_attached_at = ctx_.sim.now();
  }
  const auto at = static_cast<std::size_t>(d - distributions_.data());
  unindex_aliases(d->settings.aliases, at);
  d->settings = in;
  index_aliases(d->settings.aliases, at);
  d->etag = "E" + random_id(13, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  ++d->version;
  d->last_modified = ctx_.sim.now();
  d->deployed_at = ctx_.sim.now() + ctx_.settings.cloudfront_deploy_delay;
  d->origin = ctx_.origin;
  trace_state(*d, StateChange::DistributionUpdated, {{"aliases", in.aliases}, {"enabled", in.enabled}});
  return static_cast<const Distribution*>(d);
}

Outcome<bool> CloudFrontService::delete_distribution(const std::string& id, const std::string& if_match) {
  Distribution* d = find(id);
  if (d == nullptr) return aws_error("NoSuchDistribution", "The specified distribution does not exist.");
  changed(*d);  // reported whether or not the call goes through: a refusal changes nothing, and judging again costs little
  if (if_match.empty()) return aws_error("InvalidIfMatchVersion", "The If-Match version is missing or not valid for the distribution.");
  if (if_match != d->etag)
    return aws_error("PreconditionFailed", "The precondition given in one or more of the request header fields evaluated to false.");
  if (d->settings.enabled || !d->deployed(ctx_.sim.now())) {
    return aws_error("DistributionNotDisabled",
                     "The distribution you are trying to delete has not been disabled (or its last change is not deployed yet).");
  }
  d->deleted = true;
  const auto at = static_cast<std::size_t>(d - distributions_.data());
  unindex_aliases(d->settings.aliases, at);
  by_id_.erase(d->id);
  by_domain_name_.erase(d->domain_name);
  by_caller_reference_.erase(d->settings.caller_reference);
  if (!d->settings.viewer.cloudfront_default) acm_.detach(d->settings.viewer.acm_certificate_arn, d->arn(ctx_.account));
  trace_state(*d, StateChange::DistributionDeleted);
  return true;
}

}  // namespace acmsim::model
