// Reads a study file and checks everything in it before any replication runs:
// member names and types, that each setting exists and accepts each grid value,
// that each pointer reaches a member of the base scenario, that each metric's
// probe, rule, region and pattern exist.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "acmsim/analysis/rule.hpp"
#include "acmsim/core/suggest.hpp"
#include "acmsim/input/input_file.hpp"
#include "acmsim/input/paths.hpp"
#include "acmsim/model/aws_names.hpp"
#include "acmsim/model/events/event_pattern.hpp"
#include "acmsim/model/settings.hpp"
#include "acmsim/study/study.hpp"

namespace acmsim::study {

using input::SourceDocument;
using scenario::InputError;

namespace {

constexpr std::array<std::pair<DistributionKind, const char*>, 6> kDistributions{{
    {DistributionKind::Uniform, "uniform"},
    {DistributionKind::Normal, "normal"},
    {DistributionKind::Lognormal, "lognormal"},
    {DistributionKind::Exponential, "exponential"},
    {DistributionKind::Discrete, "discrete"},
    {DistributionKind::Bernoulli, "bernoulli"},
}};

constexpr std::array<std::pair<MetricKind, const char*>, 11> kMetrics{{
    {MetricKind::ProbeAvailability, "probeAvailability"},
    {MetricKind::ProbeLatency, "probeLatency"},
    {MetricKind::TimeToFirstOutage, "timeToFirstOutage"},
    {MetricKind::Events, "events"},
    {MetricKind::Deliveries, "deliveries"},
    {MetricKind::Findings, "findings"},
    {MetricKind::Renewals, "renewals"},
    {MetricKind::RenewalAttempts, "renewalAttempts"},
    {MetricKind::Expiries, "expiries"},
    {MetricKind::StatusHours, "statusHours"},
    {MetricKind::TraceCount, "traceCount"},
}};

constexpr std::array<const char*, 4> kAnalyticQuantities{"expiryProbability", "expectedDowntimeHours", "expectedAttempts", "renewalProbability"};

/// The names of a kind table, in table order.
template <class Table>
std::vector<std::string_view> names_of(const Table& table) {
  std::vector<std::string_view> out;
  out.reserve(table.size());
  for (const auto& entry : table) out.emplace_back(entry.second);
  return out;
}

using core::did_you_mean;
using core::join_names;

bool valid_name(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.'; });
}

/// RFC 6901: "/a/b~1c" -> {"a", "b/c"}; nullopt when malformed.
std::optional<std::vector<std::string>> split_pointer(const std::string& p) {
  if (p.empty() || p.front() != '/') return std::nullopt;
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 1; i <= p.size(); ++i) {
    if (i == p.size() || p[i] == '/') {
      out.push_back(cur);
      cur.clear();
      continue;
    }
    if (p[i] == '~') {
      if (i + 1 >= p.size() || (p[i + 1] != '0' && p[i + 1] != '1')) return std::nullopt;
      cur += p[i + 1] == '0' ? '~' : '/';
      ++i;
      continue;
    }
    cur += p[i];
  }
  return out;
}

using input::inside_folder;

class StudyLoader : input::DocumentReader {
 public:
  StudyLoader(const SourceDocument& doc, std::string file, const StudyLimits& limits) : DocumentReader(doc, std::move(file)), limits_(limits) {}

