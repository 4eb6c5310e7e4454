// The timeline as a story: what a learner reads with `acmsim run --narrate`.
#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "acmsim/analysis/rule.hpp"
#include "acmsim/model/state_change.hpp"
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

/// Full ACM certificate ARNs in a message, shortened as the other lines show
/// them ("certificate 77d87489"): a story is read, not grepped.
std::string shorten_arns(std::string text) {
  for (std::size_t at = text.find("arn:aws:acm:"); at != std::string::npos; at = text.find("arn:aws:acm:", at + 1)) {
    std::size_t end = at;
    while (end < text.size() && text[end] != ' ' && text[end] != ',' && text[end] != ')' && text[end] != ';' && text[end] != '\'') ++end;
    if (end > at && text[end - 1] == '.') --end;
    const std::string arn = text.substr(at, end - at);
    std::string shorter = short_arn(arn);
    if (shorter == arn) continue;
    // "Certificate arn:..." reads "Certificate 77d87489", not "Certificate certificate 77d87489".
    if (at >= 12 && (text.compare(at - 12, 12, "Certificate ") == 0 || text.compare(at - 12, 12, "certificate ") == 0))
      shorter = shorter.substr(std::string_view("certificate ").size());
    text.replace(at, arn.size(), shorter);
  }
  return text;
}

/// Why a finding cleared, from the last state its resource reached: a
/// certificate that went FAILED or was deleted clears its findings without
/// anything having been fixed.
std::string clear_reason(const Json& b, const std::map<std::string, std::string>& last_state) {
  if (!b.contains("resources") || !b["resources"].is_array() || b["resources"].empty() || !b["resources"][0].is_string()) return "";
  const auto it = last_state.find(b["resources"][0].get<std::string>());
  if (it == last_state.end()) return " (the condition no longer holds)";
  static const std::set<std::string> gone{"FAILED", "EXPIRED", "VALIDATION_TIMED_OUT", "REVOKED", "INACTIVE", "DELETED"};
  if (gone.count(it->second) != 0U) return " (not fixed: the resource is now " + it->second + ", so the rule no longer applies to it)";
  return " (the condition no longer holds)";
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
    const bool cleared = analysis::parse_finding_change(b.value("change", "")) == analysis::FindingTransition::Cleared;
    std::string line =
        std::string(cleared ? "CLEAR " : "RULE  ") + b.value("severity", "") + " [" + rule + "] " + shorten_arns(b.value("message", ""));
    if (!cleared && explained.insert(rule).second) {
      if (const auto* def = analysis::find_rule(rule))
        line += "\n      Why: " + wrap(std::string(def->explanation), 11) + "\n      Fix: " + wrap(std::string(def->fix), 11);
    }
    return line;
  }
  if (type == "expectation") return std::string(b.value("passed", false) ? "OK    " : "FAIL  ") + b.value("message", "");
  return "";
}

}  // namespace

namespace {

/// One line of the story before grouping.
struct Line {
  core::SimTime time;
  std::string text;
  std::string key;          // lines with the same key repeat each other
  bool repetitive = false;  // events, deliveries and probe outcomes come again and again
  std::string group;        // findings of one rule raised (or cleared) at one instant tell one story
  std::size_t more = 0;     // later repeats folded into this line
  core::SimTime last;
};

/// "+47m8s  2026-03-01 00:47": the offset a scenario's steps use, and the date.
std::string when(const scenario::Scenario& s, core::SimTime t) {
  std::string stamp = core::format_timestamp(t);  // 2026-03-01T00:47:08Z
  std::string date = stamp.substr(0, 10) + " " + stamp.substr(11, 5);
  std::string off = offset(s, t);
  off.resize(std::max<std::size_t>(off.size(), 10), ' ');
  return off + " " + date;
}

}  // namespace

