// The timeline as a story: what a learner reads with `acmsim run --narrate`.
#include <set>
#include <sstream>

#include "acmsim/analysis/rule.hpp"
#include "acmsim/report/run_report.hpp"

namespace acmsim::report {

using core::Json;

namespace {

std::string wrap(const std::string& text, std::size_t indent, std::size_t width = 96) {
  std::string out;
  std::string line;
  std::istringstream words(text);
  std::string w;
  while (words >> w) {
    if (!line.empty() && line.size() + 1 + w.size() > width - indent) {
      out += line + "\n" + std::string(indent, ' ');
      line.clear();
    }
    line += (line.empty() ? "" : " ") + w;
  }
  return out + line;
}

std::string short_arn(const std::string& arn) {
  const auto slash = arn.rfind('/');
  if (arn.rfind("arn:aws:acm:", 0) == 0 && slash != std::string::npos) return "certificate " + arn.substr(slash + 1, 8);
  return arn;
}

std::string narrate(const Json& b, std::set<std::string>& explained) {
  const std::string type = b.value("type", "");
  if (type == "note") return "NOTE  " + b.value("note", "");
  if (type == "call") {
    std::string line = "CALL  " + b.value("call", "") + (b.contains("region") ? " in " + b.value("region", "") : "");
    if (b.contains("error")) return line + ": refused, " + b["error"].value("Code", "") + ": " + b["error"].value("Message", "");
    return line + ": ok";
  }
  if (type == "state") {
    const std::string service = b.value("service", "");
    if (service == "acm") return "ACM   " + short_arn(b.value("resource", "")) + " " + story_line(b);
    return "";  // the other services' changes are told by their CALL lines
  }
  if (type == "event") {
    const Json& e = b["event"];
    std::string extra;
    if (e.contains("detail") && e["detail"].contains("DaysToExpiry")) extra = " (DaysToExpiry " + e["detail"]["DaysToExpiry"].dump() + ")";
    return "EVENT " + e.value("source", "") + " \"" + e.value("detail-type", "") + "\" on " + b.value("region", "") + "/" + b.value("bus", "") +
           extra;
  }
  if (type == "delivery") return "      rule " + b.value("rule", "") + " delivered it to " + b.value("target", "");
  if (type == "probe") return "PROBE " + b.value("probe", "") + " from " + b.value("from", "") + ": " + b.value("outcome", "");
  if (type == "finding") {
    const std::string rule = b.value("rule", "");
    std::string line =
        std::string(b.value("change", "") == "cleared" ? "CLEAR " : "RULE  ") + b.value("severity", "") + " [" + rule + "] " + b.value("message", "");
    if (b.value("change", "") != "cleared" && explained.insert(rule).second) {
      if (const auto* def = analysis::find_rule(rule))
        line += "\n      Why: " + wrap(std::string(def->explanation), 11) + "\n      Fix: " + wrap(std::string(def->fix), 11);
    }
    return line;
  }
  if (type == "expectation") return std::string(b.value("passed", false) ? "OK    " : "FAIL  ") + b.value("message", "");
  return "";
}

}  // namespace

std::string render_narrative(const scenario::RunResult& r) {
  const auto& s = *r.scenario;
  std::ostringstream out;
  out << s.name << "\n" << wrap(s.description, 0) << "\n";
  out << "From " << core::format_timestamp(s.start) << " to " << core::format_timestamp(s.start + s.horizon) << ".\n";
  std::set<std::string> explained;
  // Repeated lines (daily events and their deliveries, hourly probes) are told
  // once per run of them: a run ends at the first line that is not repetitive.
  std::set<std::string> seen_in_run;
  std::size_t repeats = 0;
  std::string last_time;
  auto flush = [&] {
    if (repeats > 0) out << "             (and " << repeats << " more like these, the last at " << last_time << ")\n";
    repeats = 0;
    seen_in_run.clear();
  };
  for (const auto& rec : r.trace->records()) {
    const std::string text = narrate(rec.body, explained);
    if (text.empty()) continue;
    const std::string kind = text.substr(0, 6);
    const bool repetitive = kind == "EVENT " || kind == "PROBE " || kind == "      ";
    if (!repetitive) {
      flush();
    } else {
      std::string key = text;
      if (const auto p = key.find(" (DaysToExpiry"); p != std::string::npos) key.resize(p);
      if (!seen_in_run.insert(key).second) {
        ++repeats;
        last_time = offset(s, rec.time);
        continue;
      }
    }
    std::string when = offset(s, rec.time);
    when.resize(std::max<std::size_t>(when.size(), 12), ' ');
    out << when << " " << text << "\n";
  }
  flush();
  for (const auto& note : assumption_notes(r)) out << "\nNote: " << wrap(note, 6) << "\n";
  std::size_t passed = 0;
  for (const auto& e : r.expectations) passed += e.passed ? 1 : 0;
  out << "\n" << passed << " of " << r.expectations.size() << " expectations held: " << (r.passed() ? "PASSED" : "FAILED") << "\n";
  return out.str();
}

}  // namespace acmsim::report
