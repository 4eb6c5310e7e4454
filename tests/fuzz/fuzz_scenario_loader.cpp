// libFuzzer target: the scenario loader, and a short run of what it accepts.
// Bad input must end as InputError (exit 2 in the CLI) or, for a run, as the
// event budget; anything else escaping is a bug the fuzzer reports.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "acmsim/core/simulation.hpp"
#include "acmsim/scenario/runner.hpp"
#include "acmsim/scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  acmsim::scenario::LoadLimits limits;
  limits.max_steps = 200;
  limits.max_horizon = acmsim::core::Duration::days(800);
  try {
    const auto s = acmsim::scenario::parse_scenario(text, "fuzz.json", limits);
    acmsim::scenario::RunOptions options;
    options.max_events = 20'000;
    options.check_invariants = true;
    (void)acmsim::scenario::run_scenario(s, options);
  } catch (const acmsim::scenario::InputError&) {
  } catch (const acmsim::core::EventBudgetExceeded&) {
  }
  return 0;
}
