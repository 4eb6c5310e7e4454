#include <iostream>

#include "acmsim/model/settings.hpp"
#include "commands.hpp"

namespace acmsim::cli {

int settings_command(const std::string& format) {
  if (format == "markdown") {
    std::cout << "| setting | default | meaning | source |\n|---|---|---|---|\n";
    for (const auto& s : model::settings_catalogue()) {
      std::cout << "| `" << s.name << "` | " << model::default_text(s) << " | " << s.meaning << " | " << s.source << " |\n";
    }
    return kOk;
  }
  for (const auto& s : model::settings_catalogue()) {
    std::cout << s.name << "\n  default: " << model::default_text(s) << "\n  " << s.meaning << "\n  source: " << s.source << "\n\n";
  }
  return kOk;
}

}  // namespace acmsim::cli
