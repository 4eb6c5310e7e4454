// Reads a scenario file and checks everything the scenario format makes an
// input error, before anything runs.
#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "acmsim/analysis/rule.hpp"
#include "acmsim/api/responses.hpp"
#include "acmsim/core/suggest.hpp"
#include "acmsim/input/input_file.hpp"
#include "acmsim/model/events/event_pattern.hpp"
#include "acmsim/model/regions.hpp"
#include "acmsim/scenario/references.hpp"
#include "acmsim/scenario/scenario.hpp"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace acmsim::scenario {

namespace {

std::string join(const std::vector<std::string_view>& items) { return core::join_names(items); }

std::string suggestion(std::string_view word, const std::vector<std::string_view>& valid) {
  return core::did_you_mean(word, valid, core::Closeness::Close, /*containing=*/true);
}

class Loader : input::DocumentReader {
 public:
  /// With `movable_root` (the same document's root, which the caller gives
  /// up), call steps take their params out of the document instead of
  /// copying them: a fleet's requests are most of its scenario.
  Loader(const SourceDocument& doc, std::string file, const LoadLimits& limits, Json* movable_root = nullptr)
      : DocumentReader(doc, std::move(file)), limits_(limits), movable_root_(movable_root) {}

  Scenario load() {
    const Json& root = doc_.root;
    if (!root.is_object()) fail("", "a scenario is a JSON object with \"scenario\" and \"steps\" members");
    static const std::vector<std::string_view> top{"scenario", "description", "concepts", "start",   "horizon", "seed",
                                                   "account",  "settings",    "steps",    "$schema", "suppress"};
    check_members(root, "", top, "at the top level");
    Scenario s;
    s.file = file_;
    if (!root.contains("scenario")) fail("", "missing required member \"scenario\" (the scenario's name, [a-z0-9][a-z0-9-]*)");
    s.name = string_at(root, "scenario", "/scenario");
    if (!valid_name(s.name)) fail("/scenario", "scenario name '" + s.name + "' must match [a-z0-9][a-z0-9-]* (lower case, digits and '-')");
    if (root.contains("description")) s.description = string_at(root, "description", "/description");
    if (root.contains("$schema")) string_at(root, "$schema", "/$schema");
    if (root.contains("concepts")) {
      const Json& c = root["concepts"];
      if (!c.is_array()) fail("/concepts", "\"concepts\" must be an array of strings");
      for (std::size_t i = 0; i < c.size(); ++i) {
        if (!c[i].is_string()) fail("/concepts/" + std::to_string(i), "each concept must be a string");
        s.concepts.push_back(c[i].get<std::string>());
      }
    }
    s.start = *core::parse_timestamp("2026-01-01T00:00:00Z");
    if (root.contains("start")) {
      const std::string t = string_at(root, "start", "/start");
      auto ts = core::parse_timestamp(t);
      if (!ts) fail("/start", "'" + t + "' is not an RFC 3339 UTC timestamp; write it like \"2026-03-01T00:00:00Z\"");
      s.start = *ts;
      s.start_given = true;
    }
    if (root.contains("seed")) {
      const Json& v = root["seed"];
      if (!v.is_number_unsigned()) {
        fail("/seed", "\"seed\" must be an unsigned 64-bit integer (0 to 18446744073709551615), found " + v.dump());
      }
      s.seed = v.get<std::uint64_t>();
    }
    if (root.contains("account")) {
      s.account = string_at(root, "account", "/account");
      if (s.account.size() != 12 || s.account.find_first_not_of("0123456789") != std::string::npos) {
        fail("/account", "\"account\" must be a 12-digit string such as \"111122223333\"");
      }
    }
    if (root.contains("settings")) load_settings(root["settings"], s.settings);
    if (root.contains("suppress")) load_suppressions(root["suppress"], s.suppressions);
    if (!root.contains("steps")) fail("", "missing required member \"steps\" (an array of steps)");
    const Json& steps = root["steps"];
    if (!steps.is_array()) fail("/steps", "\"steps\" must be an array");
    if (steps.size() > limits_.max_steps) {
      fail("/steps", "the scenario has " + std::to_string(steps.size()) + " steps, more than the limit of " + std::to_string(limits_.max_steps) +
                         " (raise it with --max-steps)");
    }
    start_ = s.start;
    settings_ = &s.settings;
    if (root.contains("horizon")) {
      const std::string h = string_at(root, "horizon", "/horizon");
      auto d = core::parse_duration(h);
      if (!d) fail("/horizon", bad_duration(h));
      horizon_ = s.start + *d;
    }
    SimTime latest = s.start;
    // A step's members are not all nothrow-movable: growing the vector would
    // copy every step made so far.
    s.steps.reserve(steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
      s.steps.push_back(load_step(steps[i], i));
      latest = std::max(latest, s.steps.back().at);
      if (s.steps.back().kind == StepKind::Probe) latest = std::max(latest, s.steps.back().probe->until);
    }
    s.horizon_given = horizon_.has_value();
    if (horizon_) {
      s.horizon = *horizon_ - s.start;
    } else {
      s.horizon = latest - s.start;
    }
    // RFC 3339 has four-digit years; a certificate may outlive the run by its
    // validity (at most 3650 days), so the run ends ten years before 9999 does.
    static const SimTime last_end = *core::parse_timestamp("9989-12-31T23:59:59.999Z");
    if (s.start + s.horizon > last_end) {
      fail(root.contains("horizon") ? "/horizon" : "/start",
           "the run would end after 9989-12-31, so timestamps it prints (certificates outlive the "
           "run by up to 10 years) would pass year 9999, which RFC 3339 cannot write; "
           "end it earlier");
    }
    if (s.horizon > limits_.max_horizon) {
      fail(root.contains("horizon") ? "/horizon" : "/steps", "the run would cover " + core::format_duration(s.horizon) + ", more than the limit of " +
                                                                 core::format_duration(limits_.max_horizon) + " (raise it with --max-horizon)");
    }
    std::int64_t attempts = 0;
    for (auto& st : s.steps) {
      if (st.at > s.start + s.horizon) {
        fail(st.pointer + "/at", "step at " + core::format_timestamp(st.at) + " is after the horizon (" +
                                     core::format_timestamp(s.start + s.horizon) + "); extend \"horizon\" or move the step");
      }
      if (st.kind != StepKind::Probe) continue;
      if (st.probe->until > s.start + s.horizon) {
        fail(st.pointer + "/probe/until", "the probe runs until " + core::format_timestamp(st.probe->until) + ", after the horizon (" +
                                              core::format_timestamp(s.start + s.horizon) + ")");
      }
      const std::int64_t times = st.probe->every.ms > 0 ? (st.probe->until - st.probe->first).ms / st.probe->every.ms + 1 : 1;
      attempts += times * static_cast<std::int64_t>(st.probe->from.size());
      if (attempts > s.settings.max_probe_attempts) {
        fail(st.pointer + "/probe", "the probes would make more than " + std::to_string(s.settings.max_probe_attempts) +
                                        " attempts; make \"every\" longer, or raise the setting \"probe.maxAttempts\"");
      }
    }
    for (const auto& st : s.steps) {
      if (st.kind == StepKind::Expect && st.expect_kind == ExpectKind::Probe && probes_.count(st.probe_check->probe) == 0U) {
        fail(st.pointer + "/expect/probe",
             "no probe step is named \"" + st.probe_check->probe + "\"" +
                 (probes_.empty() ? std::string() : "; probes: " + join(std::vector<std::string_view>(probes_.begin(), probes_.end()))));
      }
    }
    check_references(s);
    return s;
  }

