// Templates in, scenario out: reads each input, orders each stack's
// resources as CloudFormation creates them, and writes one call step per AWS
// call with the template location it came from.
#include "acmsim/iac/importer.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "acmsim/api/operations.hpp"
#include "acmsim/api/shape.hpp"
#include "acmsim/input/input_file.hpp"
#include "acmsim/input/paths.hpp"
#include "acmsim/input/yaml_source.hpp"
#include "resource_calls.hpp"
#include "sam.hpp"
#include "terraform.hpp"

namespace acmsim::iac {

using input::pointer_escape;

namespace {

namespace fs = std::filesystem;

bool has_extension(const std::string& path, std::initializer_list<const char*> exts) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::any_of(exts.begin(), exts.end(), [&](const char* e) { return ext == e; });
}

SourceDocument read_document(const std::string& path, std::uint64_t max_bytes) {
  const std::string text = input::read_input_file(path, max_bytes);
  try {
    if (has_extension(path, {".json"})) return input::parse_json_with_positions(text);
    return input::parse_yaml_with_positions(text);
  } catch (const input::JsonSyntaxError& e) {
    throw scenario::InputError(path, e.pos(), e.path(), e.what());
  }
}

/// "Z" for a duration in the scenario format.
std::string duration_text(core::Duration d) {
  const std::int64_t minutes = d.ms / core::Duration::minutes(1).ms;
  if (minutes == 0) return "0s";
  if (minutes % 60 == 0) return std::to_string(minutes / 60) + "h";
  return std::to_string(minutes) + "m";
}

std::string save_prefix(const std::string& stack) {
  std::string out;
  for (unsigned char c : stack) out += std::isalnum(c) || c == '-' ? static_cast<char>(c) : '_';
  return out + "_";
}

std::string slug(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "template" : out;
}

struct Emitted {
  core::Duration at;
  std::size_t order;
  Json step;
  scenario::StepOrigin origin;
};

/// The import of every stack into one scenario.
class Importer {
 public:
  explicit Importer(const ImportOptions& options) : options_(options) {}

  void add_template(const std::string& file, SourceDocument doc, std::string name, std::string region, std::string account,
                    const std::map<std::string, std::string>& parameters) {
    Stack s;
    s.file = file;
    s.name = std::move(name);
    s.region = std::move(region);
    s.account = std::move(account);
    s.doc = std::move(doc);
    s.given = parameters;
    for (const auto& [key, value] : options_.parameters) {
      const auto dot = key.find('.');
      if (dot == std::string::npos) {
        s.given[key] = value;
      } else if (key.substr(0, dot) == s.name) {
        s.given[key.substr(dot + 1)] = value;
      }
    }
    stacks_.push_back(std::move(s));
  }

  void add_notice(std::string text) { notices_.push_back(std::move(text)); }

  Imported finish(const std::string& first_file) {
    // Stacks given together share one scenario: their saved responses are
    // told apart by the stack's name.
    if (stacks_.size() > 1) {
      for (auto& s : stacks_) s.save_prefix = save_prefix(s.name);
    }
    // The stacks of a deployment are created one after the other, each when
    // the one before it is complete (its exports and outputs are known then).
    const std::size_t given = stacks_.size();
    core::Duration base{};
    for (std::size_t i = 0; i < given; ++i) base = import_stack(stacks_[i], base);
    std::stable_sort(emitted_.begin(), emitted_.end(),
                     [](const Emitted& a, const Emitted& b) { return a.at != b.at ? a.at < b.at : a.order < b.order; });
    Imported out;
    core::Duration last = core::Duration{};
    Json steps = Json::array();
    for (auto& e : emitted_) {
      last = std::max(last, e.at);
      steps.push_back(std::move(e.step));
      out.origins.push_back(std::move(e.origin));
    }
    std::string files;
    for (const auto& s : stacks_) files += (files.empty() ? "" : ", ") + s.file + " (stack " + s.name + " in " + s.region + ")";
    if (files.empty()) files = first_file + " (no stack)";
    out.scenario = Json{{"scenario", "import-" + slug(fs::path(first_file).stem().string())},
                        {"description", "The deployment of " + files + " as CloudFormation makes it; written by acmsim import."},
                        {"account", stacks_.empty() ? options_.account : stacks_.front().account},
                        {"horizon", duration_text(last + core::Duration::hours(1))},
                        {"steps", steps}};
    out.notices = notices_;
    return out;
  }

