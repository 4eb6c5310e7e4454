#include "resource_calls.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace acmsim::iac {

using input::pointer_escape;

ResourceReader::ResourceReader(Stack& s, Resolver& res, std::string logical_id, const Json& r)
    : stack(s), resolver(res), id(std::move(logical_id)), save(s.save_prefix + id), base("/Resources/" + pointer_escape(id)), resource(r) {
  type = r.contains("Type") && r["Type"].is_string() ? r["Type"].get<std::string>() : "";
  handle.type = type;
}

std::string ResourceReader::pointer(const std::string& path) const {
  std::string p = base + "/Properties";
  std::size_t from = 0;
  while (from <= path.size()) {
    const std::size_t slash = path.find('/', from);
    const std::string token = path.substr(from, slash == std::string::npos ? std::string::npos : slash - from);
    p += "/" + pointer_escape(token);
    if (slash == std::string::npos) break;
    from = slash + 1;
  }
  return p;
}

const Json* ResourceReader::raw_value(const std::string& path) const {
  if (!resource.contains("Properties") || !resource["Properties"].is_object()) return nullptr;
  const Json* cur = &resource["Properties"];
  std::size_t from = 0;
  while (true) {
    const std::size_t slash = path.find('/', from);
    const std::string token = path.substr(from, slash == std::string::npos ? std::string::npos : slash - from);
    if (cur->is_object()) {
      if (!cur->contains(token)) return nullptr;
      cur = &(*cur)[token];
    } else if (cur->is_array() && !token.empty() && token.find_first_not_of("0123456789") == std::string::npos && token.size() < 7) {
      const std::size_t i = std::stoul(token);
      if (i >= cur->size()) return nullptr;
      cur = &(*cur)[i];
    } else {
      return nullptr;
    }
    if (slash == std::string::npos) return cur;
    from = slash + 1;
  }
}

bool ResourceReader::has(const std::string& path) const { return raw_value(path) != nullptr; }

std::optional<Json> ResourceReader::need(const std::string& path) {
  const Json* v = raw_value(path);
  if (v == nullptr) return std::nullopt;
  Resolved r = resolver.resolve(*v, pointer(path));
  if (r.kind == Resolved::Kind::NoValue) return std::nullopt;
  if (r.kind == Resolved::Kind::Unknown) {
    r.unknown.property = "Properties." + path;
    std::replace(r.unknown.property.begin(), r.unknown.property.end(), '/', '.');
    unknowns.push_back(r.unknown);
    if (handle.why_not.empty()) {
      handle.why_not = id + " needs " + path + ", which " + r.unknown.why;
      handle.why_not_key = r.unknown.key;
    }
    return std::nullopt;
  }
  return r.value;
}

Json ResourceReader::lenient(const Json& v, const std::string& ptr, const std::string& placeholder) {
  Resolved r = resolver.resolve(v, ptr);
  if (r.known()) return r.value;
  if (r.kind == Resolved::Kind::NoValue) return nullptr;
  if (v.is_object() && !(v.size() == 1 && (v.begin().key() == "Ref" || v.begin().key().rfind("Fn::", 0) == 0))) {
    Json out = Json::object();
    for (const auto& [k, e] : v.items()) {
      Json m = lenient(e, ptr + "/" + pointer_escape(k), placeholder);
      if (!m.is_null()) out[k] = std::move(m);
    }
    return out;
  }
  if (v.is_array()) {
    Json out = Json::array();
    for (std::size_t i = 0; i < v.size(); ++i) {
      Json m = lenient(v[i], ptr + "/" + std::to_string(i), placeholder);
      if (!m.is_null()) out.push_back(std::move(m));
    }
    return out;
  }
  return placeholder.empty() ? Json(nullptr) : Json(placeholder);
}

std::optional<Json> ResourceReader::want(const std::string& path, const std::string& placeholder) {
  const Json* v = raw_value(path);
  if (v == nullptr) return std::nullopt;
  Json out = lenient(*v, pointer(path), placeholder);
  if (out.is_null()) return std::nullopt;
  return out;
}

namespace {

std::string text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

std::optional<std::int64_t> integer(const Json& v) {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (!s.empty() && s.size() < 12 && s.find_first_not_of("0123456789") == std::string::npos) return std::stoll(s);
  }
  return std::nullopt;
}

bool truthy(const Json& v) { return v.is_boolean() ? v.get<bool>() : text(v) == "true"; }

/// Whether a resolved value is only known after deployment (a reference to
/// another resource's saved response).
bool symbolic(const std::string& s) { return is_reference_to_saved(s); }

/// A name CloudFormation generates for a resource that has none: stack name,
/// logical id and a suffix, cut to `max` characters.
std::string generated_name(const ResourceReader& r, std::size_t max) {
  std::string n = r.stack.name + "-" + r.id;
  for (auto& c : n) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '-';
  }
  if (n.size() > max) n.resize(max);
  while (!n.empty() && n.back() == '-') n.pop_back();
  return n;
}

