#include "acmsim/report/html_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "acmsim/analysis/resource_graph.hpp"
#include "acmsim/analysis/rule.hpp"
#include "acmsim/model/state_change.hpp"
#include "acmsim/model/world.hpp"
#include "acmsim/report/markup.hpp"
#include "acmsim/report/study_report.hpp"

namespace acmsim::report {

namespace {

using core::Json;
using core::SimTime;

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// The page's own style and script: inline, so the file works offline and from
// a CI artifact. The script only shows the explanation of what is hovered; a
// first tiny script counts errors, so a test can tell that the page ran clean.
constexpr const char* kHead = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<script>window.acmsimErrors = 0; window.addEventListener("error", function () { window.acmsimErrors++; document.documentElement.dataset.jsErrors = window.acmsimErrors; });</script>
<style>
body { font-family: "DejaVu Sans", sans-serif; margin: 1.5em; color: #222; max-width: 1200px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #ccc; } h3 { font-size: 1em; margin: 1em 0 0.3em; }
.muted { color: #666; } .ok { color: #2a7d2a; } .fail { color: #b22; }
svg { display: block; } svg text { font-size: 11px; }
.legend span { display: inline-block; margin-right: 1em; } .legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: middle; }
#explain { position: sticky; top: 0; background: #fffbe6; border: 1px solid #e6d88a; padding: 0.5em 0.8em; min-height: 1.4em; z-index: 1; }
table { border-collapse: collapse; margin: 0.5em 0; } td, th { border: 1px solid #ccc; padding: 2px 6px; text-align: right; } th { background: #f3f3f3; } td:first-child, th:first-child { text-align: left; }
</style>
)";

constexpr const char* kScript = R"(<script>
(function () {
  var box = document.getElementById("explain");
  document.querySelectorAll("[data-explain]").forEach(function (el) {
    el.addEventListener("mouseenter", function () { box.textContent = el.getAttribute("data-explain"); });
  });
  document.documentElement.dataset.rendered = "1";
})();
</script>
)";

const char* status_colour(const std::string& s) {
  if (s == "ISSUED") return "#54a24b";
  if (s == "PENDING_VALIDATION") return "#eeca3b";
  if (s == "EXPIRED" || s == "REVOKED") return "#e45756";
  if (s == "FAILED" || s == "VALIDATION_TIMED_OUT") return "#b279a2";
  return "#bab0ac";
}

/// Horizontal position of an instant on a timeline of `width` pixels.
struct Scale {
  SimTime start;
  SimTime end;
  double left = 150;
  double width = 900;
  [[nodiscard]] double x(SimTime t) const {
    const double span = static_cast<double>(std::max<std::int64_t>(1, (end - start).ms));
    const double f = static_cast<double>((std::clamp(t, start, end) - start).ms) / span;
    return left + f * width;
  }
};

void time_axis(std::ostringstream& o, const Scale& sc, double y) {
  o << "<line x1=\"" << sc.left << "\" y1=\"" << y << "\" x2=\"" << sc.left + sc.width << "\" y2=\"" << y << "\" stroke=\"#999\"/>";
  for (int i = 0; i <= 6; ++i) {
    const SimTime t = sc.start + core::Duration{(sc.end - sc.start).ms * i / 6};
    const double x = sc.x(t);
    o << "<line x1=\"" << fmt(x) << "\" y1=\"" << y << "\" x2=\"" << fmt(x) << "\" y2=\"" << y + 4 << "\" stroke=\"#999\"/>";
    o << "<text x=\"" << fmt(x) << "\" y=\"" << y + 16 << "\" text-anchor=\"middle\" fill=\"#666\">" << core::format_timestamp(t).substr(0, 10)
      << "</text>";
  }
}

/// One certificate's timeline: status bands, validity of each body, renewal
/// window, EventBridge events and findings.
void certificate_timeline(std::ostringstream& o, const scenario::RunResult& r, const model::Certificate& c, const Scale& sc,
                          const std::vector<const core::TraceRecord*>& story) {
  const double row = 18;
  std::vector<const analysis::FindingChange*> raised;
  for (const auto& h : r.findings->history()) {
    if (h.raised && !h.finding.resources.empty() && h.finding.resources.front() == c.arn) raised.push_back(&h);
  }
  const double height = 20 + row * 3 + row * static_cast<double>(std::max<std::size_t>(1, raised.size())) + 26;
  o << "<div class=\"timeline\" data-arn=\"" << xml_escape(c.arn) << "\">\n<h3>" << xml_escape(c.domain_name) << " <span class=\"muted\">"
    << xml_escape(std::string(model::aws_name(c.type))) << ", " << (c.deleted ? "DELETED" : xml_escape(std::string(model::aws_name(c.status))))
    << " &mdash; " << xml_escape(c.arn) << "</span></h3>\n";
  o << "<svg width=\"" << sc.left + sc.width + 50 << "\" height=\"" << height << "\" role=\"img\" aria-label=\"timeline of "
    << xml_escape(c.domain_name) << "\">";
  // Status bands, from the certificate's own story.
  double y = 10;
  o << "<text x=\"4\" y=\"" << y + 12 << "\">status</text>";
  std::string status = "PENDING_VALIDATION";
  SimTime since = c.created_at;
  auto band = [&](SimTime from, SimTime to, const std::string& s) {
    if (to <= from) return;
    o << "<rect x=\"" << fmt(sc.x(from)) << "\" y=\"" << y << "\" width=\"" << fmt(std::max(1.0, sc.x(to) - sc.x(from))) << "\" height=\"14\" fill=\""
      << status_colour(s) << "\" data-explain=\"" << xml_escape(s + " from " + core::format_timestamp(from) + " to " + core::format_timestamp(to))
      << "\"><title>" << xml_escape(s) << "</title></rect>";
  };
  for (const auto* rec : story) {
    const Json& b = rec->body();
    std::string next;
    const auto change = model::state_change_of(b);
    if (change == model::StateChange::StatusChanged && b.contains("status") && b["status"].is_string()) next = b["status"].get<std::string>();
    if (change == model::StateChange::Deleted) next = "DELETED";
    if (change == model::StateChange::Imported || change == model::StateChange::Reimported) next = "ISSUED";
    if (next.empty() || next == status) continue;
    band(since, rec->time, status);
    status = next;
    since = rec->time;
  }
  band(since, sc.end, status);
  // Validity of each body, and the renewal window before its end.
  y += row;
  o << "<text x=\"4\" y=\"" << y + 12 << "\">validity</text>";
  for (const auto& v : c.versions) {
    o << "<rect x=\"" << fmt(sc.x(v.not_before)) << "\" y=\"" << y + 2 << "\" width=\"" << fmt(std::max(1.0, sc.x(v.not_after) - sc.x(v.not_before)))
      << "\" height=\"10\" fill=\"#4c78a8\" data-explain=\""
      << xml_escape("Certificate body " + v.serial.text() + ": valid " + core::format_timestamp(v.not_before) + " to " + core::format_timestamp(v.not_after))
      << "\"><title>valid to " << core::format_timestamp(v.not_after) << "</title></rect>";
    if (c.type != model::CertificateType::Imported && c.renewal_lead_days > 0) {
      const SimTime from = v.not_after - core::Duration::days(c.renewal_lead_days);
      o << "<rect x=\"" << fmt(sc.x(from)) << "\" y=\"" << y + 2 << "\" width=\"" << fmt(std::max(1.0, sc.x(v.not_after) - sc.x(from)))
        << "\" height=\"10\" fill=\"#f58518\" opacity=\"0.8\" data-explain=\""
        << xml_escape("Renewal window: ACM starts renewing " + std::to_string(c.renewal_lead_days) +
                      " days before NotAfter, if the certificate is eligible")
        << "\"><title>renewal window</title></rect>";
    }
  }
  // EventBridge events about it.
  y += row;
  o << "<text x=\"4\" y=\"" << y + 12 << "\">events</text>";
  for (const auto& e : r.world->events.events()) {
    const Json& res = e.event.contains("resources") ? e.event["resources"] : Json::array();
    if (std::find(res.begin(), res.end(), Json(c.arn)) == res.end()) continue;
    const double x = sc.x(e.time);
    const std::string what = e.event.value("detail-type", "");
    o << "<path class=\"event\" d=\"M" << fmt(x) << " " << y + 1 << " l4 6 l-4 6 l-4 -6 z\" fill=\"#72b7b2\" data-explain=\""
      << xml_escape(what + " at " + core::format_timestamp(e.time) + " on " + std::string(model::region_code(e.region)) + "/" + e.bus) << "\"><title>"
      << xml_escape(what) << "</title></path>";
  }
  // Findings as spans, with the rule's explanation.
  y += row;
  if (raised.empty()) o << "<text x=\"4\" y=\"" << y + 12 << "\" fill=\"#666\">no findings</text>";
  for (const auto* h : raised) {
    SimTime until = sc.end;
    for (const auto& later : r.findings->history()) {
      if (!later.raised && later.finding.id == h->finding.id && later.at >= h->at) {
        until = later.at;
        break;
      }
    }
    const auto* def = analysis::find_rule(h->finding.rule);
    const std::string why = def != nullptr ? std::string(def->explanation) + " Fix: " + std::string(def->fix) : "";
    const char* colour = h->finding.severity == analysis::Severity::Error ? "#e45756" : "#f2a33a";
    o << "<text x=\"4\" y=\"" << y + 12 << "\">" << xml_escape(h->finding.rule.substr(0, 22)) << "</text>";
    o << "<rect class=\"finding\" x=\"" << fmt(sc.x(h->at)) << "\" y=\"" << y + 2 << "\" width=\"" << fmt(std::max(2.0, sc.x(until) - sc.x(h->at)))
      << "\" height=\"10\" fill=\"" << colour << "\" data-explain=\"" << xml_escape("[" + h->finding.rule + "] " + h->finding.message + " " + why)
      << "\"><title>" << xml_escape(h->finding.message) << "</title></rect>";
    y += row;
  }
  if (!raised.empty()) y -= row;
  time_axis(o, sc, y + row + 2);
  o << "</svg>\n</div>\n";
}

/// A probe: availability (share of OK attempts) and mean latency per bin, per region.
void probe_charts(std::ostringstream& o, const model::Probe& p, const Scale& sc) {
  o << "<div class=\"probe\" data-probe=\"" << xml_escape(p.spec.name) << "\">\n<h3>" << xml_escape(p.spec.name) << " <span class=\"muted\">"
    << xml_escape(p.spec.url) << "</span></h3>\n";
  const double h = 60;
  for (std::size_t k = 0; k < p.spec.from.size(); ++k) {
    const auto& t = p.by_region[k];
    const auto& bins = t.series.bins();
    double max_latency = 1;
    for (const auto& b : bins) {
      if (b.ok > 0) max_latency = std::max(max_latency, b.latency_sum / static_cast<double>(b.ok));
    }
    const std::string region(model::region_code(p.spec.from[k]));
    o << "<svg width=\"" << sc.left + sc.width + 50 << "\" height=\"" << 2 * h + 50 << "\" role=\"img\" aria-label=\"probe "
      << xml_escape(p.spec.name) << " from " << region << "\">";
    o << "<text x=\"4\" y=\"14\">" << xml_escape(region) << "</text><text x=\"4\" y=\"30\" fill=\"#666\">availability</text><text x=\"4\" y=\""
      << h + 30 << "\" fill=\"#666\">latency (max " << fmt(max_latency) << " ms)</text>";
    for (std::size_t i = 0; i < bins.size(); ++i) {
      const auto& b = bins[i];
      if (b.attempts == 0) continue;
      const SimTime from = t.series.first() + core::Duration{t.series.width().ms * static_cast<std::int64_t>(i)};
      const SimTime to = from + t.series.width();
      const double x0 = sc.x(from);
      const double w = std::max(1.0, sc.x(to) - x0);
      const double share = static_cast<double>(b.ok) / static_cast<double>(b.attempts);
      o << "<rect x=\"" << fmt(x0) << "\" y=\"" << fmt(8 + (1 - share) * (h - 10)) << "\" width=\"" << fmt(w) << "\" height=\""
        << fmt(std::max(1.0, share * (h - 10))) << "\" fill=\""
        << (share >= 1.0 ? "#54a24b"
            : share > 0  ? "#eeca3b"
                         : "#e45756")
        << "\" data-explain=\""
        << xml_escape(core::format_timestamp(from) + ": " + std::to_string(b.ok) + " of " + std::to_string(b.attempts) + " attempts OK") << "\"/>";
      if (b.ok > 0) {
        const double mean = b.latency_sum / static_cast<double>(b.ok);
        o << "<rect x=\"" << fmt(x0) << "\" y=\"" << fmt(h + 8 + (1 - mean / max_latency) * (h - 10)) << "\" width=\"" << fmt(w) << "\" height=\""
          << fmt(std::max(1.0, mean / max_latency * (h - 10))) << "\" fill=\"#4c78a8\" data-explain=\""
          << xml_escape(core::format_timestamp(from) + ": mean latency " + fmt(mean) + " ms") << "\"/>";
      }
    }
    time_axis(o, sc, 2 * h + 14);
    o << "</svg>\n";
  }
  o << "</div>\n";
}

/// The resource graph, laid out in columns by kind, edges as lines.
void resource_graph(std::ostringstream& o, const scenario::RunResult& r) {
  const auto g = analysis::build_graph(*r.world, r.findings->current());
  auto column = [](const std::string& kind) {
    if (kind == "record" || kind == "hostname") return 0;
    if (kind == "zone") return 3;
    if (kind == "certificate") return 2;
    if (kind == "rule" || kind == "target" || kind == "config-rule" || kind == "event-bus") return 3;
    return 1;
  };
  std::vector<std::vector<std::size_t>> cols(4);
  const auto n = boost::num_vertices(g);
  for (std::size_t v = 0; v < n; ++v) cols[static_cast<std::size_t>(column(g[v].kind))].push_back(v);
  std::vector<std::pair<double, double>> at(n);
  const double col_w = 290;
  const double row_h = 26;
  std::size_t rows = 1;
  for (std::size_t c = 0; c < cols.size(); ++c) {
    for (std::size_t i = 0; i < cols[c].size(); ++i) at[cols[c][i]] = {10 + col_w * static_cast<double>(c), 30 + row_h * static_cast<double>(i)};
    rows = std::max(rows, cols[c].size());
  }
  o << "<svg id=\"graph\" width=\"" << col_w * 4 + 20 << "\" height=\"" << 40 + row_h * static_cast<double>(rows) << "\">";
  const char* heads[] = {"names and records", "endpoints", "certificates", "zones, rules, targets"};
  for (std::size_t c = 0; c < 4; ++c)
    o << "<text x=\"" << 10 + col_w * static_cast<double>(c) << "\" y=\"16\" font-weight=\"bold\">" << heads[c] << "</text>";
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    const auto s = boost::source(*e, g);
    const auto t = boost::target(*e, g);
    o << "<line x1=\"" << at[s].first + 250 << "\" y1=\"" << at[s].second + 8 << "\" x2=\"" << at[t].first << "\" y2=\"" << at[t].second + 8
      << "\" stroke=\"#aaa\" data-explain=\"" << xml_escape(g[s].label + " " + g[*e].name + " " + g[t].label) << "\"/>";
  }
  for (std::size_t v = 0; v < n; ++v) {
    const std::string label = g[v].label.size() > 40 ? g[v].label.substr(0, 39) + "..." : g[v].label;
    o << "<g class=\"node\" data-explain=\""
      << xml_escape(g[v].kind + ": " + g[v].id + (g[v].region.empty() ? "" : " (" + g[v].region + ")") +
                    (g[v].state.empty() ? "" : ", " + g[v].state) + (g[v].finding ? ", named by a finding" : ""))
      << "\"><rect x=\"" << at[v].first << "\" y=\"" << at[v].second << "\" width=\"250\" height=\"18\" rx=\"3\" fill=\""
      << (g[v].finding ? "#fde0dd" : "#eef3f8") << "\" stroke=\"" << (g[v].finding ? "#e45756" : "#9db4cc") << "\"/><text x=\"" << at[v].first + 4
      << "\" y=\"" << at[v].second + 13 << "\">" << xml_escape(label) << "</text></g>";
  }
  o << "</svg>\n";
}

}  // namespace