 private:
  void notice(const Stack& s, const std::string& pointer, const std::string& text) {
    const auto p = s.doc.pos_of(pointer);
    notices_.push_back(s.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + text);
  }

  scenario::StepOrigin origin(const Stack& s, const std::string& id, const std::string& pointer) const {
    scenario::StepOrigin o;
    o.file = s.file;
    o.pos = s.doc.pos_of(pointer);
    o.stack = s.name;
    o.logical_id = id;
    return o;
  }

  /// A template value of the wrong type (a list item that is null, a port
  /// that is a list) is bad input at the property it came from.
  void check_request(const Stack& s, const ResourceReader& reader, const PlannedCall& c) {
    const auto colon = c.call.find(':');
    const auto* op = api::find_operation(c.call.substr(0, colon), c.call.substr(colon + 1));
    if (op == nullptr) return;
    Json params = c.params;
    for_scenario(params);
    const auto issue = api::check_shape(*op->input, params, true);
    if (!issue) return;
    std::string at = reader.base + "/Properties";
    for (const auto& [member, ptr] : c.sources) {
      if (issue->pointer == "/" + member || issue->pointer.rfind("/" + member + "/", 0) == 0) at = ptr;
    }
    template_error(s, at,
                   s.name + "/" + reader.id + " (" + reader.type + "): " + issue->message + " at " + input::readable_path(issue->pointer) +
                       " of the request CloudFormation makes (" + c.call + ")");
  }

