// What every loader of a position-carrying document shares (scenarios,
// studies, config files): the error type that says FILE:LINE:COLUMN and the
// JSON path, and the checks whose messages say what would be valid (unknown
// members, region codes) with the nearest valid name.
#pragma once

#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "acmsim/input/json_source.hpp"
#include "acmsim/model/regions.hpp"

namespace acmsim::input {

/// An input error: where, what, and (through the message) what would be valid.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, SourcePos pos, std::string pointer, const std::string& message)
      : std::runtime_error(message), file_(std::move(file)), pos_(pos), pointer_(std::move(pointer)) {}
  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] SourcePos pos() const { return pos_; }
  [[nodiscard]] const std::string& pointer() const { return pointer_; }
  /// "FILE:LINE:COLUMN: message (at $.steps[3].at)"
  [[nodiscard]] std::string render() const;

 private:
  std::string file_;
  SourcePos pos_;
  std::string pointer_;
};

/// `unknown region "X"; nearest known regions: a, b, c`
[[nodiscard]] std::string unknown_region(std::string_view code);

/// One document being loaded: failures at a JSON pointer, placed at the
/// line and column the document recorded for it.
class DocumentReader {
 public:
  DocumentReader(const SourceDocument& doc, std::string file) : doc_(doc), file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
    throw InputError(file_, doc_.pos_of(pointer), pointer, message);
  }
  /// Refuses a member of `obj` not among `valid`: `unknown member "k" WHERE;
  /// valid members: ... (did you mean ...)`, at the member.
  void check_members(const core::Json& obj, const std::string& pointer, std::span<const std::string_view> valid, std::string_view where) const;
  void check_members(const core::Json& obj, const std::string& pointer, std::initializer_list<std::string_view> valid, std::string_view where) const {
    check_members(obj, pointer, std::span<const std::string_view>(valid.begin(), valid.size()), where);
  }
  /// The region `code` names, or a failure at `pointer` naming the nearest codes.
  [[nodiscard]] model::RegionId region(const std::string& code, const std::string& pointer) const;

 protected:
  const SourceDocument& doc_;
  std::string file_;
};

}  // namespace acmsim::input
