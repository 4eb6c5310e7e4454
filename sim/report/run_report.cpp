#include "acmsim/report/run_report.hpp"
#include "acmsim/model/state_change.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

namespace acmsim::report {

namespace {
/// Up to this many certificates, the summary tells each one's story; above,
/// it counts them and lists only those worth a look (run --full lists all).
constexpr std::size_t kListEveryCertificateUpTo = 20;
constexpr std::size_t kListEveryFindingUpTo = 20;
}  // namespace

using core::Json;

std::string offset(const scenario::Scenario& s, core::SimTime t) { return "+" + core::format_duration(t - s.start); }

std::string render_trace(const scenario::RunResult& r) {
  std::string out;
  for (const auto& rec : r.trace->records()) out += core::trace_line(rec.time, rec.body(), r.scenario->start);
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

double round1(double v) { return std::round(v * 10.0) / 10.0; }

Json latency_json(const model::LatencySummary& l) {
  if (l.count() == 0) return Json::object();
  return {{"p50", round1(*l.quantile(0.5))}, {"p90", round1(*l.quantile(0.9))}, {"p99", round1(*l.quantile(0.99))}, {"mean", round1(*l.mean())}};
}

Json probe_json(const model::Probe& p) {
  std::map<std::string, std::uint64_t> outcomes;
  for (std::size_t i = 0; i < p.all.outcomes.size(); ++i) {
    if (p.all.outcomes[i] > 0) outcomes[std::string(model::aws_name(static_cast<model::ProbeOutcome>(i)))] = p.all.outcomes[i];
  }
  Json regions = Json::array();
  for (std::size_t i = 0; i < p.spec.from.size(); ++i) {
    const auto& t = p.by_region[i];
    regions.push_back({{"region", model::region_code(p.spec.from[i])},
                       {"attempts", t.attempts},
                       {"ok", t.ok},
                       {"availability", t.availability()},
                       {"latencyMs", latency_json(t.latency)}});
  }
  Json j = {{"name", p.spec.name},  {"url", p.spec.url}, {"attempts", p.all.attempts}, {"ok", p.all.ok}, {"availability", p.all.availability()},
            {"outcomes", outcomes}, {"regions", regions}};
  if (p.all.last) {
    const auto& last = *p.all.last;
    j["last"] = {{"time", core::format_timestamp(last.at)}, {"from", model::region_code(last.from)}, {"outcome", model::aws_name(last.outcome)}};
  }
  if (!p.all.latency.exact()) {
    j["latencyMethod"] = "logarithmic histogram, relative error at most " + std::to_string(model::LatencySummary::kRelativeError).substr(0, 5);
  }
  return j;
}

std::vector<const analysis::Suppression*> stale_suppressions(const scenario::RunResult& r) {
  std::vector<const analysis::Suppression*> out;
  const auto& used = r.findings->suppression_used();
  const auto& all = r.scenario->suppressions;
  for (std::size_t i = 0; i < all.size() && i < used.size(); ++i) {
    if (!used[i] && all[i].file.empty()) out.push_back(&all[i]);  // a config file's entries are judged over the whole command
  }
  return out;
}

std::string stale_suppression_warning(const scenario::Scenario& s, const analysis::Suppression& sup) {
  return (sup.file.empty() ? s.file : sup.file) + ":" + std::to_string(sup.line) + ": warning: stale suppression: no finding of rule " + sup.rule +
         " named a resource matching \"" + sup.resource + "\" during the run; remove the entry (at " + sup.pointer + ")";
}

std::vector<std::string> assumption_notes(const scenario::RunResult& r) {
  const auto& settings = r.scenario->settings;
  std::vector<const model::ValidityEra*> used;
  for (const auto& c : r.world->acm.all()) {
    if (c.type != model::CertificateType::AmazonIssued) continue;
    for (const auto& v : c.versions) {
      const model::ValidityEra& era = settings.public_era_at(v.since);
      if (era.assumed && std::find(used.begin(), used.end(), &era) == used.end()) used.push_back(&era);
    }
  }
  std::sort(used.begin(), used.end(), [](const auto* a, const auto* b) { return a->from < b->from; });
  std::vector<std::string> out;
  out.reserve(used.size());
  for (const auto* era : used) {
    out.push_back("public certificates issued from " + core::format_timestamp(era->from).substr(0, 10) + " got " + std::to_string(era->days) +
                  " days, renewing " + std::to_string(era->renewal_lead_days) +
                  " days before NotAfter: an assumption (AWS has announced this step, not its figures); set acm.publicValidity to model "
                  "others");
  }
  return out;
}

namespace {

Json expectation_json(const scenario::RunResult& r, const scenario::ExpectationResult& e) {
  Json j = {{"step", e.step}, {"line", e.line}, {"at", core::format_timestamp(e.at)}, {"kind", e.kind}, {"passed", e.passed}, {"message", e.message}};
  if (const auto& id = r.scenario->steps[e.step].id; !id.empty()) j["id"] = id;
  return j;
}

Json finding_json(const analysis::Finding& f) {
  Json j = {{"id", f.id}, {"rule", f.rule}, {"severity", analysis::severity_name(f.severity)}, {"resources", f.resources}, {"message", f.message}};
  if (f.suppressed) j["suppressed"] = {{"reason", *f.suppressed}};
  return j;
}

Json finding_change_json(const analysis::FindingChange& h) {
  return {{"time", core::format_timestamp(h.at)},
          {"change", analysis::finding_change_name(h.raised ? analysis::FindingTransition::Raised : analysis::FindingTransition::Cleared)},
          {"id", h.finding.id},
          {"rule", h.finding.rule},
          {"step", h.step}};
}

template <class Items, class ToJson>
Json array_of(const Items& items, ToJson to_json) {
  Json a = Json::array();
  a.get_ref<Json::array_t&>().reserve(items.size());
  for (const auto& item : items) a.push_back(to_json(item));
  return a;
}

// The result document's members, in order, to `sink`: member(name, json)
// for the members whose size does not grow with the fleet, array(name,
// items, to_json) for those that do (the certificates, the finding history),
// so that a writer can make them one element at a time.
template <class Sink>
void result_members(const scenario::RunResult& r, Sink& sink) {
  const auto& s = *r.scenario;
  sink.member("scenario", s.name);
  sink.member("passed", r.passed());
  sink.member("file", s.file);
  sink.member("seed", s.seed);
  sink.member("start", core::format_timestamp(s.start));
  sink.member("horizon", core::format_duration(s.horizon));
  sink.member("events", r.sim->events_processed());
  sink.member("expectations", array_of(r.expectations, [&](const auto& e) { return expectation_json(r, e); }));
  sink.array("certificates", r.world->acm.all(), [&](const model::Certificate& c) { return certificate_summary(r, c); });
  sink.member("probes", array_of(r.world->clients.probes(), [](const auto& p) { return probe_json(p); }));
  sink.member("findings", array_of(r.findings->current(), finding_json));
  sink.array("findingHistory", r.findings->history(), finding_change_json);
  if (auto notes = assumption_notes(r); !notes.empty()) sink.member("assumptions", notes);
  if (auto stale = stale_suppressions(r); !stale.empty()) {
    sink.member("staleSuppressions", array_of(stale, [](const analysis::Suppression* sup) {
                  return Json{{"rule", sup->rule}, {"resource", sup->resource}, {"line", sup->line}};
                }));
  }
}

struct DocumentBuilder {
  Json doc = Json::object();
  void member(const char* name, Json value) { doc[name] = std::move(value); }
  template <class Items, class ToJson>
  void array(const char* name, const Items& items, ToJson to_json) {
    doc[name] = array_of(items, to_json);
  }
};

// Writes what std::setw(2) << document would, member by member: each
// element's own dump, its lines indented to where it stands (JSON text holds
// no raw line breaks inside strings, so every '\n' starts a line).
struct DocumentWriter {
  std::ostream& out;
  bool first = true;
  void indented(const Json& value, const char* indent) {
    const std::string text = value.dump(2);
    std::size_t from = 0;
    for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
      out.write(text.data() + from, static_cast<std::streamsize>(nl + 1 - from));
      out << indent;
      from = nl + 1;
    }
    out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
  }
  void name(const char* n) {
    out << (first ? "{\n  " : ",\n  ") << Json(n).dump() << ": ";
    first = false;
  }
  void member(const char* n, const Json& value) {
    name(n);
    indented(value, "  ");
  }
  template <class Items, class ToJson>
  void array(const char* n, const Items& items, ToJson to_json) {
    name(n);
    if (items.empty()) {
      out << "[]";
      return;
    }
    out << "[\n    ";
    bool first_item = true;
    for (const auto& item : items) {
      if (!first_item) out << ",\n    ";
      first_item = false;
      indented(to_json(item), "    ");
    }
    out << "\n  ]";
  }
  void finish() { out << (first ? "{}" : "\n}"); }
};

}  // namespace

Json result_document(const scenario::RunResult& r) {
  DocumentBuilder b;
  result_members(r, b);
  return std::move(b.doc);
}

void write_result_document(std::ostream& out, const scenario::RunResult& r) {
  DocumentWriter w{out};
  result_members(r, w);
  w.finish();
}

// One line of a certificate's story, from its trace records.
std::string story_line(const Json& b) {
  const auto change = model::state_change_of(b);
  if (!change) return b.value("change", "");
  using model::StateChange;
  switch (*change) {
    case StateChange::Requested:
      return "requested (" + b.value("validationMethod", "") + " validation)";
    case StateChange::Imported:
      return "imported, valid until " + b.value("notAfter", "");
    case StateChange::Reimported:
      return "re-imported, now valid until " + b.value("notAfter", "");
    case StateChange::DomainValidated:
      return b.value("domainName", "") + " validated" + (b.contains("by") ? " by " + b.value("by", "") : " (its CNAME is in public DNS)");
    case StateChange::StatusChanged:
      return "status " + b.value("status", "") + ": " + b.value("why", "");
    case StateChange::Issued:
      return "valid " + b.value("notBefore", "") + " to " + b.value("notAfter", "") + " (" + std::to_string(b.value("validityDays", 0)) +
             " days; renewal starts " + std::to_string(b.value("renewalLeadDays", 0)) + " days before)";
    case StateChange::RenewalStarted:
      return "managed renewal started (" + b.value("renewalStatus", "") + ")";
    case StateChange::RenewalRetried:
      return "renewal attempt timed out and started again";
    case StateChange::RenewalIneligible:
      return "renewal not attempted: " + b.value("why", "");
    case StateChange::RenewalPendingValidation:
      return "renewal waits: " + b.value("why", "");
    case StateChange::Renewed:
      return "renewed: now valid until " + b.value("notAfter", "") + " (" + std::to_string(b.value("validityDays", 0)) + " days)";
    case StateChange::InUse:
      return "now used by " + b.value("user", "");
    case StateChange::NotInUse:
      return "no longer used by " + b.value("user", "");
    case StateChange::Exported:
      return "exported";
    case StateChange::ValidationEmailResent:
      return "validation email resent: validation now times out at " + b.value("timeoutAt", "");
    case StateChange::Deleted:
      return "deleted";
    // Told by their own name: the story of a certificate rarely holds them,
    // and the other services' changes are told by their calls.
    case StateChange::OperatorReplaced:
    case StateChange::Tagged:
    case StateChange::Untagged:
    case StateChange::ExpiryEventsConfigured:
    case StateChange::HostedZoneCreated:
    case StateChange::HostedZoneDeleted:
    case StateChange::DomainDelegated:
    case StateChange::RecordWritten:
    case StateChange::RecordDeleted:
    case StateChange::RestApiCreated:
    case StateChange::RestApiDeleted:
    case StateChange::Deployed:
    case StateChange::DomainNameCreated:
    case StateChange::DomainNameDeleted:
    case StateChange::CertificateReplaced:
    case StateChange::BasePathMapped:
    case StateChange::BasePathUnmapped:
    case StateChange::ApiMapped:
    case StateChange::DistributionCreated:
    case StateChange::DistributionUpdated:
    case StateChange::DistributionDeleted:
    case StateChange::LoadBalancerCreated:
    case StateChange::LoadBalancerDeleted:
    case StateChange::ListenerCreated:
    case StateChange::ListenerModified:
    case StateChange::ListenerDeleted:
    case StateChange::ListenerCertificatesAdded:
    case StateChange::ListenerCertificatesRemoved:
    case StateChange::RulePut:
    case StateChange::ConfigRulePut:
      break;
  }
  return std::string(model::aws_name(*change));
}

namespace {

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string pad(std::string s, std::size_t width, bool right = false) {
  if (s.size() >= width) return s;
  return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

// Probes: availability and latency per region; with several probes, which one
// is faster from each region and by how much (the edge-or-regional question).
void render_probes(std::ostringstream& out, const scenario::RunResult& r) {
  const auto& probes = r.world->clients.probes();
  if (probes.empty()) return;
  out << "\nprobes (latency of successful attempts, ms)\n";
  for (const auto& p : probes) {
    out << "  " << p.spec.name << "  " << p.spec.url << "\n";
    out << "    " << pad("from", 16) << pad("attempts", 10, true) << pad("available", 11, true) << pad("p50", 9, true) << pad("p90", 9, true)
        << pad("p99", 9, true) << "  last outcome\n";
    for (std::size_t i = 0; i < p.spec.from.size(); ++i) {
      const auto& t = p.by_region[i];
      const std::string last = t.last ? std::string(model::aws_name(t.last->outcome)) : std::string("-");
      auto pct = [&](double q) { return t.latency.count() > 0 ? fixed(*t.latency.quantile(q), 1) : std::string("-"); };
      out << "    " << pad(std::string(model::region_code(p.spec.from[i])), 16) << pad(std::to_string(t.attempts), 10, true)
          << pad(fixed(100.0 * t.availability(), 2) + "%", 11, true) << pad(pct(0.5), 9, true) << pad(pct(0.9), 9, true) << pad(pct(0.99), 9, true)
          << "  " << last << "\n";
    }
  }
  if (probes.size() < 2) return;
  std::vector<model::RegionId> regions;
  bool comparable = false;  // some region has a median from two probes
  for (const auto& p : probes) {
    for (const auto reg : p.spec.from) {
      if (std::find(regions.begin(), regions.end(), reg) == regions.end()) regions.push_back(reg);
    }
  }
  for (const auto reg : regions) {
    int with_data = 0;
    for (const auto& p : probes) {
      const auto* t = p.tally(reg);
      with_data += t != nullptr && t->latency.count() > 0 ? 1 : 0;
    }
    comparable = comparable || with_data >= 2;
  }
  if (!comparable) return;
  out << "\ncomparison (median latency from each region, ms)\n    " << pad("from", 16);
  for (const auto& p : probes) out << pad(p.spec.name, std::max<std::size_t>(12, p.spec.name.size() + 2), true);
  out << "  fastest\n";
  for (const auto reg : regions) {
    out << "    " << pad(std::string(model::region_code(reg)), 16);
    std::vector<std::pair<double, std::string>> medians;
    for (const auto& p : probes) {
      std::string cell = "-";
      const auto* t = p.tally(reg);
      if (t != nullptr && t->latency.count() > 0) {
        const double median = *t->latency.quantile(0.5);
        cell = fixed(median, 1);
        medians.emplace_back(median, p.spec.name);
      }
      out << pad(cell, std::max<std::size_t>(12, p.spec.name.size() + 2), true);
    }
    std::sort(medians.begin(), medians.end());
    if (medians.size() >= 2) {
      const double gain = medians[1].first - medians[0].first;
      out << "  " << medians[0].second << ", " << fixed(gain, 1) << " ms (" << fixed(100.0 * gain / medians[1].first, 0) << "%) faster than "
          << medians[1].second;
    }
    out << "\n";
  }
}

// Findings with their time span: raised at, cleared at (or still holding).
// Above kListEveryFindingUpTo raises (a fleet), counts per rule come first
// and only the first raises are listed, unless the reader asked for all.
void render_findings(std::ostringstream& out, const scenario::RunResult& r, bool full) {
  const auto& history = r.findings->history();
  if (history.empty()) return;
  const auto& s = *r.scenario;
  out << "\nfindings (raised, cleared)\n";
  const auto raised = static_cast<std::size_t>(std::count_if(history.begin(), history.end(), [](const auto& h) { return h.raised; }));
  const bool summarise = !full && raised > kListEveryFindingUpTo;
  if (summarise) {
    std::map<std::pair<analysis::Severity, std::string>, std::pair<std::size_t, std::size_t>> by_rule;  // raised, still holding
    for (const auto& h : history) {
      if (h.raised) ++by_rule[{h.finding.severity, h.finding.rule}].first;
    }
    const auto& current = r.findings->current();
    for (const auto& f : current) ++by_rule[{f.severity, f.rule}].second;
    out << "  " << raised << " raised, " << current.size() << " still hold\n";
    for (const auto& [rule, n] : by_rule) {
      out << "  " << pad(std::to_string(n.first), 8, true) << "  " << analysis::severity_name(rule.first) << " [" << rule.second << "], " << n.second
          << " still hold\n";
    }
    out << "  the first " << kListEveryFindingUpTo << " follow (run --full lists every finding)\n";
  }
  std::map<std::string, std::size_t> open;  // key -> index of its line
  std::vector<std::string> lines;
  for (const auto& h : history) {
    if (h.raised && summarise && lines.size() == kListEveryFindingUpTo) continue;
    const std::string key = h.finding.key();
    if (h.raised) {
      open[key] = lines.size();
      lines.push_back(std::string(analysis::severity_name(h.finding.severity)) + " [" + h.finding.rule + "] " + offset(s, h.at));
      lines.back() += "|" + h.finding.message + (h.finding.suppressed ? " (suppressed: " + *h.finding.suppressed + ")" : "");
    } else if (auto it = open.find(key); it != open.end()) {
      auto& line = lines[it->second];
      const auto bar = line.find('|');
      const std::string cleared = offset(s, h.at);
      line.insert(bar, " to " + cleared);
      open.erase(it);
    }
  }
  for (auto& [key, index] : open) {
    auto& line = lines[index];
    line.insert(line.find('|'), ", still holds");
  }
  for (auto& line : lines) {
    const auto bar = line.find('|');
    out << "  " << line.substr(0, bar) << "\n      " << line.substr(bar + 1) << "\n";
  }
}

// Events per bus (by detail-type) and deliveries per rule and target.
void render_events(std::ostringstream& out, const scenario::RunResult& r) {
  const auto& counts = r.world->events.event_counts();
  if (counts.empty()) return;
  std::map<std::string, std::map<std::string, std::size_t>> per_bus;
  for (const auto& [bus, kinds] : counts) {
    for (const auto& [kind, n] : kinds) per_bus[std::string(model::region_code(bus.first)) + "/" + bus.second][kind.first + "  " + kind.second] += n;
  }
  out << "\nevents (per bus: source, detail-type, count)\n";
  for (const auto& [bus, kinds] : per_bus) {
    out << "  " << bus << "\n";
    for (const auto& [kind, n] : kinds) out << "    " << pad(std::to_string(n), 6, true) << "  " << kind << "\n";
  }
  std::map<std::string, std::size_t> per_target;
  for (const auto& [key, n] : r.world->events.delivery_counts()) {
    const auto& [region, bus, rule, target] = key;
    per_target[std::string(model::region_code(region)) + "/" + bus + "  rule " + rule + " -> " + target] += n;
  }
  if (!per_target.empty()) {
    out << "  deliveries\n";
    for (const auto& [t, n] : per_target) out << "    " << pad(std::to_string(n), 6, true) << "  " << t << "\n";
  }
}

}  // namespace

std::string render_summary(const scenario::RunResult& r, bool full) {
  const auto& s = *r.scenario;
  std::ostringstream out;
  out << "scenario " << s.name;
  if (!s.description.empty()) out << ": " << s.description;
  out << "\n  " << core::format_timestamp(s.start) << " to " << core::format_timestamp(s.start + s.horizon) << " ("
      << core::format_duration(s.horizon) << "), seed " << s.seed << ", " << r.sim->events_processed()
      << (r.sim->events_processed() == 1 ? " event\n" : " events\n");

  const auto& all = r.world->acm.all();
  std::vector<const model::Certificate*> certs;
  certs.reserve(all.size());
  for (const auto& c : all) certs.push_back(&c);
  if (!certs.empty()) out << "\ncertificates\n";
  if (!full && certs.size() > kListEveryCertificateUpTo) {
    // A fleet: counts first, then only the certificates worth a look.
    std::map<std::string, std::size_t> by_status;
    std::map<std::string, std::size_t> by_region;
    std::map<std::string, std::size_t> by_type;
    for (const auto* c : certs) {
      ++by_status[c->deleted ? std::string("DELETED") : std::string(model::aws_name(c->status))];
      ++by_region[std::string(model::region_code(c->region))];
      ++by_type[std::string(model::aws_name(c->type))];
    }
    auto counts = [&](const char* what, const std::map<std::string, std::size_t>& m) {
      out << "  " << what << ":";
      for (const auto& [k, n] : m) out << " " << k << " " << n;
      out << "\n";
    };
    out << "  " << certs.size() << " certificates\n";
    counts("by status", by_status);
    counts("by region", by_region);
    counts("by type", by_type);
    std::set<std::string> named;  // by a finding, at any time
    for (const auto& h : r.findings->history()) {
      if (h.raised && !h.finding.resources.empty()) named.insert(h.finding.resources.front());
    }
    std::vector<const model::Certificate*> notable;
    for (const auto* c : certs) {
      const bool failed = c->status == model::CertificateStatus::Failed || c->status == model::CertificateStatus::Expired ||
                          c->status == model::CertificateStatus::ValidationTimedOut || c->status == model::CertificateStatus::Revoked;
      if (failed || named.count(c->arn) != 0U) notable.push_back(c);
    }
    const std::size_t shown = std::min<std::size_t>(notable.size(), kListEveryCertificateUpTo);
    out << "  " << notable.size() << (notable.size() == 1 ? " has" : " have") << " findings, failed or expired"
        << (shown < notable.size() ? "; the first " + std::to_string(shown) + " follow" : "") << "; " << certs.size() - notable.size()
        << " others not listed (run --full lists every certificate)\n";
    notable.resize(shown);
    certs = std::move(notable);
  }
  // The stories of the certificates listed only: a fleet's summary lists a
  // few of its certificates, and its trace holds millions of state records.
  std::unordered_map<std::string_view, std::vector<const core::TraceRecord*>> stories;  // keys: views into the world
  stories.reserve(certs.size());
  for (const auto* c : certs) stories.try_emplace(c->arn);
  for (const auto& rec : r.trace->records()) {
    if (rec.type() != "state" || rec.service() != "acm") continue;
    if (const auto it = stories.find(rec.resource()); it != stories.end()) it->second.push_back(&rec);
  }
  for (const auto* cp : certs) {
    const auto& c = *cp;
    out << "  " << model::region_code(c.region) << "  " << c.domain_name << "  " << model::aws_name(c.type) << "  "
        << (c.deleted ? std::string("DELETED") : std::string(model::aws_name(c.status)));
    if (c.not_after && !c.deleted) out << "  NotAfter " << core::format_timestamp(*c.not_after);
    out << "\n    " << c.arn << "\n";
    const auto& story = stories[c.arn];
    for (std::size_t i = 0; i < story.size();) {
      // Repeated attempts (a renewal retried every 72 hours) read as one line.
      const std::string line = story_line(story[i]->body());
      std::size_t j = i + 1;
      while (j < story.size() && story_line(story[j]->body()) == line) ++j;
      std::string when = offset(s, story[i]->time);
      when.resize(std::max<std::size_t>(when.size(), 13), ' ');
      out << "    " << when << " " << line;
      if (j - i > 1) out << " (" << j - i << " times, last at " << offset(s, story[j - 1]->time) << ")";
      out << "\n";
      i = j;
    }
  }
  for (const auto& note : assumption_notes(r)) out << "  note: " << note << "\n";
  render_probes(out, r);
  render_events(out, r);
  render_findings(out, r, full);
  std::size_t passed = 0;
  for (const auto& e : r.expectations) passed += e.passed ? 1 : 0;
  out << "\nexpectations: " << passed << " passed, " << r.expectations.size() - passed << " failed\n";
  for (const auto& e : r.expectations) {
    const std::string& id = s.steps[e.step].id;
    out << "  " << (e.passed ? "ok  " : "FAIL") << " " << s.file << ":" << e.line << " step " << e.step << (id.empty() ? "" : " (" + id + ")")
        << " at " << offset(s, e.at) << ": " << e.message << "\n";
  }
  out << (r.passed() ? "PASSED" : "FAILED") << "\n";
  return out.str();
}

}  // namespace acmsim::report
