// Where an input may name other files: inside the folder of the file that
// names them, so that no input reads beyond what the command line gave.
#pragma once

#include <filesystem>

namespace acmsim::input {

/// Whether `path` (following symbolic links) lies inside `folder`.
bool inside_folder(const std::filesystem::path& path, const std::filesystem::path& folder);

}  // namespace acmsim::input
