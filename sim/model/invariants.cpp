#include "acmsim/model/invariants.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "acmsim/model/world.hpp"

namespace acmsim::model {

namespace {

/// Which endpoints reference which certificate (ARN -> endpoint ARNs), from the
/// endpoints' own state: the ground truth ACM's InUseBy must follow.
std::map<std::string, std::set<std::string>, std::less<>> references(const World& w) {
  std::map<std::string, std::set<std::string>, std::less<>> out;
  for (const auto* d : w.apigateway.all_domains()) {
    if (!d->certificate_arn.empty()) out[d->certificate_arn].insert(d->arn());
  }
  for (const auto* d : w.cloudfront.all()) {
    if (!d->settings.viewer.cloudfront_default && !d->settings.viewer.acm_certificate_arn.empty())
      out[d->settings.viewer.acm_certificate_arn].insert(d->arn(w.acm.account()));
  }
  for (const auto* lb : w.elb.all()) {
    for (const auto& l : lb->listeners) {
      if (l.deleted) continue;
      if (!l.default_certificate.empty()) out[l.default_certificate].insert(lb->arn);
      for (const auto& c : l.sni_certificates) out[c].insert(lb->arn);
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> broken_invariants(const World& w) {
  std::vector<std::string> out;
  const auto refs = references(w);
  // ACM's index of issued certificates (what the region rules read) follows their status.
  std::map<RegionId, std::uint32_t> per_region;
  std::size_t issued = 0;
  for (const auto& c : w.acm.all()) {
    const bool is = !c.deleted && c.status == CertificateStatus::Issued;
    if (is) {
      ++per_region[c.region];
      ++issued;
    }
    if (is != (w.acm.issued().count(c.id) != 0U))
      out.push_back("certificate " + c.arn + " is " + (is ? "" : "not ") + "ISSUED but ACM's index says otherwise");
  }
  if (issued != w.acm.issued().size() || per_region != w.acm.issued_per_region())
    out.push_back("ACM's count of issued certificates per region is off");
  for (const auto& c : w.acm.all()) {
    const auto found = w.acm.find_any(c.arn);
    if (c.deleted) {
      if (found.ok()) out.push_back("deleted certificate " + c.arn + " is still found by its ARN");
      continue;
    }
    if (!found.ok() || found.value() != &c) out.push_back("certificate " + c.arn + " is not found by its ARN");
    if (c.status == CertificateStatus::Issued) {
      if (!c.not_before || !c.not_after)
        out.push_back("ISSUED certificate " + c.arn + " has no validity period");
      else if (!(*c.not_before < *c.not_after))
        out.push_back("ISSUED certificate " + c.arn + " has NotBefore at or after NotAfter");
    }
    if (c.type == CertificateType::Imported && (c.renewing || c.renewal))
      out.push_back("imported certificate " + c.arn + " has a managed renewal (ACM never renews imports)");
    // InUseBy holds every endpoint that references the certificate, and
    // nothing else but endpoints whose detach is still propagating.
    const auto it = refs.find(c.arn);
    if (it != refs.end()) {
      for (const auto& user : it->second) {
        if (c.in_use_by.count(user) == 0U) out.push_back("certificate " + c.arn + " is used by " + user + " but InUseBy does not list it");
      }
    }
    for (const auto& user : c.in_use_by) {
      const bool referenced = it != refs.end() && it->second.count(user) != 0U;
      const bool leaving = std::any_of(c.detaching.begin(), c.detaching.end(), [&](const PendingDetach& d) { return d.user == user; });
      if (!referenced && !leaving) out.push_back("certificate " + c.arn + " lists " + user + " in InUseBy, which does not use it");
    }
  }
  // A zone's count of delegations below its apex (lookups skip the search for
  // a cut when it is 0) follows its records.
  for (const HostedZone* z : w.route53.zones()) {
    const auto cuts = static_cast<std::size_t>(std::count_if(
        z->records.begin(), z->records.end(), [&](const auto& kv) { return kv.second.type == RRType::NS && kv.second.name != z->name; }));
    if (cuts != z->ns_cuts)
      out.push_back("zone " + z->id + " counts " + std::to_string(z->ns_cuts) + " delegations below its apex, not " + std::to_string(cuts));
  }
  for (const auto* lb : w.elb.all()) {
    if (w.elb.find_by_dns_name(lb->dns_name) != lb) out.push_back("load balancer " + lb->arn + " is not found by its DNS name");
  }
  return out;
}

}  // namespace acmsim::model
