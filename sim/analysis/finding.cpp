#include "acmsim/analysis/finding.hpp"

#include "acmsim/core/random.hpp"

namespace acmsim::analysis {

std::string Finding::key() const {
  std::string k = rule;
  for (const auto& r : resources) k += "|" + r;
  return k;
}

std::string finding_id(const std::string& rule, const std::vector<std::string>& resources) {
  std::string k = rule;
  for (const auto& r : resources) k += "|" + r;
  std::uint64_t h = core::fnv1a64(k);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "F";
  for (int i = 0; i < 12; ++i) {
    out += hex[h & 15];
    h >>= 4;
  }
  return out;
}

}  // namespace acmsim::analysis
