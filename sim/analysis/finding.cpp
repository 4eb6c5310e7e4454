#include "acmsim/analysis/finding.hpp"

#include "acmsim/core/random.hpp"

namespace acmsim::analysis {

std::string Finding::key() const {
  std::string k = rule;
  for (const auto& r : resources) k += "|" + r;
  return k;
}

std::string finding_id(const std::string& rule, const std::vector<std::string>& resources) {
  // The hash of key(), without building it: a pass may report 100,000 findings.
  std::uint64_t h = core::fnv1a64(rule);
  for (const auto& r : resources) h = core::fnv1a64_more(core::fnv1a64_more(h, "|"), r);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(13, 'F');
  for (std::size_t i = 1; i < 13; ++i) {
    out[i] = hex[h & 15];
    h >>= 4;
  }
  return out;
}

}  // namespace acmsim::analysis