/// The certificate an endpoint names at `path`, as an ARN for its call. A
/// literal ARN (a parameter's value) is a certificate made outside the
/// template: it is adopted under the names the endpoint serves. An unknown
/// value or a placeholder is reported once (unresolved-value) and replaced by
/// a stand-in in `region` that covers the served names, so that the endpoint
/// is still judged on everything else and no rule judges the certificate.
std::optional<std::string> certificate_ref(ResourceReader& r, const std::string& path, const std::vector<std::string>& served,
                                           const std::string& region) {
  if (!r.has(path)) return std::nullopt;
  std::string property = "Properties." + path;
  std::replace(property.begin(), property.end(), '/', '.');
  Resolved v = r.resolver.resolve(*r.raw_value(path), r.pointer(path));
  if (v.kind == Resolved::Kind::NoValue) return std::nullopt;
  std::string arn;
  if (v.known() && v.value.is_string()) {
    arn = v.value.get<std::string>();
    if (symbolic(arn)) return arn;  // a certificate the template creates
  }
  std::vector<std::string> names;
  for (const auto& n : served) {
    if (!n.empty() && !symbolic(n) && std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  if (names.empty()) {
    std::string n = r.id;
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::isalnum(c) ? static_cast<char>(std::tolower(c)) : '-'; });
    names.push_back(n + ".invalid");
  }
  const bool is_arn = arn.rfind("arn:aws", 0) == 0 && arn.find(":acm:") != std::string::npos && arn.find(":certificate/") != std::string::npos &&
                      arn.size() > arn.find(":certificate/") + 13;
  if (!is_arn) {
    if (v.known()) {
      v.kind = Resolved::Kind::Unknown;
      v.unknown =
          Unknown{"'" + (v.value.is_string() ? v.value.get<std::string>() : v.value.dump()) + "' is a placeholder, not an ACM certificate ARN",
                  r.resolver.pos(r.pointer(path)), "placeholder:" + v.value.dump(), ""};
    }
    v.unknown.property = property;
    r.unknowns.push_back(v.unknown);
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : r.stack.name + "/" + r.id + "/" + path) h = (h ^ c) * 1099511628211ULL;
    static const char* hex = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 12; ++i, h >>= 4) id += hex[h & 15U];
    arn = "arn:aws:acm:" + region + ":" + r.stack.account + ":certificate/unresolved-" + id;
  }
  Json params{{"CertificateArn", arn}, {"DomainName", names.front()}};
  if (names.size() > 1) params["SubjectAlternativeNames"] = Json(std::vector<std::string>(names.begin() + 1, names.end()));
  r.adoptions.push_back({"sim:AdoptCertificate", params, r.pointer(path), "certificate:" + arn});
  return arn;
}

/// A hosted zone id that the template does not create: adopted under the
/// name it must have.
void hosted_zone_id(ResourceReader& r, const std::string& path, const std::string& zone_id, const std::string& zone_name) {
  if (symbolic(zone_id)) return;
  std::string bare = zone_id;
  if (bare.rfind("/hostedzone/", 0) == 0) bare = bare.substr(12);
  if (bare.empty() || bare.size() > 32 || bare.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != std::string::npos) {
    std::string property = "Properties." + path;
    std::replace(property.begin(), property.end(), '/', '.');
    r.unknowns.push_back(
        Unknown{"'" + zone_id + "' is a placeholder, not a hosted zone id", r.resolver.pos(r.pointer(path)), "placeholder:" + zone_id, property});
    if (r.handle.why_not.empty()) {
      r.handle.why_not = r.id + " names the hosted zone '" + zone_id + "', which is not a hosted zone id";
      r.handle.why_not_key = "placeholder:" + zone_id;
    }
    return;
  }
  if (zone_name.empty()) return;
  if (r.cross != nullptr) r.cross->zones_by_name.emplace(zone_name, bare);
  r.adoptions.push_back({"sim:AdoptHostedZone", Json{{"Id", bare}, {"Name", zone_name}}, r.pointer(path), "zone:" + bare});
}

/// The zone a name most likely lives in when only the zone's id is known:
/// the last two labels (example.com for api.example.com).
std::string apex_of(std::string name) {
  if (!name.empty() && name.back() == '.') name.pop_back();
  if (name.rfind("*.", 0) == 0) name = name.substr(2);
  const auto last = name.rfind('.');
  if (last == std::string::npos || last == 0) return name;
  const auto second = name.rfind('.', last - 1);
  return second == std::string::npos ? name : name.substr(second + 1);
}

/// A deterministic zone id for a zone known only by name (HostedZoneName).
std::string zone_id_for_name(const std::string& name) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : name) h = (h ^ c) * 1099511628211ULL;
  static const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string id = "Z";
  for (int i = 0; i < 20; ++i) {
    id += digits[h % 36];
    h /= 36;
    if (h == 0) h = 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(i);
  }
  return id;
}

