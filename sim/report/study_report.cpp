#include "acmsim/report/study_report.hpp"
#include "acmsim/report/markup.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

namespace acmsim::report {

using core::Json;

namespace {

std::string num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string value_text(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

/// The point's grid values; `varying` (when given) leaves out the parameters
/// that have one value only, which say nothing on a chart's axis.
std::string point_label(const Json& point, const std::set<std::string>* varying = nullptr) {
  std::string out;
  for (const auto& [k, v] : point["values"].items()) {
    if (varying != nullptr && varying->count(k) == 0U) continue;
    const bool named = point.contains("labels") && point["labels"].contains(k);
    out += (out.empty() ? "" : " ") + k + "=" + (named ? point["labels"][k].get<std::string>() : value_text(v));
  }
  return out.empty() ? "(base)" : out;
}

}  // namespace

std::string study_table(const Json& result, bool markdown) {
  std::ostringstream out;
  const Json& def = result["definition"];
  const std::size_t points = result["points"].size();
  if (markdown) {
    out << "# Study `" << result["study"].get<std::string>() << "`\n\n";
    if (!result["description"].get<std::string>().empty()) out << result["description"].get<std::string>() << "\n\n";
    out << def["replications"].get<std::size_t>() << " replications at each of " << points << " parameter point" << (points == 1 ? "" : "s")
        << ", study seed " << def["seed"].dump()
        << ". Mean, 95% confidence interval of the mean (Wilson's score interval where every sample is 0 or 1, else Student's t; clamped to the "
           "metric's range), standard deviation and quantiles.\n";
  } else {
    out << "study " << result["study"].get<std::string>() << ": " << def["replications"].get<std::size_t>() << " replications x " << points
        << " point" << (points == 1 ? "" : "s") << " (seed " << def["seed"].dump() << ")\n";
  }
  std::vector<std::string> qnames;
  for (const auto& q : def["quantiles"]) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "p%g", q.get<double>() * 100.0);
    qnames.emplace_back(buf);
  }
  for (const auto& m : def["metrics"]) {
    const std::string name = m["name"].get<std::string>();
    const bool any_analytic = std::any_of(result["points"].begin(), result["points"].end(),
                                          [&](const Json& p) { return p.contains("analytic") && p["analytic"].contains(name); });
    if (markdown) {
      out << "\n## " << name << " (" << m["kind"].get<std::string>() << ", " << m["unit"].get<std::string>()
          << ")\n\n| point | n | mean | 95% CI | stddev";
      for (const auto& q : qnames) out << " | " << q;
      if (any_analytic) out << " | analytic | in CI";
      out << " |\n|---|---:|---:|---|---:";
      for (std::size_t i = 0; i < qnames.size(); ++i) out << "|---:";
      if (any_analytic) out << "|---:|---";
      out << "|\n";
    } else {
      out << "\n" << name << " (" << m["kind"].get<std::string>() << ", " << m["unit"].get<std::string>() << ")\n";
    }
    for (const auto& point : result["points"]) {
      const Json& s = point["statistics"][name];
      const std::string label = point_label(point);
      std::string analytic;
      std::string within;
      if (point.contains("analytic") && point["analytic"].contains(name)) {
        const Json& a = point["analytic"][name];
        analytic = num(a["value"].get<double>());
        within = a.contains("withinCi95") ? (a["withinCi95"].get<bool>() ? "yes" : "no") : "-";
      }
      if (s["n"].get<std::size_t>() == 0) {
        if (markdown)
          out << "| " << label << " | 0 | undefined in every run | | ";
        else
          out << "  " << label << ": undefined in every run (" << s["missing"].dump() << " runs)";
        out << "\n";
        continue;
      }
      const std::string ci = "[" + num(s["ci95"][0].get<double>()) + ", " + num(s["ci95"][1].get<double>()) + "]";
      if (markdown) {
        out << "| " << label << " | " << s["n"].dump() << " | " << num(s["mean"].get<double>()) << " | " << ci << " | "
            << num(s["stddev"].get<double>());
        for (const auto& [q, v] : s["quantiles"].items()) out << " | " << num(v.get<double>());
        if (any_analytic) out << " | " << analytic << " | " << within;
        out << " |\n";
      } else {
        out << "  " << label << ": mean " << num(s["mean"].get<double>()) << " " << ci << " sd " << num(s["stddev"].get<double>());
        for (const auto& [q, v] : s["quantiles"].items()) out << " " << q << " " << num(v.get<double>());
        if (s["missing"].get<std::size_t>() > 0) out << " (undefined in " << s["missing"].dump() << " runs)";
        if (!analytic.empty()) out << "; analytic " << analytic << (within == "yes" ? " (inside the CI)" : within == "no" ? " (OUTSIDE the CI)" : "");
        out << "\n";
      }
    }
  }
  return out.str();
}

