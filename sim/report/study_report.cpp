#include "acmsim/report/study_report.hpp"

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

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
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

std::string study_chart_svg(const Json& result, const std::string& wanted) {
  const Json& def = result["definition"];
  std::string metric = wanted.empty() ? def["metrics"][0]["name"].get<std::string>() : wanted;
  std::string unit;
  for (const auto& m : def["metrics"]) {
    if (m["name"] == metric) unit = m["unit"].get<std::string>();
  }
  struct Bar {
    std::string label;
    bool defined = false;
    double mean = 0, lo = 0, hi = 0;
    std::optional<double> analytic;
  };
  std::set<std::string> varying;
  for (const auto& p : def["parameters"]) {
    if (p.contains("values") && p["values"].size() > 1) varying.insert(p["name"].get<std::string>());
  }
  std::vector<Bar> bars;
  double top = 0;
  double bottom = 0;
  std::size_t longest = 0;
  for (const auto& point : result["points"]) {
    Bar b;
    b.label = point_label(point, &varying);
    longest = std::max(longest, b.label.size());
    const Json& s = point["statistics"][metric];
    if (s.contains("mean")) {
      b.defined = true;
      b.mean = s["mean"].get<double>();
      b.lo = s["ci95"][0].get<double>();
      b.hi = s["ci95"][1].get<double>();
      top = std::max({top, b.hi, b.mean});
      bottom = std::min({bottom, b.lo, b.mean});
    }
    if (point.contains("analytic") && point["analytic"].contains(metric)) {
      b.analytic = point["analytic"][metric]["value"].get<double>();
      top = std::max(top, *b.analytic);
    }
    bars.push_back(b);
  }
  if (top <= bottom) top = bottom + 1;
  // A round axis maximum: 1, 2 or 5 times a power of ten.
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
  const int left = 80;
  const int slot = 90;
  // Labels are written at 40 degrees, about 6.5 px a character.
  const int right = std::max(20, static_cast<int>(static_cast<double>(longest) * 5.0) - slot / 2 + 10);
  const int plot_top = 50;
  const int plot_h = 260;
  const int label_h = std::max(40, static_cast<int>(static_cast<double>(longest) * 4.3) + 30);
  const int width = left + right + std::max<int>(1, static_cast<int>(bars.size())) * slot;
  const int height = plot_top + plot_h + label_h;
  auto y_of = [&](double v) { return plot_top + plot_h - (v - axis_bottom) / (axis_top - axis_bottom) * plot_h; };
  std::ostringstream o;
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << " " << height
    << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  o << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  o << "<text x=\"" << left << "\" y=\"22\" font-size=\"15\" font-weight=\"bold\">" << xml_escape(result["study"].get<std::string>() + ": " + metric)
    << "</text>\n";
  o << "<text x=\"" << left << "\" y=\"40\" fill=\"#555\">mean and 95% CI over " << def["replications"].dump() << " replications"
    << (std::any_of(bars.begin(), bars.end(), [](const Bar& b) { return b.analytic.has_value(); }) ? "; red diamond: analytic model" : "")
    << "</text>\n";
  for (double v = axis_bottom; v <= axis_top + step / 2; v += step) {
    const double y = y_of(v);
    o << "<line x1=\"" << left << "\" y1=\"" << num(y) << "\" x2=\"" << width - right << "\" y2=\"" << num(y) << "\" stroke=\"#ddd\"/>\n";
    o << "<text x=\"" << left - 6 << "\" y=\"" << num(y + 4) << "\" text-anchor=\"end\">" << num(v) << "</text>\n";
  }
  o << "<text transform=\"translate(16," << plot_top + plot_h / 2 << ") rotate(-90)\" text-anchor=\"middle\">"
    << xml_escape(metric + " (" + unit + ")") << "</text>\n";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const int x = left + static_cast<int>(i) * slot + slot / 2;
    if (b.defined) {
      const double y0 = y_of(std::max(axis_bottom, 0.0));
      const double ym = y_of(b.mean);
      o << "<rect x=\"" << x - 22 << "\" y=\"" << num(std::min(ym, y0)) << "\" width=\"44\" height=\"" << num(std::abs(y0 - ym))
        << "\" fill=\"#4c78a8\"><title>" << xml_escape(b.label) << ": mean " << num(b.mean) << "</title></rect>\n";
      o << "<line x1=\"" << x << "\" y1=\"" << num(y_of(b.lo)) << "\" x2=\"" << x << "\" y2=\"" << num(y_of(b.hi))
        << "\" stroke=\"black\" stroke-width=\"1.5\"/>\n";
      for (double v : {b.lo, b.hi})
        o << "<line x1=\"" << x - 8 << "\" y1=\"" << num(y_of(v)) << "\" x2=\"" << x + 8 << "\" y2=\"" << num(y_of(v))
          << "\" stroke=\"black\" stroke-width=\"1.5\"/>\n";
    }
    if (b.analytic) {
      const double ya = y_of(*b.analytic);
      o << "<path d=\"M" << x << " " << num(ya - 6) << " l6 6 l-6 6 l-6 -6 z\" fill=\"#e45756\"><title>analytic " << num(*b.analytic)
        << "</title></path>\n";
    }
    o << "<text transform=\"translate(" << x + 4 << "," << plot_top + plot_h + 12 << ") rotate(40)\">" << xml_escape(b.label) << "</text>\n";
  }
  o << "<line x1=\"" << left << "\" y1=\"" << plot_top + plot_h << "\" x2=\"" << width - right << "\" y2=\"" << plot_top + plot_h
    << "\" stroke=\"black\"/>\n";
  o << "</svg>\n";
  return o.str();
}

}  // namespace acmsim::report
