// acmsim import: templates in, the scenario of their deployment out.
#include <iostream>

#include "acmsim/report/atomic_file.hpp"
#include "commands.hpp"

namespace acmsim::cli {

int import_command(const ImportArgs& args) {
  scenario::Scenario s;
  core::Json doc;
  if (const int rc = import_templates(args.files, args.templates, args.limits, s, &doc); rc != kOk) return rc;
  const std::string text = doc.dump(2) + "\n";
  if (args.out == "-") {
    std::cout << text;
    return kOk;
  }
  try {
    report::write_file_atomically(args.out, text);
  } catch (const std::exception& e) {
    std::cerr << "acmsim import: " << e.what() << "\n";
    return kBadInput;
  }
  std::cerr << "acmsim import: wrote " << args.out << " (" << s.steps.size() << (s.steps.size() == 1 ? " step)" : " steps)") << "\n";
  return kOk;
}

}  // namespace acmsim::cli
