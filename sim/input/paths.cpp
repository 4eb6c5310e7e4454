#include "acmsim/input/paths.hpp"

namespace acmsim::input {

bool inside_folder(const std::filesystem::path& path, const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(folder.empty() ? fs::path(".") : folder, ec);
  if (ec) return false;
  const fs::path target = fs::weakly_canonical(path, ec);
  if (ec) return false;
  auto r = root.begin();
  auto t = target.begin();
  for (; r != root.end(); ++r, ++t) {
    if (r->empty()) continue;  // a trailing separator
    if (t == target.end() || *r != *t) return false;
  }
  return true;
}

}  // namespace acmsim::input
