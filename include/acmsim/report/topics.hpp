// What `acmsim explain` knows besides rules: the outcomes a probe reports, the
// model's settings, and the concepts the bundled scenarios are tagged with.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acmsim::report {

struct Topic {
  std::string kind;   // "probe outcome", "setting", "concept"
  std::string name;   // as the trace, a scenario or `acmsim settings` spells it
  std::string text;   // what `acmsim explain NAME` prints
  std::string words;  // what a search by meaning looks in (lower case)
};

/// Every topic, probe outcomes first, then settings, then concepts.
const std::vector<Topic>& explain_topics();
/// The topic named `name` (case-insensitive), if any.
const Topic* find_topic(std::string_view name);

}  // namespace acmsim::report