void certificate(ResourceReader& r) {
  auto domain = r.need("DomainName");
  auto sans = r.need("SubjectAlternativeNames");
  auto method = r.want("ValidationMethod");
  auto dvos = r.need("DomainValidationOptions");
  auto ca = r.need("CertificateAuthorityArn");
  if (!r.handle.why_not.empty() || !domain) return;
  Json p{{"DomainName", text(*domain)}};
  std::vector<std::pair<std::string, std::string>> src{{"DomainName", r.pointer("DomainName")}};
  const bool private_ca = ca.has_value();
  // CloudFormation's default is EMAIL validation, as the API's.
  const std::string m = method ? text(*method) : (private_ca ? "" : "EMAIL");
  if (!m.empty()) p["ValidationMethod"] = m;
  src.emplace_back("ValidationMethod", r.has("ValidationMethod") ? r.pointer("ValidationMethod") : r.base + "/Properties");
  std::vector<std::string> names{text(*domain)};
  if (sans && sans->is_array() && !sans->empty()) {
    p["SubjectAlternativeNames"] = *sans;
    for (const auto& s : *sans) names.push_back(text(s));
    src.emplace_back("SubjectAlternativeNames", r.pointer("SubjectAlternativeNames"));
  }
  if (ca) p["CertificateAuthorityArn"] = text(*ca);
  if (auto k = r.want("KeyAlgorithm")) p["KeyAlgorithm"] = text(*k);
  if (auto ct = r.want("CertificateTransparencyLoggingPreference")) p["Options"] = {{"CertificateTransparencyLoggingPreference", text(*ct)}};
  if (auto tags = r.want("Tags", "unknown"); tags && tags->is_array()) p["Tags"] = *tags;
  Json email_dvos = Json::array();
  std::vector<std::pair<std::string, std::string>> zones;  // zone id, template pointer
  std::set<std::string> with_records;
  if (dvos && dvos->is_array()) {
    for (std::size_t i = 0; i < dvos->size(); ++i) {
      const Json& d = (*dvos)[i];
      if (!d.is_object()) continue;
      if (d.contains("ValidationDomain") && d.contains("DomainName")) {
        email_dvos.push_back({{"DomainName", text(d["DomainName"])}, {"ValidationDomain", text(d["ValidationDomain"])}});
      }
      if (d.contains("HostedZoneId") && d.contains("DomainName")) {
        const std::string zone = text(d["HostedZoneId"]);
        const std::string at = r.pointer("DomainValidationOptions/" + std::to_string(i) + "/HostedZoneId");
        hosted_zone_id(r, "DomainValidationOptions/" + std::to_string(i) + "/HostedZoneId", zone, apex_of(text(d["DomainName"])));
        if (std::none_of(zones.begin(), zones.end(), [&](const auto& z) { return z.first == zone; })) zones.emplace_back(zone, at);
        std::string n = text(d["DomainName"]);
        with_records.insert(n);
      }
    }
  }
  if (!r.handle.why_not.empty()) return;
  if (m == "EMAIL" && !email_dvos.empty()) p["DomainValidationOptions"] = email_dvos;
  PlannedCall request{"acm:RequestCertificate", true, p, r.save, src};
  r.calls.push_back(request);
  r.handle.simulated = true;
  r.handle.ref = std::string(kRef) + r.save + ".CertificateArn}";
  if (private_ca) {
    r.ready_after = core::Duration::hours(1);
    return;
  }
  if (m == "DNS") {
    // CloudFormation writes the validation records of the names whose
    // DomainValidationOptions give a HostedZoneId; for the others it waits
    // for someone to write them.
    for (const auto& [zone, at] : zones) {
      r.calls.push_back(
          {"sim:CreateValidationRecords", false, Json{{"CertificateArn", r.handle.ref}, {"HostedZoneId", zone}}, "", {{"HostedZoneId", at}}});
    }
    std::vector<std::string> missing;
    for (const auto& n : names) {
      const std::string bare = n.rfind("*.", 0) == 0 ? n.substr(2) : n;
      if (with_records.count(n) == 0 && with_records.count(bare) == 0 && with_records.count("*." + bare) == 0) missing.push_back(n);
    }
    if (missing.empty()) {
      r.ready_after = core::Duration::hours(1);  // ACM notices the records (up to 30 minutes) and issues (30 minutes)
    } else {
      r.never_ready = r.id + " is validated by DNS, but no DomainValidationOptions entry gives a HostedZoneId for " + missing.front() +
                      ": CloudFormation waits until someone writes its validation record";
    }
    return;
  }
  // EMAIL: the stack waits (CREATE_IN_PROGRESS) until a person approves the
  // validation emails; the deployed state is the one after that.
  for (const auto& n : names) {
    PlannedCall approve{"sim:ApproveValidationEmail",
                        false,
                        Json{{"CertificateArn", r.handle.ref}, {"DomainName", n}},
                        "",
                        {{"DomainName", r.pointer("DomainName")}}};
    approve.delay = core::Duration::hours(1);
    r.calls.push_back(approve);
  }
  r.ready_after = core::Duration::hours(2);
}

/// Route 53 record sets as the API takes them, from RecordSet and
/// RecordSetGroup properties.
std::optional<Json> record_set(ResourceReader& r, const std::string& path) {
  auto name = r.need(path + (path.empty() ? "" : "/") + "Name");
  auto type = r.need(path + (path.empty() ? "" : "/") + "Type");
  const std::string prefix = path.empty() ? "" : path + "/";
  auto alias = r.need(prefix + "AliasTarget");
  auto values = r.need(prefix + "ResourceRecords");
  if (!name || !type || (r.has(prefix + "AliasTarget") && !alias) || (r.has(prefix + "ResourceRecords") && !values)) return std::nullopt;
  Json rr{{"Name", text(*name)}, {"Type", text(*type)}};
  if (auto ttl = r.want(prefix + "TTL")) {
    if (auto n = integer(*ttl)) rr["TTL"] = *n;
  }
  if (values && values->is_array()) {
    Json list = Json::array();
    for (const auto& v : *values) list.push_back({{"Value", text(v)}});
    rr["ResourceRecords"] = list;
  }
  if (alias && alias->is_object()) {
    rr["AliasTarget"] = {{"HostedZoneId", alias->contains("HostedZoneId") ? text((*alias)["HostedZoneId"]) : ""},
                         {"DNSName", alias->contains("DNSName") ? text((*alias)["DNSName"]) : ""},
                         {"EvaluateTargetHealth", alias->contains("EvaluateTargetHealth") && truthy((*alias)["EvaluateTargetHealth"])}};
  }
  if (auto id = r.want(prefix + "SetIdentifier")) rr["SetIdentifier"] = text(*id);
  if (auto w = r.want(prefix + "Weight")) {
    if (auto n = integer(*w)) rr["Weight"] = *n;
  }
  if (auto region = r.want(prefix + "Region")) rr["Region"] = text(*region);
  return rr;
}

