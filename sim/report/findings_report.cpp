#include "acmsim/report/findings_report.hpp"

#include <filesystem>
#include <sstream>

#include "acmsim/version.hpp"

namespace acmsim::report {

using core::Json;

int step_line(const scenario::Scenario& s, std::int32_t step) {
  if (step < 0 || static_cast<std::size_t>(step) >= s.steps.size()) return 1;
  return s.steps[static_cast<std::size_t>(step)].line;
}

namespace {

/// The request members whose template property a rule's finding is about,
/// most specific first: the domain's CertificateArn for a certificate in the
/// wrong region, the listener's SslPolicy for a legacy policy.
std::vector<std::string_view> blamed_members(std::string_view rule) {
  if (rule == "apigw-edge-certificate-region") return {"certificateArn", "DistributionConfig/ViewerCertificate/ACMCertificateArn"};
  if (rule == "regional-certificate-region") return {"regionalCertificateArn", "DomainNameConfigurations/0/CertificateArn", "Certificates"};
  if (rule == "certificate-name-mismatch")
    return {"certificateArn",
            "regionalCertificateArn",
            "DomainNameConfigurations/0/CertificateArn",
            "DistributionConfig/Aliases",
            "DistributionConfig/ViewerCertificate/ACMCertificateArn",
            "Certificates"};
  if (rule == "legacy-tls-policy")
    return {"securityPolicy", "DomainNameConfigurations/0/SecurityPolicy", "SslPolicy", "DistributionConfig/ViewerCertificate/MinimumProtocolVersion",
            "Protocol"};
  if (rule == "email-validation-renewal") return {"ValidationMethod"};
  if (rule == "http-without-redirect") return {"DefaultActions"};
  if (rule == "validation-record-missing" || rule == "validation-record-wrong-zone") return {"HostedZoneId"};
  return {};
}

}  // namespace

Location finding_location(const scenario::Scenario& s, const analysis::Finding& f) {
  Location out{s.file, step_line(s, f.origin), 0, "", ""};
  if (s.origins.empty() || f.origin < 0 || static_cast<std::size_t>(f.origin) >= s.origins.size()) return out;
  const auto& o = s.origins[static_cast<std::size_t>(f.origin)];
  out.file = o.file;
  out.line = o.pos.line;
  out.column = o.pos.column;
  out.stack = o.stack;
  out.logical_id = o.logical_id;
  for (const auto member : blamed_members(f.rule)) {
    for (const auto& [m, pos] : o.params) {
      if (m == member) {
        out.line = pos.line;
        out.column = pos.column;
        return out;
      }
    }
  }
  return out;
}

namespace {

std::string sarif_level(analysis::Severity s) {
  switch (s) {
    case analysis::Severity::Error:
      return "error";
    case analysis::Severity::Warning:
      return "warning";
    case analysis::Severity::Info:
      return "note";
  }
  return "none";
}

std::string message_of(const ReportedFinding& r) {
  std::string m = r.finding.message;
  if (!r.held.empty()) m += " (" + r.held + ")";
  return m;
}

/// A path relative to the current folder, with '/' separators, as SARIF
/// consumers resolve against the repository root.
std::string relative_uri(const std::string& file) {
  std::error_code ec;
  auto rel = std::filesystem::path(file).lexically_normal();
  if (rel.is_absolute()) {
    const auto r = std::filesystem::relative(rel, std::filesystem::current_path(ec), ec);
    if (!ec && !r.empty() && *r.begin() != "..") rel = r;
  }
  return rel.generic_string();
}

}  // namespace

std::string findings_text(const std::vector<ScenarioFindings>& all) {
  std::ostringstream out;
  std::size_t counts[3] = {0, 0, 0};
  std::size_t total = 0;
  std::size_t suppressed = 0;
  std::size_t baselined = 0;
  for (const auto& sf : all) {
    const auto& s = *sf.scenario;
    for (const auto& r : sf.findings) {
      const auto& f = r.finding;
      const auto where = finding_location(s, f);
      out << where.file << ":" << where.line << (where.column > 0 ? ":" + std::to_string(where.column) : std::string()) << ": "
          << analysis::severity_name(f.severity) << " [" << f.rule << "] " << message_of(r);
      if (f.suppressed) out << " (suppressed: " << *f.suppressed << ")";
      if (r.in_baseline.value_or(false)) out << " (in the baseline)";
      out << "\n";
      if (f.suppressed) {
        ++suppressed;
      } else if (r.in_baseline.value_or(false)) {
        ++baselined;
      } else {
        ++counts[static_cast<int>(f.severity)];
        ++total;
      }
    }
  }
  out << total << (total == 1 ? " finding: " : " findings: ") << counts[0] << (counts[0] == 1 ? " error, " : " errors, ") << counts[1]
      << (counts[1] == 1 ? " warning, " : " warnings, ") << counts[2] << (counts[2] == 1 ? " info" : " infos");
  if (suppressed > 0) out << "; " << suppressed << " suppressed";
  if (baselined > 0) out << "; " << baselined << " in the baseline";
  out << "\n";
  return out.str();
}

Json findings_json(const std::vector<ScenarioFindings>& all) {
  Json docs = Json::array();
  for (const auto& sf : all) {
    const auto& s = *sf.scenario;
    Json arr = Json::array();
    for (const auto& r : sf.findings) {
      const auto& f = r.finding;
      arr.push_back({{"id", f.id},
                     {"rule", f.rule},
                     {"severity", analysis::severity_name(f.severity)},
                     {"resources", f.resources},
                     {"message", f.message},
                     {"line", step_line(s, f.origin)}});
      if (!s.origins.empty()) {
        const auto where = finding_location(s, f);
        arr.back()["line"] = where.line;
        arr.back()["location"] = {
            {"file", where.file}, {"line", where.line}, {"column", where.column}, {"stack", where.stack}, {"logicalId", where.logical_id}};
      }
      if (!r.held.empty()) arr.back()["held"] = r.held;
      if (f.suppressed) arr.back()["suppressed"] = {{"reason", *f.suppressed}};
      if (r.in_baseline) arr.back()["inBaseline"] = *r.in_baseline;
    }
    docs.push_back(Json{{"scenario", s.name}, {"file", s.file}, {"findings", arr}});
  }
  return docs.size() == 1 ? docs.front() : docs;
}

Json findings_sarif(const std::vector<ScenarioFindings>& all) {
  Json rules = Json::array();
  const auto catalogue = analysis::all_rules();
  for (const auto* r : catalogue) {
    rules.push_back({{"id", r->id},
                     {"name", r->id},
                     {"shortDescription", {{"text", r->summary}}},
                     {"fullDescription", {{"text", r->explanation}}},
                     {"helpUri", r->help_uri},
                     {"help", {{"text", std::string(r->explanation) + " Fix: " + std::string(r->fix)}}},
                     {"defaultConfiguration", {{"level", sarif_level(r->severity)}}}});
  }
  Json results = Json::array();
  for (const auto& sf : all) {
    const auto& s = *sf.scenario;
    for (const auto& r : sf.findings) {
      const auto& f = r.finding;
      const auto where = finding_location(s, f);
      Json region{{"startLine", where.line}};
      if (where.column > 0) region["startColumn"] = where.column;
      Json location{
          {"physicalLocation", {{"artifactLocation", {{"uri", relative_uri(where.file)}, {"uriBaseId", "%SRCROOT%"}}}, {"region", region}}}};
      if (!where.logical_id.empty()) {
        location["logicalLocations"] =
            Json::array({{{"name", where.logical_id}, {"fullyQualifiedName", where.stack + "/" + where.logical_id}, {"kind", "resource"}}});
      }
      std::size_t index = 0;
      for (std::size_t i = 0; i < catalogue.size(); ++i) {
        if (catalogue[i]->id == f.rule) index = i;
      }
      Json result = {{"ruleId", f.rule},
                     {"ruleIndex", index},
                     {"level", sarif_level(f.severity)},
                     {"message", {{"text", message_of(r)}}},
                     {"locations", Json::array({location})},
                     {"partialFingerprints", {{"acmsimFindingId/v1", f.id}}}};
      if (f.suppressed)
        result["suppressions"] = Json::array({{{"kind", f.suppressed_by_config ? "external" : "inSource"}, {"justification", *f.suppressed}}});
      if (r.in_baseline) result["baselineState"] = *r.in_baseline ? "unchanged" : "new";
      results.push_back(std::move(result));
    }
  }
  return Json{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       Json::array(
           {{{"tool",
              {{"driver", {{"name", "acmsim"}, {"version", kVersion}, {"informationUri", "https://github.com/acmsim/acmsim"}, {"rules", rules}}}}},
             {"originalUriBaseIds", {{"%SRCROOT%", {{"description", {{"text", "the folder acmsim lint ran in"}}}}}}},
             {"results", results}}})}};
}

