// Output files are written whole or not at all: to a temporary file beside the
// target, then renamed over it.
#pragma once

#include <string>
#include <string_view>

namespace acmsim::report {

/// Throws std::runtime_error with the reason when the file cannot be written.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace acmsim::report
