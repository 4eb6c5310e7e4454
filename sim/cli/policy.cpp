#include "policy.hpp"

#include <algorithm>
#include <iostream>
#include <map>

#include "acmsim/analysis/rule.hpp"
#include "acmsim/core/suggest.hpp"
#include "acmsim/input/document_reader.hpp"
#include "acmsim/input/input_file.hpp"
#include "acmsim/input/json_source.hpp"
#include "acmsim/model/regions.hpp"

namespace acmsim::cli {

namespace {

using scenario::InputError;
using scenario::Json;

constexpr std::uint64_t kMaxConfigBytes = 4ULL << 20;

std::vector<std::string_view> rule_ids() {
  std::vector<std::string_view> ids;
  for (const auto* r : analysis::all_rules()) ids.push_back(r->id);
  return ids;
}

std::string nearest_rule(std::string_view id) { return core::did_you_mean(id, rule_ids()); }

input::SourceDocument parse(const std::string& path, const std::string& text) {
  try {
    return input::parse_json_with_positions(text);
  } catch (const input::JsonSyntaxError& e) {
    throw InputError(path, e.pos(), e.path(), e.what());
  }
}

class ConfigReader : input::DocumentReader {
 public:
  ConfigReader(const input::SourceDocument& doc, std::string file) : DocumentReader(doc, std::move(file)) {}

  Config read() {
    const Json& root = doc_.root;
    if (!root.is_object()) fail("", "a config file is a JSON object with any of \"failOn\", \"skipRules\", \"suppress\", \"templates\"");
    Config c;
    c.file = file_;
    check_members(root, "", {"$schema", "failOn", "skipRules", "suppress", "templates"}, "in a config file");
    for (const auto& [k, v] : root.items()) {
      const std::string ptr = "/" + input::pointer_escape(k);
      if (k == "$schema") {
        if (!v.is_string()) fail(ptr, "\"$schema\" must be a string");
      } else if (k == "failOn") {
        const std::string s = v.is_string() ? v.get<std::string>() : "";
        c.fail_on_given = true;
        if (s == "none") continue;
        c.fail_on = parse_severity(s);
        if (!c.fail_on) fail(ptr, "\"failOn\" is \"error\", \"warning\", \"info\" or \"none\"");
      } else if (k == "skipRules") {
        if (!v.is_array()) fail(ptr, "\"skipRules\" is an array of rule ids");
        for (std::size_t i = 0; i < v.size(); ++i) c.skip_rules.push_back(rule_at(v[i], ptr + "/" + std::to_string(i)));
      } else if (k == "suppress") {
        suppressions(v, ptr, c.suppressions);
      } else if (k == "templates") {
        templates(v, ptr, c);
      } else {
        fail(ptr, "unknown member \"" + k + "\" in a config file; valid members: $schema, failOn, skipRules, suppress, templates");
      }
    }
    return c;
  }

 private:
  std::string rule_at(const Json& v, const std::string& ptr) const {
    if (!v.is_string()) fail(ptr, "a rule id is a string such as \"certificate-not-in-use\" (acmsim rules lists them)");
    std::string id = v.get<std::string>();
    if (analysis::find_rule(id) == nullptr) fail(ptr, "unknown rule \"" + id + "\"" + nearest_rule(id) + "; acmsim rules lists them");
    return id;
  }

  std::string text_at(const Json& obj, const char* member, const std::string& ptr, std::size_t max) const {
    if (!obj.contains(member)) fail(ptr, std::string("a suppression needs \"") + member + "\"");
    const Json& v = obj[member];
    if (!v.is_string() || v.get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos || v.get<std::string>().size() > max)
      fail(ptr + "/" + member, std::string("\"") + member + "\" is a non-empty string of at most " + std::to_string(max) + " characters");
    return v.get<std::string>();
  }