std::string rules_table() {
  std::ostringstream out;
  for (const auto* r : analysis::all_rules()) {
    std::string id(r->id);
    id.resize(std::max<std::size_t>(id.size(), 32), ' ');
    std::string sev(analysis::severity_name(r->severity));
    sev.resize(8, ' ');
    out << id << " " << sev << " " << r->summary << "\n";
  }
  return out.str();
}

std::string rules_markdown() {
  std::ostringstream out;
  out << "# acmsim rules\n\nGenerated by `acmsim rules --format markdown`; do not edit by hand (a test keeps it in sync with the code).\n\n";
  out << "| id | severity | fires while | AWS documentation |\n|---|---|---|---|\n";
  for (const auto* r : analysis::all_rules()) {
    out << "| `" << r->id << "` | " << analysis::severity_name(r->severity) << " | " << r->summary << " | " << r->help_uri << " |\n";
  }
  for (const auto* r : analysis::all_rules()) {
    out << "\n## " << r->id << "\n\n" << r->explanation << "\n\n**Fix.** " << r->fix << "\n";
  }
  return out.str();
}

std::string explain(const analysis::RuleDef& r) {
  std::ostringstream out;
  out << r.id << " (" << analysis::severity_name(r.severity) << ")\n\n"
      << "What: " << r.summary << "\n\n"
      << "Why: " << r.explanation << "\n\n"
      << "Fix: " << r.fix << "\n\n"
      << "AWS documentation: " << r.help_uri << "\n";
  return out.str();
}

}  // namespace acmsim::report
