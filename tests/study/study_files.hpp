// Writes study files for tests into a folder of this process's own: ctest runs
// the tests of a file in parallel processes, which must not share a file.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace acmsim::test_support {

inline std::string write_study(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / ("acmsim-study-tests-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / name).string();
  std::ofstream(path) << text;
  return path;
}

}  // namespace acmsim::test_support
