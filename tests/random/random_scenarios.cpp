// A seeded random-scenario generator and checker. Each scenario is a valid
// file made from the operation table: a little fixed set-up (a zone, two
// certificates and their validation records, so that calls have something to
// act on), then random calls of random operations with parameters built from
// each operation's request shape, random probes, at random times. Each one is
//
//   - loaded (a refusal is counted, and must stay rare: the generator's values
//     are valid ones),
//   - run with the model's invariants checked after every event,
//   - run again: the trace must be byte-identical,
//   - run with every rule at every instant: the same trace again (the
//     incremental analysis must find what a full pass finds).
//
// Usage: acmsim_random_scenarios [--seed N] [--count N] [--keep DIR]
// A failing scenario is written to DIR (default: the current folder) with the
// reason, for acmsim run to replay.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "acmsim/api/operations.hpp"
#include "acmsim/api/responses.hpp"
#include "acmsim/api/shape.hpp"
#include "acmsim/core/random.hpp"
#include "acmsim/core/simulation.hpp"
#include "acmsim/model/invariants.hpp"
#include "acmsim/scenario/runner.hpp"
#include "acmsim/scenario/scenario.hpp"

namespace {

using acmsim::api::Shape;
using acmsim::api::ShapeType;
using acmsim::core::Json;

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed, "random-scenarios") {}

  Json scenario(std::uint64_t seed) {
    const std::int64_t horizon_days = pick({30, 120, 400});
    Json steps = Json::array();
    steps.push_back(call("0s", "", "route53:CreateHostedZone", {{"Name", "example.com"}, {"CallerReference", "z"}}, "zone"));
    steps.push_back(call("0s", "us-east-1", "acm:RequestCertificate",
                         {{"DomainName", "api.example.com"}, {"SubjectAlternativeNames", {"www.example.com"}}, {"ValidationMethod", "DNS"}}, "c0"));
    steps.push_back(call("0s", "eu-west-1", "acm:RequestCertificate", {{"DomainName", "*.example.com"}, {"ValidationMethod", "DNS"}}, "c1"));
    for (const char* c : {"c0", "c1"})
      steps.push_back(call("1m", "", "sim:CreateValidationRecords",
                           {{"CertificateArn", "${" + std::string(c) + ".CertificateArn}"}, {"HostedZoneId", "${zone.HostedZone.Id}"}}, ""));
    std::vector<const acmsim::api::Operation*> ops;
    for (const auto& svc : acmsim::api::services()) {
      for (const auto* op : acmsim::api::operations_of(svc.name)) ops.push_back(op);
    }
    const int n = static_cast<int>(uniform(5, 40));
    for (int i = 0; i < n; ++i) {
      const std::string at = std::to_string(uniform(0, horizon_days * 24)) + "h";
      if (uniform(0, 9) == 0) {
        Json probe = {{"name", "p" + std::to_string(i)},
                      {"url", "https://" + pick_s({"api.example.com", "www.example.com", "x.example.com"}) + "/"},
                      {"from", Json::array({pick_s({"us-east-1", "eu-west-1", "ap-southeast-2"})})}};
        if (uniform(0, 1) == 0) probe["every"] = pick_s({"6h", "1d"});
        steps.push_back({{"at", at}, {"probe", probe}});
        continue;
      }
      const auto* op = ops[uniform(0, static_cast<std::int64_t>(ops.size()) - 1)];
      const auto scope = acmsim::api::service_scope(op->service);
      const std::string region = scope == acmsim::api::Scope::Regional ? pick_s({"us-east-1", "eu-west-1"}) : "";
      Json params = op->input != nullptr ? value(*op->input, "", 0) : Json::object();
      const std::string save = op->read_only ? "" : "s" + std::to_string(i);
      Json step = call(at, region, std::string(op->service) + ":" + std::string(op->name), params, save);
      if (!op->read_only && uniform(0, 5) == 0) step["expectError"] = pick_s({"ValidationException", "ResourceNotFoundException"});
      steps.push_back(step);
      if (!save.empty()) saved_.push_back(save);
    }
    steps.push_back({{"at", std::to_string(horizon_days) + "d"}, {"expect", {{"findings", Json::object()}, {"count", {{"min", 0}}}}}});
    return {{"scenario", "random-" + std::to_string(seed)},
            {"start", "2026-01-01T00:00:00Z"},
            {"horizon", std::to_string(horizon_days) + "d"},
            {"seed", seed},
            {"steps", steps}};
  }

 private:
  std::int64_t uniform(std::int64_t lo, std::int64_t hi) { return rng_.uniform_int(lo, hi); }
  std::int64_t pick(std::initializer_list<std::int64_t> v) { return *(v.begin() + uniform(0, static_cast<std::int64_t>(v.size()) - 1)); }
  std::string pick_s(std::initializer_list<const char*> v) { return *(v.begin() + uniform(0, static_cast<std::int64_t>(v.size()) - 1)); }

  static Json call(const std::string& at, const std::string& region, const std::string& name, Json params, const std::string& save) {
    Json s = {{"at", at}};
    if (!region.empty()) s["region"] = region;
    s["call"] = name;
    s["params"] = std::move(params);
    if (!save.empty()) s["save"] = save;
    return s;
  }

  /// A value for a member, by its name where the name says what it is.
  std::string string_for(const std::string& name) {
    if (name.find("CertificateArn") != std::string::npos || name == "certificateArn" || name == "regionalCertificateArn" || name == "Arn")
      return pick_s({"${c0.CertificateArn}", "${c1.CertificateArn}", "arn:aws:acm:us-east-1:111122223333:certificate/0000"});
    if (name == "HostedZoneId") return "${zone.HostedZone.Id}";
    if (name.find("omain") != std::string::npos || name == "Name" || name == "DNSName")
      return pick_s({"api.example.com", "www.example.com", "*.example.com", "example.com", "x.example.org"});
    if (name == "ValidationMethod") return pick_s({"DNS", "EMAIL", "HTTP"});
    if (name == "EventPattern")
      return pick_s({R"({"source":["aws.acm"]})", R"({"source":["aws.acm"],"detail-type":["ACM Certificate Approaching Expiration"]})",
                     R"({"detail":{"DaysToExpiry":[{"numeric":["<",30]}]}})"});
    if (name == "Action") return pick_s({"CREATE", "UPSERT", "DELETE"});
    if (name == "Type") return pick_s({"CNAME", "A", "CAA", "TXT"});
    if (name == "Protocol" || name == "protocol") return pick_s({"HTTPS", "HTTP"});
    if (name.find("Status") != std::string::npos || name == "State") return pick_s({"ENABLED", "DISABLED", "ISSUED"});
    return pick_s({"prod", "v1", "a", "REGIONAL", "EDGE", "ELBSecurityPolicy-2016-08", "TLS_1_2", "0 issue \"amazon.com\"", "x"});
  }

  Json value(const Shape& shape, const std::string& name, int depth) {
    switch (shape.type) {
      case ShapeType::String:
        return string_for(name);
      case ShapeType::Integer:
        return pick({0, 1, 30, 45, 300, 443});
      case ShapeType::Boolean:
        return uniform(0, 1) == 1;
      case ShapeType::Timestamp:
        return pick_s({"2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z", "2027-06-01T00:00:00Z"});
      case ShapeType::Blob:
        if (shape.alternative != nullptr && uniform(0, 3) > 0) return value(*shape.alternative, name, depth + 1);
        return "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
      case ShapeType::List: {
        Json out = Json::array();
        if (depth < 4 && shape.element != nullptr) {
          for (std::int64_t i = uniform(0, 2); i > 0; --i) out.push_back(value(*shape.element, name, depth + 1));
        }
        return out;
      }
      case ShapeType::Map:
        return depth < 4 && shape.element != nullptr ? Json{{"k", value(*shape.element, name, depth + 1)}} : Json::object();
      case ShapeType::Structure: {
        Json out = Json::object();
        for (const auto& m : shape.members) {
          if (m.required || (uniform(0, 1) == 0 && depth < 5)) out[std::string(m.name)] = value(*m.shape, std::string(m.name), depth + 1);
        }
        return out;
      }
      case ShapeType::Any:
        return uniform(0, 1) == 0 ? Json("x") : Json::object();
    }
    return nullptr;
  }

  acmsim::core::RandomStream rng_;
  std::vector<std::string> saved_;
};

