#include "acmsim/model/config/config_service.hpp"

#include <array>

#include "acmsim/model/model_events.hpp"
#include "acmsim/model/state_change.hpp"

namespace acmsim::model {

using core::Json;

namespace {

std::optional<Duration> frequency_period(const std::string& f) {
  static const std::array<std::pair<std::string_view, std::int64_t>, 5> k{
      {{"One_Hour", 1}, {"Three_Hours", 3}, {"Six_Hours", 6}, {"Twelve_Hours", 12}, {"TwentyFour_Hours", 24}}};
  for (const auto& [name, hours] : k) {
    if (name == f) return Duration::hours(hours);
  }
  return std::nullopt;
}

std::string seconds(SimTime t) { return core::format_timestamp(SimTime{t.ms - ((t.ms % 1000) + 1000) % 1000}); }

}  // namespace

ConfigService::ConfigService(const ServiceContext& ctx, const AcmService& acm, EventBridgeService& events)
    : ctx_(ctx), acm_(acm), events_(events), ids_(ctx.sim.seed(), "config.ids") {}

Outcome<const ConfigRule*> ConfigService::put_config_rule(RegionId region, const PutConfigRuleInput& in) {
  if (in.name.empty() || in.name.size() > 128) return aws_error("InvalidParameterValueException", "ConfigRuleName must have 1 to 128 characters.");
  if (in.owner != "AWS") {
    return aws_error("InvalidParameterValueException", "acmsim models AWS managed rules only (Source.Owner = AWS); custom rules are not modelled.");
  }
  std::int64_t days = 14;
  if (in.input_parameters && !in.input_parameters->empty()) {
    Json params;
    try {
      params = Json::parse(*in.input_parameters);
    } catch (const std::exception&) {
      return aws_error("InvalidParameterValueException", "InputParameters is not valid JSON.");
    }
    if (!params.is_object()) return aws_error("InvalidParameterValueException", "InputParameters must be a JSON object.");
    if (params.contains("daysToExpiration")) {
      const Json& d = params["daysToExpiration"];
      try {
        days = d.is_string() ? std::stoll(d.get<std::string>()) : d.get<std::int64_t>();
      } catch (const std::exception&) {
        return aws_error("InvalidParameterValueException", "daysToExpiration must be a whole number of days.");
      }
      if (days < 1 || days > 365) return aws_error("InvalidParameterValueException", "daysToExpiration must be from 1 to 365.");
    }
  }
  const std::string frequency = in.frequency.value_or("TwentyFour_Hours");
  if (!frequency_period(frequency)) {
    return aws_error("InvalidParameterValueException",
                     "MaximumExecutionFrequency must be One_Hour, Three_Hours, Six_Hours, Twelve_Hours or TwentyFour_Hours.");
  }
  ConfigRule* rule = nullptr;
  for (auto& r : rules_) {
    if (!r.deleted && r.region == region && r.name == in.name) rule = &r;
  }
  if (rule == nullptr) {
    rules_.push_back(ConfigRule{});
    rule = &rules_.back();
    rule->name = in.name;
    rule->region = region;
    std::string suffix;
    for (int i = 0; i < 6; ++i) suffix += "abcdefghijklmnopqrstuvwxyz0123456789"[ids_.uniform_int(0, 35)];
    rule->id = "config-rule-" + suffix;
    rule->arn = "arn:aws:config:" + std::string(region_code(region)) + ":" + ctx_.account + ":config-rule/" + rule->id;
  }
  rule->owner = in.owner;
  rule->source_identifier = in.source_identifier;
  rule->input_parameters = in.input_parameters.value_or("");
  rule->days_to_expiration = days;
  rule->frequency = frequency;
  rule->origin = ctx_.origin;
  if (ctx_.trace.enabled()) {
    ctx_.emit_state("config", region, rule->arn, StateChange::ConfigRulePut, {{"source", in.source_identifier}, {"daysToExpiration", days}});
  }
  evaluate_all(*rule);
  schedule_periodic(*rule);
  return static_cast<const ConfigRule*>(rule);
}

Outcome<bool> ConfigService::delete_config_rule(RegionId region, const std::string& name) {
  for (auto& r : rules_) {
    if (!r.deleted && r.region == region && r.name == name) {
      r.deleted = true;
      ctx_.sim.cancel(r.periodic);
      return true;
    }
  }
  return aws_error("NoSuchConfigRuleException",
                   "The ConfigRule '" + name + "' provided in the request is invalid. Please check the configRule name.");
}

Outcome<const ConfigRule*> ConfigService::find_rule(RegionId region, const std::string& name) const {
  for (const auto& r : rules_) {
    if (!r.deleted && r.region == region && r.name == name) return &r;
  }
  return aws_error("NoSuchConfigRuleException",
                   "The ConfigRule '" + name + "' provided in the request is invalid. Please check the configRule name.");
}

std::vector<const ConfigRule*> ConfigService::rules(RegionId region) const {
  std::vector<const ConfigRule*> out;
  for (const auto& r : rules_) {
    if (!r.deleted && r.region == region) out.push_back(&r);
  }
  return out;
}

std::vector<const ConfigRule*> ConfigService::all_rules() const {
  std::vector<const ConfigRule*> out;
  for (const auto& r : rules_) {
    if (!r.deleted) out.push_back(&r);
  }
  return out;
}

void ConfigService::schedule_periodic(ConfigRule& rule) {
  ctx_.sim.cancel(rule.periodic);
  const auto index = static_cast<std::uint32_t>(&rule - rules_.data());
  rule.periodic = ctx_.sim.schedule_in(*frequency_period(rule.frequency), core::Priority::Model,
                                       core::EventPayload{static_cast<std::uint32_t>(ModelEvent::ConfigEvaluation), index, 0});
}

void ConfigService::periodic(std::uint32_t rule_index) {
  if (rule_index >= rules_.size() || rules_[rule_index].deleted) return;
  ConfigRule& rule = rules_[rule_index];
  rule.periodic = {};
  evaluate_all(rule);
  schedule_periodic(rule);
}

void ConfigService::certificate_changed(const Certificate& c) {
  for (auto& r : rules_) {
    if (!r.deleted && r.region == c.region) evaluate(r, c);
  }
}

void ConfigService::evaluate_all(ConfigRule& rule) {
  for (const auto& c : acm_.all()) {
    if (c.region == rule.region) evaluate(rule, c);
  }
}

void ConfigService::evaluate(ConfigRule& rule, const Certificate& c) {
  if (rule.source_identifier != kExpirationCheck) return;  // other managed rules are not modelled
  const SimTime now = ctx_.sim.now();
  if (c.deleted) {
    rule.results.erase(c.arn);
    return;
  }
  // Certificates without a validity period (not issued) are not applicable.
  std::string compliance = "NOT_APPLICABLE";
  if (c.not_after && (c.status == CertificateStatus::Issued || c.status == CertificateStatus::Expired)) {
    compliance = *c.not_after - now <= Duration::days(rule.days_to_expiration) ? "NON_COMPLIANT" : "COMPLIANT";
  }
  auto it = rule.results.find(c.arn);
  const std::optional<EvaluationResult> old = it == rule.results.end() ? std::nullopt : std::optional<EvaluationResult>(it->second);
  EvaluationResult result{c.arn, compliance, now, now};
  rule.results[c.arn] = result;
  if (old && old->compliance == compliance) return;
  // Compliance changed: Config tells the default bus.
  auto result_json = [&](const EvaluationResult& r) {
    return Json{
        {"evaluationResultIdentifier",
         {{"evaluationResultQualifier", {{"configRuleName", rule.name}, {"resourceType", "AWS::ACM::Certificate"}, {"resourceId", r.resource_id}}},
          {"orderingTimestamp", seconds(r.recorded)}}},
        {"complianceType", r.compliance},
        {"resultRecordedTime", seconds(r.recorded)},
        {"configRuleInvokedTime", seconds(r.invoked)}};
  };
  Json detail = {{"resourceId", c.arn},
                 {"awsRegion", region_code(rule.region)},
                 {"awsAccountId", ctx_.account},
                 {"configRuleName", rule.name},
                 {"recordVersion", "1.0"},
                 {"configRuleARN", rule.arn},
                 {"messageType", "ComplianceChangeNotification"},
                 {"newEvaluationResult", result_json(result)}};
  if (old) detail["oldEvaluationResult"] = result_json(*old);
  detail["notificationCreationTime"] = seconds(now);
  detail["resourceType"] = "AWS::ACM::Certificate";
  Json event = {{"version", "0"},
                {"id", events_.new_event_id()},
                {"detail-type", "Config Rules Compliance Change"},
                {"source", "aws.config"},
                {"account", ctx_.account},
                {"time", seconds(now)},
                {"region", region_code(rule.region)},
                {"resources", Json::array({c.arn})},
                {"detail", detail}};
  events_.publish(rule.region, "default", std::move(event));
}

}  // namespace acmsim::model