/// The zone of a RecordSet or RecordSetGroup: HostedZoneId, or the zone the
/// template creates under HostedZoneName, or an adopted one.
std::optional<std::string> record_zone(ResourceReader& r, const std::string& some_record_name) {
  if (r.has("HostedZoneId")) {
    auto z = r.need("HostedZoneId");
    if (!z) return std::nullopt;
    hosted_zone_id(r, "HostedZoneId", text(*z), apex_of(some_record_name));
    if (!r.handle.why_not.empty()) return std::nullopt;
    return text(*z);
  }
  auto zn = r.need("HostedZoneName");
  if (!zn) {
    if (!r.has("HostedZoneName") && r.handle.why_not.empty()) r.handle.why_not = r.id + " names no hosted zone";
    return std::nullopt;
  }
  std::string name = text(*zn);
  if (!name.empty() && name.back() == '.') name.pop_back();
  if (name.empty()) return std::nullopt;
  if (r.cross != nullptr) {
    if (const auto it = r.cross->zones_by_name.find(name); it != r.cross->zones_by_name.end()) return it->second;
  }
  const std::string id = zone_id_for_name(name);
  if (r.cross != nullptr) r.cross->zones_by_name.emplace(name, id);
  r.adoptions.push_back({"sim:AdoptHostedZone", Json{{"Id", id}, {"Name", name}}, r.pointer("HostedZoneName"), "zone-name:" + name});
  return id;
}

void record_set_resource(ResourceReader& r, bool group) {
  Json changes = Json::array();
  std::vector<std::pair<std::string, std::string>> src;
  std::string first_name;
  if (group) {
    const Json* sets =
        r.resource.contains("Properties") && r.resource["Properties"].contains("RecordSets") ? &r.resource["Properties"]["RecordSets"] : nullptr;
    if (sets == nullptr || !sets->is_array()) return;
    for (std::size_t i = 0; i < sets->size(); ++i) {
      const std::string path = "RecordSets/" + std::to_string(i);
      auto rr = record_set(r, path);
      if (!rr) continue;
      if (first_name.empty()) first_name = (*rr)["Name"].get<std::string>();
      changes.push_back({{"Action", "CREATE"}, {"ResourceRecordSet", *rr}});
      src.emplace_back("ChangeBatch/Changes/" + std::to_string(changes.size() - 1), r.pointer(path));
    }
  } else {
    auto rr = record_set(r, "");
    if (rr) {
      first_name = (*rr)["Name"].get<std::string>();
      changes.push_back({{"Action", "CREATE"}, {"ResourceRecordSet", *rr}});
      src.emplace_back("ChangeBatch/Changes/0", r.base + "/Properties");
    }
  }
  // The zone is read even when a record is unknown, so that every unknown value is reported.
  auto zone = record_zone(r, first_name);
  if (!zone || changes.empty()) return;
  r.calls.push_back({"route53:ChangeResourceRecordSets", false, Json{{"HostedZoneId", *zone}, {"ChangeBatch", {{"Changes", changes}}}}, "", src});
  r.handle.simulated = true;
  r.handle.ref = first_name;
}

void hosted_zone(ResourceReader& r) {
  auto name = r.need("Name");
  if (!name) return;
  Json p{{"Name", text(*name)}, {"CallerReference", r.stack.name + "/" + r.id}};
  if (auto comment = r.want("HostedZoneConfig/Comment")) p["HostedZoneConfig"] = {{"Comment", text(*comment)}};
  if (r.has("VPCs")) {
    // A private zone: the VPC's id does not matter to any rule.
    auto vpcs = r.want("VPCs", "vpc-0000000000000000");
    Json vpc{{"VPCRegion", r.stack.region}, {"VPCId", "vpc-0000000000000000"}};
    if (vpcs && vpcs->is_array() && !vpcs->empty() && (*vpcs)[0].is_object()) {
      if ((*vpcs)[0].contains("VPCId")) vpc["VPCId"] = text((*vpcs)[0]["VPCId"]);
      if ((*vpcs)[0].contains("VPCRegion")) vpc["VPCRegion"] = text((*vpcs)[0]["VPCRegion"]);
    }
    p["VPC"] = vpc;
    p["HostedZoneConfig"]["PrivateZone"] = true;
  }
  r.calls.push_back({"route53:CreateHostedZone", false, p, r.save, {{"Name", r.pointer("Name")}}});
  if (r.cross != nullptr && !p.contains("VPC")) {
    std::string n = text(*name);
    if (!n.empty() && n.back() == '.') n.pop_back();
    r.cross->zones_by_name.emplace(n, std::string(kRef) + r.save + ".HostedZone.Id}");
  }
  r.handle.simulated = true;
  r.handle.ref = std::string(kRef) + r.save + ".HostedZone.Id}";
  r.handle.attributes["Id"] = r.handle.ref;
}