namespace {

// Text is measured conservatively (DejaVu Sans, the usual fallback, averages
// about 0.6 em a character; capitals and digits are wider), so that the
// layout leaves room for every label: a test renders each chart and checks
// that nothing falls outside it.
double text_width(const std::string& s, double font_px) {
  std::size_t chars = 0;
  for (const unsigned char c : s) chars += (c & 0xC0U) != 0x80U ? 1 : 0;  // UTF-8 characters
  return static_cast<double>(chars) * font_px * 0.62;
}

constexpr const char* kPalette[] = {"#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#72b7b2", "#eeca3b", "#9d755d"};

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (const char c : s) {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

std::string study_chart_svg(const Json& result, const std::string& wanted) {
  const Json& def = result["definition"];
  // One series per metric named (comma-separated), side by side at each point.
  std::vector<std::string> series = split_commas(wanted);
  if (series.empty()) series.push_back(def["metrics"][0]["name"].get<std::string>());
  std::vector<std::string> units;
  for (const auto& name : series) {
    std::string unit;
    for (const auto& m : def["metrics"]) {
      if (m["name"] == name) unit = m.value("unit", "");
    }
    units.push_back(unit);
  }
  struct Bar {
    bool defined = false;
    double mean = 0, lo = 0, hi = 0;
    std::optional<double> analytic;
  };
  std::set<std::string> varying;
  for (const auto& p : def["parameters"]) {
    if (p.contains("values") && p["values"].size() > 1) varying.insert(p["name"].get<std::string>());
  }
  std::vector<std::string> labels;
  std::vector<std::vector<Bar>> bars;  // [point][series]
  double top = 0;
  double bottom = 0;
  bool any_analytic = false;
  for (const auto& point : result["points"]) {
    labels.push_back(point_label(point, &varying));
    std::vector<Bar> row;
    for (const auto& metric : series) {
      Bar b;
      const Json& st = point["statistics"].contains(metric) ? point["statistics"][metric] : Json::object();
      if (st.contains("mean")) {
        b.defined = true;
        b.mean = st["mean"].get<double>();
        b.lo = st["ci95"][0].get<double>();
        b.hi = st["ci95"][1].get<double>();
        top = std::max({top, b.hi, b.mean});
        bottom = std::min({bottom, b.lo, b.mean});
      }
      if (point.contains("analytic") && point["analytic"].contains(metric)) {
        b.analytic = point["analytic"][metric]["value"].get<double>();
        top = std::max(top, *b.analytic);
        bottom = std::min(bottom, *b.analytic);
        any_analytic = true;
      }
      row.push_back(b);
    }
    bars.push_back(std::move(row));
  }
  if (top <= bottom) top = bottom + 1;
  // Round ticks: 1, 2 or 5 times a power of ten, about five of them.
  const double span = top - bottom;
  const double magnitude = std::pow(10.0, std::floor(std::log10(span)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (span / (m * magnitude) <= 5) {
      step = m * magnitude;
      break;
    }
  }
  const double axis_top = std::ceil(top / step) * step;
  const double axis_bottom = std::floor(bottom / step) * step;

  // Layout, from the texts it must hold.
  const std::string title = result["study"].get<std::string>() + (series.size() == 1 ? ": " + series.front() : "");
  const std::string subtitle =
      "mean and 95% confidence interval over " + def["replications"].dump() + " replications" + (any_analytic ? "; diamond: the analytic model" : "");
  const bool same_unit = std::all_of(units.begin(), units.end(), [&](const std::string& u) { return u == units.front(); });
  const std::string y_label = series.size() == 1 ? series.front() + (units.front().empty() ? "" : " (" + units.front() + ")")
                                                 : (same_unit && !units.front().empty() ? units.front() : std::string("value"));
  double tick_w = 0;
  for (double v = axis_bottom; v <= axis_top + step / 2; v += step) tick_w = std::max(tick_w, text_width(num(v), 12));
  const double left = 34 + tick_w + 10;  // the rotated axis label, the tick labels
  const double bar_w = series.size() == 1 ? 44 : std::max(10.0, 64.0 / static_cast<double>(series.size()));
  const double group_w = bar_w * static_cast<double>(series.size()) + 36;
  double label_w = 0;
  for (const auto& l : labels) label_w = std::max(label_w, text_width(l, 12));
  const bool slanted = label_w > group_w - 8;
  // A label at 40 degrees reaches cos(40) of its width right and sin(40) down.
  const double label_down = slanted ? label_w * 0.643 + 20 : 24;
  const double label_right = slanted ? std::max(0.0, label_w * 0.766 - group_w / 2) : 0;
  const double plot_w = group_w * static_cast<double>(std::max<std::size_t>(1, labels.size()));
  double legend_w = 0;
  if (series.size() > 1) {
    for (const auto& m : series) legend_w = std::max(legend_w, 22 + text_width(m, 12));
  }
  const double plot_top = 60 + (series.size() > 1 ? 18.0 * static_cast<double>(series.size()) + 8 : 0);
  const double plot_h = 260;
  const double width = std::ceil(
      std::max({left + plot_w + label_right + 16, 16 + text_width(title, 15) + 16, 16 + text_width(subtitle, 12) + 16, left + legend_w + 16}));
  const double height = std::ceil(plot_top + plot_h + label_down + 8);
  auto y_of = [&](double v) { return plot_top + plot_h - (v - axis_bottom) / (axis_top - axis_bottom) * plot_h; };

  std::ostringstream o;
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(width) << "\" height=\"" << num(height) << "\" viewBox=\"0 0 " << num(width) << " "
    << num(height) << "\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"12\">\n";
  o << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  o << "<text x=\"16\" y=\"24\" font-size=\"15\" font-weight=\"bold\">" << xml_escape(title) << "</text>\n";
  o << "<text x=\"16\" y=\"44\" fill=\"#555\">" << xml_escape(subtitle) << "</text>\n";
  if (series.size() > 1) {
    for (std::size_t k = 0; k < series.size(); ++k) {
      const double y = 60 + 18.0 * static_cast<double>(k);
      o << "<rect x=\"" << num(left) << "\" y=\"" << num(y) << "\" width=\"12\" height=\"12\" fill=\"" << kPalette[k % 8] << "\"/>\n";
      o << "<text x=\"" << num(left + 18) << "\" y=\"" << num(y + 10) << "\">" << xml_escape(series[k]) << "</text>\n";
    }
  }
  for (double v = axis_bottom; v <= axis_top + step / 2; v += step) {
    const double y = y_of(v);
    o << "<line x1=\"" << num(left) << "\" y1=\"" << num(y) << "\" x2=\"" << num(left + plot_w) << "\" y2=\"" << num(y) << "\" stroke=\""
      << (std::abs(v) < step / 1e6 ? "#888" : "#ddd") << "\"/>\n";
    o << "<text x=\"" << num(left - 6) << "\" y=\"" << num(y + 4) << "\" text-anchor=\"end\">" << num(v) << "</text>\n";
  }
  o << "<text transform=\"translate(18," << num(plot_top + plot_h / 2) << ") rotate(-90)\" text-anchor=\"middle\">" << xml_escape(y_label)
    << "</text>\n";
  o << "<line x1=\"" << num(left) << "\" y1=\"" << num(plot_top) << "\" x2=\"" << num(left) << "\" y2=\"" << num(plot_top + plot_h)
    << "\" stroke=\"black\"/>\n";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const double centre = left + group_w * static_cast<double>(i) + group_w / 2;
    for (std::size_t k = 0; k < series.size(); ++k) {
      const Bar& b = bars[i][k];
      const double x = centre - bar_w * static_cast<double>(series.size()) / 2 + bar_w * static_cast<double>(k) + bar_w / 2;
      if (b.defined) {
        const double y0 = y_of(std::clamp(0.0, axis_bottom, axis_top));
        const double ym = y_of(b.mean);
        o << "<rect x=\"" << num(x - bar_w / 2 + 1) << "\" y=\"" << num(std::min(ym, y0)) << "\" width=\"" << num(bar_w - 2) << "\" height=\""
          << num(std::abs(y0 - ym)) << "\" fill=\"" << kPalette[k % 8] << "\"><title>" << xml_escape(series[k] + " at " + labels[i]) << ": mean "
          << num(b.mean) << ", 95% CI [" << num(b.lo) << ", " << num(b.hi) << "]</title></rect>\n";
        o << "<line x1=\"" << num(x) << "\" y1=\"" << num(y_of(b.lo)) << "\" x2=\"" << num(x) << "\" y2=\"" << num(y_of(b.hi))
          << "\" stroke=\"black\" stroke-width=\"1.2\"/>\n";
        for (double v : {b.lo, b.hi})
          o << "<line x1=\"" << num(x - std::min(6.0, bar_w / 3)) << "\" y1=\"" << num(y_of(v)) << "\" x2=\"" << num(x + std::min(6.0, bar_w / 3))
            << "\" y2=\"" << num(y_of(v)) << "\" stroke=\"black\" stroke-width=\"1.2\"/>\n";
      }
      if (b.analytic) {
        const double ya = y_of(*b.analytic);
        o << "<path d=\"M" << num(x) << " " << num(ya - 6) << " l6 6 l-6 6 l-6 -6 z\" fill=\"#e45756\" stroke=\"white\"><title>analytic "
          << num(*b.analytic) << "</title></path>\n";
      }
    }
    if (slanted)
      o << "<text transform=\"translate(" << num(centre - 4) << "," << num(plot_top + plot_h + 14) << ") rotate(40)\">" << xml_escape(labels[i])
        << "</text>\n";
    else
      o << "<text x=\"" << num(centre) << "\" y=\"" << num(plot_top + plot_h + 18) << "\" text-anchor=\"middle\">" << xml_escape(labels[i])
        << "</text>\n";
  }
  o << "<line x1=\"" << num(left) << "\" y1=\"" << num(plot_top + plot_h) << "\" x2=\"" << num(left + plot_w) << "\" y2=\"" << num(plot_top + plot_h)
    << "\" stroke=\"black\"/>\n";
  o << "</svg>\n";
  return o.str();
}

}  // namespace acmsim::report
