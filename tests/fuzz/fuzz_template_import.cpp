// libFuzzer target: CloudFormation/SAM templates as text. Any bytes either
// import or raise InputError with a position; an import gives a scenario the
// loader accepts, and its run keeps the model's invariants.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "acmsim/iac/importer.hpp"
#include "acmsim/scenario/runner.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  acmsim::iac::Imported imported;
  try {
    imported = acmsim::iac::import_template_text(text, "fuzz.yaml", {});
  } catch (const acmsim::scenario::InputError& e) {
    if (e.pos().line < 1 || e.pos().column < 1) std::abort();
    return 0;
  }
  if (imported.origins.size() != imported.scenario["steps"].size()) std::abort();
  acmsim::scenario::Scenario s;
  try {
    s = acmsim::scenario::parse_scenario(imported.scenario.dump(), "fuzz.yaml (imported)");
  } catch (const acmsim::scenario::InputError& e) {
    // The importer writes only scenarios the loader accepts; a refusal is a bug,
    // except for limits the loader has and the template may exceed.
    if (std::string_view(e.what()).find("limit") == std::string_view::npos && std::string_view(e.what()).find("at most") == std::string_view::npos)
      std::abort();
    return 0;
  }
  acmsim::scenario::RunOptions o;
  o.check_invariants = true;
  o.max_events = 200'000;
  try {
    (void)acmsim::scenario::run_scenario(s, o);
  } catch (const acmsim::core::RunLimitExceeded&) {
  }
  return 0;
}
