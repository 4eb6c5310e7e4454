#include "acmsim/core/suggest.hpp"

#include <algorithm>
#include <utility>

namespace acmsim::core {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1);
  std::vector<std::size_t> cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::string_view> nearest(std::string_view word, std::span<const std::string_view> candidates, std::size_t max) {
  std::vector<std::pair<std::size_t, std::size_t>> scored;  // distance, index
  scored.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) scored.emplace_back(edit_distance(word, candidates[i]), i);
  std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < scored.size() && out.size() < max; ++i) out.push_back(candidates[scored[i].second]);
  return out;
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> valid, Closeness closeness, bool containing) {
  if (containing && word.size() >= 4) {
    for (const auto v : valid) {
      if (v.find(word) != std::string_view::npos) return " (did you mean \"" + std::string(v) + "\"?)";
    }
  }
  const auto near = nearest(word, valid, 1);
  const std::size_t limit = std::max<std::size_t>(2, word.size() / (closeness == Closeness::Close ? 3 : 2));
  if (near.empty() || edit_distance(word, near.front()) > limit) return "";
  return " (did you mean \"" + std::string(near.front()) + "\"?)";
}

std::string join_names(std::span<const std::string_view> names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i > 0 ? ", " : "") + std::string(names[i]);
  return out;
}

}  // namespace acmsim::core