  /// A template's own "${" is text ("$${" in a scenario); the importer's
  /// references to saved responses become "${...}".
  static void for_scenario(Json& v) {
    if (v.is_string()) {
      const std::string& s = v.get_ref<const std::string&>();
      if (s.find('$') == std::string::npos && !is_reference_to_saved(s)) return;
      std::string out;
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 2, "${") == 0) {
          out += "$${";
          ++i;
        } else if (s.compare(i, 2, kRef) == 0) {
          out += "${";
          ++i;
        } else {
          out += s[i];
        }
      }
      v = out;
    } else if (v.is_array() || v.is_object()) {
      for (auto& e : v) for_scenario(e);
    }
  }

  void emit(core::Duration at, Json step, scenario::StepOrigin o) {
    if (step.contains("params")) for_scenario(step["params"]);
    emitted_.push_back({at, emitted_.size(), std::move(step), std::move(o)});
  }

  std::string note(const Stack& s, const std::string& id, const std::string& type, const std::string& pointer) const {
    const auto p = s.doc.pos_of(pointer);
    return s.file + ":" + std::to_string(p.line) + ": " + s.name + "/" + id + " (" + type + ")";
  }

  void note_unknown(const Stack& s, const std::string& id, const Unknown& u) {
    if (!noted_.insert(s.name + "\n" + u.key).second) return;
    scenario::StepOrigin o;
    o.file = s.file;
    o.pos = u.pos;
    o.stack = s.name;
    o.logical_id = id;
    Json step{{"at", "0s"},
              {"call", "sim:NoteUnresolvedValue"},
              {"params", {{"Resource", s.name + "/" + id}, {"Property", u.property}, {"Reason", u.why}}},
              {"note", s.file + ":" + std::to_string(u.pos.line) + ": " + s.name + "/" + id + " " + u.property}};
    emit(core::Duration{}, std::move(step), std::move(o));
  }

  /// CloudFormation's creation order: dependencies first, file order otherwise.
  std::vector<std::string> creation_order(const Stack& s) {
    const Json& resources = s.doc.root["Resources"];
    std::vector<std::string> ids;
    for (const auto& [id, _] : resources.items()) {
      // CloudFormation's own rule; it also keeps saved names valid.
      if (id.empty() || id.size() > 255 || !std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c) != 0; })) {
        template_error(s, "/Resources/" + pointer_escape(id), "a logical id is letters and digits only (A-Z, a-z, 0-9): \"" + id + "\"");
      }
      ids.push_back(id);
    }
    std::map<std::string, std::set<std::string>> deps;
    for (const auto& id : ids) {
      const Json& r = resources[id];
      const std::string at = "/Resources/" + pointer_escape(id);
      if (!r.is_object() || !r.contains("Type") || !r["Type"].is_string())
        template_error(s, at, "a resource needs a Type (a string such as AWS::CertificateManager::Certificate)");
      std::set<std::string> refs;
      if (r.contains("Properties")) referenced_ids(r["Properties"], refs);
      if (r.contains("DependsOn")) {
        const Json& d = r["DependsOn"];
        for (const auto& e : d.is_array() ? d : Json::array({d})) {
          if (!e.is_string() || !resources.contains(e.get<std::string>())) {
            template_error(s, at + "/DependsOn", "DependsOn names " + e.dump() + ", which is not a resource of this template");
          }
          refs.insert(e.get<std::string>());
        }
      }
      for (const auto& ref : refs) {
        if (resources.contains(ref) && ref != id) deps[id].insert(ref);
      }
    }
    std::vector<std::string> order;
    std::set<std::string> done;
    while (order.size() < ids.size()) {
      bool progressed = false;
      for (const auto& id : ids) {
        if (done.count(id) != 0U) continue;
        const auto& d = deps[id];
        if (std::all_of(d.begin(), d.end(), [&](const std::string& x) { return done.count(x) != 0U; })) {
          order.push_back(id);
          done.insert(id);
          progressed = true;
        }
      }
      if (!progressed) {
        for (const auto& id : ids) {
          if (done.count(id) == 0U) template_error(s, "/Resources/" + pointer_escape(id), "resource " + id + " is part of a dependency cycle");
        }
      }
    }
    return order;
  }

  /// Imports one stack whose creation starts at `base`; returns when it is
  /// complete (its last resource ready).
  core::Duration import_stack(Stack& s, core::Duration base) {
    Json& root = s.doc.root;
    if (!root.contains("Resources") || !root["Resources"].is_object()) template_error(s, "", "a template needs a Resources mapping");
    // The shapes every later step relies on, checked once with their positions.
    for (const auto& [id, r] : root["Resources"].items()) {
      const std::string at = "/Resources/" + pointer_escape(id);
      if (!r.is_object() || !r.contains("Type") || !r["Type"].is_string()) {
        template_error(s, at, "a resource is a mapping with a Type (a string such as AWS::CertificateManager::Certificate)");
      }
      if (r.contains("Properties") && !r["Properties"].is_object()) template_error(s, at + "/Properties", "Properties is a mapping");
    }
    for (const char* section : {"Parameters", "Conditions", "Mappings", "Outputs", "Globals", "Rules"}) {
      if (root.contains(section) && !root[section].is_object()) template_error(s, std::string("/") + section, std::string(section) + " is a mapping");
    }
    if (root.contains("Globals")) {
      for (const auto& [name, g] : root["Globals"].items()) {
        if (!g.is_object()) template_error(s, "/Globals/" + pointer_escape(name), "a Globals section is a mapping");
      }
    }
    s.sam = is_sam_template(root);
    if (s.sam) expand_sam(s, notices_);
    cross_.regions[s.name] = s.region;
    std::map<std::string, ResourceHandle> handles;
    for (const auto& [id, r] : root["Resources"].items())
      handles[id].type = r.is_object() && r.contains("Type") && r["Type"].is_string() ? r["Type"].get<std::string>() : "";
    Resolver resolver(s, handles, &cross_);
    if (const auto refused = rules_refuse(s, resolver)) {
      notice(s, "/Rules", "CloudFormation refuses to create stack " + s.name + ": " + *refused);
      return base;
    }
    core::Duration done = base;
    // Report each unmodelled type once.
    std::map<std::string, std::vector<std::string>> unmodelled;
    std::map<std::string, core::Duration> ready;  // when a resource can be used by others
    std::map<std::string, std::string> waiting;   // resources that will not be created, and why
    for (const auto& id : creation_order(s)) {
      const Json& raw = root["Resources"][id];
      const std::string at = "/Resources/" + pointer_escape(id);
      ResourceReader reader(s, resolver, id, raw);
      reader.cross = &cross_;
      auto& handle = handles[id];
      if (raw.contains("Condition")) {
        if (!raw["Condition"].is_string()) template_error(s, at + "/Condition", "a resource's Condition is the name of a condition");
        Unknown u;
        const auto truth = resolver.condition(raw["Condition"].get<std::string>(), at + "/Condition", &u);
        if (!truth) {
          u.property = "Condition";
          note_unknown(s, id, u);
          handle.why_not = id + " exists only if condition " + raw["Condition"].get<std::string>() + " holds, which " + u.why;
          continue;
        }
        if (!*truth) {
          handle.why_not = id + " is not created: condition " + raw["Condition"].get<std::string>() + " is false";
          continue;
        }
      }
      if (!is_modelled_type(reader.type)) {
        unmodelled[reader.type].push_back(id);
        handle.why_not = id + " is a " + reader.type + ", which acmsim does not simulate";
        continue;
      }
      // Resources start when what they refer to is ready; a resource that
      // refers to one that will never be ready waits with it.
      core::Duration start = base;
      std::set<std::string> refs;
      if (raw.contains("Properties")) referenced_ids(raw["Properties"], refs);
      if (raw.contains("DependsOn")) {
        for (const auto& e : raw["DependsOn"].is_array() ? raw["DependsOn"] : Json::array({raw["DependsOn"]})) refs.insert(e.get<std::string>());
      }
      std::string waits;
      for (const auto& ref : refs) {
        if (const auto w = waiting.find(ref); w != waiting.end() && waits.empty()) waits = w->second;
        if (const auto t = ready.find(ref); t != ready.end()) start = std::max(start, t->second);
      }
      if (!waits.empty()) {
        waiting[id] = waits;
        handle.why_not = id + " is not created: " + waits;
        notice(s, at, s.name + "/" + id + " (" + reader.type + ") is not created: " + waits);
        continue;
      }
      if (reader.type == "AWS::CloudFormation::Stack") {
        nested_stack(s, reader, start, handle, ready);
        done = std::max(done, ready[id]);
        continue;
      }
      read_resource(reader);
      for (const auto& u : reader.unknowns) note_unknown(s, id, u);
      if (!reader.handle.simulated) {
        handle.why_not = reader.handle.why_not.empty() ? id + " is not simulated" : reader.handle.why_not;
        handle.why_not_key = reader.handle.why_not_key;
        continue;
      }
      handle = reader.handle;
      for (const auto& a : reader.adoptions) {
        if (!adopted_.insert(a.key).second) continue;
        auto o = origin(s, id, a.pointer);
        Json step{
            {"at", "0s"}, {"call", a.call}, {"params", a.params}, {"note", note(s, id, reader.type, a.pointer) + ": made outside the template"}};
        emit(core::Duration{}, std::move(step), std::move(o));
      }
      for (const auto& c : reader.calls) check_request(s, reader, c);
      for (const auto& c : reader.calls) {
        Json step{{"at", duration_text(start + c.delay)}};
        if (c.regional) step["region"] = s.region;
        step["call"] = c.call;
        step["params"] = c.params;
        if (!c.save.empty()) step["save"] = c.save;
        step["note"] = note(s, id, reader.type, at) +
                       (c.call == "sim:ApproveValidationEmail" ? ": a person approves the validation email, as the stack waits for" : "");
        auto o = origin(s, id, at);
        for (const auto& [member, ptr] : c.sources) o.params.emplace_back(member, s.doc.pos_of(ptr));
        emit(start + c.delay, std::move(step), std::move(o));
      }
      // CloudFormation waits for a certificate to be issued before it
      // creates what uses it (validation and issuance: up to an hour).
      ready[id] = start + reader.ready_after;
      done = std::max(done, ready[id]);
      if (!reader.never_ready.empty()) {
        waiting[id] = reader.never_ready;
        notice(s, at, s.name + "/" + id + ": " + reader.never_ready);
      }
    }
    for (const auto& [type, ids] : unmodelled) {
      std::string list;
      for (std::size_t i = 0; i < ids.size() && i < 4; ++i) list += (i > 0 ? ", " : "") + ids[i];
      if (ids.size() > 4) list += ", ...";
      notice(s, "/Resources/" + pointer_escape(ids.front()) + "/Type",
             type + " is not simulated (" + std::to_string(ids.size()) + (ids.size() == 1 ? " resource: " : " resources: ") + list + ")");
    }
    record_outputs(s, resolver);
    return done;
  }

  /// The Rules section: an assertion that is false makes CloudFormation
  /// refuse the stack before it creates anything (an unknown one is not judged).
  std::optional<std::string> rules_refuse(const Stack& s, Resolver& resolver) {
    const Json& root = s.doc.root;
    if (!root.contains("Rules") || !root["Rules"].is_object()) return std::nullopt;
    for (const auto& [name, rule] : root["Rules"].items()) {
      const std::string at = "/Rules/" + pointer_escape(name);
      if (!rule.is_object()) continue;
      if (rule.contains("RuleCondition")) {
        Resolved c = resolver.resolve(rule["RuleCondition"], at + "/RuleCondition");
        if (!c.known() || !c.value.is_boolean() || !c.value.get<bool>()) continue;
      }
      if (!rule.contains("Assertions") || !rule["Assertions"].is_array()) continue;
      for (std::size_t i = 0; i < rule["Assertions"].size(); ++i) {
        const Json& a = rule["Assertions"][i];
        if (!a.is_object() || !a.contains("Assert")) continue;
        Resolved r = resolver.resolve(a["Assert"], at + "/Assertions/" + std::to_string(i) + "/Assert");
        if (r.known() && r.value.is_boolean() && !r.value.get<bool>()) {
          std::string why = a.contains("AssertDescription") && a["AssertDescription"].is_string() ? a["AssertDescription"].get<std::string>() : "";
          std::replace(why.begin(), why.end(), '\n', ' ');
          while (!why.empty() && why.back() == ' ') why.pop_back();
          return "rule " + name + " does not hold" + (why.empty() ? "" : " (" + why + ")");
        }
      }
    }
    return std::nullopt;
  }

  /// Outputs, for Fn::GetStackOutput, Fn::ImportValue and a parent's
  /// Fn::GetAtt Stack.Outputs.Name: the known string values.
  void record_outputs(const Stack& s, Resolver& resolver) {
    const Json& root = s.doc.root;
    if (!root.contains("Outputs") || !root["Outputs"].is_object()) return;
    for (const auto& [name, out] : root["Outputs"].items()) {
      const std::string at = "/Outputs/" + pointer_escape(name);
      if (!out.is_object() || !out.contains("Value")) continue;
      if (out.contains("Condition") && out["Condition"].is_string()) {
        Unknown u;
        const auto truth = resolver.condition(out["Condition"].get<std::string>(), at + "/Condition", &u);
        if (!truth || !*truth) continue;
      }
      Resolved v = resolver.resolve(out["Value"], at + "/Value");
      if (!v.known() || v.value.is_object() || v.value.is_array()) continue;
      const std::string text = v.value.is_string() ? v.value.get<std::string>() : v.value.dump();
      cross_.outputs[s.name][name] = text;
      if (out.contains("Export") && out["Export"].is_object() && out["Export"].contains("Name")) {
        Resolved e = resolver.resolve(out["Export"]["Name"], at + "/Export/Name");
        if (e.known() && e.value.is_string()) cross_.exports[s.region + "|" + s.account + "|" + e.value.get<std::string>()] = text;
      }
    }
  }

  /// AWS::CloudFormation::Stack with a local TemplateURL: the child stack is
  /// created when the resource is, with the parameters the parent gives;
  /// Fn::GetAtt Stack.Outputs.Name reads its outputs.
  void nested_stack(Stack& parent, ResourceReader& reader, core::Duration start, ResourceHandle& handle,
                    std::map<std::string, core::Duration>& ready) {
    const std::string at = reader.base;
    auto url = reader.need("TemplateURL");
    ready[reader.id] = start;
    if (!url || !url->is_string()) {
      handle.why_not = reader.handle.why_not.empty() ? reader.id + " has no TemplateURL" : reader.handle.why_not;
      for (const auto& u : reader.unknowns) note_unknown(parent, reader.id, u);
      return;
    }
    const std::string location = url->get<std::string>();
    if (!options_.read_other_files) {
      handle.why_not = reader.id + " is a nested stack, not read here";
      notice(parent, at + "/Properties/TemplateURL", parent.name + "/" + reader.id + ": nested stacks are read only from files");
      return;
    }
    if (location.find("://") != std::string::npos || location.rfind("s3", 0) == 0) {
      handle.why_not = reader.id + " is a nested stack whose template is at " + location + ", which acmsim does not fetch";
      notice(parent, at + "/Properties/TemplateURL",
             parent.name + "/" + reader.id + ": the nested stack's template is not a local file (" + location + "): not read");
      return;
    }
    const std::string path = (fs::path(parent.file).parent_path() / location).lexically_normal().string();
    if (!input::inside_folder(path, fs::path(parent.file).parent_path())) {
      template_error(parent, at + "/Properties/TemplateURL",
                     "a nested stack's template must lie in the folder of the template that names it (or below): " + location);
    }
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      handle.why_not = reader.id + "'s template " + path + " is not there";
      notice(parent, at + "/Properties/TemplateURL",
             parent.name + "/" + reader.id + ": the nested stack's template " + path + " is not there: not read");
      return;
    }
    if (depth_ >= 8) template_error(parent, at, "nested stacks deeper than 8 levels");
    std::map<std::string, std::string> params;
    if (auto p = reader.want("Parameters"); p && p->is_object()) {
      for (const auto& [k, v] : p->items()) {
        if (!v.is_null()) params[k] = v.is_string() ? v.get<std::string>() : v.dump();
      }
    }
    Stack child;
    child.file = path;
    child.name = parent.name + "-" + reader.id;
    child.region = parent.region;
    child.account = parent.account;
    child.doc = read_document(path, options_.max_file_bytes);
    child.given = params;
    child.parent = parent.name;
    child.save_prefix = save_prefix(child.name);
    stacks_.push_back(std::move(child));
    Stack& c = stacks_.back();
    ++depth_;
    const core::Duration done = import_stack(c, start);
    --depth_;
    ready[reader.id] = done;
    handle.simulated = true;
    handle.ref = "arn:aws:cloudformation:" + c.region + ":" + c.account + ":stack/" + c.name + "/00000000-0000-0000-0000-000000000000";
    for (const auto& [name, value] : cross_.outputs[c.name]) handle.attributes["Outputs." + name] = value;
  }

  const ImportOptions& options_;
  int depth_ = 0;
  std::deque<Stack> stacks_;  // nested stacks are added while importing: references stay valid
  CrossStack cross_;
  std::vector<Emitted> emitted_;
  std::vector<std::string> notices_;
  std::set<std::string> noted_;
  std::set<std::string> adopted_;
};

