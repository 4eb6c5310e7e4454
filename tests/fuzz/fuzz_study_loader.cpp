// libFuzzer target: the study loader (inline bases; a base file outside the
// fuzzer's folder is refused like any other).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "acmsim/study/study.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  acmsim::study::StudyLimits limits;
  limits.scenario.max_steps = 200;
  try {
    (void)acmsim::study::parse_study(text, "fuzz/fuzz.study.json", limits);
  } catch (const acmsim::scenario::InputError&) {
  }
  return 0;
}
