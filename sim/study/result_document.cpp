#include "acmsim/study/result_document.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>

#include "acmsim/core/random.hpp"
#include "acmsim/study/renewal_markov.hpp"
#include "acmsim/study/statistics.hpp"

namespace acmsim::study {

namespace {

std::string quantile_name(double q) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "p%g", q * 100.0);
  return buf;
}

Json definition(const Study& st, std::size_t replications) {
  Json params = Json::array();
  for (const auto& p : st.parameters) {
    Json j = {{"name", p.name}};
    if (!p.setting.empty())
      j["setting"] = p.setting;
    else
      j["pointer"] = p.pointer;
    if (!p.grid.empty()) {
      j["values"] = p.grid;
      if (!p.labels.empty()) j["labels"] = p.labels;
    } else {
      const Distribution& d = *p.distribution;
      j["distribution"] = distribution_name(d.kind);
    }
    params.push_back(std::move(j));
  }
  Json metrics = Json::array();
  for (const auto& m : st.metrics) metrics.push_back({{"name", m.name}, {"kind", metric_name(m.kind)}, {"unit", m.unit}});
  for (const auto& d : st.derived) {
    Json j = {{"name", d.name}, {"kind", d.ratio ? "ratio" : "difference"}, {"of", d.of}};
    if (!d.other.empty()) j[d.ratio ? "over" : "minus"] = d.other;
    if (!d.reference.is_null()) j["reference"] = d.reference;
    j["unit"] = d.unit;
    metrics.push_back(std::move(j));
  }
  char digest[17];
  std::snprintf(digest, sizeof digest, "%016llx", static_cast<unsigned long long>(core::fnv1a64(st.base.root.dump())));
  return {{"seed", st.seed},      {"replications", replications}, {"quantiles", st.quantiles},
          {"parameters", params}, {"metrics", metrics},           {"baseDigest", digest}};
}

/// The settings of a point: the base scenario's, then the grid's.
model::Settings settings_at(const Study& st, const Point& point) {
  model::Settings s;
  if (st.base.root.contains("settings")) {
    for (const auto& [k, v] : st.base.root["settings"].items()) {
      if (const auto* info = model::find_setting(k)) (void)info->apply(s, v);
    }
  }
  std::size_t g = 0;
  for (const auto& p : st.parameters) {
    if (p.grid.empty()) continue;
    const Json& v = point.values[g++].second;
    if (!p.setting.empty()) (void)model::find_setting(p.setting)->apply(s, v);
  }
  return s;
}

Json analytic_at(const Study& st, const Point& point) {
  const Analytic& a = *st.analytic;
  const RenewalChain chain = solve_renewal_chain(settings_at(st, point), a.renewal_lead_days, a.window);
  Json out = Json::object();
  for (const auto& [metric, quantity] : a.compare) {
    double v = 0;
    if (quantity == "expiryProbability") v = chain.expiry_probability;
    if (quantity == "renewalProbability") v = chain.renewal_probability;
    if (quantity == "expectedAttempts") v = chain.expected_attempts;
    if (quantity == "expectedDowntimeHours") v = chain.expected_downtime_hours;
    out[metric] = {{"quantity", quantity}, {"value", v}};
  }
  return out;
}

/// The samples of a difference or ratio metric at one point: replication by
/// replication, undefined where either side is (or a ratio's denominator is 0).
Json derived_samples(const Json& d, const Json& points, std::size_t at) {
  const Json& point = points[at];
  const Json& of = point["samples"][d["of"].get<std::string>()];
  const Json* other = nullptr;
  const bool ratio = d["kind"] == "ratio";
  if (d.contains("reference")) {
    // The point that differs from this one only in the referenced parameters.
    for (const auto& p : points) {
      bool same = true;
      for (const auto& [name, v] : p["values"].items()) {
        const Json& want = d["reference"].contains(name) ? d["reference"][name] : point["values"][name];
        same = same && v == want;
      }
      if (same) other = &p["samples"][d["of"].get<std::string>()];
    }
  } else {
    other = &point["samples"][d[ratio ? "over" : "minus"].get<std::string>()];
  }
  Json out = Json::array();
  for (std::size_t i = 0; i < of.size(); ++i) {
    if (other == nullptr || i >= other->size() || of[i].is_null() || (*other)[i].is_null()) {
      out.push_back(nullptr);
      continue;
    }
    const double a = of[i].get<double>();
    const double b = (*other)[i].get<double>();
    if (ratio)
      out.push_back(b == 0.0 ? Json(nullptr) : Json(a / b));
    else
      out.push_back(a - b);
  }
  return out;
}