std::string traced(const acmsim::scenario::Scenario& s, acmsim::scenario::RunOptions o) {
  std::ostringstream out;
  o.trace_out = &out;
  o.max_events = 2'000'000;
  (void)acmsim::scenario::run_scenario(s, o);
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t seed = 1;
  std::uint64_t count = 100;
  std::filesystem::path keep = ".";
  bool print_members = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--seed")
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    else if (a == "--count")
      count = std::strtoull(argv[i + 1], nullptr, 10);
    else if (a == "--keep")
      keep = argv[i + 1];
    else if (a == "--print-response-members")
      print_members = std::string(argv[i + 1]) == "1";
  }
  std::uint64_t loaded = 0;
  std::uint64_t refused = 0;
  std::uint64_t over_budget = 0;
  std::uint64_t events = 0;
  std::set<std::pair<std::string, std::string>> observed;
  for (std::uint64_t k = seed; k < seed + count; ++k) {
    Generator g(k);
    const Json doc = g.scenario(k);
    const std::string text = doc.dump(2);
    auto fail = [&](const std::string& why) {
      const auto file = keep / ("random-" + std::to_string(k) + ".json");
      std::ofstream(file) << text << "\n";
      std::cerr << "random scenario " << k << ": " << why << "\n  kept in " << file.string() << "\n";
      return 1;
    };
    acmsim::scenario::Scenario s;
    try {
      s = acmsim::scenario::parse_scenario(text, "random-" + std::to_string(k) + ".json");
    } catch (const acmsim::scenario::InputError& e) {
      ++refused;
      if (std::getenv("RANDOM_SCENARIOS_VERBOSE") != nullptr) std::cerr << e.render() << "\n";
      continue;
    }
    ++loaded;
    try {
      acmsim::scenario::RunOptions checked;
      checked.check_invariants = true;
      const std::string first = traced(s, checked);
      if (traced(s, {}) != first) return fail("a second run gave another trace");
      acmsim::scenario::RunOptions full;
      full.incremental_analysis = false;
      if (traced(s, full) != first) return fail("every rule at every instant gave another trace than the incremental analysis");
      events += static_cast<std::uint64_t>(std::count(first.begin(), first.end(), '\n'));
      // Every member of a response must be in the table references are checked against.
      std::istringstream lines(first);
      for (std::string line; std::getline(lines, line);) {
        if (line.find("\"type\":\"call\"") == std::string::npos || line.find("\"response\":") == std::string::npos) continue;
        const Json rec = Json::parse(line);
        const std::string call = rec["call"].get<std::string>();
        if (!rec["response"].is_object()) continue;
        observed.insert({call, ""});
        for (const auto& [m, _] : rec["response"].items()) observed.insert({call, m});
      }
    } catch (const acmsim::core::RunLimitExceeded&) {
      ++over_budget;
    } catch (const std::exception& e) {
      return fail(e.what());
    }
  }
  if (print_members) {
    for (const auto& [call, member] : observed) std::cout << call << " " << member << "\n";
    return 0;
  }
  for (const auto& [call, member] : observed) {
    const auto known = acmsim::api::response_members(call);
    if (!known || (!member.empty() && std::find(known->begin(), known->end(), member) == known->end())) {
      std::cerr << call << " answered with the member " << member
                << ", which the table of response members lacks: run tools/response-members and commit sim/api/response_members.cpp\n";
      return 1;
    }
  }
  std::cout << count << " random scenarios from seed " << seed << ": " << loaded << " ran (" << events << " trace records), " << refused
            << " refused at load, " << over_budget << " over the event budget; invariants held, reruns identical\n";
  // The generator makes valid scenarios: most must load, or it tests nothing.
  if (loaded * 4 < count * 3) {
    std::cerr << "only " << loaded << " of " << count << " random scenarios loaded: the generator has drifted from the format\n";
    return 1;
  }
  return 0;
}
