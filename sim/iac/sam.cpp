#include "sam.hpp"

#include "doc_builder.hpp"

#include <algorithm>

namespace acmsim::iac {

using input::pointer_escape;
using input::PosNode;

bool is_sam_template(const Json& root) {
  const auto is_sam = [](const Json& v) { return v.is_string() && v.get<std::string>().rfind("AWS::Serverless", 0) == 0; };
  if (root.contains("Transform")) {
    const Json& t = root["Transform"];
    if (is_sam(t) || (t.is_array() && std::any_of(t.begin(), t.end(), is_sam))) return true;
  }
  // SAM's own test inputs leave the transform out; their resource types say it.
  if (!root.contains("Resources") || !root["Resources"].is_object()) return false;
  return std::any_of(root["Resources"].begin(), root["Resources"].end(),
                     [&](const Json& r) { return r.is_object() && r.contains("Type") && is_sam(r["Type"]); });
}

namespace {

/// SAM's EndpointConfiguration: a string, or {Type: ...}.
std::optional<Json> endpoint_type(const Json& v) {
  if (v.is_object() && v.contains("Type")) return v["Type"];
  if (v.is_string() || v.is_object()) return v;
  return std::nullopt;
}

void expand_api(Stack& s, const std::string& id, bool http, std::vector<std::string>& notices) {
  SourceDocument& doc = s.doc;
  const std::string base = "/Resources/" + pointer_escape(id);
  const std::string props = base + "/Properties";
  const Json properties = doc.root["Resources"][id].contains("Properties") ? doc.root["Resources"][id]["Properties"] : Json::object();
  const SourcePos at = doc.pos_of(base);
  std::string stage_name =
      properties.contains("StageName") && properties["StageName"].is_string() ? properties["StageName"].get<std::string>() : "Prod";
  // The API itself: SAM's RestApi (EDGE unless said otherwise) or HTTP API.
  Node api = made(Json{{"Type", http ? "AWS::ApiGatewayV2::Api" : "AWS::ApiGateway::RestApi"}, {"Properties", Json::object()}}, at);
  if (!http) {
    Node p = made(Json::object(), at);
    if (auto n = copy(doc, props + "/Name")) set(p, "Name", std::move(*n));
    if (properties.contains("EndpointConfiguration")) {
      if (auto t = endpoint_type(properties["EndpointConfiguration"])) {
        set(p, "EndpointConfiguration", made(Json{{"Types", Json::array({*t})}}, doc.pos_of(props + "/EndpointConfiguration")));
      }
    }
    set(api, "Properties", std::move(p));
  }
  const std::string stage_id = id + stage_name + "Stage";
  if (!http) {
    put_resource(doc, stage_id,
                 made(Json{{"Type", "AWS::ApiGateway::Stage"}, {"Properties", {{"RestApiId", ref(id)}, {"StageName", stage_name}}}}, at));
  }
  // The SAM resource is replaced last: the Domain block is read from it.
  struct Replace {
    SourceDocument& doc;
    const std::string& id;
    Node& api;
    ~Replace() { put_resource(doc, id, std::move(api)); }
  } replace{doc, id, api};
  if (!properties.contains("Domain")) return;
  const std::string dp = props + "/Domain";
  const Json& domain = properties["Domain"];
  if (!domain.is_object()) template_error(s, dp, "Domain is a mapping with DomainName and CertificateArn");
  for (const char* need : {"DomainName", "CertificateArn"}) {
    if (!domain.contains(need)) template_error(s, dp, std::string("a SAM Domain needs ") + need);
  }
  const SourcePos dpos = doc.pos_of(dp);
  // SAM's default endpoint type for a custom domain is REGIONAL (API Gateway's is EDGE).
  Node type = made(Json("REGIONAL"), dpos);
  if (auto t = copy(doc, dp + "/EndpointConfiguration")) {
    if (t->v.is_object() && t->v.contains("Type")) {
      t = copy(doc, dp + "/EndpointConfiguration/Type");
    }
    type = std::move(*t);
  }
  const bool edge = type.v.is_string() && type.v.get<std::string>() == "EDGE";
  const std::string domain_id = id + "DomainName";
  Node dprops = made(Json::object(), dpos);
  set(dprops, "DomainName", *copy(doc, dp + "/DomainName"));
  if (http) {
    Node config = made(Json::object(), dpos);
    set(config, "CertificateArn", *copy(doc, dp + "/CertificateArn"));
    set(config, "EndpointType", type);
    if (auto p = copy(doc, dp + "/SecurityPolicy")) set(config, "SecurityPolicy", std::move(*p));
    Node list = made(Json::array(), dpos);
    push(list, std::move(config));
    set(dprops, "DomainNameConfigurations", std::move(list));
  } else {
    set(dprops, edge ? "CertificateArn" : "RegionalCertificateArn", *copy(doc, dp + "/CertificateArn"));
    Node types = made(Json::array(), type.p.pos);
    push(types, type);
    Node config = made(Json::object(), type.p.pos);
    set(config, "Types", std::move(types));
    set(dprops, "EndpointConfiguration", std::move(config));
    if (auto p = copy(doc, dp + "/SecurityPolicy")) set(dprops, "SecurityPolicy", std::move(*p));
  }
  Node dres = made(Json{{"Type", http ? "AWS::ApiGatewayV2::DomainName" : "AWS::ApiGateway::DomainName"}}, dpos);
  set(dres, "Properties", std::move(dprops));
  put_resource(doc, domain_id, std::move(dres));
  // Base path mappings (HTTP APIs: API mappings, not simulated).
  std::vector<std::string> paths{""};
  if (domain.contains("BasePath") && domain["BasePath"].is_array() && !domain["BasePath"].empty()) {
    paths.clear();
    for (const auto& b : domain["BasePath"]) {
      std::string t = b.is_string() ? b.get<std::string>() : b.dump();
      while (!t.empty() && t.front() == '/') t.erase(0, 1);
      paths.push_back(t);
    }
  }
  for (const auto& path : paths) {
    std::string suffix;
    for (char c : path) {
      if (std::isalnum(static_cast<unsigned char>(c))) suffix += c;
    }
    Json mapping = http ? Json{{"Type", "AWS::ApiGatewayV2::ApiMapping"},
                               {"Properties", {{"ApiId", ref(id)}, {"DomainName", ref(domain_id)}, {"Stage", stage_name}}}}
                        : Json{{"Type", "AWS::ApiGateway::BasePathMapping"},
                               {"Properties", {{"DomainName", ref(domain_id)}, {"RestApiId", ref(id)}, {"Stage", ref(stage_id)}}}};
    if (!path.empty()) mapping["Properties"][http ? "ApiMappingKey" : "BasePath"] = path;
    put_resource(doc, id + suffix + (http ? "ApiMapping" : "BasePathMapping"), made(mapping, dpos));
  }
  // Route 53: an A alias (and AAAA with IpV6) for the domain.
  if (!domain.contains("Route53")) return;
  const std::string rp = dp + "/Route53";
  const Json& r53 = domain["Route53"];
  if (!r53.is_object() || (!r53.contains("HostedZoneId") && !r53.contains("HostedZoneName"))) {
    template_error(s, rp, "Route53 needs HostedZoneId or HostedZoneName");
  }
  Node group = made(Json::object(), doc.pos_of(rp));
  if (auto z = copy(doc, rp + "/HostedZoneId")) {
    set(group, "HostedZoneId", std::move(*z));
  } else {
    set(group, "HostedZoneName", *copy(doc, rp + "/HostedZoneName"));
  }
  // An EDGE domain's alias target is its CloudFront distribution, whose zone SAM writes as CloudFront's fixed Z2FDTNDATAQYW2.
  const Json target = edge
                          ? Json{{"DNSName", get_att(domain_id, "DistributionDomainName")}, {"HostedZoneId", "Z2FDTNDATAQYW2"}}
                          : Json{{"DNSName", get_att(domain_id, "RegionalDomainName")}, {"HostedZoneId", get_att(domain_id, "RegionalHostedZoneId")}};
  Node sets = made(Json::array(), doc.pos_of(rp));
  const bool ipv6 = r53.contains("IpV6") && (r53["IpV6"] == true || r53["IpV6"] == "true");
  for (const char* t : {"A", "AAAA"}) {
    if (std::string(t) == "AAAA" && !ipv6) continue;
    Node rec = made(Json{{"Type", t}, {"AliasTarget", target}}, doc.pos_of(rp));
    set(rec, "Name", *copy(doc, dp + "/DomainName"));
    push(sets, std::move(rec));
  }
  set(group, "RecordSets", std::move(sets));
  Node gres = made(Json{{"Type", "AWS::Route53::RecordSetGroup"}}, doc.pos_of(rp));
  set(gres, "Properties", std::move(group));
  put_resource(doc, id + "RecordSetGroup", std::move(gres));
  (void)notices;
}

/// Globals.Api / Globals.HttpApi: properties every API of that type takes
/// unless it sets them itself.
void apply_globals(SourceDocument& doc, const std::string& id, const std::string& section) {
  if (!doc.root.contains("Globals") || !doc.root["Globals"].is_object() || !doc.root["Globals"].contains(section)) return;
  const std::string gp = "/Globals/" + section;
  const std::string props = "/Resources/" + pointer_escape(id) + "/Properties";
  Json& r = doc.root["Resources"][id];
  if (!r.contains("Properties")) {
    Node res{r, *doc.node("/Resources/" + pointer_escape(id))};
    set(res, "Properties", made(Json::object(), res.p.pos));
    r = res.v;
    *doc.node("/Resources/" + pointer_escape(id)) = std::move(res.p);
  }
  Node p{r["Properties"], *doc.node(props)};
  for (const auto& [k, _] : doc.root["Globals"][section].items()) {
    if (!p.v.contains(k)) set(p, k, *copy(doc, gp + "/" + pointer_escape(k)));
  }
  r["Properties"] = std::move(p.v);
  *doc.node(props) = std::move(p.p);
}

}  // namespace

void expand_sam(Stack& s, std::vector<std::string>& notices) {
  std::vector<std::pair<std::string, bool>> apis;
  for (const auto& [id, r] : s.doc.root["Resources"].items()) {
    if (!r.is_object() || !r.contains("Type")) continue;
    if (r["Type"] == "AWS::Serverless::Api") apis.emplace_back(id, false);
    if (r["Type"] == "AWS::Serverless::HttpApi") apis.emplace_back(id, true);
  }
  for (const auto& [id, http] : apis) {
    apply_globals(s.doc, id, http ? "HttpApi" : "Api");
    expand_api(s, id, http, notices);
  }
}

}  // namespace acmsim::iac