  void suppressions(const Json& v, const std::string& ptr, std::vector<analysis::Suppression>& out) const {
    if (!v.is_array()) fail(ptr, "\"suppress\" is an array of {\"rule\": id, \"resource\": ARN, name or '*' glob, \"reason\": why}");
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string at = ptr + "/" + std::to_string(i);
      const Json& e = v[i];
      if (!e.is_object()) fail(at, "a suppression is {\"rule\": id, \"resource\": ARN, name or '*' glob, \"reason\": why}");
      check_members(e, at, {"rule", "resource", "reason"}, "in a suppression");
      if (!e.contains("rule")) fail(at, "a suppression needs \"rule\"");
      analysis::Suppression s;
      s.rule = rule_at(e["rule"], at + "/rule");
      s.resource = text_at(e, "resource", at, 2048);
      s.reason = text_at(e, "reason", at, 4096);
      s.pointer = at;
      s.line = doc_.pos_of(at).line;
      s.file = file_;
      out.push_back(std::move(s));
    }
  }

  void templates(const Json& v, const std::string& ptr, Config& c) const {
    if (!v.is_object()) fail(ptr, "\"templates\" is {\"regions\": [region codes], \"parameters\": {name: value}}");
    for (const auto& [k, x] : v.items()) {
      const std::string at = ptr + "/" + input::pointer_escape(k);
      if (k == "regions") {
        if (!x.is_array()) fail(at, "\"regions\" is an array of region codes such as \"eu-west-1\"");
        for (std::size_t i = 0; i < x.size(); ++i) {
          const std::string rp = at + "/" + std::to_string(i);
          if (!x[i].is_string() || !model::find_region(x[i].get<std::string>())) {
            const std::string code = x[i].is_string() ? x[i].get<std::string>() : x[i].dump();
            fail(rp, input::unknown_region(code));
          }
          c.template_regions.push_back(x[i].get<std::string>());
        }
      } else if (k == "parameters") {
        if (!x.is_object()) fail(at, "\"parameters\" is an object of parameter names and string values");
        for (const auto& [name, value] : x.items()) {
          if (!value.is_string() && !value.is_number() && !value.is_boolean())
            fail(at + "/" + input::pointer_escape(name), "a parameter value is a string, number or boolean");
        }
        c.template_parameters = x;
      } else {
        fail(at, "unknown member \"" + k + "\" in \"templates\"; valid members: regions, parameters");
      }
    }
  }
};

}  // namespace

std::optional<analysis::Severity> parse_severity(const std::string& s) {
  if (s == "error") return analysis::Severity::Error;
  if (s == "warning") return analysis::Severity::Warning;
  if (s == "info") return analysis::Severity::Info;
  return std::nullopt;
}

std::optional<std::string> find_config(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  if (ec) return std::nullopt;
  for (int depth = 0; depth < 256; ++depth) {
    const auto candidate = dir / kConfigFileName;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate.string();
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return std::nullopt;
}

Config load_config(const std::string& path) {
  const std::string text = input::read_input_file(path, kMaxConfigBytes, "a config file is small");
  const auto doc = parse(path, text);
  return ConfigReader(doc, path).read();
}

Baseline load_baseline(const std::string& path) {
  const std::string text = input::read_input_file(path, 256ULL << 20, "the limit of a baseline file");
  const auto doc = parse(path, text);
  const Json& root = doc.root;
  auto fail = [&](const std::string& ptr, const std::string& message) { throw InputError(path, doc.pos_of(ptr), ptr, message); };
  if (!root.is_object() || !root.contains("acmsimBaseline") || root["acmsimBaseline"] != 1 || !root.contains("scenarios") ||
      !root["scenarios"].is_array())
    fail("", "not an acmsim baseline (write one with --create-baseline): expected {\"acmsimBaseline\": 1, \"scenarios\": [...]}");
  Baseline b;
  b.file = path;
  const Json& scenarios = root["scenarios"];
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const std::string at = "/scenarios/" + std::to_string(i);
    const Json& s = scenarios[i];
    if (!s.is_object() || !s.contains("scenario") || !s["scenario"].is_string() || !s.contains("findings") || !s["findings"].is_array())
      fail(at, "each entry is {\"scenario\": name, \"file\": path, \"findings\": [{\"fingerprint\": id, ...}]}");
    for (std::size_t j = 0; j < s["findings"].size(); ++j) {
      const Json& f = s["findings"][j];
      if (!f.is_object() || !f.contains("fingerprint") || !f["fingerprint"].is_string())
        fail(at + "/findings/" + std::to_string(j), "each finding has a \"fingerprint\" string");
      b.entries.emplace(s["scenario"].get<std::string>(), f["fingerprint"].get<std::string>());
    }
  }
  return b;
}

