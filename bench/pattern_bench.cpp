// EventBridge matching: 1,000 rules on one bus, realistic ACM events. The
// compiled patterns are measured against the baseline of compiling each
// pattern from its JSON text for every event, in the same run.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "acmsim/model/events/event_pattern.hpp"

namespace {

using acmsim::core::Json;
using acmsim::model::EventPattern;

// A mix like a real account's: ACM rules by detail-type and window, other services' rules.
std::vector<std::string> pattern_texts() {
  std::vector<std::string> out;
  const char* types[] = {"ACM Certificate Approaching Expiration", "ACM Certificate Expired", "ACM Certificate Available",
                         "ACM Certificate Renewal Action Required"};
  for (int i = 0; i < 1000; ++i) {
    switch (i % 5) {
      case 0:
        out.push_back(R"({"source":["aws.acm"],"detail-type":[")" + std::string(types[i % 4]) + R"("]})");
        break;
      case 1:
        out.push_back(R"({"source":["aws.acm"],"detail":{"DaysToExpiry":[{"numeric":["<=",)" + std::to_string(1 + i % 45) + "]}]}}");
        break;
      case 2:
        out.push_back(R"({"source":["aws.ec2"],"detail":{"state":["stopped","terminated"]}})");
        break;
      case 3:
        out.push_back(R"({"resources":[{"prefix":"arn:aws:acm:us-east-1:111122223333:certificate/)" + std::to_string(i) + R"("}]})");
        break;
      default:
        out.push_back(R"({"source":[{"anything-but":["aws.acm","aws.config"]}],"detail-type":[{"wildcard":"*State*"}]})");
        break;
    }
  }
  return out;
}

std::vector<Json> events() {
  std::vector<Json> out;
  for (int d = 1; d <= 64; ++d) {
    out.push_back(Json::parse(R"({"version":"0","id":"9c95e8e4-96a4-ef3f-b739-b6aa5b193afb","detail-type":"ACM Certificate Approaching Expiration",
      "source":"aws.acm","account":"111122223333","time":"2026-09-30T06:51:08Z","region":"us-east-1",
      "resources":["arn:aws:acm:us-east-1:111122223333:certificate/61f50cd4-45b9-4259-b049-d0a53682fa4b"],
      "detail":{"CommonName":"example.com","FirstSubjectAlternativeName":"example.com","ValidityInDays":198,"CertificateKeyPairOrigin":"AWS_MANAGED"}})"));
    out.back()["detail"]["DaysToExpiry"] = d % 46;
  }
  return out;
}

void BM_CompiledRules(benchmark::State& state) {
  std::vector<EventPattern> rules;
  for (const auto& t : pattern_texts()) rules.push_back(EventPattern::compile(Json::parse(t)).value());
  const auto evs = events();
  std::size_t i = 0;
  std::size_t matched = 0;
  for (auto _ : state) {
    const Json& e = evs[i++ % evs.size()];
    for (const auto& r : rules) matched += r.matches_normalized(e) ? 1 : 0;
  }
  benchmark::DoNotOptimize(matched);
  state.SetItemsProcessed(state.iterations());  // events, each against 1,000 rules
}

void BM_ReparseEachTime(benchmark::State& state) {
  const auto texts = pattern_texts();
  const auto evs = events();
  std::size_t i = 0;
  std::size_t matched = 0;
  for (auto _ : state) {
    const Json& e = evs[i++ % evs.size()];
    for (const auto& t : texts) matched += EventPattern::compile(Json::parse(t)).value().matches(e) ? 1 : 0;
  }
  benchmark::DoNotOptimize(matched);
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_CompiledRules);
BENCHMARK(BM_ReparseEachTime);
BENCHMARK_MAIN();