  Study load() {
    const Json& root = doc_.root;
    if (!root.is_object()) fail("", "a study is a JSON object with \"study\", \"base\", \"parameters\" and \"metrics\" members");
    if (root.contains("scenario") && root.contains("steps") && !root.contains("study"))
      fail("", "this is a scenario, not a study: run it with acmsim run, or make it the \"base\" of a study (see the README's What-if studies)");
    check_members(root, "",
                  {"study", "description", "base", "seed", "replications", "parameters", "metrics", "quantiles", "analytic", "chart", "$schema"},
                  "at the top level of a study");
    Study st;
    st.file = file_;
    st.name = required_string(root, "study", "", "the study's name, [a-z0-9][a-z0-9-]*");
    if (st.name.empty() ||
        !std::all_of(st.name.begin(), st.name.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }) ||
        st.name.front() == '-')
      fail("/study", "study name '" + st.name + "' must match [a-z0-9][a-z0-9-]*");
    if (root.contains("description")) st.description = string_of(root["description"], "/description");
    if (root.contains("$schema")) string_of(root["$schema"], "/$schema");
    if (root.contains("seed")) st.seed = unsigned_of(root["seed"], "/seed", 0, UINT64_MAX);
    if (root.contains("replications"))
      st.replications = static_cast<std::size_t>(unsigned_of(root["replications"], "/replications", 1, limits_.max_replications));
    load_base(root, st);
    if (!root.contains("parameters")) fail("", "missing required member \"parameters\" (an array; it may be empty)");
    const Json& ps = root["parameters"];
    if (!ps.is_array()) fail("/parameters", "\"parameters\" must be an array of parameter objects");
    std::set<std::string> names;
    std::size_t points = 1;
    for (std::size_t i = 0; i < ps.size(); ++i) {
      Parameter p = parameter(ps[i], "/parameters/" + std::to_string(i), st);
      if (!names.insert(p.name).second) fail("/parameters/" + std::to_string(i) + "/name", "parameter name '" + p.name + "' is used twice");
      if (!p.grid.empty()) {
        points *= p.grid.size();
        if (points > limits_.max_points)
          fail("/parameters/" + std::to_string(i), "the grid has more than " + std::to_string(limits_.max_points) + " points");
      }
      st.parameters.push_back(std::move(p));
    }
    if (points * st.replications > limits_.max_runs)
      fail("/replications", std::to_string(points) + " points x " + std::to_string(st.replications) + " replications is more than the limit of " +
                                std::to_string(limits_.max_runs) + " runs");
    if (!root.contains("metrics")) fail("", "missing required member \"metrics\" (an array of metric objects)");
    const Json& ms = root["metrics"];
    if (!ms.is_array() || ms.empty()) fail("/metrics", "\"metrics\" must be a non-empty array of metric objects");
    std::set<std::string> metric_names;
    std::vector<std::size_t> derived_at;
    for (std::size_t i = 0; i < ms.size(); ++i) {
      const std::string at = "/metrics/" + std::to_string(i);
      if (ms[i].is_object() && ms[i].contains("kind") && (ms[i]["kind"] == "difference" || ms[i]["kind"] == "ratio")) {
        derived_at.push_back(i);  // read once every measured metric is known
        continue;
      }
      Metric m = metric(ms[i], at, st);
      if (!metric_names.insert(m.name).second) fail(at + "/name", "metric name '" + m.name + "' is used twice");
      st.metrics.push_back(std::move(m));
    }
    if (st.metrics.empty()) fail("/metrics", "a study measures at least one metric (difference and ratio only combine measured ones)");
    const std::set<std::string> measured = metric_names;
    for (const std::size_t i : derived_at) {
      DerivedMetric d = derived_metric(ms[i], "/metrics/" + std::to_string(i), st, measured);
      if (!metric_names.insert(d.name).second) fail("/metrics/" + std::to_string(i) + "/name", "metric name '" + d.name + "' is used twice");
      st.derived.push_back(std::move(d));
    }
    if (root.contains("quantiles")) {
      const Json& q = root["quantiles"];
      if (!q.is_array() || q.empty() || q.size() > 20) fail("/quantiles", "\"quantiles\" must be an array of 1 to 20 numbers in [0, 1]");
      st.quantiles.clear();
      for (std::size_t i = 0; i < q.size(); ++i) st.quantiles.push_back(number_of(q[i], "/quantiles/" + std::to_string(i), 0.0, 1.0));
    }
    if (root.contains("analytic")) st.analytic = analytic(root["analytic"], metric_names);
    st.chart_metric = st.metrics.front().name;
    if (root.contains("chart")) {
      // One metric, or several drawn side by side (the same unit reads best).
      const Json& c = root["chart"];
      std::vector<std::string> chosen;
      if (c.is_array() && !c.empty() && c.size() <= 8) {
        for (std::size_t i = 0; i < c.size(); ++i) chosen.push_back(string_of(c[i], "/chart/" + std::to_string(i)));
      } else if (c.is_string()) {
        chosen.push_back(c.get<std::string>());
      } else {
        fail("/chart", "\"chart\" is a metric name, or an array of 1 to 8 metric names drawn side by side");
      }
      st.chart_metric.clear();
      for (std::size_t i = 0; i < chosen.size(); ++i) {
        if (metric_names.count(chosen[i]) == 0U) {
          std::vector<std::string_view> valid(metric_names.begin(), metric_names.end());
          fail(c.is_array() ? "/chart/" + std::to_string(i) : "/chart",
               "\"" + chosen[i] + "\" names no metric of this study" + did_you_mean(chosen[i], valid));
        }
        st.chart_metric += (i > 0 ? "," : "") + chosen[i];
      }
    }
    return st;
  }

 private:
  std::string string_of(const Json& v, const std::string& at) const {
    if (!v.is_string()) fail(at, "expected a string");
    return v.get<std::string>();
  }

  std::string required_string(const Json& obj, const char* key, const std::string& at, const std::string& what) const {
    if (!obj.contains(key)) fail(at, std::string("missing required member \"") + key + "\" (" + what + ")");
    return string_of(obj[key], at + "/" + key);
  }

