#include "acmsim/model/client/latency.hpp"

#include <array>
#include <cmath>

namespace acmsim::model {

namespace {

struct Place {
  std::string_view region;
  double lat;
  double lon;
};

// The metro area of each region (public AWS region pages name the city).
constexpr std::array<Place, 34> kPlaces{{
    {"af-south-1", -33.92, 18.42},     {"ap-east-1", 22.32, 114.17},       {"ap-east-2", 25.03, 121.57},      {"ap-northeast-1", 35.68, 139.69},
    {"ap-northeast-2", 37.57, 126.98}, {"ap-northeast-3", 34.69, 135.50},  {"ap-south-1", 19.08, 72.88},      {"ap-south-2", 17.39, 78.49},
    {"ap-southeast-1", 1.35, 103.82},  {"ap-southeast-2", -33.87, 151.21}, {"ap-southeast-3", -6.21, 106.85}, {"ap-southeast-4", -37.81, 144.96},
    {"ap-southeast-5", 3.14, 101.69},  {"ap-southeast-6", -36.85, 174.76}, {"ap-southeast-7", 13.76, 100.50}, {"ca-central-1", 45.50, -73.57},
    {"ca-west-1", 51.05, -114.07},     {"eu-central-1", 50.11, 8.68},      {"eu-central-2", 47.38, 8.54},     {"eu-north-1", 59.33, 18.07},
    {"eu-south-1", 45.46, 9.19},       {"eu-south-2", 41.65, -0.88},       {"eu-west-1", 53.35, -6.26},       {"eu-west-2", 51.51, -0.13},
    {"eu-west-3", 48.86, 2.35},        {"il-central-1", 32.09, 34.78},     {"me-central-1", 25.20, 55.27},    {"me-south-1", 26.07, 50.56},
    {"mx-central-1", 20.59, -100.39},  {"sa-east-1", -23.55, -46.63},      {"us-east-1", 39.04, -77.49},      {"us-east-2", 39.96, -83.00},
    {"us-west-1", 37.77, -122.42},     {"us-west-2", 45.84, -119.70},
}};

constexpr double kStretch = 1.35;
constexpr double kFibreKmPerMs = 200.0;  // two thirds of c
constexpr double kSwitchingMs = 1.5;

const Place& place(RegionId r) {
  const auto code = region_code(r);
  for (const auto& p : kPlaces) {
    if (p.region == code) return p;
  }
  return kPlaces.front();
}

}  // namespace

double LatencyModel::distance_km(RegionId a, RegionId b) {
  constexpr double kEarthKm = 6371.0;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const Place& p = place(a);
  const Place& q = place(b);
  const double dlat = (q.lat - p.lat) * kRad;
  const double dlon = (q.lon - p.lon) * kRad;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(p.lat * kRad) * std::cos(q.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(h)));
}

LatencyModel::LatencyModel(const Settings& settings) {
  const auto n = static_cast<Eigen::Index>(all_regions().size());
  rtt_.resize(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      const double km = distance_km(static_cast<RegionId>(i), static_cast<RegionId>(j));
      rtt_(i, j) = kSwitchingMs + 2.0 * km * kStretch / kFibreKmPerMs;
    }
  }
  for (const auto& [a, b, ms] : settings.rtt_overrides) {
    const auto i = static_cast<Eigen::Index>(*find_region(a));
    const auto j = static_cast<Eigen::Index>(*find_region(b));
    rtt_(i, j) = ms;
    rtt_(j, i) = ms;
  }
}

}  // namespace acmsim::model
