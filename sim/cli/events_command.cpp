#include <iostream>

#include "acmsim/input/input_file.hpp"
#include "acmsim/input/json_source.hpp"
#include "acmsim/model/events/event_pattern.hpp"
#include "commands.hpp"

namespace acmsim::cli {

namespace {

// "@file" reads the file; anything else is JSON text.
std::optional<std::string> argument_text(const std::string& arg, const char* what, std::uint64_t max_bytes) {
  if (arg.empty() || arg.front() != '@') {
    if (arg.size() > max_bytes) {
      std::cerr << "acmsim events test-pattern: the " << what << " has more than " << max_bytes << " bytes\n";
      return std::nullopt;
    }
    return arg;
  }
  try {
    // A regular file of bounded size: /dev/zero or a FIFO is refused, not read forever.
    return input::read_input_file(arg.substr(1), max_bytes, "--max-file-size");
  } catch (const scenario::InputError& e) {
    std::cerr << "acmsim events test-pattern: " << what << ": " << e.render() << "\n";
    return std::nullopt;
  }
}

std::optional<core::Json> parse(const std::string& arg, const char* what, std::uint64_t max_bytes) {
  auto text = argument_text(arg, what, max_bytes);
  if (!text) return std::nullopt;
  try {
    return input::parse_json_with_positions(*text).root;
  } catch (const input::JsonSyntaxError& e) {
    std::cerr << "acmsim events test-pattern: the " << what << " is not valid JSON: " << e.pos().line << ":" << e.pos().column << ": " << e.what()
              << "\n";
    return std::nullopt;
  }
}

}  // namespace

int test_pattern_command(const std::string& pattern_arg, const std::string& event_arg, std::uint64_t max_bytes) {
  auto pattern = parse(pattern_arg, "event pattern", max_bytes);
  if (!pattern) return kBadInput;
  auto event = parse(event_arg, "event", max_bytes);
  if (!event) return kBadInput;
  if (!event->is_object()) {
    std::cerr << "acmsim events test-pattern: InvalidEventPatternException: the event must be a JSON object\n";
    return kBadInput;
  }
  auto compiled = model::EventPattern::compile(*pattern);
  if (!compiled.ok()) {
    std::cerr << "acmsim events test-pattern: " << compiled.error().code << ": " << compiled.error().message << "\n";
    return kBadInput;
  }
  std::cout << core::Json{{"Result", compiled.value().matches(*event)}}.dump() << "\n";
  return kOk;
}

}  // namespace acmsim::cli