std::string baseline_text(const std::vector<BaselineScenario>& scenarios) {
  Json arr = Json::array();
  for (const auto& s : scenarios) {
    Json findings = Json::array();
    for (const auto& f : s.findings) {
      findings.push_back({{"fingerprint", f.id}, {"rule", f.rule}, {"severity", analysis::severity_name(f.severity)}, {"resources", f.resources}});
    }
    arr.push_back({{"scenario", s.scenario}, {"file", s.file}, {"findings", findings}});
  }
  return Json{{"acmsimBaseline", 1}, {"scenarios", arr}}.dump(2) + "\n";
}

void Policy::apply(scenario::Scenario& s, scenario::RunOptions& options) const {
  s.suppressions.insert(s.suppressions.end(), config.suppressions.begin(), config.suppressions.end());
  options.skip_rules = skip_rules;
}

bool Policy::fails(const std::string& scenario, const analysis::Finding& f) const {
  // Creating a baseline accepts what is there now: only expectations fail.
  if (!fail_on || create_baseline || f.suppressed || baselined(scenario, f)) return false;
  return static_cast<int>(f.severity) <= static_cast<int>(*fail_on);
}

std::optional<Policy> resolve_policy(const PolicyOptions& o, std::optional<analysis::Severity> default_fail_on, const char* command) {
  Policy p;
  try {
    if (!o.config.empty() && o.no_config) {
      std::cerr << "acmsim " << command << ": --config and --no-config exclude each other\n";
      return std::nullopt;
    }
    std::optional<std::string> config_file;
    if (!o.config.empty()) {
      config_file = o.config;
    } else if (!o.no_config) {
      std::error_code ec;
      const auto here = std::filesystem::current_path(ec);
      if (!ec) config_file = find_config(here);
    }
    if (config_file) p.config = load_config(*config_file);
    if (!o.baseline.empty()) p.baseline = load_baseline(o.baseline);
  } catch (const InputError& e) {
    std::cerr << e.render() << "\n";
    return std::nullopt;
  }
  if (!o.fail_on.empty()) {
    if (o.fail_on != "none") {
      p.fail_on = parse_severity(o.fail_on);
      if (!p.fail_on) {
        std::cerr << "acmsim " << command << ": --fail-on must be error, warning, info or none\n";
        return std::nullopt;
      }
    }
  } else if (p.config.fail_on_given) {
    p.fail_on = p.config.fail_on;  // nullopt for "none"
  } else {
    p.fail_on = default_fail_on;
  }
  for (const auto& id : o.skip_rules) {
    if (analysis::find_rule(id) == nullptr) {
      std::cerr << "acmsim " << command << ": --skip-rule: unknown rule \"" << id << "\"" << nearest_rule(id) << "; acmsim rules lists them\n";
      return std::nullopt;
    }
  }
  p.skip_rules = o.skip_rules;
  for (const auto& id : p.config.skip_rules) {
    if (std::find(p.skip_rules.begin(), p.skip_rules.end(), id) == p.skip_rules.end()) p.skip_rules.push_back(id);
  }
  p.create_baseline = o.create_baseline;
  return p;
}

std::vector<analysis::Finding> raised_during(const scenario::RunResult& r) {
  std::vector<analysis::Finding> out;
  std::set<std::string> seen;
  for (const auto& h : r.findings->history()) {
    if (h.raised && seen.insert(h.finding.key()).second) out.push_back(h.finding);
  }
  return out;
}

std::vector<std::string> stale_config_warnings(const Config& c, const std::vector<bool>& used) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < c.suppressions.size(); ++i) {
    if (i < used.size() && used[i]) continue;
    const auto& s = c.suppressions[i];
    out.push_back(c.file + ":" + std::to_string(s.line) + ": warning: stale suppression: no finding of rule " + s.rule +
                  " named a resource matching \"" + s.resource + "\" in any scenario of this command; remove the entry (at " + s.pointer + ")");
  }
  return out;
}

}  // namespace acmsim::cli