 private:
  static bool valid_name(const std::string& n) {
    if (n.empty() || !(std::islower(static_cast<unsigned char>(n[0])) || std::isdigit(static_cast<unsigned char>(n[0])))) return false;
    return std::all_of(n.begin(), n.end(),
                       [](char c) { return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-'; });
  }

  static std::string bad_duration(const std::string& text) {
    return "'" + text + "' is not a duration: write one or more <integer><unit> groups with units ms, s, m, h, d, w (\"90d\", \"1d12h\", \"250ms\")";
  }

  std::string string_at(const Json& obj, const char* member, const std::string& pointer) const {
    const Json& v = obj[member];
    if (!v.is_string()) fail(pointer, "\"" + std::string(member) + "\" must be a string, found " + v.dump());
    return v.get<std::string>();
  }

  void load_suppressions(const Json& v, std::vector<analysis::Suppression>& out) const {
    const char* shape = "\"suppress\" is an array of {\"rule\": rule id, \"resource\": ARN, name or '*' glob, \"reason\": why it is accepted}";
    if (!v.is_array()) fail("/suppress", shape);
    if (v.size() > 10'000) fail("/suppress", "at most 10000 suppressions");
    std::vector<std::string_view> ids;
    for (const auto* r : analysis::all_rules()) ids.push_back(r->id);
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string ptr = "/suppress/" + std::to_string(i);
      const Json& e = v[i];
      if (!e.is_object()) fail(ptr, shape);
      check_members(e, ptr, {"rule", "resource", "reason"}, "in a suppression");
      for (const char* m : {"rule", "resource", "reason"}) {
        if (!e.contains(m)) fail(ptr, std::string("a suppression needs \"") + m + "\": " + shape);
      }
      analysis::Suppression sup;
      sup.rule = string_at(e, "rule", ptr + "/rule");
      if (analysis::find_rule(sup.rule) == nullptr)
        fail(ptr + "/rule", "unknown rule \"" + sup.rule + "\"" + suggestion(sup.rule, ids) + "; the rules are listed by acmsim rules");
      sup.resource = string_at(e, "resource", ptr + "/resource");
      if (sup.resource.empty() || sup.resource.size() > 2048)
        fail(ptr + "/resource", "\"resource\" is an ARN or name of 1 to 2048 characters, or a glob with '*' such as \"arn:aws:acm:*\"");
      sup.reason = string_at(e, "reason", ptr + "/reason");
      if (sup.reason.find_first_not_of(" \t\r\n") == std::string::npos)
        fail(ptr + "/reason", "\"reason\" must say why the finding is accepted (it becomes the SARIF justification)");
      sup.pointer = ptr;
      sup.line = doc_.pos_of(ptr).line;
      out.push_back(std::move(sup));
    }
  }

  void load_settings(const Json& settings, model::Settings& out) const {
    if (!settings.is_object()) fail("/settings", "\"settings\" must be an object of setting names and values");
    std::vector<std::string_view> names;
    for (const auto& s : model::settings_catalogue()) names.push_back(s.name);
    for (const auto& [k, v] : settings.items()) {
      const std::string ptr = "/settings/" + pointer_escape(k);
      const model::SettingInfo* info = model::find_setting(k);
      if (info == nullptr) fail(ptr, "unknown setting \"" + k + "\"; known settings: " + join(names) + suggestion(k, names));
      if (auto e = info->apply(out, v)) fail(ptr, "setting \"" + k + "\": " + *e);
    }
  }

  SimTime when(const Json& v, const std::string& pointer, const char* what) const {
    if (!v.is_string()) fail(pointer, std::string(what) + " must be a duration from start (\"90d\") or an RFC 3339 timestamp, found " + v.dump());
    const std::string t = v.get<std::string>();
    if (auto d = core::parse_duration(t)) {
      if (d->ms > limits_.max_horizon.ms)
        fail(pointer, "'" + t + "' is beyond the longest run allowed (" + core::format_duration(limits_.max_horizon) + ")");
      return start_ + *d;
    }
    if (auto ts = core::parse_timestamp(t)) {
      if (*ts < start_) fail(pointer, "timestamp " + t + " is before the scenario's start (" + core::format_timestamp(start_) + ")");
      return *ts;
    }
    fail(pointer, bad_duration(t) + ", or an RFC 3339 UTC timestamp (\"2026-03-01T00:00:00Z\")");
  }

  std::optional<model::RegionId> load_region(const Json& holder, const std::string& pointer, api::Scope scope, const std::string& call) const {
    const bool has = holder.contains("region");
    if (scope == api::Scope::Regional && !has) {
      fail(pointer, "\"" + call + "\" is a regional service call: add \"region\" (for example \"us-east-1\")");
    }
    if (scope != api::Scope::Regional && has) {
      fail(pointer + "/region",
           "\"" + call + "\" is " + (scope == api::Scope::Global ? "a global service" : "a simulation action") + ": remove \"region\"");
    }
    if (!has) return std::nullopt;
    const Json& r = holder["region"];
    if (!r.is_string()) fail(pointer + "/region", "\"region\" must be a region code string such as \"us-east-1\"");
    const std::string code = r.get<std::string>();
    return region(code, pointer + "/region");
  }

  const api::Operation* load_operation(const Json& v, const std::string& pointer, bool read_only) const {
    if (!v.is_string()) fail(pointer, "\"call\" must be a string \"service:Operation\", such as \"acm:RequestCertificate\"");
    const std::string call = v.get<std::string>();
    const auto colon = call.find(':');
    std::vector<std::string_view> service_names;
    for (const auto& s : api::services()) service_names.push_back(s.name);
    if (colon == std::string::npos) fail(pointer, "\"" + call + "\" is not \"service:Operation\"; services: " + join(service_names));
    const std::string service = call.substr(0, colon);
    const std::string name = call.substr(colon + 1);
    if (!api::service_scope(service))
      fail(pointer, "unknown service \"" + service + "\"; services: " + join(service_names) + suggestion(service, service_names));
    const api::Operation* op = api::find_operation(service, name);
    const auto ops = api::operations_of(service);
    if (op == nullptr) {
      if (ops.empty()) fail(pointer, "acmsim does not model the " + service + " service yet (see the README, \"What is not modelled\")");
      std::vector<std::string_view> names;
      names.reserve(ops.size());
      for (const auto* o : ops) names.push_back(o->name);
      const auto near = core::nearest(name, names, 5);
      fail(pointer, "unknown operation \"" + call + "\"; nearest " + service + " operations: " + join(near));
    }
    if (read_only && !op->read_only) {
      fail(pointer, "an expectation may only make a read-only call (Describe*, Get*, List*); \"" + call + "\" changes state: make it a call step");
    }
    return op;
  }

  void load_params(const Json& holder, const std::string& pointer, CallSpec& spec, Json* movable_holder = nullptr) const {
    if (holder.contains("params")) {
      const Json& p = holder["params"];
      if (!p.is_object()) fail(pointer + "/params", "\"params\" must be an object: the request, in the AWS API's own shape");
      if (movable_holder != nullptr)
        spec.params = std::move((*movable_holder)["params"]);  // p is null from here on
      else
        spec.params = p;
    }
    if (auto issue = api::check_shape(*spec.op->input, spec.params, true)) {
      fail(pointer + "/params" + issue->pointer, std::string(spec.op->service) + ":" + std::string(spec.op->name) + " params" +
                                                     readable_path(issue->pointer).substr(1) + ": " + issue->message);
    }
  }

  Step load_step(const Json& v, std::size_t i) {
    Step st;
    st.index = i;
    st.pointer = "/steps/" + std::to_string(i);
    st.line = doc_.pos_of(st.pointer).line;
    if (!v.is_object()) fail(st.pointer, "a step is an object with \"at\" and one of \"call\", \"probe\", \"expect\"");
    const int kinds = static_cast<int>(v.contains("call")) + static_cast<int>(v.contains("probe")) + static_cast<int>(v.contains("expect"));
    if (kinds != 1) {
      fail(st.pointer, kinds == 0 ? "a step needs exactly one of \"call\", \"probe\" or \"expect\"; it has none"
                                  : "a step has exactly one of \"call\", \"probe\" or \"expect\"; this one has " + std::to_string(kinds));
    }
    if (!v.contains("at")) fail(st.pointer, "a step needs \"at\": a duration from start (\"1d\") or an RFC 3339 timestamp");
    st.at = when(v["at"], st.pointer + "/at", "\"at\"");
    if (v.contains("note")) {
      if (!v["note"].is_string()) fail(st.pointer + "/note", "\"note\" must be a string");
      st.note = v["note"].get<std::string>();
    }
    if (v.contains("id")) {
      st.id = string_at(v, "id", st.pointer + "/id");
      if (!valid_name(st.id) || st.id.size() > 128)
        fail(st.pointer + "/id", "step id '" + st.id + "' must match [a-z0-9][a-z0-9-]* (at most 128 characters)");
      if (const auto [it, fresh] = step_ids_.emplace(st.id, i); !fresh)
        fail(st.pointer + "/id", "step id '" + st.id + "' is already the id of step " + std::to_string(it->second));
    }
    if (v.contains("call")) {
      st.kind = StepKind::Call;
      check_members(v, st.pointer, {"at", "call", "region", "params", "save", "expectError", "note", "id"}, "in a call step");
      st.call.op = load_operation(v["call"], st.pointer + "/call", false);
      const std::string call = std::string(st.call.op->service) + ":" + std::string(st.call.op->name);
      st.call.region = load_region(v, st.pointer, *api::service_scope(st.call.op->service), call);
      load_params(v, st.pointer, st.call, movable_root_ != nullptr ? &(*movable_root_)["steps"][i] : nullptr);
      if (v.contains("save")) {
        const Json& s = v["save"];
        if (!s.is_string() || s.get<std::string>().empty() ||
            !std::all_of(s.get_ref<const std::string&>().begin(), s.get_ref<const std::string&>().end(),
                         [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; })) {
          fail(st.pointer + "/save", "\"save\" must be a name of letters, digits, '_' and '-'");
        }
        st.save = s.get<std::string>();
      }
      if (v.contains("expectError")) {
        const Json& e = v["expectError"];
        if (!e.is_string() || e.get<std::string>().empty())
          fail(st.pointer + "/expectError", "\"expectError\" must be an AWS error code string such as \"ValidationException\"");
        st.expect_error = e.get<std::string>();
      }
    } else if (v.contains("expect")) {
      st.kind = StepKind::Expect;
      check_members(v, st.pointer, {"at", "expect", "note", "id"}, "in an expect step");
      load_expect(v["expect"], st);
    } else {
      st.kind = StepKind::Probe;
      check_members(v, st.pointer, {"at", "probe", "note", "id"}, "in a probe step");
      load_probe(v["probe"], st);
    }
    return st;
  }

  void load_probe(const Json& p, Step& st) {
    const std::string ptr = st.pointer + "/probe";
    if (!p.is_object()) fail(ptr, "\"probe\" must be an object with \"name\", \"url\" and \"from\"");
    check_members(p, ptr, {"name", "url", "from", "every", "until"}, "in a probe");
    for (const char* m : {"name", "url", "from"}) {
      if (!p.contains(m)) fail(ptr, std::string("a probe needs \"") + m + "\"");
    }
    const std::string name = string_at(p, "name", ptr + "/name");
    if (name.empty()) fail(ptr + "/name", "a probe's name must not be empty");
    if (!probes_.insert(name).second) fail(ptr + "/name", "another probe step is already named \"" + name + "\"");
    const std::string url = string_at(p, "url", ptr + "/url");
    std::string why;
    // A url with references is parsed when the probe starts, after substitution.
    auto spec = url.find("${") != std::string::npos ? std::optional<model::ProbeSpec>(model::ProbeSpec{}) : model::parse_probe_url(url, &why);
    if (!spec) fail(ptr + "/url", "invalid url '" + url + "': " + why);
    spec->url = url;
    spec->name = name;
    spec->step = static_cast<std::int32_t>(st.index);
    const Json& from = p["from"];
    if (!from.is_array() || from.empty()) fail(ptr + "/from", "\"from\" must be a non-empty array of region codes");
    for (std::size_t i = 0; i < from.size(); ++i) {
      const std::string fp = ptr + "/from/" + std::to_string(i);
      if (!from[i].is_string()) fail(fp, "each \"from\" entry is a region code string");
      const auto r = region(from[i].get<std::string>(), fp);
      if (std::find(spec->from.begin(), spec->from.end(), r) != spec->from.end()) fail(fp, "region listed twice");
      spec->from.push_back(r);
    }
    spec->first = st.at;
    spec->until = st.at;
    if (p.contains("every")) {
      const std::string e = string_at(p, "every", ptr + "/every");
      auto d = core::parse_duration(e);
      if (!d) fail(ptr + "/every", bad_duration(e));
      if (d->ms <= 0) fail(ptr + "/every", "\"every\" must be longer than 0s");
      spec->every = *d;
      spec->until = horizon_.value_or(st.at);
    }
    if (p.contains("until")) {
      if (!p.contains("every")) fail(ptr + "/until", "\"until\" needs \"every\": without it a probe makes one attempt");
      spec->until = when(p["until"], ptr + "/until", "\"until\"");
      if (spec->until < st.at) fail(ptr + "/until", "\"until\" is before the probe's first attempt");
    } else if (p.contains("every") && !horizon_) {
      fail(ptr + "/every", "a repeating probe needs \"until\" (or the scenario a \"horizon\")");
    }
    st.probe = *spec;
  }

  void load_expect(const Json& e, Step& st) {
    const std::string ptr = st.pointer + "/expect";
    if (!e.is_object()) fail(ptr, "\"expect\" must be an object");
    if (e.contains("call")) {
      st.expect_kind = ExpectKind::Call;
      check_members(e, ptr, {"call", "region", "params", "matches"}, "in a call expectation");
      st.call.op = load_operation(e["call"], ptr + "/call", true);
      const std::string call = std::string(st.call.op->service) + ":" + std::string(st.call.op->name);
      st.call.region = load_region(e, ptr, *api::service_scope(st.call.op->service), call);
      load_params(e, ptr, st.call);
      if (!e.contains("matches")) fail(ptr, "a call expectation needs \"matches\": the part of the response that must hold");
      st.matches = e["matches"];
      return;
    }
    if (e.contains("probe")) {
      st.expect_kind = ExpectKind::Probe;
      load_probe_check(e, st);
      return;
    }
    if (e.contains("events") || e.contains("deliveries")) {
      load_events_check(e, st);
      return;
    }
    if (e.contains("findings")) {
      load_findings_check(e, st);
      return;
    }
    fail(ptr, "an expectation has one of \"call\", \"events\", \"deliveries\", \"findings\" or \"probe\"");
  }

  CountRange load_count(const Json& e, const std::string& ptr) {
    CountRange c;
    if (!e.contains("count")) {
      c.min = 1;
      return c;
    }
    const Json& v = e["count"];
    auto count = [&](const Json& x, const std::string& p) -> std::int64_t {
      if (!x.is_number_integer() || x.get<std::int64_t>() < 0) fail(p, "a count is a whole number, 0 or more");
      return x.get<std::int64_t>();
    };
    if (v.is_number()) {
      c.min = c.max = count(v, ptr + "/count");
      return c;
    }
    if (!v.is_object()) fail(ptr + "/count", "\"count\" is a number or {\"min\": a, \"max\": b}");
    check_members(v, ptr + "/count", {"min", "max"}, "in \"count\"");
    if (v.contains("min")) c.min = count(v["min"], ptr + "/count/min");
    if (v.contains("max")) c.max = count(v["max"], ptr + "/count/max");
    if (c.min && c.max && *c.min > *c.max) fail(ptr + "/count", "\"min\" is above \"max\"");
    return c;
  }

  void load_findings_check(const Json& e, Step& st) {
    const std::string ptr = st.pointer + "/expect";
    st.expect_kind = ExpectKind::Findings;
    check_members(e, ptr, {"findings", "count"}, "in a findings expectation");
    const Json& f = e["findings"];
    if (!f.is_object())
      fail(ptr + "/findings", "\"findings\" is {\"rule\": id, \"resource\": ARN or name, \"ever\": true, \"suppressed\": true}, each optional");
    check_members(f, ptr + "/findings", {"rule", "resource", "ever", "suppressed"}, "in \"findings\"");
    FindingsCheck& c = *st.findings_check;
    if (f.contains("rule")) {
      c.rule = string_at(f, "rule", ptr + "/findings/rule");
      if (analysis::find_rule(c.rule) == nullptr) {
        std::vector<std::string_view> ids;
        for (const auto* r : analysis::all_rules()) ids.push_back(r->id);
        fail(ptr + "/findings/rule", "unknown rule \"" + c.rule + "\"" + suggestion(c.rule, ids) + "; the rules are listed by acmsim rules");
      }
    }
    if (f.contains("resource")) c.resource = string_at(f, "resource", ptr + "/findings/resource");
    if (f.contains("ever")) {
      if (!f["ever"].is_boolean()) fail(ptr + "/findings/ever", "\"ever\" is true or false");
      c.ever = f["ever"].get<bool>();
    }
    if (f.contains("suppressed")) {
      if (!f["suppressed"].is_boolean()) fail(ptr + "/findings/suppressed", "\"suppressed\" is true or false");
      c.suppressed = f["suppressed"].get<bool>();
    }
    c.count = load_count(e, ptr);
  }

  void load_events_check(const Json& e, Step& st) {
    const std::string ptr = st.pointer + "/expect";
    const bool deliveries = e.contains("deliveries");
    st.expect_kind = deliveries ? ExpectKind::Deliveries : ExpectKind::Events;
    check_members(e, ptr, {deliveries ? "deliveries" : "events", "count", "since", "until"},
                  deliveries ? "in a deliveries expectation" : "in an events expectation");
    const std::string sel_ptr = ptr + (deliveries ? "/deliveries" : "/events");
    const Json& sel = e[deliveries ? "deliveries" : "events"];
    if (!sel.is_object())
      fail(sel_ptr, deliveries ? "\"deliveries\" is {\"region\": ..., \"rule\": ..., \"target\": ...}"
                               : "\"events\" is {\"region\": ..., \"pattern\": {...}}");
    EventsCheck& c = *st.events_check;
    if (deliveries) {
      check_members(sel, sel_ptr, {"region", "bus", "rule", "target"}, "in \"deliveries\"");
      if (!sel.contains("rule")) fail(sel_ptr, "\"deliveries\" needs \"rule\"");
      c.rule = string_at(sel, "rule", sel_ptr + "/rule");
      if (sel.contains("target")) c.target = string_at(sel, "target", sel_ptr + "/target");
    } else {
      check_members(sel, sel_ptr, {"region", "bus", "pattern"}, "in \"events\"");
      if (!sel.contains("pattern")) fail(sel_ptr, "\"events\" needs \"pattern\": an EventBridge event pattern");
      c.pattern = sel["pattern"];
      bool has_refs = false;
      for_each_string(c.pattern, "", [&](const std::string& s, const StringPlace&) { has_refs = has_refs || s.find("${") != std::string::npos; });
      if (!has_refs) {
        auto compiled = model::EventPattern::compile(c.pattern);
        if (!compiled.ok()) fail(sel_ptr + "/pattern", compiled.error().message);
      }
    }
    if (!sel.contains("region")) fail(sel_ptr, "add \"region\": events stay in the region of the bus they reach");
    const std::string r = string_at(sel, "region", sel_ptr + "/region");
    c.region = region(r, sel_ptr + "/region");
    if (sel.contains("bus")) c.bus = string_at(sel, "bus", sel_ptr + "/bus");
    c.count = load_count(e, ptr);
    if (e.contains("since")) c.since = when(e["since"], ptr + "/since", "\"since\"");
    if (e.contains("until")) c.until = when(e["until"], ptr + "/until", "\"until\"");
  }

  void load_probe_check(const Json& e, Step& st) {
    const std::string ptr = st.pointer + "/expect";
    check_members(e, ptr, {"probe", "from", "availability", "last", "latencyMs"}, "in a probe expectation");
    ProbeCheck& c = *st.probe_check;
    c.probe = string_at(e, "probe", ptr + "/probe");
    if (e.contains("from")) {
      const std::string r = string_at(e, "from", ptr + "/from");
      c.from = region(r, ptr + "/from");
    }
    const int kinds = static_cast<int>(e.contains("availability")) + static_cast<int>(e.contains("last")) + static_cast<int>(e.contains("latencyMs"));
    if (kinds != 1) fail(ptr, "a probe expectation has exactly one of \"availability\", \"last\" or \"latencyMs\"");
    auto bound = [&](const Json& obj, const char* m, const std::string& p, double lo, double hi, const char* range) -> std::optional<double> {
      if (!obj.contains(m)) return std::nullopt;
      const Json& v = obj[m];
      if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi) fail(p + "/" + m, std::string("\"") + m + "\" must be a number " + range);
      return v.get<double>();
    };
    if (e.contains("availability")) {
      const Json& a = e["availability"];
      if (!a.is_object()) fail(ptr + "/availability", "\"availability\" is {\"min\": share, \"max\": share}, shares from 0 to 1");
      check_members(a, ptr + "/availability", {"min", "max"}, "in \"availability\"");
      c.availability_min = bound(a, "min", ptr + "/availability", 0, 1, "from 0 to 1");
      c.availability_max = bound(a, "max", ptr + "/availability", 0, 1, "from 0 to 1");
    }
    if (e.contains("last")) {
      const Json& l = e["last"];
      if (!l.is_object() || !l.contains("outcome")) fail(ptr + "/last", "\"last\" is {\"outcome\": \"OK\"}");
      check_members(l, ptr + "/last", {"outcome"}, "in \"last\"");
      const std::string o = string_at(l, "outcome", ptr + "/last/outcome");
      auto parsed = model::parse_aws<model::ProbeOutcome>(o);
      if (!parsed) {
        const auto names = model::aws_names<model::ProbeOutcome>();
        fail(ptr + "/last/outcome", "unknown outcome \"" + o + "\"; outcomes: " + model::aws_choices<model::ProbeOutcome>() + suggestion(o, names));
      }
      c.last_outcome = parsed;
    }
    if (e.contains("latencyMs")) {
      const Json& l = e["latencyMs"];
      if (!l.is_object() || l.empty()) fail(ptr + "/latencyMs", "\"latencyMs\" is {\"p50\": {\"max\": ms}, \"p99\": {...}}");
      for (const auto& [k, v] : l.items()) {
        const std::string kp = ptr + "/latencyMs/" + pointer_escape(k);
        const bool ok = k.size() >= 2 && k.size() <= 3 && k[0] == 'p' && k.find_first_not_of("0123456789", 1) == std::string::npos &&
                        std::stoi(k.substr(1)) >= 1 && std::stoi(k.substr(1)) <= 99;
        if (!ok) fail(kp, "percentiles are named p1 to p99 (\"p50\", \"p90\", \"p99\")");
        if (!v.is_object()) fail(kp, "each percentile is {\"min\": ms, \"max\": ms}");
        check_members(v, kp, {"min", "max"}, "in a percentile bound");
        c.latency.push_back(PercentileBound{std::stoi(k.substr(1)) / 100.0, k, bound(v, "min", kp, 0, 1e7, "of milliseconds"),
                                            bound(v, "max", kp, 0, 1e7, "of milliseconds")});
      }
    }
  }

  void check_references(const Scenario& s) const {
    std::vector<const Step*> order;
    for (const auto& st : s.steps) order.push_back(&st);
    std::stable_sort(order.begin(), order.end(), [](const Step* a, const Step* b) { return a->at < b->at; });
    std::map<std::string, std::string> saver;  // save name -> the call that last saved it
    auto call_of = [](const Step& st) { return std::string(st.call.op->service) + ":" + std::string(st.call.op->name); };
    for (std::size_t k = 0; k < order.size(); ++k) {
      const Step& st = *order[k];
      // Calls and probes of one instant run before its expectations, so an
      // expectation may use what a later call of the same instant saves
      // (looked up first; no copy of everything saved so far for each step).
      std::map<std::string, std::string> same_instant;
      if (st.kind == StepKind::Expect) {
        for (std::size_t j = k + 1; j < order.size() && order[j]->at == st.at; ++j) {
          if (order[j]->kind == StepKind::Call && order[j]->save) same_instant[*order[j]->save] = call_of(*order[j]);
        }
      }
      auto saver_of = [&](const std::string& n) -> const std::string* {
        if (auto it = same_instant.find(n); it != same_instant.end()) return &it->second;
        if (auto it = saver.find(n); it != saver.end()) return &it->second;
        return nullptr;
      };
      auto visible_names = [&] {
        std::set<std::string> all;
        for (const auto& [n, call] : saver) all.insert(n);
        for (const auto& [n, call] : same_instant) all.insert(n);
        return std::vector<std::string>(all.begin(), all.end());
      };
      const Json& body = doc_.root["steps"][st.index];
      for (const char* member : {"params", "expect", "probe"}) {
        if (!body.contains(member)) continue;
        // A call step's params may have been moved out of the document.
        const bool own = st.kind == StepKind::Call && std::string_view(member) == "params";
        for_each_string(own ? st.call.params : body[member], st.pointer + "/" + member, [&](const std::string& text, const StringPlace& place) {
          if (text.find("${") == std::string::npos) return;  // no reference: nothing to check
          std::string err;
          auto names = referenced_names(text, &err);
          if (!names) fail(place.pointer(), err);
          for (const auto& n : *names) {
            if (saver_of(n) == nullptr) {
              const auto all = visible_names();
              fail(place.pointer(),
                   "reference ${" + n + "...}: no earlier step saves \"" + n + "\"" +
                       (saver.empty() ? std::string() : "; saved so far: " + join(std::vector<std::string_view>(all.begin(), all.end()))));
            }
          }
          // The first member after the name must be one the saving call's
          // response has (${cert.CertArn} is refused here, not at run time).
          for (std::size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 2)) {
            if (at > 0 && text[at - 1] == '$') continue;  // "$${": text, not a reference
            const std::size_t close = text.find('}', at);
            if (close == std::string::npos) break;
            const std::string_view ref = std::string_view(text).substr(at + 2, close - at - 2);
            const std::size_t dot = ref.find('.');
            if (dot == std::string_view::npos) continue;
            const std::string name(ref.substr(0, dot));
            const std::string first(ref.substr(dot + 1, ref.find_first_of(".[", dot + 1) - dot - 1));
            const std::string* who = saver_of(name);
            if (who == nullptr) continue;
            const auto members = api::response_members(*who);
            if (!members || std::find(members->begin(), members->end(), first) != members->end()) continue;
            fail(place.pointer(), "reference ${" + std::string(ref) + "}: the response of " + *who + " (saved as \"" + name + "\") has no member \"" +
                                      first + "\"" + did_you_mean_member(first, *members) +
                                      (members->empty() ? "; it has no members" : "; it has: " + join(*members)));
          }
        });
      }
      if (st.save) saver[*st.save] = call_of(st);
    }
  }

