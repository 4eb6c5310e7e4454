// Elastic Load Balancing v2 (per region): application and network load
// balancers, listeners with a default certificate from the same region and an
// SNI list, redirect actions.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "acmsim/core/random.hpp"
#include "acmsim/core/simulation.hpp"
#include "acmsim/core/trace.hpp"
#include "acmsim/model/acm/acm_service.hpp"
#include "acmsim/model/aws_error.hpp"
#include "acmsim/model/changes.hpp"
#include "acmsim/model/service_context.hpp"
#include "acmsim/model/settings.hpp"
#include "acmsim/model/state_change.hpp"

namespace acmsim::model {

struct Listener {
  std::string arn;
  int port = 0;
  ListenerProtocol protocol = ListenerProtocol::Http;
  std::string ssl_policy;
  std::string default_certificate;
  std::vector<std::string> sni_certificates;
  core::Json default_actions = core::Json::array();
  SimTime created_at;
  std::int32_t origin = -1;
  bool deleted = false;

  [[nodiscard]] bool redirects_to_https() const;
};

struct LoadBalancer {
  std::uint32_t index = 0;  // position in creation order: the analysis's key (Part::Elb)
  std::string arn;
  std::string name;
  RegionId region = 0;
  LoadBalancerType type = LoadBalancerType::Application;
  std::string scheme = "internet-facing";
  std::string dns_name;
  std::string canonical_hosted_zone_id;
  std::vector<std::string> subnets;
  std::string ip_address_type = "ipv4";
  SimTime created_at;
  std::vector<Listener> listeners;
  std::int32_t origin = -1;
  bool deleted = false;
};

struct CreateLoadBalancerInput {
  std::string name;
  std::vector<std::string> subnets;
  std::optional<std::string> scheme;
  std::optional<std::string> type;
  std::optional<std::string> ip_address_type;
};

struct CreateListenerInput {
  std::string load_balancer_arn;
  std::optional<std::string> protocol;
  std::optional<int> port;
  std::optional<std::string> ssl_policy;
  std::vector<std::string> certificates;
  core::Json default_actions = core::Json::array();
};

/// The canonical hosted zone id of a region's load balancers, by type.
std::string elb_canonical_zone_id(RegionId region, LoadBalancerType type);

class ElbService {
 public:
  ElbService(const ServiceContext& ctx, AcmService& acm);

  /// Where changes to one load balancer (or its listeners) are reported.
  void set_change_sink(ChangeSink* sink) { sink_ = sink; }

  Outcome<const LoadBalancer*> create_load_balancer(RegionId region, const CreateLoadBalancerInput& in);
  [[nodiscard]] std::vector<const LoadBalancer*> load_balancers(RegionId region) const;
  Outcome<const LoadBalancer*> find_load_balancer(RegionId region, const std::string& arn_or_name) const;
  Outcome<bool> delete_load_balancer(RegionId region, const std::string& arn);
  Outcome<const Listener*> create_listener(RegionId region, const CreateListenerInput& in);
  Outcome<const Listener*> modify_listener(RegionId region, const std::string& listener_arn, const std::optional<std::string>& ssl_policy,
                                           const std::vector<std::string>& certificates, const std::optional<core::Json>& default_actions);
  Outcome<bool> delete_listener(RegionId region, const std::string& listener_arn);
  Outcome<bool> add_listener_certificates(RegionId region, const std::string& listener_arn, const std::vector<std::string>& certificates);
  Outcome<bool> remove_listener_certificates(RegionId region, const std::string& listener_arn, const std::vector<std::string>& certificates);
  Outcome<std::pair<const LoadBalancer*, const Listener*>> find_listener(RegionId region, const std::string& listener_arn) const;

  [[nodiscard]] std::vector<const LoadBalancer*> all() const;
  /// Whether any load balancer was ever made: a read of them all (one made
  /// later changes the answer).
  [[nodiscard]] bool any() const {
    ReadLog::note(Part::Elb, kAllKeys);
    return !lbs_.empty();
  }
  /// How many load balancers were ever made (live or deleted): indexes run below it.
  [[nodiscard]] std::uint32_t count() const { return static_cast<std::uint32_t>(lbs_.size()); }
  /// The live load balancer at this index, or null; a read of it alone.
  [[nodiscard]] const LoadBalancer* at(std::uint32_t index) const;
  /// The live load balancer with this DNS name (without the final dot), if any.
  [[nodiscard]] const LoadBalancer* find_by_dns_name(const std::string& dns_name) const;

 private:
  std::optional<AwsError> check_certificate(RegionId region, const std::string& arn) const;
  void release(const LoadBalancer& lb, const std::string& cert);
  LoadBalancer* mutable_lb(RegionId region, const std::string& arn);
  Listener* mutable_listener(RegionId region, const std::string& arn, LoadBalancer** lb);
  std::string random_hex(std::size_t n);
  void trace_state(const LoadBalancer& lb, StateChange change, core::Json extra = core::Json::object());
  void changed(const LoadBalancer& lb);

  const ServiceContext& ctx_;
  AcmService& acm_;
  core::RandomStream ids_;
  std::vector<LoadBalancer> lbs_;
  // Indexes into lbs_ (and a load balancer's listeners), so that a call costs
  // what it touches, not the number of load balancers: by DNS name (every DNS
  // record to an ELB asks), live ones by ARN and by region and name, and
  // listeners by ARN.
  std::unordered_map<std::string, std::size_t> by_dns_name_;
  std::unordered_map<std::string, std::size_t> by_arn_;
  std::unordered_map<std::string, std::size_t> by_region_name_;  // region_name_key()
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> listener_by_arn_;
  ChangeSink* sink_ = nullptr;
};

}  // namespace acmsim::model
