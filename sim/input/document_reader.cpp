#include "acmsim/input/document_reader.hpp"

#include <algorithm>

#include "acmsim/core/suggest.hpp"

namespace acmsim::input {

std::string InputError::render() const {
  std::string out = file_ + ":" + std::to_string(pos_.line) + ":" + std::to_string(pos_.column) + ": " + what();
  if (!pointer_.empty()) out += " (at " + readable_path(pointer_) + ")";
  return out;
}

std::string unknown_region(std::string_view code) {
  return "unknown region \"" + std::string(code) + "\"; nearest known regions: " + core::join_names(model::nearest_regions(code, 3));
}

void DocumentReader::check_members(const core::Json& obj, const std::string& pointer, std::span<const std::string_view> valid,
                                   std::string_view where) const {
  for (const auto& [k, v] : obj.items()) {
    if (std::find(valid.begin(), valid.end(), k) == valid.end()) {
      fail(pointer + "/" + pointer_escape(k), "unknown member \"" + k + "\" " + std::string(where) + "; valid members: " + core::join_names(valid) +
                                                  core::did_you_mean(k, valid, core::Closeness::Close, /*containing=*/true));
    }
  }
}

model::RegionId DocumentReader::region(const std::string& code, const std::string& pointer) const {
  const auto id = model::find_region(code);
  if (!id) fail(pointer, unknown_region(code));
  return *id;
}

}  // namespace acmsim::input
