#include "terraform.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "acmsim/model/regions.hpp"
#include "doc_builder.hpp"

namespace acmsim::iac {

using input::pointer_escape;

namespace {

/// "aws_route53_record.validation[\"a.example.com\"]" -> "aws_route53_record.validation".
std::string base_address(const std::string& address) {
  const auto bracket = address.find('[');
  return bracket == std::string::npos ? address : address.substr(0, bracket);
}

std::string logical_id(const std::string& address, std::set<std::string>& taken) {
  std::string id;
  bool upper = true;
  for (unsigned char c : address) {
    if (std::isalnum(c)) {
      id += static_cast<char>(upper ? std::toupper(c) : c);
      upper = false;
    } else {
      upper = true;
    }
  }
  if (id.empty()) id = "Resource";
  std::string unique = id;
  for (int n = 2; taken.count(unique) != 0U; ++n) unique = id + std::to_string(n);
  taken.insert(unique);
  return unique;
}

/// One planned resource with where its parts are in the plan.
struct Planned {
  std::string address;
  std::string type;
  std::string values_ptr;  // JSON Pointer of its planned values
  const Json* after_unknown = nullptr;
  const Json* expressions = nullptr;    // from the plan's configuration
  std::string expressions_ptr;          // where they are
  const Json* configuration = nullptr;  // the whole configuration entry (for_each_expression, ...)
  std::string provider_key;             // "aws", "aws.us_east_1"
  std::string region;
  std::string id;  // logical id in its stack
};

class PlanReader {
 public:
  PlanReader(const std::string& file, const SourceDocument& plan, std::string default_region, std::vector<std::string>& notices)
      : file_(file), plan_(plan), default_region_(std::move(default_region)), notices_(notices) {}

  std::vector<PlanStack> read() {
    collect_configuration();
    collect_changes();
    if (plan_.root.contains("planned_values") && plan_.root["planned_values"].is_object() && plan_.root["planned_values"].contains("root_module")) {
      collect_planned("/planned_values/root_module", "");
    }
    for (auto& p : planned_) {
      by_base_.emplace(base_address(p.address), &p);
      p.region = region_of(p);
    }
    // Certificates whose DNS validation records the plan writes (for_each over domain_validation_options).
    for (auto& p : planned_) {
      if (p.type == "aws_route53_record" && validated_certificate(p)) validation_records_.insert(p.address);
    }
    for (auto& p : planned_) p.id = logical_id(p.address, ids_[p.region]);
    for (auto& p : planned_) build(p);
    return order();
  }

