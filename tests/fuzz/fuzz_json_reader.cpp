// libFuzzer target: the position-carrying JSON reader. Any bytes either parse
// or raise JsonSyntaxError with a position inside the text; nothing else.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "acmsim/input/json_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto doc = acmsim::input::parse_json_with_positions(text);
    // Every value the tree holds has a position: walk the root's direct members.
    if (doc.root.is_object()) {
      for (const auto& [key, value] : doc.root.items()) {
        (void)value;
        if (!doc.position("/" + acmsim::input::pointer_escape(key))) std::abort();
      }
    }
    // What was read writes back as JSON that reads the same.
    const auto again = acmsim::input::parse_json_with_positions(doc.root.dump());
    if (again.root != doc.root) std::abort();
  } catch (const acmsim::input::JsonSyntaxError& e) {
    if (e.pos().line < 1 || e.pos().column < 1) std::abort();
  }
  return 0;
}
