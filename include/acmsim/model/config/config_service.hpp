// AWS Config, per region: the managed rule ACM_CERTIFICATE_EXPIRATION_CHECK,
// evaluated when a certificate changes and periodically, with compliance-change
// events on the region's default bus.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "acmsim/core/random.hpp"
#include "acmsim/core/simulation.hpp"
#include "acmsim/core/trace.hpp"
#include "acmsim/model/acm/acm_service.hpp"
#include "acmsim/model/aws_error.hpp"
#include "acmsim/model/events/eventbridge_service.hpp"
#include "acmsim/model/service_context.hpp"

namespace acmsim::model {

struct EvaluationResult {
  std::string resource_id;  // the certificate ARN
  std::string compliance;   // COMPLIANT | NON_COMPLIANT | NOT_APPLICABLE
  SimTime recorded;
  SimTime invoked;
};

struct ConfigRule {
  std::string name;
  std::string arn;
  std::string id;
  RegionId region = 0;
  std::string owner = "AWS";
  std::string source_identifier;
  std::string input_parameters;
  std::int64_t days_to_expiration = 14;
  std::string frequency = "TwentyFour_Hours";
  std::map<std::string, EvaluationResult> results;  // by resource id
  std::int32_t origin = -1;
  bool deleted = false;
  EventId periodic;
};

struct PutConfigRuleInput {
  std::string name;
  std::string owner;
  std::string source_identifier;
  std::optional<std::string> input_parameters;
  std::optional<std::string> frequency;
};

inline constexpr std::string_view kExpirationCheck = "ACM_CERTIFICATE_EXPIRATION_CHECK";

class ConfigService {
 public:
  ConfigService(const ServiceContext& ctx, const AcmService& acm, EventBridgeService& events);

  Outcome<const ConfigRule*> put_config_rule(RegionId region, const PutConfigRuleInput& in);
  Outcome<bool> delete_config_rule(RegionId region, const std::string& name);
  Outcome<const ConfigRule*> find_rule(RegionId region, const std::string& name) const;
  [[nodiscard]] std::vector<const ConfigRule*> rules(RegionId region) const;
  [[nodiscard]] std::vector<const ConfigRule*> all_rules() const;

  /// A certificate changed: evaluate it against the rules of its region.
  void certificate_changed(const Certificate& c);
  /// The periodic evaluation of one rule (ModelEvent::ConfigEvaluation).
  void periodic(std::uint32_t rule_index);

 private:
  void evaluate(ConfigRule& rule, const Certificate& c);
  void evaluate_all(ConfigRule& rule);
  void schedule_periodic(ConfigRule& rule);

  const ServiceContext& ctx_;
  const AcmService& acm_;
  EventBridgeService& events_;
  core::RandomStream ids_;
  std::vector<ConfigRule> rules_;
};

}  // namespace acmsim::model