void rest_api(ResourceReader& r) {
  Json p{{"name", r.id}};
  if (auto n = r.want("Name")) p["name"] = text(*n);
  if (auto t = r.want("EndpointConfiguration/Types"); t && t->is_array()) p["endpointConfiguration"] = {{"types", *t}};
  r.calls.push_back({"apigateway:CreateRestApi", true, p, r.save, {}});
  r.handle.simulated = true;
  r.handle.ref = std::string(kRef) + r.save + ".id}";
  r.handle.attributes["RootResourceId"] = std::string(kRef) + r.save + ".rootResourceId}";
  r.handle.attributes["RestApiId"] = r.handle.ref;
}

void deployment(ResourceReader& r, bool stage) {
  auto api = r.need("RestApiId");
  if (!api) return;
  auto name = r.want("StageName");
  if (name) r.calls.push_back({"apigateway:CreateDeployment", true, Json{{"restApiId", text(*api)}, {"stageName", text(*name)}}, r.save, {}});
  r.handle.simulated = true;
  r.handle.ref = stage ? (name ? text(*name) : "") : std::string(kRef) + r.save + ".id}";
}

void domain_name(ResourceReader& r, bool v2) {
  auto name = r.need("DomainName");
  std::string type = v2 ? "REGIONAL" : "EDGE";
  std::string cert_path;
  std::optional<Json> policy;
  if (v2) {
    if (auto t = r.want("DomainNameConfigurations/0/EndpointType")) type = text(*t);
    cert_path = "DomainNameConfigurations/0/CertificateArn";
    policy = r.want("DomainNameConfigurations/0/SecurityPolicy");
  } else {
    if (auto t = r.want("EndpointConfiguration/Types"); t && t->is_array() && !t->empty()) type = text((*t)[0]);
    cert_path = r.has("RegionalCertificateArn") ? "RegionalCertificateArn" : "CertificateArn";
    policy = r.want("SecurityPolicy");
  }
  // The certificate is read even when the name is unknown, so that each
  // unknown value is reported.
  const auto cert = certificate_ref(r, cert_path, name ? std::vector<std::string>{text(*name)} : std::vector<std::string>{},
                                    type == "EDGE" ? std::string("us-east-1") : r.stack.region);
  if (!name || !r.handle.why_not.empty()) return;
  if (v2) {
    // HTTP API custom domains: apigatewayv2, REGIONAL only.
    Json config{{"EndpointType", type}};
    std::vector<std::pair<std::string, std::string>> src{{"DomainName", r.pointer("DomainName")}};
    if (cert) {
      config["CertificateArn"] = *cert;
      src.emplace_back("DomainNameConfigurations/0/CertificateArn", r.pointer(cert_path));
    }
    if (policy) {
      config["SecurityPolicy"] = text(*policy);
      src.emplace_back("DomainNameConfigurations/0/SecurityPolicy", r.pointer("DomainNameConfigurations/0/SecurityPolicy"));
    }
    r.calls.push_back(
        {"apigatewayv2:CreateDomainName", true, Json{{"DomainName", text(*name)}, {"DomainNameConfigurations", Json::array({config})}}, r.save, src});
    r.handle.simulated = true;
    r.handle.ref = text(*name);
    r.handle.attributes["RegionalDomainName"] = std::string(kRef) + r.save + ".DomainNameConfigurations[0].ApiGatewayDomainName}";
    r.handle.attributes["RegionalHostedZoneId"] = std::string(kRef) + r.save + ".DomainNameConfigurations[0].HostedZoneId}";
    return;
  }
  Json p{{"domainName", text(*name)}, {"endpointConfiguration", {{"types", Json::array({type})}}}};
  std::vector<std::pair<std::string, std::string>> src{{"domainName", r.pointer("DomainName")}};
  if (cert) {
    // The member follows the template's choice; API Gateway refuses the wrong one for the endpoint type.
    const bool regional_member = v2 ? type == "REGIONAL" : cert_path == "RegionalCertificateArn";
    const std::string member = regional_member ? "regionalCertificateArn" : "certificateArn";
    p[member] = *cert;
    src.emplace_back(member, r.pointer(cert_path));
    src.emplace_back(regional_member ? "certificateArn" : "regionalCertificateArn", r.pointer(cert_path));
  }
  if (policy) {
    p["securityPolicy"] = text(*policy);
    src.emplace_back("securityPolicy", r.pointer(v2 ? "DomainNameConfigurations/0/SecurityPolicy" : "SecurityPolicy"));
  }
  src.emplace_back("endpointConfiguration", r.has(v2 ? "DomainNameConfigurations/0/EndpointType" : "EndpointConfiguration")
                                                ? r.pointer(v2 ? "DomainNameConfigurations/0/EndpointType" : "EndpointConfiguration")
                                                : r.base + "/Properties");
  r.calls.push_back({"apigateway:CreateDomainName", true, p, r.save, src});
  r.handle.simulated = true;
  r.handle.ref = text(*name);
  for (const auto& [attr, member] : std::vector<std::pair<std::string, std::string>>{{"DistributionDomainName", "distributionDomainName"},
                                                                                     {"DistributionHostedZoneId", "distributionHostedZoneId"},
                                                                                     {"RegionalDomainName", "regionalDomainName"},
                                                                                     {"RegionalHostedZoneId", "regionalHostedZoneId"}}) {
    r.handle.attributes[attr] = std::string(kRef) + r.save + "." + member + "}";
  }
}

