// Round-trip times between AWS regions, and from clients to CloudFront edges.
//
// The matrix is a model, not a measurement: great-circle distance between the
// regions' metro areas, times a route stretch of 1.35, at two thirds of the
// speed of light (fibre), plus 1.5 ms of switching. On the pairs with published
// medians (cloudping.co) it lands within about 15%: us-east-1 to eu-west-1 about
// 75 ms, to ap-northeast-1 about 148 ms, to ap-southeast-2 about 212 ms.
// Measured values replace it pair by pair through the `latency.regionRttMs`
// setting.
#pragma once

#include <Eigen/Dense>

#include "acmsim/model/regions.hpp"
#include "acmsim/model/settings.hpp"

namespace acmsim::model {

class LatencyModel {
 public:
  explicit LatencyModel(const Settings& settings);

  /// Round-trip time in milliseconds between clients in `a` and servers in `b`.
  [[nodiscard]] double rtt_ms(RegionId a, RegionId b) const { return rtt_(a, b); }
  [[nodiscard]] const Eigen::MatrixXd& matrix() const { return rtt_; }

  /// Great-circle distance in kilometres between two regions' metro areas.
  static double distance_km(RegionId a, RegionId b);

 private:
  Eigen::MatrixXd rtt_;
};

}  // namespace acmsim::model
