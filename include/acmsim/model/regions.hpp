// AWS commercial regions: codes and names, in one table.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace acmsim::model {

/// Index into the region table; stable for one build.
using RegionId = std::uint8_t;

struct RegionInfo {
  std::string_view code;
  std::string_view name;
};

/// Every current commercial region (partition `aws`), sorted by code.
std::span<const RegionInfo> all_regions();
std::optional<RegionId> find_region(std::string_view code);
std::string_view region_code(RegionId id);
std::string_view region_name(RegionId id);

/// The known codes closest to `code` (edit distance), for "did you mean" messages.
std::vector<std::string_view> nearest_regions(std::string_view code, std::size_t max = 3);

/// us-east-1: where CloudFront and edge-optimized API Gateway take their certificates.
RegionId us_east_1();

}  // namespace acmsim::model
