// Simulation time and durations.
//
// Time is a strong type over 64-bit integer milliseconds since the Unix epoch, so
// that AWS's dated rules (validity eras, event windows) compare directly against
// calendar instants and no floating-point error can reorder events.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace acmsim::core {

/// A span of simulated time, in milliseconds.
struct Duration {
  std::int64_t ms = 0;

  static constexpr Duration millis(std::int64_t v) { return Duration{v}; }
  static constexpr Duration seconds(std::int64_t v) { return Duration{v * 1000}; }
  static constexpr Duration minutes(std::int64_t v) { return Duration{v * 60'000}; }
  static constexpr Duration hours(std::int64_t v) { return Duration{v * 3'600'000}; }
  static constexpr Duration days(std::int64_t v) { return Duration{v * 86'400'000}; }

  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return Duration{ms + o.ms}; }
  constexpr Duration operator-(Duration o) const { return Duration{ms - o.ms}; }
  constexpr Duration operator*(std::int64_t k) const { return Duration{ms * k}; }
};

/// An instant, in milliseconds since 1970-01-01T00:00:00Z.
struct SimTime {
  std::int64_t ms = 0;

  constexpr auto operator<=>(const SimTime&) const = default;
  constexpr SimTime operator+(Duration d) const { return SimTime{ms + d.ms}; }
  constexpr SimTime operator-(Duration d) const { return SimTime{ms - d.ms}; }
  constexpr Duration operator-(SimTime o) const { return Duration{ms - o.ms}; }
};

/// Parses "90d", "1d12h", "250ms": one or more <integer><unit> groups, units
/// ms s m h d w. Returns nullopt on anything else (a bare number included) or on
/// overflow.
std::optional<Duration> parse_duration(std::string_view text);

/// Formats as the shortest group form ("1d12h", "0s", "250ms", "-2h").
std::string format_duration(Duration d);

/// Parses an RFC 3339 UTC timestamp: "2026-01-01T00:00:00Z", optional fraction
/// (up to milliseconds are kept), "Z" or "+00:00" only. Lower-case t/z accepted.
std::optional<SimTime> parse_timestamp(std::string_view text);

/// Formats as RFC 3339 UTC, with milliseconds only when they are not zero.
std::string format_timestamp(SimTime t);

/// Days since the epoch for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);

}  // namespace acmsim::core