/// Adds "statistics" (and the analytic comparison) to every point of a
/// complete document. Used by the sweep and by merge: the same bytes either way.
void finish(Json& doc) {
  // Derived metrics first: they are samples like the others from then on.
  for (const auto& m : doc["definition"]["metrics"]) {
    if (m.value("kind", "") != "difference" && m.value("kind", "") != "ratio") continue;
    std::vector<Json> computed;
    for (std::size_t p = 0; p < doc["points"].size(); ++p) computed.push_back(derived_samples(m, doc["points"], p));
    for (std::size_t p = 0; p < doc["points"].size(); ++p) doc["points"][p]["samples"][m["name"].get<std::string>()] = std::move(computed[p]);
  }
  std::vector<double> quantiles;
  for (const auto& q : doc["definition"]["quantiles"]) quantiles.push_back(q.get<double>());
  // What each metric can take: a share lies in [0, 1], everything else
  // acmsim measures (counts, hours, milliseconds) is at least 0.
  std::map<std::string, Range> ranges;
  for (const auto& m : doc["definition"]["metrics"]) {
    const std::string kind = m.value("kind", "");
    if (kind == "difference") continue;  // either sign
    ranges[m.value("name", "")] = kind == "probeAvailability" ? Range{0.0, 1.0} : Range{0.0, std::numeric_limits<double>::infinity()};
  }
  for (auto& point : doc["points"]) {
    Json stats = Json::object();
    for (const auto& [metric, samples] : point["samples"].items()) {
      std::vector<std::optional<double>> xs;
      xs.reserve(samples.size());
      for (const auto& v : samples) xs.push_back(v.is_null() ? std::nullopt : std::optional<double>(v.get<double>()));
      const auto r = ranges.find(metric);
      const auto s = summarize(xs, quantiles, r == ranges.end() ? Range{} : r->second);
      if (!s) {
        stats[metric] = {{"n", 0}, {"missing", xs.size()}};
        continue;
      }
      Json qs = Json::object();
      for (std::size_t i = 0; i < quantiles.size(); ++i) qs[quantile_name(quantiles[i])] = s->quantiles[i];
      stats[metric] = {{"n", s->n},           {"missing", s->missing},           {"mean", s->mean},
                       {"stddev", s->stddev}, {"ci95", {s->ci_low, s->ci_high}}, {"ciMethod", s->ci_method},
                       {"quantiles", qs}};
    }
    point["statistics"] = std::move(stats);
    if (point.contains("analytic")) {
      for (auto& [metric, a] : point["analytic"].items()) {
        const Json& s = point["statistics"][metric];
        if (!s.contains("ci95")) continue;
        const double v = a["value"].get<double>();
        a["withinCi95"] = v >= s["ci95"][0].get<double>() && v <= s["ci95"][1].get<double>();
      }
    }
  }
}

}  // namespace

Json result_document(const Study& st, const SweepData& data, const Shard& shard) {
  Json doc = {{"acmsimStudyResult", 1}, {"study", st.name}, {"description", st.description}, {"definition", definition(st, data.replications)}};
  if (shard.count > 1) doc["shard"] = {{"index", shard.index}, {"count", shard.count}, {"replications", {data.first, data.last}}};
  Json points = Json::array();
  for (std::size_t p = 0; p < data.points.size(); ++p) {
    Json values = Json::object();
    Json labels = Json::object();
    std::size_t g = 0;
    for (const auto& param : st.parameters) {
      if (param.grid.empty()) continue;
      const auto& [name, v] = data.points[p].values[g];
      values[name] = v;
      if (!param.labels.empty()) labels[name] = param.labels[data.points[p].choice[g]];
      ++g;
    }
    Json point = {{"values", values}};
    if (!labels.empty()) point["labels"] = labels;
    if (st.analytic) point["analytic"] = analytic_at(st, data.points[p]);
    Json samples = Json::object();
    for (std::size_t m = 0; m < st.metrics.size(); ++m) {
      Json xs = Json::array();
      for (const Sample& s : data.samples[p]) xs.push_back(s[m] ? Json(*s[m]) : Json(nullptr));
      samples[st.metrics[m].name] = std::move(xs);
    }
    point["samples"] = std::move(samples);
    points.push_back(std::move(point));
  }
  doc["points"] = std::move(points);
  if (shard.count <= 1) finish(doc);
  return doc;
}

