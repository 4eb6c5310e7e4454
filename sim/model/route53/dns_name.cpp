#include "acmsim/model/route53/dns_name.hpp"

#include "acmsim/core/word_hash.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace acmsim::model::dns {

namespace {
// DNS compares names in ASCII case-insensitively (RFC 4343), whatever the locale.
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

std::string normalize(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 1);
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '\\' && i + 3 < name.size() + 0 && name.substr(i, 4) == "\\052") {
      out += '*';
      i += 3;
      continue;
    }
    out += ascii_lower(name[i]);
  }
  if (out.empty() || out.back() != '.') out += '.';
  return out;
}

std::string without_dot(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return std::string(name);
}

bool is_at_or_below(std::string_view name, std::string_view zone) {
  if (zone == ".") return true;
  if (name.size() < zone.size()) return false;
  if (name.substr(name.size() - zone.size()) != zone) return false;
  return name.size() == zone.size() || name[name.size() - zone.size() - 1] == '.';
}

std::string parent(std::string_view name) {
  if (name.empty() || name == ".") return "";
  const auto dot = name.find('.');
  if (dot == std::string_view::npos || dot + 1 >= name.size()) return ".";
  return std::string(name.substr(dot + 1));
}

std::vector<std::string_view> labels(std::string_view name) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < name.size()) {
    const auto dot = name.find('.', i);
    if (dot == std::string_view::npos) {
      out.push_back(name.substr(i));
      break;
    }
    if (dot > i) out.push_back(name.substr(i, dot - i));
    i = dot + 1;
  }
  return out;
}

std::uint64_t name_key(std::string_view normalized) {
  // Keys are asked for on every DNS query and rule read, of names of 40 to
  // 100 bytes: a word hash, then a last mix.
  core::WordHash h(0x243F6A8885A308D3ULL ^ (normalized.size() * core::WordHash::kMultiplier));
  h.add_bytes(normalized);
  const std::uint64_t x = h.state() * 0xBF58476D1CE4E5B9ULL;
  return x ^ (x >> 31);
}

std::string sort_key(std::string_view name) {
  std::string out;
  sort_key_into(out, name);
  return out;
}

void sort_key_into(std::string& out, std::string_view name) {
  // Labels in reverse order, joined by dots; built in place, as it is on the
  // path of every DNS lookup.
  out.clear();
  out.reserve(name.size());
  std::size_t end = name.size();
  while (end > 0) {
    const std::size_t dot = name.rfind('.', end - 1);
    const std::size_t begin = dot == std::string_view::npos ? 0 : dot + 1;
    if (end > begin) {
      if (!out.empty()) out += '.';
      out.append(name.substr(begin, end - begin));
    }
    if (dot == std::string_view::npos) break;
    end = dot;
  }
}

bool is_normalized(std::string_view name) {
  if (name.empty() || name.back() != '.') return false;
  // Every DNS query asks this of names that are nearly always clean (ACM's
  // validation names are long): eight bytes at a time, with the byte tests of
  // "Bit Twiddling Hacks" (haszero, hasbetween), which are exact for "any".
  constexpr std::uint64_t ones = ~std::uint64_t{0} / 255;
  constexpr std::uint64_t high = ones * 128;
  std::size_t i = 0;
  for (; i + 8 <= name.size(); i += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, name.data() + i, 8);
    const std::uint64_t slash = w ^ (ones * '\\');
    const bool has_slash = ((slash - ones) & ~slash & high) != 0;
    const std::uint64_t low7 = w & (ones * 127);
    const bool has_upper = (((ones * (127 + 'Z' + 1)) - low7) & ~w & (low7 + ones * (127 - ('A' - 1))) & high) != 0;
    if (has_slash || has_upper) return false;
  }
  for (; i < name.size(); ++i) {
    const char c = name[i];
    if ((c >= 'A' && c <= 'Z') || c == '\\') return false;
  }
  return true;
}

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = ascii_lower(c);
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}
}  // namespace

bool certificate_covers(std::string_view pattern_in, std::string_view host_in) {
  const std::string pattern = lower(pattern_in);
  const std::string host = lower(host_in);
  if (pattern.rfind("*.", 0) != 0) return pattern == host;
  const std::string_view rest = std::string_view(pattern).substr(2);
  const auto dot = host.find('.');
  if (dot == std::string::npos || dot == 0) return false;
  return std::string_view(host).substr(dot + 1) == rest;
}

bool is_valid_zone_name(std::string_view name) {
  if (name.empty() || name == "." || name.size() > 255 || name.find("..") != std::string_view::npos) return false;
  for (const auto l : labels(name)) {
    if (l.empty() || l.size() > 63) return false;
    for (const char c : l) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
    }
  }
  return true;
}

bool is_valid_certificate_domain(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  if (name.rfind("*.", 0) == 0) name.remove_prefix(2);
  const auto ls = labels(name);
  if (ls.size() < 2 || name.back() == '.') return false;
  for (std::size_t i = 0; i < ls.size(); ++i) {
    const auto l = ls[i];
    if (l.empty() || l.size() > 63 || l.front() == '-' || l.back() == '-') return false;
    for (const char c : l) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return false;
    }
    // The last label (TLD) must not be all digits and has at least two characters.
    if (i + 1 == ls.size() && (l.size() < 2 || std::all_of(l.begin(), l.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })))
      return false;
  }
  // Count the dots: `name` has no empty labels (no "..").
  return name.find("..") == std::string_view::npos;
}

}  // namespace acmsim::model::dns