  static std::string did_you_mean_member(const std::string& word, const std::vector<std::string_view>& valid) {
    return core::did_you_mean(word, valid, core::Closeness::Loose);
  }

  const LoadLimits& limits_;
  Json* movable_root_ = nullptr;
  SimTime start_;
  std::optional<SimTime> horizon_;
  const model::Settings* settings_ = nullptr;
  std::set<std::string> probes_;
  std::map<std::string, std::size_t> step_ids_;
};

}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& file, const LoadLimits& limits) {
  Scenario s;
  {
    SourceDocument doc;
    try {
      doc = parse_json_with_positions(text, JsonLimits{limits.max_depth});
    } catch (const JsonSyntaxError& e) {
      throw InputError(file, e.pos(), e.path(), std::string("invalid JSON: ") + e.what());
    }
    s = Loader(doc, file, limits, &doc.root).load();
  }
#ifdef __GLIBC__
  // The document of a large scenario is millions of small blocks, freed just
  // now: hand the pages back, or the run's own memory stacks on top of them
  // and a fleet run's peak is the document's size plus the run's.
  malloc_trim(0);
#endif
  return s;
}

Scenario load_scenario_document(const SourceDocument& doc, const std::string& file, const LoadLimits& limits) {
  return Loader(doc, file, limits).load();
}

Scenario load_scenario(const std::string& path, const LoadLimits& limits) {
  return parse_scenario(input::read_input_file(path, limits.max_file_bytes), path, limits);
}

}  // namespace acmsim::scenario