/// A deployment file's stacks: {"deployment", "account", "stacks": [...]}.
void read_deployment(Importer& imp, const std::string& file, const SourceDocument& doc, const ImportOptions& options) {
  const Json& root = doc.root;
  auto fail = [&](const std::string& ptr, const std::string& msg) { throw scenario::InputError(file, doc.pos_of(ptr), ptr, msg); };
  const std::string account = root.contains("account") && root["account"].is_string() ? root["account"].get<std::string>() : options.account;
  if (!root.contains("stacks") || !root["stacks"].is_array() || root["stacks"].empty())
    fail("/stacks", "a deployment file lists its stacks: \"stacks\": [{\"name\", \"template\", \"region\"}, ...]");
  for (std::size_t i = 0; i < root["stacks"].size(); ++i) {
    const Json& st = root["stacks"][i];
    const std::string at = "/stacks/" + std::to_string(i);
    if (!st.is_object()) fail(at, "a stack is an object with name, template and region");
    for (const auto& [k, _] : st.items()) {
      if (k != "name" && k != "template" && k != "region" && k != "account" && k != "parameters") {
        fail(at + "/" + pointer_escape(k), "unknown member \"" + k + "\" of a stack; valid members: name, template, region, account, parameters");
      }
    }
    for (const char* need : {"name", "template", "region"}) {
      if (!st.contains(need) || !st[need].is_string()) fail(at, std::string("a stack needs \"") + need + "\" (a string)");
    }
    const fs::path tpl = fs::path(file).parent_path() / st["template"].get<std::string>();
    if (!input::inside_folder(tpl, fs::path(file).parent_path())) {
      fail(at + "/template", "a stack's template must lie in the deployment file's folder (or below): " + st["template"].get<std::string>());
    }
    if (!model::find_region(st["region"].get<std::string>())) fail(at + "/region", "unknown region \"" + st["region"].get<std::string>() + "\"");
    std::map<std::string, std::string> params;
    if (st.contains("parameters")) {
      if (!st["parameters"].is_object()) fail(at + "/parameters", "parameters is an object of names and values");
      for (const auto& [k, v] : st["parameters"].items()) params[k] = v.is_string() ? v.get<std::string>() : v.dump();
    }
    const std::string path = tpl.lexically_normal().string();
    imp.add_template(path, read_document(path, options.max_file_bytes), st["name"].get<std::string>(), st["region"].get<std::string>(),
                     st.contains("account") && st["account"].is_string() ? st["account"].get<std::string>() : account, params);
  }
}