  std::uint64_t unsigned_of(const Json& v, const std::string& at, std::uint64_t lo, std::uint64_t hi) const {
    if (!v.is_number_unsigned() || v.get<std::uint64_t>() < lo || v.get<std::uint64_t>() > hi)
      fail(at, "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    return v.get<std::uint64_t>();
  }

  double number_of(const Json& v, const std::string& at, double lo, double hi) const {
    if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi)
      fail(at, "expected a number from " + Json(lo).dump() + " to " + Json(hi).dump());
    return v.get<double>();
  }

  void load_base(const Json& root, Study& st) {
    if (!root.contains("base")) fail("", "missing required member \"base\" (a scenario file, relative to the study, or an inline scenario object)");
    const Json& b = root["base"];
    std::string text;
    std::string base_name;
    if (!limits_.base_override.empty() && (b.is_string() || b.is_object())) {
      // Named on the command line: the user vouches for it, wherever it is.
      text = input::read_input_file(limits_.base_override, limits_.scenario.max_file_bytes, "--max-file-size");
      base_name = limits_.base_override;
    } else if (b.is_string()) {
      namespace fs = std::filesystem;
      const fs::path rel = b.get<std::string>();
      const fs::path folder = fs::path(file_).parent_path();
      const fs::path path = rel.is_absolute() ? rel : folder / rel;
      // A study comes from a pull request as often as a scenario does: its base
      // may not reach outside the study's folder (an absolute path, "../", a
      // symbolic link), or the first bytes of any readable file would end up in
      // CI logs through the error message.
      if (!inside_folder(path, folder))
        fail("/base", "the base scenario '" + rel.string() + "' is outside the study's folder " + (folder.empty() ? "." : folder.string()) +
                          ": move it into that folder, or name it on the command line (acmsim sweep STUDY --base FILE)");
      // A regular file only (a FIFO would block), of bounded size.
      try {
        text = input::read_input_file(path.string(), limits_.scenario.max_file_bytes, "--max-file-size");
      } catch (const InputError& e) {
        fail("/base", "cannot read the base scenario '" + rel.string() + "': " + e.what());
      }
      base_name = path.lexically_normal().string();
    } else if (b.is_object()) {
      text = b.dump();
    } else {
      fail("/base", "\"base\" must be a scenario file name (relative to the study) or a scenario object");
    }
    try {
      base_doc_ = input::parse_json_with_positions(text);
    } catch (const input::JsonSyntaxError& e) {
      // The base's own syntax error, at its own position: bad input, not an internal error.
      throw InputError(base_name, e.pos(), e.path(), std::string("invalid JSON: ") + e.what());
    }
    if (b.is_object()) {
      // An inline base is part of the study: its positions are the study's.
      if (const auto* node = doc_.node("/base")) base_doc_.positions = *node;
      base_name = file_;
    }
    // The base must be a valid scenario on its own: its errors point into its file.
    try {
      (void)scenario::load_scenario_document(base_doc_, base_name, limits_.scenario);
    } catch (const InputError& e) {
      if (!b.is_object()) throw;
      throw InputError(file_, e.pos(), "/base" + e.pointer(), std::string(e.what()) + " (in the inline base scenario)");
    }
    st.base = base_doc_;
    st.base_file = base_name;
    st.scenario_limits = limits_.scenario;
  }

