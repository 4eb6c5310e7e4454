#include "acmsim/model/regions.hpp"

#include "acmsim/core/suggest.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace acmsim::model {

namespace {
// Source: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
// (commercial partition, as listed in 2026; opt-in regions included).
constexpr std::array<RegionInfo, 34> kRegions{{
    {"af-south-1", "Africa (Cape Town)"},
    {"ap-east-1", "Asia Pacific (Hong Kong)"},
    {"ap-east-2", "Asia Pacific (Taipei)"},
    {"ap-northeast-1", "Asia Pacific (Tokyo)"},
    {"ap-northeast-2", "Asia Pacific (Seoul)"},
    {"ap-northeast-3", "Asia Pacific (Osaka)"},
    {"ap-south-1", "Asia Pacific (Mumbai)"},
    {"ap-south-2", "Asia Pacific (Hyderabad)"},
    {"ap-southeast-1", "Asia Pacific (Singapore)"},
    {"ap-southeast-2", "Asia Pacific (Sydney)"},
    {"ap-southeast-3", "Asia Pacific (Jakarta)"},
    {"ap-southeast-4", "Asia Pacific (Melbourne)"},
    {"ap-southeast-5", "Asia Pacific (Malaysia)"},
    {"ap-southeast-6", "Asia Pacific (New Zealand)"},
    {"ap-southeast-7", "Asia Pacific (Thailand)"},
    {"ca-central-1", "Canada (Central)"},
    {"ca-west-1", "Canada West (Calgary)"},
    {"eu-central-1", "Europe (Frankfurt)"},
    {"eu-central-2", "Europe (Zurich)"},
    {"eu-north-1", "Europe (Stockholm)"},
    {"eu-south-1", "Europe (Milan)"},
    {"eu-south-2", "Europe (Spain)"},
    {"eu-west-1", "Europe (Ireland)"},
    {"eu-west-2", "Europe (London)"},
    {"eu-west-3", "Europe (Paris)"},
    {"il-central-1", "Israel (Tel Aviv)"},
    {"me-central-1", "Middle East (UAE)"},
    {"me-south-1", "Middle East (Bahrain)"},
    {"mx-central-1", "Mexico (Central)"},
    {"sa-east-1", "South America (Sao Paulo)"},
    {"us-east-1", "US East (N. Virginia)"},
    {"us-east-2", "US East (Ohio)"},
    {"us-west-1", "US West (N. California)"},
    {"us-west-2", "US West (Oregon)"},
}};
}  // namespace

std::span<const RegionInfo> all_regions() { return kRegions; }

std::optional<RegionId> find_region(std::string_view code) {
  const auto it = std::lower_bound(kRegions.begin(), kRegions.end(), code, [](const RegionInfo& r, std::string_view c) { return r.code < c; });
  if (it == kRegions.end() || it->code != code) return std::nullopt;
  return static_cast<RegionId>(it - kRegions.begin());
}

std::string_view region_code(RegionId id) { return kRegions.at(id).code; }
std::string_view region_name(RegionId id) { return kRegions.at(id).name; }

RegionId us_east_1() {
  static const RegionId id = *find_region("us-east-1");
  return id;
}

std::vector<std::string_view> nearest_regions(std::string_view code, std::size_t max) {
  std::vector<std::string_view> codes;
  codes.reserve(kRegions.size());
  for (const auto& r : kRegions) codes.push_back(r.code);
  return core::nearest(code, codes, max);
}

}  // namespace acmsim::model