/// A CDK cloud assembly's stacks: each artifact of type aws:cloudformation:stack.
void read_cdk_manifest(Importer& imp, const std::string& file, const SourceDocument& doc, const ImportOptions& options) {
  const Json& artifacts = doc.root["artifacts"];
  bool any = false;
  // Stacks are deployed after the stacks they depend on (the manifest's
  // "dependencies"), otherwise in the manifest's order.
  std::vector<std::string> order;
  std::set<std::string> placed;
  std::function<void(const std::string&, int)> place = [&](const std::string& name, int depth) {
    if (placed.count(name) != 0U || depth > 256 || !artifacts.contains(name)) return;
    placed.insert(name);
    const Json& a = artifacts[name];
    if (a.is_object() && a.contains("dependencies") && a["dependencies"].is_array()) {
      for (const auto& d : a["dependencies"]) {
        if (d.is_string()) place(d.get<std::string>(), depth + 1);
      }
    }
    order.push_back(name);
  };
  for (const auto& [name, _] : artifacts.items()) place(name, 0);
  for (const auto& name : order) {
    const Json& a = artifacts[name];
    if (!a.is_object() || !a.contains("type") || a["type"] != "aws:cloudformation:stack") continue;
    const std::string at = "/artifacts/" + pointer_escape(name);
    if (!a.contains("properties") || !a["properties"].contains("templateFile") || !a["properties"]["templateFile"].is_string()) {
      throw scenario::InputError(file, doc.pos_of(at), at, "a stack artifact needs properties.templateFile");
    }
    std::string account = options.account;
    std::string region = options.region;
    if (a.contains("environment") && a["environment"].is_string()) {
      // aws://ACCOUNT/REGION; "unknown-account" and "unknown-region" leave the command line's.
      const std::string env = a["environment"].get<std::string>();
      if (env.rfind("aws://", 0) == 0) {
        const auto slash = env.find('/', 6);
        const std::string acc = env.substr(6, slash == std::string::npos ? std::string::npos : slash - 6);
        const std::string reg = slash == std::string::npos ? "" : env.substr(slash + 1);
        if (acc.size() == 12 && acc.find_first_not_of("0123456789") == std::string::npos) {
          account = acc;
        } else if (acc != "unknown-account" && !acc.empty()) {
          const auto p = doc.pos_of(at + "/environment");
          imp.add_notice(file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": stack " + name + ": account '" + acc +
                         "' is not a 12-digit account id; using " + account);
        }
        if (reg != "unknown-region" && !reg.empty()) region = reg;
      }
    }
    if (!model::find_region(region))
      throw scenario::InputError(file, doc.pos_of(at + "/environment"), at + "/environment", "unknown region \"" + region + "\"");
    const std::string path = (fs::path(file).parent_path() / a["properties"]["templateFile"].get<std::string>()).lexically_normal().string();
    if (!input::inside_folder(path, fs::path(file).parent_path())) {
      throw scenario::InputError(file, doc.pos_of(at + "/properties/templateFile"), at + "/properties/templateFile",
                                 "a stack's template must lie in the cloud assembly's folder");
    }
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      // A copied manifest may list stacks (test assertions) whose templates are not beside it.
      const auto p = doc.pos_of(at + "/properties/templateFile");
      imp.add_notice(file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": stack " + name + ": its template " + path +
                     " is not in the assembly; the stack is skipped");
      continue;
    }
    const std::string stack_name =
        a["properties"].contains("stackName") && a["properties"]["stackName"].is_string() ? a["properties"]["stackName"].get<std::string>() : name;
    imp.add_template(path, read_document(path, options.max_file_bytes), stack_name, region, account, {});
    any = true;
  }
  if (!any)
    throw scenario::InputError(file, doc.pos_of("/artifacts"), "/artifacts",
                               "the cloud assembly has no stack (no artifact of type aws:cloudformation:stack)");
}

