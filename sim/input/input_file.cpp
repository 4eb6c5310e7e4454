#include "acmsim/input/input_file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace acmsim::input {

std::string read_input_file(const std::string& path, std::uint64_t max_bytes, const std::string& raise_with) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) throw InputError(path, SourcePos{1, 1}, "", "no such file");
  if (fs::is_directory(status))
    throw InputError(path, SourcePos{1, 1}, "", "is a directory, not a scenario file (acmsim check runs every scenario in a folder)");
  if (!fs::is_regular_file(status)) throw InputError(path, SourcePos{1, 1}, "", "is not a regular file");
  const auto size = fs::file_size(path, ec);
  if (ec) throw InputError(path, SourcePos{1, 1}, "", "cannot read the file: " + ec.message());
  if (size > max_bytes) {
    throw InputError(path, SourcePos{1, 1}, "",
                     "the file has " + std::to_string(size) + " bytes, more than the limit of " + std::to_string(max_bytes) + " (" +
                         (raise_with.rfind("--", 0) == 0 ? "raise it with " + raise_with : raise_with) + ")");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, SourcePos{1, 1}, "", "cannot open the file for reading");
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace acmsim::input
