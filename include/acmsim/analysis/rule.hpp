// A misconfiguration rule: metadata for people (and SARIF) and its check.
// Each rule lives in its own file under sim/analysis/rules/ and is listed once
// in sim/analysis/registry.cpp.
#pragma once

#include <initializer_list>
#include <span>
#include <string_view>

#include "acmsim/analysis/context.hpp"
#include "acmsim/analysis/finding.hpp"
#include "acmsim/model/acm/certificate_aspects.hpp"

namespace acmsim::analysis {

struct RuleDef {
  std::string_view id;
  Severity severity;
  std::string_view summary;      // one line
  std::string_view explanation;  // the AWS concept behind it, why AWS behaves so
  std::string_view fix;          // how to fix it
  std::string_view help_uri;     // the specific AWS documentation page
  /// The check of the world as a whole, or null. A rule may instead, or as
  /// well, judge one resource at a time (below).
  void (*check)(Context& ctx);
  /// The parts of the world the rule reads: the engine re-runs it only when
  /// one of them changed (or when it asked to be woken).
  model::PartMask reads = model::kAllParts;
  /// Judges one certificate: every finding reported while judging it is about
  /// it and depends on no other certificate.
  void (*check_certificate)(Context& ctx, const model::Certificate& c) = nullptr;
  /// Judges one custom domain of API Gateway, likewise.
  void (*check_domain)(Context& ctx, const model::CustomDomain& d) = nullptr;
  /// Judges the records of one DNS name (normalized) in every zone, likewise.
  void (*check_name)(Context& ctx, const std::string& name) = nullptr;
  /// Parts whose changes to single resources the rule handles resource by
  /// resource: after such a change the engine re-judges the resource itself
  /// (a certificate, a custom domain, a name) and whatever verdict read it, instead of
  /// running the rule whole. A rule may list a part only where every read of
  /// it is noted in the read log: public DNS lookups and Context::records(),
  /// AcmService::find_any, ApiGatewayService::all_domains() and
  /// domain_by_endpoint(), CloudFrontService::all(), at() and
  /// find_by_domain_name(), ElbService::all(), at() and find_by_dns_name(),
  /// and the resource being judged. Any other change to a part it reads runs
  /// it whole.
  model::PartMask keyed = 0;
  /// The aspects of its own state that check_certificate reads: after a
  /// change of a certificate, the engine re-judges it only when one of them
  /// changed. Whatever else the verdict read (DNS, other resources) goes
  /// through the read log as before.
  model::AspectMask certificate_aspects = model::kAllAspects;
  /// Judges one CloudFront distribution, as check_domain judges a custom
  /// domain (list Part::CloudFront in `keyed`).
  void (*check_distribution)(Context& ctx, const model::Distribution& d) = nullptr;
  /// Judges one load balancer with its listeners, likewise (Part::Elb).
  void (*check_load_balancer)(Context& ctx, const model::LoadBalancer& lb) = nullptr;
};

constexpr model::PartMask reads(model::Part p) { return model::bit(p); }
constexpr model::AspectMask aspects(std::initializer_list<model::CertificateAspect> list) {
  model::AspectMask m = 0;
  for (const auto a : list) m = static_cast<model::AspectMask>(m | model::aspect_bit(a));
  return m;
}

std::span<const RuleDef* const> all_rules();
const RuleDef* find_rule(std::string_view id);

}  // namespace acmsim::analysis
