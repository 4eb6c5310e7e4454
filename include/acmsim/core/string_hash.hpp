// A transparent hash for unordered containers keyed by std::string, so that
// lookups by std::string_view build no string (they are on hot paths: DNS
// names, pooled trace strings).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace acmsim::core {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace acmsim::core