 private:
  void notice(const std::string& pointer, const std::string& text) {
    const auto pos = plan_.pos_of(pointer);
    notices_.push_back(file_ + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " + text);
  }

  // configuration.root_module (and module calls): expressions and provider keys by address.
  void collect_configuration() {
    const Json& root = plan_.root;
    if (!root.contains("configuration") || !root["configuration"].is_object()) return;
    const Json& cfg = root["configuration"];
    if (cfg.contains("provider_config") && cfg["provider_config"].is_object()) {
      for (const auto& [key, p] : cfg["provider_config"].items()) {
        if (!p.is_object() || !p.contains("expressions") || !p["expressions"].is_object()) continue;
        const Json& e = p["expressions"];
        if (e.contains("region") && e["region"].is_object() && e["region"].contains("constant_value") && e["region"]["constant_value"].is_string()) {
          provider_regions_[key] = e["region"]["constant_value"].get<std::string>();
        }
      }
    }
    if (cfg.contains("root_module")) collect_module_configuration(cfg["root_module"], "");
  }

  void collect_module_configuration(const Json& module, const std::string& prefix, const std::string& ptr = "/configuration/root_module") {
    if (!module.is_object()) return;
    if (module.contains("resources") && module["resources"].is_array()) {
      for (std::size_t i = 0; i < module["resources"].size(); ++i) {
        const Json& r = module["resources"][i];
        if (!r.is_object() || !r.contains("address") || !r["address"].is_string()) continue;
        const std::string address = prefix + r["address"].get<std::string>();
        configurations_[address] = {&r, ptr + "/resources/" + std::to_string(i)};
        if (r.contains("expressions")) expressions_[address] = &r["expressions"];
        if (r.contains("provider_config_key") && r["provider_config_key"].is_string())
          provider_keys_[address] = r["provider_config_key"].get<std::string>();
      }
    }
    if (module.contains("module_calls") && module["module_calls"].is_object()) {
      for (const auto& [name, call] : module["module_calls"].items()) {
        if (call.is_object() && call.contains("module")) {
          collect_module_configuration(call["module"], prefix + "module." + name + ".", ptr + "/module_calls/" + pointer_escape(name) + "/module");
        }
      }
    }
  }

  void collect_changes() {
    if (!plan_.root.contains("resource_changes") || !plan_.root["resource_changes"].is_array()) return;
    for (const auto& c : plan_.root["resource_changes"]) {
      if (!c.is_object() || !c.contains("address") || !c["address"].is_string() || !c.contains("change") || !c["change"].is_object()) continue;
      const Json& change = c["change"];
      if (change.contains("after_unknown")) after_unknown_[c["address"].get<std::string>()] = &change["after_unknown"];
    }
  }

  void collect_planned(const std::string& module_ptr, const std::string& /*prefix*/) {
    const Json& module = plan_.root[Json::json_pointer(module_ptr)];
    if (!module.is_object()) return;
    if (module.contains("resources") && module["resources"].is_array()) {
      for (std::size_t i = 0; i < module["resources"].size(); ++i) {
        const Json& r = module["resources"][i];
        if (!r.is_object() || !r.contains("address") || !r["address"].is_string() || !r.contains("type") || !r["type"].is_string()) continue;
        if (r.contains("mode") && r["mode"] != "managed") continue;  // data sources read, they do not create
        Planned p;
        p.address = r["address"].get<std::string>();
        p.type = r["type"].get<std::string>();
        p.values_ptr = module_ptr + "/resources/" + std::to_string(i) + "/values";
        if (const auto it = after_unknown_.find(p.address); it != after_unknown_.end()) p.after_unknown = it->second;
        if (const auto it = expressions_.find(base_address(p.address)); it != expressions_.end()) p.expressions = it->second;
        if (const auto it = configurations_.find(base_address(p.address)); it != configurations_.end()) {
          p.configuration = it->second.first;
          p.expressions_ptr = it->second.second + "/expressions";
        }
        if (const auto it = provider_keys_.find(base_address(p.address)); it != provider_keys_.end()) p.provider_key = it->second;
        planned_.push_back(std::move(p));
      }
    }
    if (module.contains("child_modules") && module["child_modules"].is_array()) {
      for (std::size_t i = 0; i < module["child_modules"].size(); ++i) collect_planned(module_ptr + "/child_modules/" + std::to_string(i), "");
    }
  }

  std::string region_of(const Planned& p) const {
    const Json* values = plan_.root.contains(Json::json_pointer(p.values_ptr)) ? &plan_.root[Json::json_pointer(p.values_ptr)] : nullptr;
    if (values != nullptr && values->is_object() && values->contains("region") && (*values)["region"].is_string() &&
        model::find_region((*values)["region"].get<std::string>())) {
      return (*values)["region"].get<std::string>();
    }
    if (const auto it = provider_regions_.find(p.provider_key.empty() ? "aws" : p.provider_key); it != provider_regions_.end()) {
      if (model::find_region(it->second)) return it->second;
    }
    return default_region_;
  }

  /// The value of an attribute path: planned, a reference to what it comes
  /// from, or unknown until apply; nullopt when the plan does not set it.
  std::optional<Node> attr(const Planned& p, const std::vector<std::string>& path) {
    std::string ptr = p.values_ptr;
    for (const auto& t : path) ptr += "/" + pointer_escape(t);
    const Json::json_pointer jp(ptr);
    if (plan_.root.contains(jp) && !plan_.root[jp].is_null()) return copy(plan_, ptr);
    bool unknown = false;
    if (p.after_unknown != nullptr) {
      const Json* u = p.after_unknown;
      for (const auto& t : path) {
        if (u->is_object() && u->contains(t)) {
          u = &(*u)[t];
        } else if (u->is_array() && !t.empty() && std::all_of(t.begin(), t.end(), ::isdigit) && std::stoul(t) < u->size()) {
          u = &(*u)[std::stoul(t)];
        } else {
          u = nullptr;
          break;
        }
      }
      unknown = u != nullptr && u->is_boolean() && u->get<bool>();
    }
    if (!unknown) return std::nullopt;
    if (auto r = reference(p, path)) {
      // Where the configuration writes the reference: the line to annotate.
      std::string expr = p.expressions_ptr;
      for (const auto& t : path) expr += "/" + pointer_escape(t);
      return made(*r, p.expressions_ptr.empty() ? plan_.pos_of(p.values_ptr) : plan_.pos_of(expr));
    }
    const SourcePos at = plan_.pos_of(p.values_ptr);
    std::string dotted;
    for (const auto& t : path) dotted += (dotted.empty() ? "" : ".") + t;
    return made(Json{{kUnknownFunction, p.address + "." + dotted + " is known only after terraform apply"}}, at);
  }

  /// The resource and attribute an unknown value comes from, from the plan's configuration.
  std::optional<Json> reference(const Planned& p, const std::vector<std::string>& path) {
    if (p.expressions == nullptr) return std::nullopt;
    const Json* e = p.expressions;
    for (const auto& t : path) {
      if (e->is_object() && e->contains(t)) {
        e = &(*e)[t];
      } else if (e->is_array() && !t.empty() && std::all_of(t.begin(), t.end(), ::isdigit) && std::stoul(t) < e->size()) {
        e = &(*e)[std::stoul(t)];
      } else {
        return std::nullopt;
      }
    }
    if (!e->is_object() || !e->contains("references") || !(*e)["references"].is_array()) return std::nullopt;
    for (const auto& ref : (*e)["references"]) {
      if (!ref.is_string()) continue;
      const std::string text = ref.get<std::string>();
      // TYPE.NAME.ATTR: the longest address the plan has.
      const auto last = text.rfind('.');
      if (last == std::string::npos) continue;
      const std::string target_address = base_address(text.substr(0, last));
      const std::string attribute = text.substr(last + 1);
      const auto it = by_base_.find(target_address);
      if (it == by_base_.end()) continue;
      if (auto v = attribute_value(*it->second, attribute)) return cross_stack(p, *it->second, *v);
    }
    return std::nullopt;
  }

  /// What TYPE.NAME.ATTRIBUTE stands for, as CloudFormation would write it.
  std::optional<Json> attribute_value(const Planned& target, const std::string& attribute) {
    const std::string& t = target.type;
    if (t == "aws_acm_certificate_validation" && attribute == "certificate_arn") {
      // The validation's certificate: the certificate it names.
      if (auto r = reference(target, {"certificate_arn"})) return r;
      return std::nullopt;
    }
    if (attribute == "arn" || attribute == "id" || (t == "aws_route53_zone" && attribute == "zone_id")) return ref(target.id);
    if (t == "aws_cloudfront_distribution" && attribute == "domain_name") return get_att(target.id, "DomainName");
    if (t == "aws_cloudfront_distribution" && attribute == "hosted_zone_id") return Json("Z2FDTNDATAQYW2");
    if (t == "aws_api_gateway_domain_name") {
      if (attribute == "regional_domain_name") return get_att(target.id, "RegionalDomainName");
      if (attribute == "regional_zone_id") return get_att(target.id, "RegionalHostedZoneId");
      if (attribute == "cloudfront_domain_name") return get_att(target.id, "DistributionDomainName");
      if (attribute == "cloudfront_zone_id") return get_att(target.id, "DistributionHostedZoneId");
      if (attribute == "domain_name") return ref(target.id);
    }
    if (t == "aws_apigatewayv2_domain_name") {
      if (attribute == "domain_name_configuration" || attribute == "target_domain_name") return get_att(target.id, "RegionalDomainName");
      if (attribute == "domain_name") return ref(target.id);
    }
    if (t == "aws_lb" || t == "aws_alb") {
      if (attribute == "dns_name") return get_att(target.id, "DNSName");
      if (attribute == "zone_id") return get_att(target.id, "CanonicalHostedZoneID");
    }
    return std::nullopt;
  }

  /// A reference into another region's stack reads that stack's output.
  Json cross_stack(const Planned& from, const Planned& target, const Json& value) {
    if (target.region == from.region || !value.is_object()) return value;
    const std::string output = "Out" + target.id + std::to_string(outputs_[target.region].size());
    outputs_[target.region][output] = value;
    stack_needs_[from.region].insert(target.region);
    return Json{{"Fn::GetStackOutput", {{"StackName", stack_name(target.region)}, {"OutputName", output}, {"Region", target.region}}}};
  }

  /// A DNS validation record: a for_each over a certificate's domain_validation_options.
  const Planned* validated_certificate(const Planned& record) {
    if (record.configuration == nullptr) return nullptr;
    const std::string text = record.configuration->dump();
    const auto at = text.find(".domain_validation_options");
    if (at == std::string::npos) return nullptr;
    const auto start = text.rfind('"', at);
    if (start == std::string::npos) return nullptr;
    const std::string cert = base_address(text.substr(start + 1, at - start - 1));
    const auto it = by_base_.find(cert);
    return it == by_base_.end() ? nullptr : it->second;
  }

  std::string stack_name(const std::string& region) const { return std::filesystem::path(file_).stem().string() + "-" + region; }

  Node& stack_resources(const std::string& region) {
    auto it = stacks_.find(region);
    if (it == stacks_.end()) it = stacks_.emplace(region, made(Json::object(), SourcePos{})).first;
    return it->second;
  }

  void put(const Planned& p, const std::string& type, Node properties) {
    Node r = made(Json{{"Type", type}}, plan_.pos_of(p.values_ptr));
    set(r, "Properties", std::move(properties));
    set(stack_resources(p.region), p.id, std::move(r));
  }

  /// Sets a property from an attribute path when the plan has it.
  bool from(const Planned& p, Node& props, const std::string& key, const std::vector<std::string>& path) {
    auto v = attr(p, path);
    if (!v) return false;
    set(props, key, std::move(*v));
    return true;
  }

  /// A listener's certificate_arn as CloudFormation's Certificates list.
  void certificates(const Planned& p, Node& props, SourcePos at) {
    auto cert = attr(p, {"certificate_arn"});
    if (!cert) return;
    Node one = made(Json::object(), at);
    set(one, "CertificateArn", std::move(*cert));
    Node list = made(Json::array(), at);
    push(list, std::move(one));
    set(props, "Certificates", std::move(list));
  }

  void build(Planned& p) {
    const SourcePos at = plan_.pos_of(p.values_ptr);
    Node props = made(Json::object(), at);
    const std::string& t = p.type;
    if (t == "aws_acm_certificate") {
      from(p, props, "DomainName", {"domain_name"});
      if (auto sans = attr(p, {"subject_alternative_names"}); sans && sans->v.is_array()) {
        // Terraform lists the domain name among the alternative names; ACM takes it once.
        set(props, "SubjectAlternativeNames", std::move(*sans));
      }
      if (!from(p, props, "ValidationMethod", {"validation_method"}) && !attr(p, {"certificate_authority_arn"})) {
        set(props, "ValidationMethod", made(Json("DNS"), at));  // the AWS provider's documented choice for public certificates
      }
      from(p, props, "CertificateAuthorityArn", {"certificate_authority_arn"});
      from(p, props, "KeyAlgorithm", {"key_algorithm"});
      // The records a for_each writes from domain_validation_options: CloudFormation's HostedZoneId.
      for (const auto& q : planned_) {
        if (validation_records_.count(q.address) == 0U || validated_certificate(q) != &p) continue;
        auto zone = attr(q, {"zone_id"});
        auto name = attr(p, {"domain_name"});
        if (!zone || !name) continue;
        Node list = made(Json::array(), at);
        std::vector<Node> names{*name};
        if (auto sans = attr(p, {"subject_alternative_names"}); sans && sans->v.is_array()) {
          for (std::size_t i = 0; i < sans->v.size(); ++i)
            names.push_back(Node{sans->v[i], i < sans->p.children.size() ? sans->p.children[i] : sans->p});
        }
        for (auto& n : names) {
          Node dvo = made(Json::object(), at);
          set(dvo, "DomainName", n);
          set(dvo, "HostedZoneId", *zone);
          push(list, std::move(dvo));
        }
        set(props, "DomainValidationOptions", std::move(list));
        break;
      }
      put(p, "AWS::CertificateManager::Certificate", std::move(props));
    } else if (t == "aws_route53_zone") {
      from(p, props, "Name", {"name"});
      if (auto vpc = attr(p, {"vpc"}); vpc && vpc->v.is_array() && !vpc->v.empty()) {
        Node list = made(Json::array(), at);
        Node one = made(Json::object(), at);
        from(p, one, "VPCId", {"vpc", "0", "vpc_id"});
        from(p, one, "VPCRegion", {"vpc", "0", "vpc_region"});
        push(list, std::move(one));
        set(props, "VPCs", std::move(list));
      }
      put(p, "AWS::Route53::HostedZone", std::move(props));
    } else if (t == "aws_route53_record") {
      if (validation_records_.count(p.address) != 0U) return;  // written through the certificate's DomainValidationOptions
      from(p, props, "HostedZoneId", {"zone_id"});
      from(p, props, "Name", {"name"});
      from(p, props, "Type", {"type"});
      from(p, props, "TTL", {"ttl"});
      from(p, props, "ResourceRecords", {"records"});
      from(p, props, "SetIdentifier", {"set_identifier"});
      if (auto alias = attr(p, {"alias"}); alias && alias->v.is_array() && !alias->v.empty()) {
        Node target = made(Json::object(), at);
        from(p, target, "DNSName", {"alias", "0", "name"});
        from(p, target, "HostedZoneId", {"alias", "0", "zone_id"});
        from(p, target, "EvaluateTargetHealth", {"alias", "0", "evaluate_target_health"});
        set(props, "AliasTarget", std::move(target));
      }
      put(p, "AWS::Route53::RecordSet", std::move(props));
    } else if (t == "aws_api_gateway_domain_name") {
      from(p, props, "DomainName", {"domain_name"});
      from(p, props, "CertificateArn", {"certificate_arn"});
      from(p, props, "RegionalCertificateArn", {"regional_certificate_arn"});
      from(p, props, "SecurityPolicy", {"security_policy"});
      if (auto types = attr(p, {"endpoint_configuration", "0", "types"})) {
        Node config = made(Json::object(), at);
        set(config, "Types", std::move(*types));
        set(props, "EndpointConfiguration", std::move(config));
      }
      put(p, "AWS::ApiGateway::DomainName", std::move(props));
    } else if (t == "aws_apigatewayv2_domain_name") {
      from(p, props, "DomainName", {"domain_name"});
      Node config = made(Json::object(), at);
      from(p, config, "CertificateArn", {"domain_name_configuration", "0", "certificate_arn"});
      from(p, config, "EndpointType", {"domain_name_configuration", "0", "endpoint_type"});
      from(p, config, "SecurityPolicy", {"domain_name_configuration", "0", "security_policy"});
      Node list = made(Json::array(), at);
      push(list, std::move(config));
      set(props, "DomainNameConfigurations", std::move(list));
      put(p, "AWS::ApiGatewayV2::DomainName", std::move(props));
    } else if (t == "aws_cloudfront_distribution") {
      Node config = made(Json{{"Enabled", true}}, at);
      from(p, config, "Aliases", {"aliases"});
      from(p, config, "Enabled", {"enabled"});
      Node viewer = made(Json::object(), at);
      from(p, viewer, "AcmCertificateArn", {"viewer_certificate", "0", "acm_certificate_arn"});
      from(p, viewer, "SslSupportMethod", {"viewer_certificate", "0", "ssl_support_method"});
      from(p, viewer, "MinimumProtocolVersion", {"viewer_certificate", "0", "minimum_protocol_version"});
      from(p, viewer, "CloudFrontDefaultCertificate", {"viewer_certificate", "0", "cloudfront_default_certificate"});
      if (!viewer.v.empty()) set(config, "ViewerCertificate", std::move(viewer));
      set(props, "DistributionConfig", std::move(config));
      put(p, "AWS::CloudFront::Distribution", std::move(props));
    } else if (t == "aws_lb" || t == "aws_alb") {
      from(p, props, "Name", {"name"});
      from(p, props, "Type", {"load_balancer_type"});
      from(p, props, "Subnets", {"subnets"});
      if (auto internal = attr(p, {"internal"}); internal && internal->v.is_boolean()) {
        set(props, "Scheme", made(Json(internal->v.get<bool>() ? "internal" : "internet-facing"), internal->p.pos));
      }
      put(p, "AWS::ElasticLoadBalancingV2::LoadBalancer", std::move(props));
    } else if (t == "aws_lb_listener" || t == "aws_alb_listener") {
      from(p, props, "LoadBalancerArn", {"load_balancer_arn"});
      from(p, props, "Port", {"port"});
      from(p, props, "Protocol", {"protocol"});
      from(p, props, "SslPolicy", {"ssl_policy"});
      certificates(p, props, at);
      Node actions = made(Json::array(), at);
      if (auto a = attr(p, {"default_action"}); a && a->v.is_array()) {
        for (std::size_t i = 0; i < a->v.size(); ++i) {
          const std::string n = std::to_string(i);
          Node action = made(Json::object(), at);
          from(p, action, "Type", {"default_action", n, "type"});
          if (auto r = attr(p, {"default_action", n, "redirect"}); r && r->v.is_array() && !r->v.empty()) {
            Node redirect = made(Json::object(), at);
            from(p, redirect, "Protocol", {"default_action", n, "redirect", "0", "protocol"});
            from(p, redirect, "Port", {"default_action", n, "redirect", "0", "port"});
            from(p, redirect, "StatusCode", {"default_action", n, "redirect", "0", "status_code"});
            set(action, "RedirectConfig", std::move(redirect));
          }
          push(actions, std::move(action));
        }
      }
      set(props, "DefaultActions", std::move(actions));
      put(p, "AWS::ElasticLoadBalancingV2::Listener", std::move(props));
    } else if (t == "aws_lb_listener_certificate" || t == "aws_alb_listener_certificate") {
      from(p, props, "ListenerArn", {"listener_arn"});
      certificates(p, props, at);
      put(p, "AWS::ElasticLoadBalancingV2::ListenerCertificate", std::move(props));
    } else if (t == "aws_config_config_rule") {
      from(p, props, "ConfigRuleName", {"name"});
      Node source = made(Json::object(), at);
      from(p, source, "Owner", {"source", "0", "owner"});
      from(p, source, "SourceIdentifier", {"source", "0", "source_identifier"});
      set(props, "Source", std::move(source));
      from(p, props, "InputParameters", {"input_parameters"});
      put(p, "AWS::Config::ConfigRule", std::move(props));
    } else if (t == "aws_cloudwatch_event_rule") {
      from(p, props, "Name", {"name"});
      from(p, props, "EventPattern", {"event_pattern"});
      from(p, props, "EventBusName", {"event_bus_name"});
      from(p, props, "ScheduleExpression", {"schedule_expression"});
      put(p, "AWS::Events::Rule", std::move(props));
    } else if (t != "aws_acm_certificate_validation") {
      // A type acmsim does not simulate: listed by the importer, as for templates.
      put(p, "Terraform::" + t, std::move(props));
    }
  }

  /// One stack per region; a stack whose outputs another reads comes first.
  std::vector<PlanStack> order() {
    std::vector<std::string> regions;
    std::set<std::string> done;
    std::function<void(const std::string&, int)> visit = [&](const std::string& region, int depth) {
      if (done.count(region) != 0U || depth > 64) return;
      done.insert(region);
      for (const auto& need : stack_needs_[region]) visit(need, depth + 1);
      regions.push_back(region);
    };
    for (const auto& [region, _] : stacks_) visit(region, 0);
    std::vector<PlanStack> out;
    for (const auto& region : regions) {
      PlanStack s;
      s.name = stack_name(region);
      s.region = region;
      Node root = made(Json::object(), SourcePos{});
      set(root, "Resources", stacks_[region]);
      if (!outputs_[region].empty()) {
        Node outputs = made(Json::object(), SourcePos{});
        for (const auto& [name, value] : outputs_[region]) set(outputs, name, made(Json{{"Value", value}}, SourcePos{}));
        set(root, "Outputs", std::move(outputs));
      }
      s.doc.root = std::move(root.v);
      s.doc.positions = std::move(root.p);
      out.push_back(std::move(s));
    }
    if (out.empty()) notice("/planned_values", "the plan creates no resource");
    return out;
  }

  const std::string& file_;
  const SourceDocument& plan_;
  std::string default_region_;
  std::vector<std::string>& notices_;
  std::map<std::string, std::string> provider_regions_;
  std::map<std::string, const Json*> expressions_;
  std::map<std::string, std::pair<const Json*, std::string>> configurations_;
  std::map<std::string, std::string> provider_keys_;
  std::map<std::string, const Json*> after_unknown_;
  std::vector<Planned> planned_;
  std::map<std::string, Planned*> by_base_;
  std::set<std::string> validation_records_;
  std::map<std::string, std::set<std::string>> ids_;
  std::map<std::string, Node> stacks_;
  std::map<std::string, std::map<std::string, Json>> outputs_;
  std::map<std::string, std::set<std::string>> stack_needs_;
};

}  // namespace

std::vector<PlanStack> read_terraform_plan(const std::string& file, const SourceDocument& plan, const std::string& default_region,
                                           std::vector<std::string>& notices) {
  return PlanReader(file, plan, default_region, notices).read();
}

}  // namespace acmsim::iac