/// A Terraform plan: one stack per region of its resources.
void read_plan(Importer& imp, const std::string& file, const SourceDocument& doc, const ImportOptions& options) {
  std::vector<std::string> notices;
  for (auto& s : read_terraform_plan(file, doc, options.region, notices)) {
    imp.add_template(file, std::move(s.doc), s.name, s.region, options.account, {});
  }
  for (auto& n : notices) imp.add_notice(std::move(n));
}

}  // namespace

namespace {
Imported import_files(const std::vector<std::string>& files, const ImportOptions& options);
}  // namespace

bool is_infrastructure_file(const std::string& path) {
  if (has_extension(path, {".yaml", ".yml", ".template"})) return true;
  if (!has_extension(path, {".json"})) return false;
  // A JSON file is a scenario unless it looks like a template, a deployment,
  // a cloud assembly's manifest or a Terraform plan (its first kilobytes).
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
  std::string head;
  try {
    head = input::read_input_file(path, 64ULL << 20);
  } catch (const std::exception&) {
    return false;
  }
  if (head.size() > 65536) head.resize(65536);
  for (const char* mark : {"\"scenario\"", "\"study\""}) {
    if (head.find(mark) != std::string::npos) return false;
  }
  for (const char* mark : {"\"Resources\"", "\"AWSTemplateFormatVersion\"", "\"deployment\"", "\"artifacts\"", "\"planned_values\""}) {
    if (head.find(mark) != std::string::npos) return true;
  }
  return false;
}

