// A strict JSON reader (RFC 8259) that remembers where every value starts.
//
// nlohmann::json reports only a byte offset for syntax errors and nothing for
// values, but every input error of a scenario must say FILE:LINE:COLUMN. This
// reader builds the same ordered_json tree plus a table from JSON Pointer to
// source position, and refuses what the scenario format refuses: comments,
// trailing commas, duplicate keys, invalid UTF-8, lone surrogates, nesting
// deeper than a limit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "acmsim/core/trace.hpp"

namespace acmsim::input {

using Json = core::Json;

struct SourcePos {
  int line = 1;
  int column = 1;
};

class JsonSyntaxError : public std::runtime_error {
 public:
  JsonSyntaxError(SourcePos pos, std::string path, const std::string& message) : std::runtime_error(message), pos_(pos), path_(std::move(path)) {}
  [[nodiscard]] SourcePos pos() const { return pos_; }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  SourcePos pos_;
  std::string path_;
};

/// Where each value of a document starts, as a tree shaped like the document:
/// memory in proportion to the document, however long its member names or
/// deep its nesting (a table keyed by full JSON Pointers grows with their
/// square).
struct PosNode {
  SourcePos pos;
  std::vector<std::string> keys;      // an object's member names, in file order (empty for arrays)
  std::vector<std::uint32_t> by_key;  // indexes into keys, sorted by name
  std::vector<PosNode> children;      // an object's members (as keys) or an array's elements

  /// The child for one JSON Pointer token (unescaped), or null.
  [[nodiscard]] const PosNode* child(std::string_view token) const;
  [[nodiscard]] PosNode* child(std::string_view token) { return const_cast<PosNode*>(std::as_const(*this).child(token)); }
};

/// A parsed document with the position of each value, addressed by JSON
/// Pointer ("" for the root, "/steps/3/params/DomainName").
struct SourceDocument {
  Json root;
  PosNode positions;

  /// Position of the value at `pointer`, or of its nearest ancestor that has one.
  [[nodiscard]] SourcePos pos_of(std::string_view pointer) const;
  /// Position of exactly the value at `pointer`, if the document has it.
  [[nodiscard]] std::optional<SourcePos> position(std::string_view pointer) const;
  /// The position node of the value at `pointer`, or null.
  [[nodiscard]] const PosNode* node(std::string_view pointer) const;
  [[nodiscard]] PosNode* node(std::string_view pointer) { return const_cast<PosNode*>(std::as_const(*this).node(pointer)); }
};

struct JsonLimits {
  std::size_t max_depth = 128;
};

/// Parses `text`; throws JsonSyntaxError with the position of the problem.
SourceDocument parse_json_with_positions(std::string_view text, JsonLimits limits = {});

/// The byte offset and description of the first invalid UTF-8 sequence in
/// `text`, if there is one.
std::optional<std::pair<std::size_t, std::string>> utf8_error(std::string_view text);

/// Escapes a member name for use in a JSON Pointer (RFC 6901).
std::string pointer_escape(std::string_view key);

/// Renders a JSON Pointer as a readable path: "/steps/3/params" -> "$.steps[3].params".
std::string readable_path(std::string_view pointer);

}  // namespace acmsim::input