std::string run_html(const scenario::RunResult& r) {
  const auto& s = *r.scenario;
  std::ostringstream o;
  o << kHead << "<title>acmsim: " << xml_escape(s.name) << "</title></head><body>\n";
  o << "<h1>" << xml_escape(s.name) << "</h1>\n<p>" << xml_escape(s.description) << "</p>\n";
  std::size_t passed = 0;
  for (const auto& e : r.expectations) passed += e.passed ? 1 : 0;
  o << "<p class=\"muted\">" << core::format_timestamp(s.start) << " to " << core::format_timestamp(s.start + s.horizon) << ", seed " << s.seed
    << ". "
    << "<span class=\"" << (r.passed() ? "ok" : "fail") << "\">" << passed << " of " << r.expectations.size() << " expectations held</span>.</p>\n";
  o << "<div id=\"explain\">Point at a band, a mark or a span to read what it means.</div>\n";
  o << "<p class=\"legend\"><span><i style=\"background:#54a24b\"></i>ISSUED</span><span><i "
       "style=\"background:#eeca3b\"></i>PENDING_VALIDATION</span>"
       "<span><i style=\"background:#e45756\"></i>EXPIRED</span><span><i style=\"background:#b279a2\"></i>FAILED</span>"
       "<span><i style=\"background:#4c78a8\"></i>validity</span><span><i style=\"background:#f58518\"></i>renewal window</span>"
       "<span><i style=\"background:#72b7b2\"></i>event</span><span><i style=\"background:#e45756\"></i>finding (error)</span>"
       "<span><i style=\"background:#f2a33a\"></i>finding (warning)</span></p>\n";
  const Scale sc{s.start, s.start + s.horizon};
  std::map<std::string_view, std::vector<const core::TraceRecord*>> stories;  // keys: views into the trace or the world
  for (const auto& rec : r.trace->records()) {
    if (rec.type() == "state" && rec.service() == "acm") stories[rec.resource()].push_back(&rec);
  }
  // Certificates, by region.
  std::map<std::string, std::vector<const model::Certificate*>> by_region;
  for (const auto& c : r.world->acm.all()) by_region[std::string(model::region_code(c.region))].push_back(&c);
  o << "<h2>Certificates</h2>\n";
  if (by_region.empty()) o << "<p class=\"muted\">No certificate.</p>\n";
  for (const auto& [region, certs] : by_region) {
    o << "<section class=\"region\" data-region=\"" << xml_escape(region) << "\"><h3>" << xml_escape(region) << "</h3>\n";
    for (const auto* c : certs) certificate_timeline(o, r, *c, sc, stories[c->arn]);
    o << "</section>\n";
  }
  const auto& probes = r.world->clients.probes();
  if (!probes.empty()) {
    o << "<h2>Probes: availability and latency over time</h2>\n";
    for (const auto& p : probes) probe_charts(o, p, sc);
  }
  o << "<h2>Resource graph at the end</h2>\n";
  resource_graph(o, r);
  o << "<h2>Expectations</h2>\n<table><tr><th>step</th><th>at</th><th>result</th><th>message</th></tr>\n";
  for (const auto& e : r.expectations) {
    o << "<tr><td>" << e.step << "</td><td>" << core::format_timestamp(e.at) << "</td><td class=\"" << (e.passed ? "ok\">held" : "fail\">FAILED")
      << "</td><td style=\"text-align:left\">" << xml_escape(e.message) << "</td></tr>\n";
  }
  o << "</table>\n" << kScript << "</body></html>\n";
  return o.str();
}

