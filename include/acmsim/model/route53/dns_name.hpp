// DNS names as Route 53 stores them: lower case, absolute (trailing dot),
// with `\052` read as `*`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace acmsim::model::dns {

/// "WWW.Example.com" -> "www.example.com."; "\\052.example.com" -> "*.example.com.".
std::string normalize(std::string_view name);

/// "www.example.com." -> "www.example.com" (for messages and certificate names).
std::string without_dot(std::string_view name);

/// True when `name` equals `zone` or lies below it (both normalized).
bool is_at_or_below(std::string_view name, std::string_view zone);

/// "a.b.example.com." -> "b.example.com."; the root "." has no parent (returns "").
std::string parent(std::string_view name);

/// Labels, leftmost first, without the trailing empty label.
std::vector<std::string_view> labels(std::string_view name);

/// Route 53's listing order: labels reversed ("com.example.www").
std::string sort_key(std::string_view name);
/// A 64-bit key of a normalized name, for the analysis' record of which names
/// a verdict read (equal names, equal keys; a collision only costs a re-check).
std::uint64_t name_key(std::string_view normalized);
/// The same, into a buffer the caller reuses.
void sort_key_into(std::string& out, std::string_view name);
/// Whether normalize(name) == name (lower case, absolute, no escapes).
bool is_normalized(std::string_view name);

/// Certificate wildcard rule: `*` is the whole leftmost label and stands for
/// exactly one label. Both names without trailing dot, case-insensitive.
bool certificate_covers(std::string_view pattern, std::string_view host);

/// A hosted zone name: one or more labels of 1 to 63 letters, digits, '-' or
/// '_', at most 255 octets in all (normalized form).
bool is_valid_zone_name(std::string_view name);

/// The public-certificate domain name pattern of ACM (RFC 1035 labels, optional `*.`).
bool is_valid_certificate_domain(std::string_view name);

}  // namespace acmsim::model::dns
