// The rule pass over a large generated architecture: N certificates spread over
// every region, each validated by DNS in one of N/100 public zones, with load
// balancers, regional API Gateway domains, alias records, imported
// certificates, EventBridge rules and Config rules around them. The 100,000
// certificate pass is measured against the same pass over 10,000 in the same
// run (a linear rule pass costs 10x), and the engine's re-evaluation of an
// instant where nothing changed against a full pass.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "acmsim/analysis/engine.hpp"
#include "acmsim/analysis/rule.hpp"
#include "acmsim/model/route53/dns_name.hpp"
#include "acmsim/model/world.hpp"

namespace {

using namespace acmsim;

struct Architecture {
  explicit Architecture(int certificates)
      : sim(*core::parse_timestamp("2026-03-01T00:00:00Z"), *core::parse_timestamp("2029-03-01T00:00:00Z"), 1),
        world(sim, trace, model::Settings{}, "111122223333") {
    const auto regions = model::all_regions();
    std::vector<std::string> zones;
    for (int z = 0; z < std::max(1, certificates / 100); ++z) {
      model::CreateHostedZoneRequest req;
      req.name = "team" + std::to_string(z) + ".example.com";
      req.caller_reference = req.name;
      zones.push_back(world.route53.create_hosted_zone(sim.now(), req).value().zone->id);
    }
    for (std::size_t r = 0; r < regions.size(); ++r) {
      const auto region = static_cast<model::RegionId>(r);
      model::PutRuleInput rule;
      rule.name = "acm-expiry";
      rule.event_pattern = R"({"source":["aws.acm"],"detail-type":["ACM Certificate Approaching Expiration"]})";
      (void)world.events.put_rule(region, rule);
      (void)world.events.put_targets(region, "acm-expiry", "default", {{"ops", "arn:aws:sns:us-east-1:111122223333:ops", {}, {}, {}}});
      if (r % 2 == 0) (void)world.config.put_config_rule(region, {"expiry", "AWS", std::string(model::kExpirationCheck), std::nullopt, std::nullopt});
    }
    // Records go in one change batch per zone, after every request, as a
    // deployment tool would write them.
    std::vector<model::ChangeBatch> batches(zones.size());
    for (int i = 0; i < certificates; ++i) {
      const auto region = static_cast<model::RegionId>(static_cast<std::size_t>(i) % regions.size());
      const int z = i / 100 % static_cast<int>(zones.size());
      const std::string host = "svc" + std::to_string(i) + ".team" + std::to_string(z) + ".example.com";
      if (i % 50 == 49) {
        model::ImportCertificateInput in;
        in.certificate = {host, {}, *core::parse_timestamp("2026-01-01T00:00:00Z"), *core::parse_timestamp("2026-04-01T00:00:00Z"), "RSA_2048", "CA"};
        (void)world.acm.import_certificate(region, in);
        continue;
      }
      model::RequestCertificateInput in;
      in.domain_name = host;
      in.validation_method = "DNS";
      const std::string arn = world.acm.request_certificate(region, in).value();
      model::ChangeBatch& batch = batches[static_cast<std::size_t>(z)];
      for (const auto& v : world.acm.find_any(arn).value()->validations) {
        model::RecordSet rec;
        rec.name = v.record_name;
        rec.type = model::RRType::CNAME;
        rec.ttl = 300;
        rec.values = {v.record_value};
        batch.changes.push_back({model::ChangeAction::Upsert, rec});
      }
      if (i % 10 == 0) add_load_balancer(region, i, arn, host, batch);
      if (i % 10 == 5) domains.emplace_back(region, host, arn);
    }
    for (std::size_t z = 0; z < zones.size(); ++z) (void)world.route53.change_resource_record_sets(sim.now(), zones[z], batches[z]);
    // Let validation and issuance happen.
    auto dispatch = [this](const core::ScheduledEvent& ev) { world.handle(ev); };
    sim.run_until(dispatch, sim.now() + core::Duration::hours(2));
    for (const auto& [region, l] : listeners) (void)world.elb.create_listener(region, l).value();
    // A regional API Gateway custom domain for every 10th certificate, once issued.
    for (const auto& [region, host, arn] : domains) {
      model::CreateDomainNameInput in;
      in.domain_name = host;
      in.endpoint_type = "REGIONAL";
      in.regional_certificate_arn = arn;
      (void)world.apigateway.create_domain_name(region, in);
    }
  }