Imported import_template_text(std::string_view text, const std::string& file, const ImportOptions& options) {
  if (!model::find_region(options.region))
    throw scenario::InputError("--region", input::SourcePos{}, "", "unknown region \"" + options.region + "\"");
  SourceDocument doc;
  try {
    doc = input::parse_yaml_with_positions(text);  // YAML reads JSON too
  } catch (const input::JsonSyntaxError& e) {
    throw scenario::InputError(file, e.pos(), e.path(), e.what());
  }
  if (!doc.root.is_object() || !doc.root.contains("Resources")) {
    throw scenario::InputError(file, SourcePos{}, "", "not a CloudFormation template (no Resources)");
  }
  ImportOptions o = options;
  o.read_other_files = false;
  Importer imp(o);
  imp.add_template(file, std::move(doc), fs::path(file).stem().string(), o.region, o.account, {});
  try {
    return imp.finish(file);
  } catch (const nlohmann::json::exception& e) {
    throw scenario::InputError(file, SourcePos{}, "", std::string("a value of an unexpected type: ") + e.what());
  }
}

Imported import_infrastructure(const std::vector<std::string>& files, const ImportOptions& options) {
  try {
    return import_files(files, options);
  } catch (const nlohmann::json::exception& e) {
    // A shape no check foresaw: bad input, told as such (not a crash).
    throw scenario::InputError(files.empty() ? std::string("-") : files.front(), SourcePos{}, "",
                               std::string("a value of an unexpected type: ") + e.what());
  }
}