  /// "/steps/<id>/..." -> "/steps/<index>/...": a step may be addressed by its
  /// `id`, which stays right when steps are added or moved. An all-digit
  /// segment is an index (RFC 6901).
  std::string resolve_step_id(const std::string& pointer, const std::string& at) const {
    static const std::string prefix = "/steps/";
    if (pointer.rfind(prefix, 0) != 0) return pointer;
    const std::size_t end = std::min(pointer.find('/', prefix.size()), pointer.size());
    const std::string segment = pointer.substr(prefix.size(), end - prefix.size());
    if (segment.empty() || std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; })) return pointer;
    const Json& steps = base_doc_.root.contains("steps") ? base_doc_.root["steps"] : Json::array();
    std::vector<std::string_view> ids;
    for (std::size_t i = 0; steps.is_array() && i < steps.size(); ++i) {
      const Json& st = steps[i];
      if (!st.is_object() || !st.contains("id") || !st["id"].is_string()) continue;
      const auto& id = st["id"].get_ref<const std::string&>();
      if (id == segment) return prefix + std::to_string(i) + pointer.substr(end);
      ids.push_back(id);
    }
    fail(at,
         "'" + pointer + "': no step of the base scenario has the id \"" + segment + "\"" +
             (ids.empty() ? std::string("; its steps have no ids (add \"id\" to the step, or use its index)") : "; step ids: " + join_names(ids)));
  }

  /// Checks that `pointer` reaches a member of the base scenario (or a new
  /// member of an object it has).
  void check_pointer(const std::string& pointer, const std::string& at) const {
    auto parts = split_pointer(pointer);
    if (!parts) fail(at, "'" + pointer + "' is not a JSON Pointer (RFC 6901): it starts with '/', and '~' is written ~0 and '/' ~1");
    const Json* cur = &base_doc_.root;
    for (std::size_t i = 0; i < parts->size(); ++i) {
      const std::string& key = (*parts)[i];
      const bool last = i + 1 == parts->size();
      if (cur->is_object()) {
        if (!cur->contains(key)) {
          if (last) return;  // a new member of an existing object
          fail(at, "'" + pointer + "' does not reach a member of the base scenario: it has no \"" + key + "\"");
        }
        cur = &(*cur)[key];
      } else if (cur->is_array()) {
        const bool digits = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits || key.size() > 9 || std::stoul(key) >= cur->size())
          fail(at, "'" + pointer + "': \"" + key + "\" is not an index of an array of " + std::to_string(cur->size()));
        cur = &(*cur)[std::stoul(key)];
      } else {
        fail(at, "'" + pointer + "' goes through a " + std::string(cur->type_name()) + ", which has no members");
      }
    }
  }

  Distribution distribution(const Json& d, const std::string& at) const {
    if (!d.is_object() || !d.contains("type") || !d["type"].is_string()) {
      fail(at, "a distribution is an object with \"type\": one of " + join_names(names_of(kDistributions)));
    }
    Distribution out;
    const std::string type = d["type"].get<std::string>();
    auto it = std::find_if(kDistributions.begin(), kDistributions.end(), [&](const auto& e) { return type == e.second; });
    if (it == kDistributions.end()) {
      const auto names = names_of(kDistributions);
      fail(at + "/type", "unknown distribution \"" + type + "\"" + did_you_mean(type, names) + "; valid: " + join_names(names));
    }
    out.kind = it->first;
    std::optional<bool> durations;
    // A parameter is a number, or a duration drawn in milliseconds.
    auto value = [&](const char* key, bool positive) {
      const std::string p = at + "/" + key;
      if (!d.contains(key)) fail(at, std::string("a ") + type + " distribution needs \"" + key + "\"");
      const Json& v = d[key];
      double x = 0;
      bool is_duration = false;
      if (v.is_string()) {
        auto dur = core::parse_duration(v.get<std::string>());
        if (!dur) fail(p, "'" + v.get<std::string>() + "' is not a duration (\"30d\", \"12h\") nor a number");
        x = static_cast<double>(dur->ms);
        is_duration = true;
      } else if (v.is_number()) {
        x = v.get<double>();
      } else {
        fail(p, "expected a number or a duration string");
      }
      if (durations && *durations != is_duration) fail(p, "mix of durations and numbers: use one kind for every parameter of a distribution");
      durations = is_duration;
      if (positive && x <= 0) fail(p, "must be positive");
      return x;
    };
    auto plain = [&](const char* key, double lo, double hi) {
      if (!d.contains(key)) fail(at, std::string("a ") + type + " distribution needs \"" + key + "\"");
      return number_of(d[key], at + "/" + key, lo, hi);
    };
    switch (out.kind) {
      case DistributionKind::Uniform:
        check_members(d, at, {"type", "min", "max", "seed", "integer"}, "of a uniform distribution");
        out.a = value("min", false);
        out.b = value("max", false);
        if (out.b < out.a) fail(at + "/max", "\"max\" must not be less than \"min\"");
        break;
      case DistributionKind::Normal:
        check_members(d, at, {"type", "mean", "stddev", "min", "max", "seed", "integer"}, "of a normal distribution");
        out.a = value("mean", false);
        out.b = value("stddev", true);
        break;
      case DistributionKind::Lognormal:
        check_members(d, at, {"type", "median", "sigma", "min", "max", "seed", "integer"}, "of a lognormal distribution");
        out.a = value("median", true);
        out.b = plain("sigma", 1e-9, 10.0);
        break;
      case DistributionKind::Exponential:
        check_members(d, at, {"type", "mean", "min", "max", "seed", "integer"}, "of an exponential distribution");
        out.a = value("mean", true);
        break;
      case DistributionKind::Bernoulli:
        check_members(d, at, {"type", "p", "seed"}, "of a bernoulli distribution");
        out.a = plain("p", 0.0, 1.0);
        break;
      case DistributionKind::Discrete: {
        check_members(d, at, {"type", "values", "weights", "seed"}, "of a discrete distribution");
        if (!d.contains("values") || !d["values"].is_array() || d["values"].empty() || d["values"].size() > 10000)
          fail(at, "a discrete distribution needs \"values\": an array of 1 to 10000 values");
        out.values.assign(d["values"].begin(), d["values"].end());
        std::vector<double> w(out.values.size(), 1.0);
        if (d.contains("weights")) {
          const Json& ws = d["weights"];
          if (!ws.is_array() || ws.size() != out.values.size()) fail(at + "/weights", "\"weights\" must be an array as long as \"values\"");
          for (std::size_t i = 0; i < ws.size(); ++i) w[i] = number_of(ws[i], at + "/weights/" + std::to_string(i), 0.0, 1e12);
        }
        double total = 0;
        for (double x : w) total += x;
        if (total <= 0) fail(at + "/weights", "the weights must not all be zero");
        double run = 0;
        for (double x : w) out.weights.push_back((run += x) / total);
        out.weights.back() = 1.0;
        break;
      }
    }
    out.durations = durations.value_or(false);
    if (d.contains("min")) out.min = value("min", false);
    if (d.contains("max")) out.max = value("max", false);
    if (out.kind != DistributionKind::Uniform && out.min && out.max && *out.max < *out.min)
      fail(at + "/max", "\"max\" must not be less than \"min\"");
    if (d.contains("seed")) out.seed = unsigned_of(d["seed"], at + "/seed", 0, UINT64_MAX);
    if (d.contains("integer")) {
      if (!d["integer"].is_boolean()) fail(at + "/integer", "expected true or false");
      out.integer = d["integer"].get<bool>();
    }
    return out;
  }

  void check_setting_value(const std::string& setting, const Json& v, const std::string& at) const {
    model::Settings scratch;
    const auto* info = model::find_setting(setting);
    if (auto err = info->apply(scratch, v)) fail(at, "setting " + setting + ": " + *err);
  }

  Parameter parameter(const Json& p, const std::string& at, const Study& st) const {
    if (!p.is_object()) fail(at, "a parameter is an object with \"name\", \"setting\" or \"pointer\", and \"values\" or \"distribution\"");
    check_members(p, at, {"name", "setting", "pointer", "values", "labels", "distribution"}, "of a parameter");
    Parameter out;
    out.line = doc_.pos_of(at).line;
    out.name = required_string(p, "name", at, "a name for tables, [A-Za-z0-9._-]+");
    if (!valid_name(out.name)) fail(at + "/name", "parameter name '" + out.name + "' must be 1 to 64 of A-Z a-z 0-9 . _ -");
    if (p.contains("setting") == p.contains("pointer"))
      fail(at, "a parameter has exactly one of \"setting\" (a model setting's name) and \"pointer\" (a JSON Pointer into the scenario)");
    if (p.contains("values") == p.contains("distribution"))
      fail(at, "a parameter has exactly one of \"values\" (a grid) and \"distribution\" (a draw per replication)");
    if (p.contains("setting")) {
      out.setting = string_of(p["setting"], at + "/setting");
      if (model::find_setting(out.setting) == nullptr) {
        std::vector<std::string_view> names;
        for (const auto& s : model::settings_catalogue()) names.push_back(s.name);
        fail(at + "/setting", "unknown setting \"" + out.setting + "\"" + did_you_mean(out.setting, names) + " (acmsim settings lists them)");
      }
    } else {
      out.pointer = resolve_step_id(string_of(p["pointer"], at + "/pointer"), at + "/pointer");
      check_pointer(out.pointer, at + "/pointer");
      auto parts = split_pointer(out.pointer);
      out.step_switch = parts->size() == 2 && (*parts)[0] == "steps";
      if (out.pointer == "/settings" || out.pointer == "/steps" || out.pointer == "/seed")
        fail(at + "/pointer", "'" + out.pointer + "' cannot be varied as a whole (the study sets the seed of each replication)");
    }
    if (p.contains("values")) {
      const Json& vs = p["values"];
      if (!vs.is_array() || vs.empty() || vs.size() > limits_.max_points) fail(at + "/values", "\"values\" must be a non-empty array (the grid)");
      for (std::size_t i = 0; i < vs.size(); ++i) {
        const std::string vat = at + "/values/" + std::to_string(i);
        if (!out.setting.empty()) check_setting_value(out.setting, vs[i], vat);
        if (out.step_switch && !vs[i].is_boolean() && !(vs[i].is_number() && vs[i].get<double>() >= 0.0 && vs[i].get<double>() <= 1.0))
          fail(vat,
               "a pointer to a step takes true (the step runs), false (it is left out) or a probability in [0, 1] (it runs in that share of "
               "the replications)");
        out.grid.push_back(vs[i]);
      }
      if (p.contains("labels")) {
        const Json& ls = p["labels"];
        if (!ls.is_array() || ls.size() != vs.size()) fail(at + "/labels", "\"labels\" must be an array of strings as long as \"values\"");
        for (std::size_t i = 0; i < ls.size(); ++i) out.labels.push_back(string_of(ls[i], at + "/labels/" + std::to_string(i)));
      }
    } else {
      if (p.contains("labels")) fail(at + "/labels", "\"labels\" name the values of a grid; a distribution has none");
      out.distribution = distribution(p["distribution"], at + "/distribution");
      const Distribution& d = *out.distribution;
      if (out.step_switch && d.kind != DistributionKind::Bernoulli)
        fail(at + "/distribution", "a pointer to a step takes a bernoulli distribution (true: the step runs)");
      if (d.kind == DistributionKind::Discrete) {
        for (std::size_t i = 0; i < d.values.size(); ++i) {
          if (!out.setting.empty()) check_setting_value(out.setting, d.values[i], at + "/distribution/values/" + std::to_string(i));
        }
      } else if (!out.setting.empty() && d.kind != DistributionKind::Bernoulli) {
        // The draws' kind must suit the setting: try the distribution's centre.
        const double centre = d.integer ? std::round(d.a) : d.a;
        const Json sample = d.durations ? Json(core::format_duration(core::Duration{static_cast<std::int64_t>(centre)}))
                            : d.integer ? Json(static_cast<std::int64_t>(centre))
                                        : Json(centre);
        check_setting_value(out.setting, sample, at + "/distribution");
      }
    }
    (void)st;
    return out;
  }

  std::set<std::string> probe_names() const {
    std::set<std::string> out;
    for (const auto& s : base_doc_.root["steps"]) {
      if (s.contains("probe") && s["probe"].is_object() && s["probe"].contains("name") && s["probe"]["name"].is_string())
        out.insert(s["probe"]["name"].get<std::string>());
    }
    return out;
  }

  model::RegionId region_of(const Json& v, const std::string& at) const { return region(string_of(v, at), at); }

  /// The regions a probe of the base makes its attempts from, unless a
  /// parameter may change them (then nothing is known at load).
  std::optional<std::vector<std::string>> probe_regions(const std::string& name, const Study& st) const {
    const Json& steps = base_doc_.root["steps"];
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const Json& s = steps[i];
      if (!s.contains("probe") || !s["probe"].is_object() || s["probe"].value("name", "") != name) continue;
      const std::string prefix = "/steps/" + std::to_string(i);
      for (const auto& p : st.parameters) {
        if (p.pointer == prefix || p.pointer.rfind(prefix + "/probe", 0) == 0) return std::nullopt;
      }
      std::vector<std::string> out;
      if (s["probe"].contains("from") && s["probe"]["from"].is_array()) {
        for (const auto& r : s["probe"]["from"]) {
          if (r.is_string()) out.push_back(r.get<std::string>());
        }
      }
      return out;
    }
    return std::nullopt;
  }

  DerivedMetric derived_metric(const Json& m, const std::string& at, const Study& st, const std::set<std::string>& measured) const {
    DerivedMetric d;
    d.ratio = m["kind"] == "ratio";
    const char* second = d.ratio ? "over" : "minus";
    check_members(m, at, {"name", "kind", "of", second, "reference", "unit"}, d.ratio ? "of a ratio metric" : "of a difference metric");
    d.name = required_string(m, "name", at, "a name for tables, [A-Za-z0-9._-]+");
    if (!valid_name(d.name)) fail(at + "/name", "metric name '" + d.name + "' must be 1 to 64 of A-Z a-z 0-9 . _ -");
    std::vector<std::string_view> names(measured.begin(), measured.end());
    auto known = [&](const std::string& member) {
      std::string v = required_string(m, member.c_str(), at, "the name of a measured metric of this study");
      if (measured.count(v) == 0U)
        fail(at + "/" + member, "\"" + v + "\" is no measured metric of this study" + did_you_mean(v, names) + "; measured: " + join_names(names));
      return v;
    };
    d.of = known("of");
    if (m.contains(second) == m.contains("reference"))
      fail(at, std::string("give either \"") + second + "\" (another metric at the same point) or \"reference\" (the same metric at another point)");
    if (m.contains(second)) {
      d.other = known(second);
    } else {
      // The reference point: a value of each grid parameter named.
      const Json& ref = m["reference"];
      if (!ref.is_object() || ref.empty()) fail(at + "/reference", "\"reference\" is an object of grid parameter values: {\"edgeRttMs\": 12}");
      for (const auto& item : ref.items()) {
        // Named copies: clang 14 cannot capture structured bindings in a lambda.
        const std::string& pname = item.key();
        const Json& value = item.value();
        const auto p = std::find_if(st.parameters.begin(), st.parameters.end(), [&](const Parameter& x) { return x.name == pname; });
        if (p == st.parameters.end() || p->grid.empty())
          fail(at + "/reference/" + input::pointer_escape(pname), "\"" + pname + "\" is no grid parameter of this study");
        if (std::find(p->grid.begin(), p->grid.end(), value) == p->grid.end())
          fail(at + "/reference/" + input::pointer_escape(pname),
               value.dump() + " is not among the values of \"" + pname + "\": " + Json(p->grid).dump());
      }
      d.reference = ref;
    }
    if (m.contains("unit")) d.unit = string_of(m["unit"], at + "/unit");
    return d;
  }

  Metric metric(const Json& m, const std::string& at, const Study& st) const {
    const auto kinds = names_of(kMetrics);
    if (!m.is_object()) fail(at, "a metric is an object with \"name\" and \"kind\"");
    Metric out;
    out.name = required_string(m, "name", at, "a name for tables, [A-Za-z0-9._-]+");
    if (!valid_name(out.name)) fail(at + "/name", "metric name '" + out.name + "' must be 1 to 64 of A-Z a-z 0-9 . _ -");
    const std::string kind = required_string(m, "kind", at, "one of " + join_names(kinds));
    auto it = std::find_if(kMetrics.begin(), kMetrics.end(), [&](const auto& e) { return kind == e.second; });
    if (it == kMetrics.end())
      fail(at + "/kind", "unknown metric kind \"" + kind + "\"" + did_you_mean(kind, kinds) + "; valid: " + join_names(kinds));
    out.kind = it->first;
    auto probe = [&] {
      out.probe = required_string(m, "probe", at, "the name of a probe of the base scenario");
      const auto names = probe_names();
      if (names.count(out.probe) == 0U) {
        std::vector<std::string_view> valid(names.begin(), names.end());
        fail(at + "/probe", "the base scenario has no probe named \"" + out.probe + "\"" + did_you_mean(out.probe, valid) +
                                (valid.empty() ? "" : "; it has: " + join_names(valid)));
      }
      if (m.contains("from")) {
        out.from = region_of(m["from"], at + "/from");
        // A region the probe does not use: the metric would be undefined in
        // every run, and the study would say nothing with exit 0.
        const auto regions = probe_regions(out.probe, st);
        const std::string code(model::region_code(*out.from));
        if (regions && std::find(regions->begin(), regions->end(), code) == regions->end()) {
          std::vector<std::string_view> valid(regions->begin(), regions->end());
          fail(at + "/from", "probe \"" + out.probe + "\" makes no attempt from " + code +
                                 ", so this metric would be undefined in every run; it probes from " + join_names(valid));
        }
      }
    };
    switch (out.kind) {
      case MetricKind::ProbeAvailability:
        check_members(m, at, {"name", "kind", "probe", "from"}, "of a probeAvailability metric");
        probe();
        out.unit = "share";
        break;
      case MetricKind::ProbeLatency:
        check_members(m, at, {"name", "kind", "probe", "from", "quantile"}, "of a probeLatency metric");
        probe();
        out.quantile = m.contains("quantile") ? number_of(m["quantile"], at + "/quantile", 0.0, 1.0) : 0.5;
        out.unit = "ms";
        break;
      case MetricKind::TimeToFirstOutage:
        check_members(m, at, {"name", "kind", "probe", "from"}, "of a timeToFirstOutage metric");
        probe();
        out.unit = "h";
        break;
      case MetricKind::Events: {
        check_members(m, at, {"name", "kind", "region", "bus", "pattern"}, "of an events metric");
        if (!m.contains("region")) fail(at, "an events metric needs \"region\" (the bus's region)");
        out.region = region_of(m["region"], at + "/region");
        if (m.contains("bus")) out.bus = string_of(m["bus"], at + "/bus");
        out.pattern = m.contains("pattern") ? m["pattern"] : Json::object();
        auto compiled = model::EventPattern::compile(out.pattern);
        if (!compiled.ok()) fail(at + "/pattern", "the event pattern is refused: " + compiled.error().message);
        out.compiled = std::make_shared<const model::EventPattern>(std::move(compiled.value()));
        out.unit = "events";
        break;
      }
      case MetricKind::Deliveries:
        check_members(m, at, {"name", "kind", "region", "bus", "rule"}, "of a deliveries metric");
        if (!m.contains("region")) fail(at, "a deliveries metric needs \"region\" (the rule's region)");
        out.region = region_of(m["region"], at + "/region");
        if (m.contains("bus")) out.bus = string_of(m["bus"], at + "/bus");
        out.rule = required_string(m, "rule", at, "the EventBridge rule's name");
        out.unit = "deliveries";
        break;
      case MetricKind::Findings:
        check_members(m, at, {"name", "kind", "rule", "ever"}, "of a findings metric");
        if (m.contains("rule")) {
          out.rule = string_of(m["rule"], at + "/rule");
          if (analysis::find_rule(out.rule) == nullptr) {
            std::vector<std::string_view> ids;
            for (const auto* r : analysis::all_rules()) ids.push_back(r->id);
            fail(at + "/rule", "unknown rule \"" + out.rule + "\"" + did_you_mean(out.rule, ids) + " (acmsim rules lists them)");
          }
        }
        if (m.contains("ever")) {
          if (!m["ever"].is_boolean()) fail(at + "/ever", "expected true (every raise during the run) or false (open at the end)");
          out.ever = m["ever"].get<bool>();
        }
        out.unit = "findings";
        break;
      case MetricKind::Renewals:
      case MetricKind::RenewalAttempts:
      case MetricKind::Expiries:
        check_members(m, at, {"name", "kind"}, std::string("of a ") + kind + " metric");
        out.unit = out.kind == MetricKind::Expiries ? "certificates" : out.kind == MetricKind::Renewals ? "renewals" : "attempts";
        break;
      case MetricKind::StatusHours: {
        check_members(m, at, {"name", "kind", "status"}, "of a statusHours metric");
        out.status = required_string(m, "status", at, "a certificate status such as EXPIRED");
        const auto valid = model::aws_names<model::CertificateStatus>();
        if (!model::parse_aws<model::CertificateStatus>(out.status))
          fail(at + "/status",
               "unknown certificate status \"" + out.status + "\"" + did_you_mean(out.status, valid) + "; valid: " + join_names(valid));
        out.unit = "h";
        break;
      }
      case MetricKind::TraceCount:
        check_members(m, at, {"name", "kind", "match"}, "of a traceCount metric");
        if (!m.contains("match") || !m["match"].is_object() || m["match"].empty())
          fail(at,
               "a traceCount metric needs \"match\": the members a trace record must have, such as {\"type\": \"state\", \"change\": \"Renewed\"}");
        out.match = m["match"];
        out.unit = "records";
        break;
    }
    return out;
  }

  Analytic analytic(const Json& a, const std::set<std::string>& metric_names) const {
    const std::string at = "/analytic";
    if (!a.is_object()) fail(at, "\"analytic\" is an object with \"model\": \"renewal-markov\"");
    check_members(a, at, {"model", "renewalLeadDays", "window", "compare"}, "of \"analytic\"");
    Analytic out;
    out.model = required_string(a, "model", at, "\"renewal-markov\"");
    if (out.model != "renewal-markov") fail(at + "/model", "unknown analytic model \"" + out.model + "\"; valid: renewal-markov");
    if (!a.contains("renewalLeadDays")) fail(at, "the renewal-markov model needs \"renewalLeadDays\" (days before NotAfter that renewal starts)");
    out.renewal_lead_days = static_cast<double>(unsigned_of(a["renewalLeadDays"], at + "/renewalLeadDays", 1, 3649));
    const std::string window = required_string(a, "window", at, "the time observed after NotAfter, to the horizon (\"30d\")");
    auto d = core::parse_duration(window);
    if (!d) fail(at + "/window", "'" + window + "' is not a duration (\"30d\")");
    out.window = *d;
    if (!a.contains("compare") || !a["compare"].is_object() || a["compare"].empty())
      fail(
          at,
          "\"compare\" maps metric names to the model's quantities (expiryProbability, expectedDowntimeHours, expectedAttempts, renewalProbability)");
    const std::vector<std::string_view> q(kAnalyticQuantities.begin(), kAnalyticQuantities.end());
    for (const auto& [k, v] : a["compare"].items()) {
      const std::string vat = at + "/compare/" + input::pointer_escape(k);
      if (metric_names.count(k) == 0U) fail(vat, "\"" + k + "\" is not a metric of this study");
      const std::string quantity = string_of(v, vat);
      if (std::find(q.begin(), q.end(), quantity) == q.end())
        fail(vat, "unknown quantity \"" + quantity + "\"" + did_you_mean(quantity, q) + "; valid: " + join_names(q));
      out.compare.emplace_back(k, quantity);
    }
    return out;
  }

  StudyLimits limits_;
  SourceDocument base_doc_;
};

}  // namespace

const char* distribution_name(DistributionKind k) {
  for (const auto& [kind, name] : kDistributions) {
    if (kind == k) return name;
  }
  return "?";
}

const char* metric_name(MetricKind k) {
  for (const auto& [kind, name] : kMetrics) {
    if (kind == k) return name;
  }
  return "?";
}

Study parse_study(std::string_view text, const std::string& file, const StudyLimits& limits) {
  SourceDocument doc;
  try {
    doc = input::parse_json_with_positions(text);
  } catch (const input::JsonSyntaxError& e) {
    throw InputError(file, e.pos(), e.path(), std::string("invalid JSON: ") + e.what());
  }
  return StudyLoader(doc, file, limits).load();
}

Study load_study(const std::string& path, const StudyLimits& limits) {
  return parse_study(input::read_input_file(path, limits.scenario.max_file_bytes, "--max-file-size"), path, limits);
}

}  // namespace acmsim::study
