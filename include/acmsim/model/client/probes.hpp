// Clients that use a hostname, as a browser would: resolve it through Route 53
// (CNAME and alias chains), find the endpoint behind it, do the TLS handshake
// (SNI; is a certificate attached, issued, inside its validity, covering the
// name?), route the path, and time it all with the latency model.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "acmsim/core/random.hpp"
#include "acmsim/core/time.hpp"
#include "acmsim/model/aws_names.hpp"
#include "acmsim/model/client/probe_stats.hpp"
#include "acmsim/model/regions.hpp"

namespace acmsim::model {

class World;

struct ProbeSpec {
  std::string name;
  std::string url;
  std::string host;  // lower case, no trailing dot
  int port = 443;
  std::string path = "/";
  std::vector<RegionId> from;
  core::Duration every{0};  // 0: one attempt
  core::SimTime first;
  core::SimTime until;
  std::int32_t step = -1;
};

struct ProbeAttempt {
  core::SimTime at;
  RegionId from = 0;
  ProbeOutcome outcome = ProbeOutcome::Ok;
  double latency_ms = 0;
  std::string endpoint;  // what answered (an ARN or a DNS name), "" when nothing did
};

/// A probe and what its attempts add up to so far (the attempts themselves go
/// to the trace as they happen, and are not kept).
struct Probe {
  ProbeSpec spec;
  ProbeTally all;
  std::vector<ProbeTally> by_region;  // parallel to spec.from
  /// Its step has run: before that the probe does not exist, and no rule
  /// speaks about it.
  bool started = false;

  /// The attempts from one region, or from all when `from` is empty; null for
  /// a region the probe does not use.
  [[nodiscard]] const ProbeTally* tally(std::optional<RegionId> from) const {
    if (!from) return &all;
    for (std::size_t i = 0; i < spec.from.size(); ++i) {
      if (spec.from[i] == *from) return &by_region[i];
    }
    return nullptr;
  }
};

struct Distribution;
struct CustomDomain;
struct LoadBalancer;

/// Where a host name leads in public DNS (CNAME and alias chains followed).
struct ResolvedHost {
  enum class Kind { NxDomain, None, Distribution, EdgeDomain, RegionalDomain, LoadBalancer, DefaultApi } kind = Kind::None;
  const Distribution* distribution = nullptr;
  const CustomDomain* domain = nullptr;
  const LoadBalancer* lb = nullptr;
  RegionId region = 0;
  std::string name;  // the last name reached (an AWS endpoint name, or an address's owner)
};

ResolvedHost resolve_host(const World& world, const std::string& host);
/// The live resource of the account behind an AWS endpoint name
/// (dxxxx.cloudfront.net, d-xxxx.execute-api.<region>.amazonaws.com, an ELB name).
ResolvedHost endpoint_named(const World& world, const std::string& name);

/// Splits "https://host[:port]/path"; nullopt with a reason on anything else.
std::optional<ProbeSpec> parse_probe_url(const std::string& url, std::string* why);

class Clients {
 public:
  explicit Clients(World& world);

  /// Registers a probe; returns its index.
  std::size_t add(ProbeSpec spec);
  /// The probe's step has come: from now on it exists for the analysis.
  void start(std::size_t index) { probes_[index].started = true; }
  /// Makes the attempts due now (one per region) and schedules the next ones.
  void attempt(std::size_t index);
  [[nodiscard]] const std::vector<Probe>& probes() const { return probes_; }
  [[nodiscard]] const Probe* find(const std::string& name) const;
  /// The probe's spec, for the runner to complete a url that had references.
  ProbeSpec& spec(std::size_t index) { return probes_[index].spec; }

 private:
  ProbeAttempt try_once(const ProbeSpec& spec, RegionId from);

  World& world_;
  core::RandomStream jitter_;
  std::vector<Probe> probes_;
};

}  // namespace acmsim::model
