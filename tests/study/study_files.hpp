// Writes study files for tests into a folder of this process's own: ctest runs
// the tests of a file in parallel processes, which must not share a file.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace acmsim::test_support {

/// The folder of this process's study files; the bundled what-if scenarios are
/// copied into it, since a study's base must lie inside the study's folder.
inline std::filesystem::path study_folder() {
  const auto dir = std::filesystem::temp_directory_path() / ("acmsim-study-tests-" + std::to_string(::getpid()));
  if (!std::filesystem::exists(dir)) {
    std::filesystem::create_directories(dir);
    for (const auto& e : std::filesystem::directory_iterator(std::string(ACMSIM_SOURCE_DIR) + "/scenarios/whatif")) {
      if (e.path().extension() == ".json") std::filesystem::copy_file(e.path(), dir / e.path().filename());
    }
  }
  return dir;
}

/// Writes a study; a base named by its path among the bundled what-if
/// scenarios is made relative (the copy beside the study).
inline std::string write_study(const std::string& name, std::string text) {
  const auto dir = study_folder();
  const std::string whatif = std::string(ACMSIM_SOURCE_DIR) + "/scenarios/whatif/";
  for (auto at = text.find(whatif); at != std::string::npos; at = text.find(whatif)) text.erase(at, whatif.size());
  const auto path = (dir / name).string();
  std::ofstream(path) << text;
  return path;
}

}  // namespace acmsim::test_support