namespace {

Imported import_files(const std::vector<std::string>& files, const ImportOptions& options) {
  if (!model::find_region(options.region)) {
    throw scenario::InputError("--region", input::SourcePos{}, "", "unknown region \"" + options.region + "\"");
  }
  Importer imp(options);
  for (const auto& file : files) {
    SourceDocument doc = read_document(file, options.max_file_bytes);
    const Json& root = doc.root;
    if (!root.is_object())
      throw scenario::InputError(file, doc.pos_of(""), "", "expected a mapping at the top (a template, deployment file, manifest or plan)");
    if (root.contains("deployment")) {
      read_deployment(imp, file, doc, options);
    } else if (root.contains("artifacts") && root["artifacts"].is_object()) {
      read_cdk_manifest(imp, file, doc, options);
    } else if (root.contains("format_version") && root.contains("planned_values")) {
      read_plan(imp, file, doc, options);
    } else if (root.contains("Resources")) {
      imp.add_template(file, std::move(doc), fs::path(file).stem().string(), options.region, options.account, {});
    } else {
      throw scenario::InputError(file, SourcePos{}, "",
                                 "not a CloudFormation template (no Resources), deployment file (no \"deployment\"), CDK manifest (no \"artifacts\") "
                                 "or Terraform plan (no \"planned_values\")");
    }
  }
  return imp.finish(files.empty() ? std::string("template") : files.front());
}

}  // namespace

}  // namespace acmsim::iac