std::string study_html(const Json& result) {
  std::ostringstream o;
  const std::string name = result.value("study", "");
  o << kHead << "<title>acmsim study: " << xml_escape(name) << "</title></head><body>\n";
  o << "<h1>Study " << xml_escape(name) << "</h1>\n<p>" << xml_escape(result.value("description", "")) << "</p>\n";
  const Json& def = result["definition"];
  o << "<p class=\"muted\">" << def["replications"].dump() << " replications at each of " << result["points"].size() << " points, seed "
    << def["seed"].dump() << ".</p>\n<div id=\"explain\">Point at a bar to read its mean and interval.</div>\n";
  for (const auto& m : def["metrics"]) {
    const std::string metric = m["name"].get<std::string>();
    o << "<h2 class=\"metric\" data-metric=\"" << xml_escape(metric) << "\">" << xml_escape(metric) << " <span class=\"muted\">("
      << xml_escape(m.value("kind", "")) << (m.value("unit", "").empty() ? "" : ", " + xml_escape(m.value("unit", ""))) << ")</span></h2>\n";
    std::string svg = study_chart_svg(result, metric);
    const auto xml = svg.find("<svg");
    o << svg.substr(xml == std::string::npos ? 0 : xml);
    o << "<table><tr><th>point</th><th>n</th><th>mean</th><th>95% CI</th><th>method</th><th>stddev</th></tr>\n";
    for (const auto& p : result["points"]) {
      std::string label;
      for (const auto& [k, v] : p["values"].items())
        label += (label.empty() ? "" : " ") + k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
      const Json& st = p["statistics"].contains(metric) ? p["statistics"][metric] : Json::object();
      o << "<tr><td>" << xml_escape(label.empty() ? "(base)" : label) << "</td><td>" << st.value("n", 0) << "</td>";
      if (st.contains("mean")) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "<td>%.6g</td><td>[%.6g, %.6g]</td><td>%s</td><td>%.6g</td>", st["mean"].get<double>(),
                      st["ci95"][0].get<double>(), st["ci95"][1].get<double>(), xml_escape(st.value("ciMethod", "")).c_str(),
                      st["stddev"].get<double>());
        o << buf;
      } else {
        o << "<td colspan=\"4\" class=\"muted\">undefined in every run</td>";
      }
      o << "</tr>\n";
    }
    o << "</table>\n";
  }
  o << kScript << "</body></html>\n";
  return o.str();
}

}  // namespace acmsim::report
