// Real infrastructure as input: CloudFormation (JSON and YAML, SAM included)
// turned into the scenario that reproduces its deployment, one call step per
// AWS call CloudFormation would make, each with the template location it
// came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "acmsim/core/trace.hpp"
#include "acmsim/scenario/scenario.hpp"

namespace acmsim::iac {

struct ImportOptions {
  std::string region = "us-east-1";  // --region: where a template without its own region deploys
  std::string account = "111122223333";
  /// --parameter [STACK.]KEY=VALUE, in command-line order.
  std::vector<std::pair<std::string, std::string>> parameters;
  std::uint64_t max_file_bytes = 64ULL << 20;
  bool read_other_files = true;  // false: nested stacks are not read (a template given as text)
};

struct Imported {
  core::Json scenario;                        // the scenario document
  std::vector<scenario::StepOrigin> origins;  // one per step of scenario["steps"]
  /// What the reader did not simulate, each once: "FILE:LINE:COLUMN: ..." lines.
  std::vector<std::string> notices;
};

/// Whether a file is infrastructure input (by its name, or its first bytes
/// for JSON) rather than a scenario.
bool is_infrastructure_file(const std::string& path);

/// Reads the templates and returns the scenario of their deployment; throws
/// scenario::InputError (FILE:LINE:COLUMN) for bad input.
Imported import_infrastructure(const std::vector<std::string>& files, const ImportOptions& options);

/// The same for one CloudFormation or SAM template given as text (YAML or
/// JSON); `file` names it in messages. No other file is read.
Imported import_template_text(std::string_view text, const std::string& file, const ImportOptions& options);

}  // namespace acmsim::iac