/// An HTTP API's mapping: the API itself is not modelled, so its id may be a
/// stand-in.
void api_mapping(ResourceReader& r) {
  auto domain = r.need("DomainName");
  if (!domain) return;
  Json p{{"DomainName", text(*domain)},
         {"ApiId", text(r.want("ApiId", "httpapi").value_or(Json("httpapi")))},
         {"Stage", text(r.want("Stage", "$default").value_or(Json("$default")))}};
  if (auto k = r.want("ApiMappingKey")) p["ApiMappingKey"] = text(*k);
  r.calls.push_back({"apigatewayv2:CreateApiMapping", true, p, r.save, {}});
  r.handle.simulated = true;
  r.handle.ref = std::string(kRef) + r.save + ".ApiMappingId}";
}

/// HTTP APIs and their stages are not modelled; what refers to them gets a
/// stand-in id (no rule reads it).
void http_api(ResourceReader& r, bool stage) {
  r.handle.simulated = true;
  if (stage) {
    r.handle.ref = text(r.want("StageName", "$default").value_or(Json("$default")));
    return;
  }
  std::string id;
  for (unsigned char c : r.id) {
    if (std::isalnum(c) && id.size() < 10) id += static_cast<char>(std::tolower(c));
  }
  r.handle.ref = id.empty() ? "httpapi" : id;
  r.handle.attributes["ApiId"] = r.handle.ref;
  r.handle.attributes["ApiEndpoint"] = "https://" + r.handle.ref + ".execute-api." + r.stack.region + ".amazonaws.com";
}

void base_path_mapping(ResourceReader& r) {
  auto domain = r.need("DomainName");
  auto api = r.need("RestApiId");
  if (!domain || !api) return;
  Json p{{"domainName", text(*domain)}, {"restApiId", text(*api)}};
  if (auto b = r.want("BasePath")) p["basePath"] = text(*b);
  if (auto s = r.want("Stage")) p["stage"] = text(*s);
  r.calls.push_back({"apigateway:CreateBasePathMapping", true, p, "", {}});
  r.handle.simulated = true;
}

void distribution(ResourceReader& r) {
  const std::string vc = "DistributionConfig/ViewerCertificate/";
  auto aliases = r.need("DistributionConfig/Aliases");
  if (!r.handle.why_not.empty()) {
    (void)certificate_ref(r, vc + "AcmCertificateArn", {}, "us-east-1");  // its own unknown is reported too
    return;
  }
  Json cfg{{"CallerReference", r.stack.name + "/" + r.id}, {"Comment", ""}, {"Enabled", true}};
  if (auto c = r.want("DistributionConfig/Comment")) cfg["Comment"] = text(*c);
  if (auto e = r.want("DistributionConfig/Enabled")) cfg["Enabled"] = truthy(*e);
  std::vector<std::string> names;
  if (aliases && aliases->is_array()) {
    for (const auto& a : *aliases) names.push_back(text(a));
    cfg["Aliases"] = {{"Quantity", names.size()}, {"Items", names}};
  }
  auto origins = r.want("DistributionConfig/Origins", "unknown");
  cfg["Origins"] = {{"Quantity", origins && origins->is_array() ? origins->size() : 0}, {"Items", origins.value_or(Json::array())}};
  cfg["DefaultCacheBehavior"] = r.want("DistributionConfig/DefaultCacheBehavior", "unknown").value_or(Json::object());
  std::vector<std::pair<std::string, std::string>> src;
  Json viewer = Json::object();
  // CloudFront takes certificates from us-east-1 only.
  if (auto cert = certificate_ref(r, vc + "AcmCertificateArn", names, "us-east-1")) {
    viewer["ACMCertificateArn"] = *cert;
    src.emplace_back("DistributionConfig/ViewerCertificate/ACMCertificateArn", r.pointer(vc + "AcmCertificateArn"));
  }
  if (auto m = r.want(vc + "SslSupportMethod")) viewer["SSLSupportMethod"] = text(*m);
  if (auto m = r.want(vc + "MinimumProtocolVersion")) {
    viewer["MinimumProtocolVersion"] = text(*m);
    src.emplace_back("DistributionConfig/ViewerCertificate/MinimumProtocolVersion", r.pointer(vc + "MinimumProtocolVersion"));
  }
  if (auto d = r.want(vc + "CloudFrontDefaultCertificate")) viewer["CloudFrontDefaultCertificate"] = truthy(*d);
  if (!viewer.empty()) cfg["ViewerCertificate"] = viewer;
  if (r.has("DistributionConfig/Aliases")) src.emplace_back("DistributionConfig/Aliases", r.pointer("DistributionConfig/Aliases"));
  r.calls.push_back({"cloudfront:CreateDistribution", false, Json{{"DistributionConfig", cfg}}, r.save, src});
  r.handle.simulated = true;
  r.handle.ref = std::string(kRef) + r.save + ".Distribution.Id}";
  r.handle.attributes["DomainName"] = std::string(kRef) + r.save + ".Distribution.DomainName}";
  r.handle.attributes["Id"] = r.handle.ref;
}

