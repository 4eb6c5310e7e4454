#include "acmsim/core/time.hpp"

#include <array>
#include <cstdio>
#include <limits>

namespace acmsim::core {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct Civil {
  std::int64_t y;
  unsigned m;
  unsigned d;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {m <= 2 ? y + 1 : y, m, d};
}

bool leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr std::array<unsigned, 12> k{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : k[m - 1];
}

// Reads exactly n digits at pos.
std::optional<unsigned> digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  unsigned v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_digit(s[pos + i])) return std::nullopt;
    v = v * 10 + static_cast<unsigned>(s[pos + i] - '0');
  }
  return v;
}

}  // namespace

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<Duration> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::size_t i = 0;
  std::int64_t total = 0;
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  while (i < text.size()) {
    if (!is_digit(text[i])) return std::nullopt;
    std::int64_t n = 0;
    while (i < text.size() && is_digit(text[i])) {
      const int dgt = text[i] - '0';
      if (n > (max - dgt) / 10) return std::nullopt;
      n = n * 10 + dgt;
      ++i;
    }
    std::int64_t unit = 0;
    if (text.substr(i, 2) == "ms") {
      unit = 1;
      i += 2;
    } else if (i < text.size()) {
      switch (text[i]) {
        case 's':
          unit = 1000;
          break;
        case 'm':
          unit = 60'000;
          break;
        case 'h':
          unit = 3'600'000;
          break;
        case 'd':
          unit = 86'400'000;
          break;
        case 'w':
          unit = 7 * 86'400'000LL;
          break;
        default:
          return std::nullopt;
      }
      ++i;
    } else {
      return std::nullopt;  // a bare number has no unit
    }
    if (n > max / unit) return std::nullopt;
    const std::int64_t part = n * unit;
    if (total > max - part) return std::nullopt;
    total += part;
  }
  return Duration{total};
}

std::string format_duration(Duration d) {
  std::int64_t v = d.ms;
  std::string out;
  if (v < 0) {
    out = "-";
    v = -v;
  }
  if (v == 0) return "0s";
  struct Unit {
    std::int64_t ms;
    const char* name;
  };
  static constexpr std::array<Unit, 5> units{{{86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1000, "s"}, {1, "ms"}}};
  for (const auto& u : units) {
    if (v >= u.ms) {
      out += std::to_string(v / u.ms);
      out += u.name;
      v %= u.ms;
    }
  }
  return out;
}

std::optional<SimTime> parse_timestamp(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.fff]Z
  if (s.size() < 20) return std::nullopt;
  auto y = digits(s, 0, 4);
  auto mo = digits(s, 5, 2);
  auto d = digits(s, 8, 2);
  auto h = digits(s, 11, 2);
  auto mi = digits(s, 14, 2);
  auto se = digits(s, 17, 2);
  if (!y || !mo || !d || !h || !mi || !se) return std::nullopt;
  if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':') return std::nullopt;
  if (*mo < 1 || *mo > 12 || *d < 1 || *d > days_in_month(*y, *mo) || *h > 23 || *mi > 59 || *se > 59) return std::nullopt;
  std::size_t i = 19;
  std::int64_t millis = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t start = i;
    int kept = 0;
    while (i < s.size() && is_digit(s[i])) {
      if (kept < 3) {
        millis = millis * 10 + (s[i] - '0');
        ++kept;
      }
      ++i;
    }
    if (i == start) return std::nullopt;
    while (kept < 3) {
      millis *= 10;
      ++kept;
    }
  }
  const std::string_view zone = s.substr(i);
  if (zone != "Z" && zone != "z" && zone != "+00:00" && zone != "-00:00") return std::nullopt;
  const std::int64_t days = days_from_civil(*y, *mo, *d);
  const std::int64_t secs = days * 86400 + std::int64_t{*h} * 3600 + std::int64_t{*mi} * 60 + std::int64_t{*se};
  return SimTime{secs * 1000 + millis};
}

std::string format_timestamp(SimTime t) {
  std::int64_t ms = t.ms;
  std::int64_t days = ms >= 0 ? ms / 86'400'000 : -((-ms + 86'399'999) / 86'400'000);
  std::int64_t rem = ms - days * 86'400'000;
  const Civil c = civil_from_days(days);
  const auto h = rem / 3'600'000;
  rem %= 3'600'000;
  const auto mi = rem / 60'000;
  rem %= 60'000;
  const auto se = rem / 1000;
  const auto milli = rem % 1000;
  if (c.y < 0 || c.y > 9999) {
    // Out of RFC 3339's range (the loader refuses such instants): printed
    // as they are, for messages about them.
    char buf[96];
    if (milli != 0) {
      std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(c.y), c.m, c.d,
                    static_cast<long long>(h), static_cast<long long>(mi), static_cast<long long>(se), static_cast<long long>(milli));
    } else {
      std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(c.y), c.m, c.d, static_cast<long long>(h),
                    static_cast<long long>(mi), static_cast<long long>(se));
    }
    return buf;
  }
  // By hand, not snprintf: every trace record and every event carries a
  // timestamp, and a fleet formats millions of them.
  char buf[24] = {};
  auto put = [&buf](std::size_t at, std::int64_t v, int digits) {
    for (int k = digits - 1; k >= 0; --k, v /= 10) buf[at + static_cast<std::size_t>(k)] = static_cast<char>('0' + v % 10);
  };
  put(0, c.y, 4);
  buf[4] = '-';
  put(5, c.m, 2);
  buf[7] = '-';
  put(8, c.d, 2);
  buf[10] = 'T';
  put(11, h, 2);
  buf[13] = ':';
  put(14, mi, 2);
  buf[16] = ':';
  put(17, se, 2);
  if (milli == 0) {
    buf[19] = 'Z';
    return std::string(buf, 20);
  }
  buf[19] = '.';
  put(20, milli, 3);
  buf[23] = 'Z';
  return std::string(buf, 24);
}

}  // namespace acmsim::core