std::string render_narrative(const scenario::RunResult& r) {
  const auto& s = *r.scenario;
  std::ostringstream out;
  out << s.name << "\n" << wrap(s.description, 0) << "\n";
  out << "From " << core::format_timestamp(s.start) << " to " << core::format_timestamp(s.start + s.horizon) << ".\n";
  std::set<std::string> explained;
  std::map<std::string, std::string> last_state;  // resource -> its last status ("DELETED" once deleted)
  std::vector<Line> lines;
  for (const auto& rec : r.trace->records()) {
    const Json& b = rec.body();
    if (b.value("type", "") == "state" && b.contains("resource") && b["resource"].is_string()) {
      const std::string res = b["resource"].get<std::string>();
      if (model::is_state_change(b, model::StateChange::Deleted)) last_state[res] = "DELETED";
      if (b.contains("status") && b["status"].is_string()) last_state[res] = b["status"].get<std::string>();
    }
    std::string text = narrate(b, explained);
    if (text.empty()) continue;
    if (text.rfind("CLEAR ", 0) == 0) {
      const auto nl = text.find('\n');
      text.insert(nl == std::string::npos ? text.size() : nl, clear_reason(b, last_state));
    }
    Line l{rec.time, text, text, false, "", 0, rec.time};
    const std::string kind = text.substr(0, 6);
    l.repetitive = kind == "EVENT " || kind == "PROBE " || kind == "      ";
    if (const auto p = l.key.find(" (DaysToExpiry"); p != std::string::npos) l.key.resize(p);
    if (b.value("type", "") == "finding") l.group = b.value("change", "") + " " + b.value("rule", "");
    lines.push_back(std::move(l));
  }
  // Repeated lines (daily events and their deliveries, hourly probes) are told
  // once per run of them, on the line of their first occurrence, so the story
  // keeps time order: a run ends at the first line that is not repetitive.
  std::vector<Line> told;
  std::map<std::string, std::size_t> first_in_run;
  for (auto& l : lines) {
    if (!l.repetitive) {
      first_in_run.clear();
      told.push_back(std::move(l));
      continue;
    }
    const auto [it, fresh] = first_in_run.emplace(l.key, told.size());
    if (fresh) {
      told.push_back(std::move(l));
    } else {
      ++told[it->second].more;
      told[it->second].last = l.time;
    }
  }
  for (std::size_t i = 0; i < told.size();) {
    // Findings of one rule raised at one instant: one heading, then a line each.
    std::size_t j = i + 1;
    while (!told[i].group.empty() && j < told.size() && told[j].group == told[i].group && told[j].time == told[i].time) ++j;
    const std::string stamp = when(s, told[i].time) + "  ";
    if (j - i > 1) {
      const std::string& first = told[i].text;
      const auto bracket = first.find("] ");
      out << stamp << first.substr(0, bracket + 1) << " " << (j - i) << " findings:\n";
      for (std::size_t k = i; k < j; ++k) {
        const std::string& t = told[k].text;
        const auto start = t.find("] ") + 2;
        const auto nl = t.find('\n');
        out << std::string(stamp.size() + 6, ' ') << "- "
            << wrap(t.substr(start, nl == std::string::npos ? std::string::npos : nl - start), stamp.size() + 8) << "\n";
      }
      const auto nl = first.find('\n');
      if (nl != std::string::npos) out << first.substr(nl + 1) << "\n";  // the rule's Why and Fix, once
      i = j;
      continue;
    }
    out << stamp << told[i].text;
    if (told[i].more > 0)
      out << "\n"
          << std::string(stamp.size() + 6, ' ') << "(and " << told[i].more << " more like it"
          << ", the last at " << offset(s, told[i].last) << ", " << core::format_timestamp(told[i].last).substr(0, 10) << ")";
    out << "\n";
    ++i;
  }
  for (const auto& note : assumption_notes(r)) out << "\nNote: " << wrap(note, 6) << "\n";
  std::size_t passed = 0;
  for (const auto& e : r.expectations) passed += e.passed ? 1 : 0;
  out << "\n"
      << passed << " of " << r.expectations.size() << (r.expectations.size() == 1 ? " expectation held: " : " expectations held: ")
      << (r.passed() ? "PASSED" : "FAILED") << "\n";
  return out.str();
}

}  // namespace acmsim::report