  std::vector<std::tuple<model::RegionId, std::string, std::string>> domains;
  std::vector<std::pair<model::RegionId, model::CreateListenerInput>> listeners;

  void add_load_balancer(model::RegionId region, int i, const std::string& arn, const std::string& host, model::ChangeBatch& batch) {
    model::CreateLoadBalancerInput in;
    in.name = "web" + std::to_string(i);
    in.subnets = {"subnet-1", "subnet-2"};
    const auto* lb = world.elb.create_load_balancer(region, in).value();
    model::CreateListenerInput l;
    l.load_balancer_arn = lb->arn;
    l.protocol = "HTTPS";
    l.port = 443;
    l.certificates = {arn};
    l.default_actions = core::Json::array({{{"Type", "fixed-response"}}});
    // Its HTTPS listener once the certificate is issued (a listener takes
    // only an ISSUED certificate).
    listeners.push_back({region, l});
    model::RecordSet rec;
    rec.name = host;
    rec.type = model::RRType::A;
    rec.alias = model::AliasTarget{lb->canonical_hosted_zone_id, lb->dns_name, false};
    batch.changes.push_back({model::ChangeAction::Upsert, rec});
  }

  core::Simulation sim;
  core::Trace trace;
  model::World world;
};

Architecture& architecture(int certificates) {
  static std::unique_ptr<Architecture> small;
  static std::unique_ptr<Architecture> large;
  static std::unique_ptr<Architecture> tiny;
  auto& slot = certificates <= 2'000 ? tiny : certificates <= 10'000 ? small : large;
  if (!slot) slot = std::make_unique<Architecture>(certificates);
  return *slot;
}

void BM_RulePass(benchmark::State& state) {
  auto& a = architecture(static_cast<int>(state.range(0)));
  std::size_t findings = 0;
  for (auto _ : state) {
    auto out = analysis::Engine::run_rules(a.world, a.sim.now());
    findings = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["certificates"] = static_cast<double>(state.range(0));
  state.counters["findings"] = static_cast<double>(findings);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_RulePass)->Arg(2'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

// An instant at which nothing in the world changed (an expectation, a probe):
// the engine keeps its findings without a rule pass.
void BM_ReevaluateUnchanged(benchmark::State& state) {
  auto& a = architecture(static_cast<int>(state.range(0)));
  analysis::Engine engine(a.world);
  (void)engine.evaluate(a.sim.now(), -1, nullptr);
  for (auto _ : state) benchmark::DoNotOptimize(engine.evaluate(a.sim.now(), -1, nullptr));
  state.counters["certificates"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_ReevaluateUnchanged)->Arg(100'000)->Unit(benchmark::kMicrosecond);

// An instant at which one part of the world changed (a rule put on a bus, a
// DNS record written, a load balancer changed, a certificate renewed): the
// engine re-runs only the rules that read that part.
void BM_ReevaluateAfterChange(benchmark::State& state, model::Part part) {
  auto& a = architecture(static_cast<int>(state.range(0)));
  analysis::Engine engine(a.world);
  (void)engine.evaluate(a.sim.now(), -1, nullptr);
  const std::uint64_t before = engine.rule_runs();
  for (auto _ : state) {
    a.world.touch(model::bit(part));
    benchmark::DoNotOptimize(engine.evaluate(a.sim.now(), -1, nullptr));
  }
  state.counters["rules"] = static_cast<double>(engine.rule_runs() - before) / static_cast<double>(state.iterations());
  state.counters["certificates"] = static_cast<double>(state.range(0));
}

// An instant at which one resource changed: a certificate's state (a tag
// added or removed through ACM: its identity, which every rule that judges
// certificates reads, so none of them may skip it) or the records of one DNS
// name (a validation record written), one custom domain, one load balancer
// (its listeners changed) or one region's default event bus (a rule put). The rules that judge one resource at a time re-judge only the
// certificates concerned; the rules that judge the whole world run whole if
// they read the changed part.
enum class OneChange { Certificate, Record, Endpoint, LoadBalancer, EventBus };
void BM_ReevaluateAfterOneChange(benchmark::State& state, OneChange what) {
  auto& a = architecture(static_cast<int>(state.range(0)));
  analysis::Engine engine(a.world);
  (void)engine.evaluate(a.sim.now(), -1, nullptr);
  a.world.forget_changes();
  const auto& cert = a.world.acm.all()[a.world.acm.all().size() / 2];
  const std::uint64_t name = model::dns::name_key(cert.validations.empty() ? cert.domain_name : cert.validations.front().record_name);
  const std::uint64_t before = engine.rule_runs();
  const std::uint64_t before_full = engine.full_rule_runs();
  bool tagged = false;
  for (auto _ : state) {
    if (what == OneChange::Certificate) {
      // A touch alone changes no aspect of the certificate, and the engine
      // would rightly judge nothing: change its state for real.
      const std::vector<model::Tag> tag{{"bench", "one-change"}};
      tagged = !tagged;
      benchmark::DoNotOptimize(tagged ? a.world.acm.add_tags(cert.region, cert.arn, tag) : a.world.acm.remove_tags(cert.region, cert.arn, tag));
    } else if (what == OneChange::Record)
      a.world.touch_key(model::Part::Dns, name);
    else if (what == OneChange::Endpoint)
      a.world.touch_key(model::Part::ApiGateway, a.world.apigateway.all_domains().size() / 2);
    else if (what == OneChange::LoadBalancer)
      a.world.touch_key(model::Part::Elb, a.world.elb.count() / 2);
    else
      a.world.touch_key(model::Part::Events, model::bus_key(cert.region, "default"));
    benchmark::DoNotOptimize(engine.evaluate(a.sim.now(), -1, nullptr));
    a.world.forget_changes();
  }
  state.counters["rules"] = static_cast<double>(engine.rule_runs() - before) / static_cast<double>(state.iterations());
  state.counters["whole"] = static_cast<double>(engine.full_rule_runs() - before_full) / static_cast<double>(state.iterations());
  if (tagged) (void)a.world.acm.remove_tags(cert.region, cert.arn, {{"bench", "one-change"}});  // the world as the other benchmarks know it
  state.counters["certificates"] = static_cast<double>(state.range(0));
}
BENCHMARK_CAPTURE(BM_ReevaluateAfterOneChange, certificate, OneChange::Certificate)->Arg(100'000)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ReevaluateAfterOneChange, record, OneChange::Record)->Arg(100'000)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ReevaluateAfterOneChange, endpoint, OneChange::Endpoint)->Arg(100'000)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ReevaluateAfterOneChange, load_balancer, OneChange::LoadBalancer)->Arg(100'000)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ReevaluateAfterOneChange, event_bus, OneChange::EventBus)->Arg(100'000)->Unit(benchmark::kMicrosecond);

// Each rule on its own: where a pass spends its time.
void BM_OneRule(benchmark::State& state, const analysis::RuleDef* rule) {
  auto& a = architecture(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    analysis::Context ctx(a.world, a.sim.now());
    analysis::run_whole_rule(ctx, rule);
    benchmark::DoNotOptimize(ctx.findings());
  }
}

}  // namespace

int main(int argc, char** argv) {
  for (const auto* rule : analysis::all_rules()) {
    benchmark::RegisterBenchmark(("BM_OneRule/" + std::string(rule->id)).c_str(), BM_OneRule, rule)
        ->Arg(10'000)
        ->Arg(100'000)
        ->Unit(benchmark::kMillisecond);
  }
  const std::pair<const char*, model::Part> parts[] = {{"events", model::Part::Events},
                                                       {"elb", model::Part::Elb},
                                                       {"dns", model::Part::Dns},
                                                       {"acm", model::Part::Acm},
                                                       {"certificates", model::Part::Certificates}};
  for (const auto& [name, part] : parts) {
    benchmark::RegisterBenchmark((std::string("BM_ReevaluateAfterChange/") + name).c_str(), BM_ReevaluateAfterChange, part)
        ->Arg(100'000)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
