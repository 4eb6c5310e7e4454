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

namespace acmsim::analysis {

bool glob_matches(std::string_view pattern, std::string_view text) {
  // Greedy matching with one backtrack point (the last `*`): linear in
  // practice, at most pattern x text, and the loader bounds both lengths.
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

void apply_suppressions(Finding& f, const std::vector<Suppression>& suppressions, std::vector<bool>* used) {
  for (std::size_t i = 0; i < suppressions.size(); ++i) {
    const Suppression& s = suppressions[i];
    if (s.rule != f.rule) continue;
    for (const auto& r : f.resources) {
      if (!glob_matches(s.resource, r)) continue;
      if (!f.suppressed) {  // the first entry that accepts it gives the reason
        f.suppressed = s.reason;
        f.suppressed_by_config = !s.file.empty();
      }
      if (used != nullptr) (*used)[i] = true;
      break;
    }
  }
}

void apply_suppressions(std::vector<Finding>& findings, const std::vector<Suppression>& suppressions, std::vector<bool>* used) {
  if (suppressions.empty()) return;
  for (auto& f : findings) apply_suppressions(f, suppressions, used);
}

}  // namespace acmsim::analysis