void load_balancer(ResourceReader& r) {
  Json p{{"Name", generated_name(r, 32)}};
  if (auto n = r.want("Name")) p["Name"] = text(*n);
  p["Scheme"] = r.want("Scheme").value_or(Json("internet-facing"));
  p["Type"] = r.want("Type").value_or(Json("application"));
  // Subnets decide no rule; unknown ones (a parameter without a value) stand
  // for the two an Application Load Balancer needs.
  Json subnets = Json::array();
  if (auto s = r.want("Subnets"); s && s->is_array()) {
    for (const auto& e : *s) {
      if (e.is_string() && !e.get<std::string>().empty()) subnets.push_back(e);
    }
  }
  if (auto m = r.want("SubnetMappings"); m && m->is_array()) {
    for (const auto& e : *m) {
      if (e.is_object() && e.contains("SubnetId") && e["SubnetId"].is_string()) subnets.push_back(e["SubnetId"]);
    }
  }
  for (int i = static_cast<int>(subnets.size()); i < 2; ++i) subnets.push_back("subnet-000000000000000" + std::to_string(i + 1));
  p["Subnets"] = subnets;
  std::vector<std::pair<std::string, std::string>> src;
  if (r.has("Scheme")) src.emplace_back("Scheme", r.pointer("Scheme"));
  r.calls.push_back({"elbv2:CreateLoadBalancer", true, p, r.save, src});
  r.handle.simulated = true;
  const std::string lb = std::string(kRef) + r.save + ".LoadBalancers[0].";
  r.handle.ref = lb + "LoadBalancerArn}";
  r.handle.attributes["DNSName"] = lb + "DNSName}";
  r.handle.attributes["CanonicalHostedZoneID"] = lb + "CanonicalHostedZoneId}";
  r.handle.attributes["LoadBalancerName"] = lb + "LoadBalancerName}";
}

/// A listener's Certificates, each one a certificate reference.
Json certificates_list(ResourceReader& r, const std::string& path) {
  Json out = Json::array();
  const Json* raw = r.raw_value(path);
  if (raw == nullptr) return out;
  if (!raw->is_array()) {
    // The whole list from one value: known, or unknown as one.
    Resolved v = r.resolver.resolve(*raw, r.pointer(path));
    if (!v.known() || !v.value.is_array()) {
      if (auto arn = certificate_ref(r, path, {}, r.stack.region)) out.push_back({{"CertificateArn", *arn}});
      return out;
    }
  }
  for (std::size_t i = 0; i < raw->size(); ++i) {
    if (auto arn = certificate_ref(r, path + "/" + std::to_string(i) + "/CertificateArn", {}, r.stack.region))
      out.push_back({{"CertificateArn", *arn}});
  }
  return out;
}

void listener(ResourceReader& r) {
  auto lb = r.need("LoadBalancerArn");
  if (!lb) return;
  Json certs = certificates_list(r, "Certificates");
  Json p{{"LoadBalancerArn", text(*lb)}};
  if (auto port = r.want("Port")) {
    if (auto n = integer(*port)) p["Port"] = *n;
  }
  if (auto proto = r.want("Protocol")) p["Protocol"] = text(*proto);
  std::vector<std::pair<std::string, std::string>> src;
  if (auto pol = r.want("SslPolicy")) {
    p["SslPolicy"] = text(*pol);
    src.emplace_back("SslPolicy", r.pointer("SslPolicy"));
  }
  if (!certs.empty()) {
    p["Certificates"] = certs;
    src.emplace_back("Certificates", r.pointer("Certificates"));
  }
  p["DefaultActions"] = r.want("DefaultActions", "arn:aws:elasticloadbalancing:" + r.stack.region + ":" + r.stack.account + ":targetgroup/unknown/0")
                            .value_or(Json::array());
  src.emplace_back("DefaultActions", r.has("DefaultActions") ? r.pointer("DefaultActions") : r.base + "/Properties");
  src.emplace_back("Protocol", r.has("Protocol") ? r.pointer("Protocol") : r.base + "/Properties");
  r.calls.push_back({"elbv2:CreateListener", true, p, r.save, src});
  r.handle.simulated = true;
  r.handle.ref = std::string(kRef) + r.save + ".Listeners[0].ListenerArn}";
  r.handle.attributes["ListenerArn"] = r.handle.ref;
}

void listener_certificate(ResourceReader& r) {
  auto l = r.need("ListenerArn");
  if (!l) return;
  Json certs = certificates_list(r, "Certificates");
  if (certs.empty()) return;
  std::vector<std::pair<std::string, std::string>> src{{"Certificates", r.pointer("Certificates")}};
  // The listener's own policy stays where the listener is written: a finding
  // about it that this step last touched points there.
  if (const Json* arn = r.raw_value("ListenerArn"); arn != nullptr && arn->is_object() && arn->contains("Ref") && (*arn)["Ref"].is_string()) {
    const std::string listener = (*arn)["Ref"].get<std::string>();
    const Json& resources = r.stack.doc.root["Resources"];
    if (resources.contains(listener) && resources[listener].contains("Properties") && resources[listener]["Properties"].contains("SslPolicy")) {
      src.emplace_back("SslPolicy", "/Resources/" + pointer_escape(listener) + "/Properties/SslPolicy");
    }
  }
  r.calls.push_back({"elbv2:AddListenerCertificates", true, Json{{"ListenerArn", text(*l)}, {"Certificates", certs}}, "", src});
  r.handle.simulated = true;
}

void config_rule(ResourceReader& r) {
  auto owner = r.need("Source/Owner");
  auto id = r.need("Source/SourceIdentifier");
  if (!owner) return;
  Json rule{{"ConfigRuleName", generated_name(r, 64)}, {"Source", {{"Owner", text(*owner)}}}};
  if (id) rule["Source"]["SourceIdentifier"] = text(*id);
  if (auto n = r.want("ConfigRuleName")) rule["ConfigRuleName"] = text(*n);
  if (auto in = r.want("InputParameters")) {
    // The API takes the parameters as a JSON string; a template writes an object.
    Json params = Json::object();
    if (in->is_object()) {
      for (const auto& [k, v] : in->items()) params[k] = v.is_string() ? v : Json(text(v));
      rule["InputParameters"] = params.dump();
    } else if (in->is_string()) {
      rule["InputParameters"] = *in;
    }
  }
  if (auto f = r.want("MaximumExecutionFrequency")) rule["MaximumExecutionFrequency"] = text(*f);
  r.calls.push_back({"config:PutConfigRule", true, Json{{"ConfigRule", rule}}, "", {{"ConfigRule", r.base + "/Properties"}}});
  r.handle.simulated = true;
  r.handle.ref = rule["ConfigRuleName"].get<std::string>();
}

