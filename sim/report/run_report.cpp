#include "acmsim/report/run_report.hpp"

#include <map>
#include <sstream>

namespace acmsim::report {

using core::Json;

std::string offset(const scenario::Scenario& s, core::SimTime t) { return "+" + core::format_duration(t - s.start); }

std::string render_trace(const scenario::RunResult& r) {
  std::string out;
  for (const auto& rec : r.trace->records()) {
    Json line = {{"time", core::format_timestamp(rec.time)}, {"offset", offset(*r.scenario, rec.time)}};
    for (const auto& [k, v] : rec.body.items()) line[k] = v;
    out += line.dump();
    out += '\n';
  }
  return out;
}

namespace {

Json certificate_summary(const scenario::RunResult& r, const model::Certificate& c) {
  Json j = {{"certificateArn", c.arn},
            {"region", model::region_code(c.region)},
            {"domainName", c.domain_name},
            {"type", model::aws_name(c.type)},
            {"status", c.deleted ? "DELETED" : model::aws_name(c.status)}};
  if (c.not_after) j["notAfter"] = core::format_timestamp(*c.not_after);
  if (c.renewal) j["renewalStatus"] = model::aws_name(c.renewal->status);
  j["inUse"] = c.in_use();
  j["renewalEligibility"] = model::aws_name(r.world->acm.eligibility(c));
  return j;
}

}  // namespace

Json result_document(const scenario::RunResult& r) {
  const auto& s = *r.scenario;
  Json exps = Json::array();
  for (const auto& e : r.expectations) {
    exps.push_back(
        {{"step", e.step}, {"line", e.line}, {"at", core::format_timestamp(e.at)}, {"kind", e.kind}, {"passed", e.passed}, {"message", e.message}});
  }
  Json certs = Json::array();
  for (const auto& c : r.world->acm.all()) certs.push_back(certificate_summary(r, c));
  return Json{{"scenario", s.name},
              {"passed", r.passed()},
              {"file", s.file},
              {"seed", s.seed},
              {"start", core::format_timestamp(s.start)},
              {"horizon", core::format_duration(s.horizon)},
              {"events", r.sim->events_processed()},
              {"expectations", exps},
              {"certificates", certs}};
}

namespace {

// One line of a certificate's story, from its trace records.
std::string story_line(const Json& b) {
  std::string change = b.value("change", "");
  if (change == "Requested") return "requested (" + b.value("validationMethod", "") + " validation)";
  if (change == "Imported") return "imported, valid until " + b.value("notAfter", "");
  if (change == "Reimported") return "re-imported, now valid until " + b.value("notAfter", "");
  if (change == "DomainValidated")
    return b.value("domainName", "") + " validated" + (b.contains("by") ? " by " + b.value("by", "") : " (its CNAME is in public DNS)");
  if (change == "StatusChanged") return "status " + b.value("status", "") + ": " + b.value("why", "");
  if (change == "Issued")
    return "valid " + b.value("notBefore", "") + " to " + b.value("notAfter", "") + " (" + std::to_string(b.value("validityDays", 0)) +
           " days; renewal starts " + std::to_string(b.value("renewalLeadDays", 0)) + " days before)";
  if (change == "RenewalStarted") return "managed renewal started (" + b.value("renewalStatus", "") + ")";
  if (change == "RenewalRetried") return "renewal attempt timed out and started again";
  if (change == "RenewalIneligible") return "renewal not attempted: " + b.value("why", "");
  if (change == "RenewalPendingValidation") return "renewal waits: " + b.value("why", "");
  if (change == "Renewed")
    return "renewed: now valid until " + b.value("notAfter", "") + " (" + std::to_string(b.value("validityDays", 0)) + " days)";
  if (change == "InUse") return "now used by " + b.value("user", "");
  if (change == "NotInUse") return "no longer used by " + b.value("user", "");
  if (change == "Exported") return "exported";
  if (change == "Deleted") return "deleted";
  return change;
}

}  // namespace

std::string render_summary(const scenario::RunResult& r) {
  const auto& s = *r.scenario;
  std::ostringstream out;
  out << "scenario " << s.name;
  if (!s.description.empty()) out << ": " << s.description;
  out << "\n  " << core::format_timestamp(s.start) << " to " << core::format_timestamp(s.start + s.horizon) << " ("
      << core::format_duration(s.horizon) << "), seed " << s.seed << ", " << r.sim->events_processed() << " events\n";

  std::map<std::string, std::vector<const core::TraceRecord*>> stories;
  for (const auto& rec : r.trace->records()) {
    if (rec.body.value("type", "") == "state" && rec.body.value("service", "") == "acm") stories[rec.body.value("resource", "")].push_back(&rec);
  }
  const auto& certs = r.world->acm.all();
  if (!certs.empty()) out << "\ncertificates\n";
  for (const auto& c : certs) {
    out << "  " << model::region_code(c.region) << "  " << c.domain_name << "  " << model::aws_name(c.type) << "  "
        << (c.deleted ? std::string("DELETED") : std::string(model::aws_name(c.status)));
    if (c.not_after && !c.deleted) out << "  NotAfter " << core::format_timestamp(*c.not_after);
    out << "\n    " << c.arn << "\n";
    const auto& story = stories[c.arn];
    for (std::size_t i = 0; i < story.size();) {
      // Repeated attempts (a renewal retried every 72 hours) read as one line.
      const std::string line = story_line(story[i]->body);
      std::size_t j = i + 1;
      while (j < story.size() && story_line(story[j]->body) == line) ++j;
      std::string when = offset(s, story[i]->time);
      when.resize(std::max<std::size_t>(when.size(), 13), ' ');
      out << "    " << when << " " << line;
      if (j - i > 1) out << " (" << j - i << " times, last at " << offset(s, story[j - 1]->time) << ")";
      out << "\n";
      i = j;
    }
  }
  std::size_t passed = 0;
  for (const auto& e : r.expectations) passed += e.passed ? 1 : 0;
  out << "\nexpectations: " << passed << " passed, " << r.expectations.size() - passed << " failed\n";
  for (const auto& e : r.expectations) {
    out << "  " << (e.passed ? "ok  " : "FAIL") << " " << s.file << ":" << e.line << " step " << e.step << " at " << offset(s, e.at) << ": "
        << e.message << "\n";
  }
  out << (r.passed() ? "PASSED" : "FAILED") << "\n";
  return out.str();
}

}  // namespace acmsim::report
