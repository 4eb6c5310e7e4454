// libFuzzer target: the EventBridge pattern compiler and matcher. An input is
// one line of the conformance vectors: {"pattern": ..., "event": ...}; other
// bytes exercise the wildcard matcher on raw text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "acmsim/model/events/event_pattern.hpp"
#include "acmsim/input/json_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Raw text: the part before the first newline is a wildcard, the rest its value.
  const auto nl = text.find('\n');
  if (nl != std::string_view::npos) {
    const bool star = acmsim::model::wildcard_match("*", text.substr(nl + 1));
    if (!star) std::abort();  // "*" matches everything
    (void)acmsim::model::wildcard_match(text.substr(0, nl), text.substr(nl + 1));
  }
  acmsim::input::SourceDocument doc;
  try {
    doc = acmsim::input::parse_json_with_positions(text);
  } catch (const acmsim::input::JsonSyntaxError&) {
    return 0;
  }
  if (!doc.root.is_object() || !doc.root.contains("pattern")) return 0;
  auto compiled = acmsim::model::EventPattern::compile(doc.root["pattern"]);
  if (!compiled.ok()) return 0;
  const acmsim::core::Json event = doc.root.contains("event") ? doc.root["event"] : acmsim::core::Json::object();
  (void)compiled.value().matches(event);
  return 0;
}
