// "Did you mean": the nearest valid name to a mistyped one, for every error
// message that lists what would be valid (scenario, study and template
// loaders, request shapes, the command line).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace acmsim::core {

/// Levenshtein distance (insertions, deletions, substitutions).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidates closest to `word`, at most `max`, nearest first, ties in input order.
std::vector<std::string_view> nearest(std::string_view word, std::span<const std::string_view> candidates, std::size_t max = 3);

/// How far a suggestion may be from the word: at most 2 edits, or a third
/// (Close) or half (Loose) of the word's length where that is more. Loose
/// suits short names people half-remember (commands, response members).
enum class Closeness { Close, Loose };

/// ` (did you mean "NAME"?)`, or "" when no valid name is close enough.
/// `containing`: a valid name that contains the word (of 4 characters or
/// more) is the likeliest meant ("PENDING_VALIDATION" for "PENDING").
std::string did_you_mean(std::string_view word, std::span<const std::string_view> valid, Closeness closeness = Closeness::Close,
                         bool containing = false);

/// "a, b, c": valid names for a message.
std::string join_names(std::span<const std::string_view> names);

}  // namespace acmsim::core
