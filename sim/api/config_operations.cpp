// AWS Config's API (the parts about managed rules and their compliance).
#include <algorithm>

#include "acmsim/api/operations.hpp"

namespace acmsim::api {

namespace {

using model::Outcome;
using model::RegionId;
using model::World;

std::string seconds(core::SimTime t) { return timestamp(core::SimTime{t.ms - ((t.ms % 1000) + 1000) % 1000}); }

Json rule_json(const model::ConfigRule& r) {
  Json j = {{"ConfigRuleName", r.name},
            {"ConfigRuleArn", r.arn},
            {"ConfigRuleId", r.id},
            {"Source", {{"Owner", r.owner}, {"SourceIdentifier", r.source_identifier}}}};
  if (!r.input_parameters.empty()) j["InputParameters"] = r.input_parameters;
  j["MaximumExecutionFrequency"] = r.frequency;
  j["ConfigRuleState"] = "ACTIVE";
  return j;
}

Outcome<Json> put_config_rule(World& w, RegionId region, const Json& p) {
  const Json& r = p["ConfigRule"];
  model::PutConfigRuleInput in;
  in.name = get_string(r, "ConfigRuleName");
  if (r.contains("Source")) {
    in.owner = get_string(r["Source"], "Owner");
    in.source_identifier = get_string(r["Source"], "SourceIdentifier");
  }
  in.input_parameters = opt_string(r, "InputParameters");
  in.frequency = opt_string(r, "MaximumExecutionFrequency");
  auto res = w.config.put_config_rule(region, in);
  if (!res.ok()) return res.error();
  return Json::object();
}

Outcome<Json> delete_config_rule(World& w, RegionId region, const Json& p) {
  auto r = w.config.delete_config_rule(region, get_string(p, "ConfigRuleName"));
  if (!r.ok()) return r.error();
  return Json::object();
}

Outcome<Json> describe_config_rules(World& w, RegionId region, const Json& p) {
  Json out = Json::array();
  if (p.contains("ConfigRuleNames")) {
    for (const auto& n : p["ConfigRuleNames"]) {
      auto r = w.config.find_rule(region, n.get<std::string>());
      if (!r.ok()) return r.error();
      out.push_back(rule_json(*r.value()));
    }
  } else {
    for (const auto* r : w.config.rules(region)) out.push_back(rule_json(*r));
  }
  return Json{{"ConfigRules", out}};
}

Outcome<Json> get_compliance_details(World& w, RegionId region, const Json& p) {
  auto rule = w.config.find_rule(region, get_string(p, "ConfigRuleName"));
  if (!rule.ok()) return rule.error();
  std::vector<std::string> types;
  if (p.contains("ComplianceTypes")) {
    for (const auto& t : p["ComplianceTypes"]) types.push_back(t.get<std::string>());
  }
  if (types.empty()) types = {"COMPLIANT", "NON_COMPLIANT"};
  Json out = Json::array();
  for (const auto& [id, r] : rule.value()->results) {
    if (std::find(types.begin(), types.end(), r.compliance) == types.end()) continue;
    out.push_back(
        {{"EvaluationResultIdentifier",
          {{"EvaluationResultQualifier", {{"ConfigRuleName", rule.value()->name}, {"ResourceType", "AWS::ACM::Certificate"}, {"ResourceId", id}}},
           {"OrderingTimestamp", seconds(r.recorded)}}},
         {"ComplianceType", r.compliance},
         {"ResultRecordedTime", seconds(r.recorded)},
         {"ConfigRuleInvokedTime", seconds(r.invoked)}});
  }
  return Json{{"EvaluationResults", out}};
}

Outcome<Json> describe_compliance(World& w, RegionId region, const Json& p) {
  std::vector<const model::ConfigRule*> rules;
  if (p.contains("ConfigRuleNames")) {
    for (const auto& n : p["ConfigRuleNames"]) {
      auto r = w.config.find_rule(region, n.get<std::string>());
      if (!r.ok()) return r.error();
      rules.push_back(r.value());
    }
  } else {
    rules = w.config.rules(region);
  }
  Json out = Json::array();
  for (const auto* r : rules) {
    std::size_t non = 0;
    std::size_t ok = 0;
    for (const auto& [id, res] : r->results) {
      non += res.compliance == "NON_COMPLIANT" ? 1 : 0;
      ok += res.compliance == "COMPLIANT" ? 1 : 0;
    }
    Json c = {{"ComplianceType", non > 0 ? "NON_COMPLIANT" : ok > 0 ? "COMPLIANT" : "INSUFFICIENT_DATA"}};
    if (non > 0) c["ComplianceContributorCount"] = {{"CappedCount", std::min<std::size_t>(non, 100)}, {"CapExceeded", non > 100}};
    out.push_back({{"ConfigRuleName", r->name}, {"Compliance", c}});
  }
  return Json{{"ComplianceByConfigRules", out}};
}

}  // namespace

void add_config_operations(std::vector<Operation>& out) {
  using namespace shapes;
  out.push_back(
      {"config", "PutConfigRule", false,
       structure(
           {{"ConfigRule",
             structure(
                 {{"ConfigRuleName", string()},
                  {"ConfigRuleArn", string()},
                  {"ConfigRuleId", string()},
                  {"Description", string()},
                  {"Scope", any()},
                  {"Source",
                   structure({{"Owner", string(), true}, {"SourceIdentifier", string()}, {"SourceDetails", any()}, {"CustomPolicyDetails", any()}}),
                   true},
                  {"InputParameters", string()},
                  {"MaximumExecutionFrequency", string()},
                  {"ConfigRuleState", string()},
                  {"CreatedBy", string()},
                  {"EvaluationModes", any()}}),
             true},
            {"Tags", any()}}),
       &put_config_rule});
  out.push_back({"config", "DeleteConfigRule", false, structure({{"ConfigRuleName", string(), true}}), &delete_config_rule});
  out.push_back({"config", "DescribeConfigRules", true, structure({{"ConfigRuleNames", list(string())}, {"NextToken", string()}, {"Filters", any()}}),
                 &describe_config_rules});
  out.push_back({"config", "GetComplianceDetailsByConfigRule", true,
                 structure({{"ConfigRuleName", string(), true}, {"ComplianceTypes", list(string())}, {"Limit", integer()}, {"NextToken", string()}}),
                 &get_compliance_details});
  out.push_back({"config", "DescribeComplianceByConfigRule", true,
                 structure({{"ConfigRuleNames", list(string())}, {"ComplianceTypes", list(string())}, {"NextToken", string()}}),
                 &describe_compliance});
}

}  // namespace acmsim::api