void events_rule(ResourceReader& r) {
  auto pattern = r.need("EventPattern");
  if (r.has("EventPattern") && !pattern) return;
  Json p{{"Name", generated_name(r, 64)}};
  if (auto n = r.want("Name")) p["Name"] = text(*n);
  if (pattern) p["EventPattern"] = pattern->is_string() ? pattern->get<std::string>() : pattern->dump();
  if (auto s = r.want("ScheduleExpression")) p["ScheduleExpression"] = text(*s);
  if (auto s = r.want("State")) p["State"] = text(*s);
  auto bus = r.want("EventBusName");
  if (bus) p["EventBusName"] = text(*bus);
  r.calls.push_back({"events:PutRule", true, p, r.save, {{"EventPattern", r.has("EventPattern") ? r.pointer("EventPattern") : r.base}}});
  if (auto targets = r.want("Targets", "arn:aws:sns:" + r.stack.region + ":" + r.stack.account + ":unknown"); targets && targets->is_array()) {
    Json list = Json::array();
    for (const auto& t : *targets) {
      if (t.is_object() && t.contains("Id") && t.contains("Arn")) list.push_back({{"Id", text(t["Id"])}, {"Arn", text(t["Arn"])}});
    }
    if (!list.empty()) {
      Json tp{{"Rule", p["Name"]}, {"Targets", list}};
      if (bus) tp["EventBusName"] = text(*bus);
      r.calls.push_back({"events:PutTargets", true, tp, "", {}});
    }
  }
  r.handle.simulated = true;
  r.handle.ref = p["Name"].get<std::string>();
  r.handle.attributes["Arn"] = std::string(kRef) + r.save + ".RuleArn}";
}

}  // namespace

bool is_modelled_type(const std::string& type) {
  static const std::set<std::string> kTypes{"AWS::CertificateManager::Certificate",
                                            "AWS::Route53::HostedZone",
                                            "AWS::Route53::RecordSet",
                                            "AWS::Route53::RecordSetGroup",
                                            "AWS::ApiGateway::RestApi",
                                            "AWS::ApiGateway::Deployment",
                                            "AWS::ApiGateway::Stage",
                                            "AWS::ApiGateway::DomainName",
                                            "AWS::ApiGateway::BasePathMapping",
                                            "AWS::ApiGatewayV2::DomainName",
                                            "AWS::ApiGatewayV2::ApiMapping",
                                            "AWS::ApiGatewayV2::Api",
                                            "AWS::ApiGatewayV2::Stage",
                                            "AWS::CloudFront::Distribution",
                                            "AWS::ElasticLoadBalancingV2::LoadBalancer",
                                            "AWS::ElasticLoadBalancingV2::Listener",
                                            "AWS::ElasticLoadBalancingV2::ListenerCertificate",
                                            "AWS::Config::ConfigRule",
                                            "AWS::Events::Rule",
                                            "AWS::CloudFormation::Stack"};
  return kTypes.count(type) != 0U;
}

bool read_resource(ResourceReader& r) {
  const std::string& t = r.type;
  if (t == "AWS::CertificateManager::Certificate") {
    certificate(r);
  } else if (t == "AWS::Route53::HostedZone") {
    hosted_zone(r);
  } else if (t == "AWS::Route53::RecordSet") {
    record_set_resource(r, false);
  } else if (t == "AWS::Route53::RecordSetGroup") {
    record_set_resource(r, true);
  } else if (t == "AWS::ApiGateway::RestApi") {
    rest_api(r);
  } else if (t == "AWS::ApiGateway::Deployment") {
    deployment(r, false);
  } else if (t == "AWS::ApiGateway::Stage") {
    deployment(r, true);
  } else if (t == "AWS::ApiGateway::DomainName") {
    domain_name(r, false);
  } else if (t == "AWS::ApiGatewayV2::DomainName") {
    domain_name(r, true);
  } else if (t == "AWS::ApiGatewayV2::ApiMapping") {
    api_mapping(r);
  } else if (t == "AWS::ApiGatewayV2::Api") {
    http_api(r, false);
  } else if (t == "AWS::ApiGatewayV2::Stage") {
    http_api(r, true);
  } else if (t == "AWS::ApiGateway::BasePathMapping") {
    base_path_mapping(r);
  } else if (t == "AWS::CloudFront::Distribution") {
    distribution(r);
  } else if (t == "AWS::ElasticLoadBalancingV2::LoadBalancer") {
    load_balancer(r);
  } else if (t == "AWS::ElasticLoadBalancingV2::Listener") {
    listener(r);
  } else if (t == "AWS::ElasticLoadBalancingV2::ListenerCertificate") {
    listener_certificate(r);
  } else if (t == "AWS::Config::ConfigRule") {
    config_rule(r);
  } else if (t == "AWS::Events::Rule") {
    events_rule(r);
  } else {
    return false;
  }
  return true;
}

}  // namespace acmsim::iac
