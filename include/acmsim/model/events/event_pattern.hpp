// EventBridge event patterns: compiled once, matched many times.
//
// The language is EventBridge's (event-ruler's): exact values, prefix, suffix,
// equals-ignore-case, wildcard, anything-but (value, list, prefix, suffix,
// equals-ignore-case, wildcard), numeric ranges, exists, cidr (IPv4 and IPv6),
// $or, nested fields. Arrays in events match when any element matches, and
// fields of one pattern object must match inside one array element ("array
// consistency", as event-ruler does).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "acmsim/core/trace.hpp"
#include "acmsim/model/aws_error.hpp"

namespace acmsim::model {

class EventPattern {
 public:
  /// Compiles a pattern; an AwsError InvalidEventPatternException with
  /// EventBridge's reason when it refuses it.
  static Outcome<EventPattern> compile(const core::Json& pattern);

  [[nodiscard]] bool matches(const core::Json& event) const;
  /// The same, for an event already passed through normalize_event (a bus
  /// normalizes each event once, then tries every rule).
  [[nodiscard]] bool matches_normalized(const core::Json& event) const;
  /// Dotted keys ({"a.b": 1}) become nested objects, as event-ruler reads them;
  /// nullopt when the event has none (it is matched as it is, without a copy).
  static std::optional<core::Json> normalize_event(const core::Json& event);
  [[nodiscard]] const core::Json& source() const { return source_; }
  /// Whether an event whose top-level `source` and `detail-type` are these
  /// strings matches, when the pattern reads nothing else (its only fields
  /// are those two); nullopt when the rest of the event could matter. Lets a
  /// bus count a delivery without building the event.
  [[nodiscard]] std::optional<bool> decides(const core::Json& source, const core::Json& detail_type) const;

 private:
  enum class Kind : std::uint8_t {
    String,
    Number,
    Bool,
    Null,
    Prefix,
    PrefixIgnoreCase,
    Suffix,
    SuffixIgnoreCase,
    EqualsIgnoreCase,
    Wildcard,
    AnythingBut,  // strings and numbers
    AnythingButPrefix,
    AnythingButSuffix,
    AnythingButIgnoreCase,
    AnythingButWildcard,
    Numeric,
    Exists,
    Cidr,
  };

  struct Matcher {
    Kind kind = Kind::String;
    std::vector<std::string> strings;  // lower-cased for the ignore-case kinds
    std::vector<double> numbers;
    bool flag = false;  // Bool value, Exists value
    // Numeric: lower and upper bounds with inclusiveness.
    std::optional<double> lo;
    bool lo_inclusive = false;
    std::optional<double> hi;
    bool hi_inclusive = false;
    // Cidr: network bytes (4 or 16) and prefix length.
    std::vector<std::uint8_t> network;
    int prefix_bits = 0;
  };

  struct Field {
    std::string key;
    bool leaf = true;
    std::vector<Matcher> matchers;  // leaf
    std::size_t child = 0;          // nested: index into nodes_
  };

  struct Node {
    std::vector<Field> fields;
    std::vector<std::vector<std::size_t>> ors;  // each $or: alternatives (node indices)
  };

  [[nodiscard]] bool match_node(std::size_t node, const core::Json* value) const;
  [[nodiscard]] static bool match_leaf(const std::vector<Matcher>& matchers, const core::Json* value);
  [[nodiscard]] static bool match_scalar(const Matcher& m, const core::Json& v);

  friend class PatternCompiler;
  std::vector<Node> nodes_;
  core::Json source_;
};

/// EventBridge's wildcard match: `*` matches any run of characters, `\*` a star.
bool wildcard_match(std::string_view pattern, std::string_view text);

/// Parses an IPv4 or IPv6 address into 4 or 16 bytes.
std::optional<std::vector<std::uint8_t>> parse_ip(std::string_view text);

}  // namespace acmsim::model