Json merge_results(const std::vector<std::pair<std::string, Json>>& named) {
  if (named.empty()) throw MergeError("nothing to merge");
  struct Part {
    std::string name;
    const Json* doc;
    std::size_t first;
    std::size_t last;
  };
  std::vector<Part> parts;
  const Json& head = named.front().second;
  for (const auto& [name, doc] : named) {
    if (!doc.is_object() || !doc.contains("acmsimStudyResult") || !doc.contains("definition") || !doc.contains("points") || !doc["points"].is_array())
      throw MergeError(name + ": not an acmsim sweep result (acmsim sweep --out writes them)");
    if (doc["study"] != head["study"] || doc["definition"] != head["definition"])
      throw MergeError(name + ": a result of another study, or of the same study with other parameters, seed or replications than " +
                       named.front().first);
    if (doc["points"].size() != head["points"].size()) throw MergeError(name + ": another number of parameter points than " + named.front().first);
    const std::size_t reps = doc["definition"]["replications"].get<std::size_t>();
    std::size_t first = 0;
    std::size_t last = reps;
    if (doc.contains("shard")) {
      first = doc["shard"]["replications"][0].get<std::size_t>();
      last = doc["shard"]["replications"][1].get<std::size_t>();
    }
    for (const auto& point : doc["points"]) {
      for (const auto& [metric, xs] : point["samples"].items()) {
        if (!xs.is_array() || xs.size() != last - first) throw MergeError(name + ": samples of " + metric + " do not match its replication range");
      }
    }
    parts.push_back({name, &doc, first, last});
  }
  std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.first < b.first; });
  const std::size_t reps = head["definition"]["replications"].get<std::size_t>();
  std::size_t expect = 0;
  for (const Part& p : parts) {
    if (p.first < expect)
      throw MergeError(p.name + ": replications " + std::to_string(p.first) + ".." + std::to_string(p.last) + " overlap another result's");
    if (p.first > expect)
      throw MergeError("replications " + std::to_string(expect) + ".." + std::to_string(p.first) +
                       " are in none of the results (a shard is missing)");
    expect = p.last;
  }
  if (expect != reps)
    throw MergeError("replications " + std::to_string(expect) + ".." + std::to_string(reps) + " are in none of the results (a shard is missing)");

  Json doc = {{"acmsimStudyResult", head["acmsimStudyResult"]},
              {"study", head["study"]},
              {"description", head["description"]},
              {"definition", head["definition"]}};
  Json points = Json::array();
  for (std::size_t i = 0; i < head["points"].size(); ++i) {
    const Json& h = head["points"][i];
    Json point = {{"values", h["values"]}};
    if (h.contains("labels")) point["labels"] = h["labels"];
    if (h.contains("analytic")) {
      Json a = Json::object();
      for (const auto& [metric, v] : h["analytic"].items()) a[metric] = {{"quantity", v["quantity"]}, {"value", v["value"]}};
      point["analytic"] = std::move(a);
    }
    Json samples = Json::object();
    for (const auto& [metric, unused] : h["samples"].items()) {
      Json xs = Json::array();
      for (const Part& p : parts) {
        for (const auto& v : (*p.doc)["points"][i]["samples"][metric]) xs.push_back(v);
      }
      samples[metric] = std::move(xs);
    }
    point["samples"] = std::move(samples);
    points.push_back(std::move(point));
  }
  doc["points"] = std::move(points);
  finish(doc);
  return doc;
}

}  // namespace acmsim::study
