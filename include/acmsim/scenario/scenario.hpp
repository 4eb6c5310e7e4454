// A loaded, validated scenario: what the runner replays.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "acmsim/analysis/finding.hpp"
#include "acmsim/api/operations.hpp"
#include "acmsim/core/boxed.hpp"
#include "acmsim/core/time.hpp"
#include "acmsim/input/document_reader.hpp"
#include "acmsim/input/json_source.hpp"
#include "acmsim/model/client/probes.hpp"
#include "acmsim/model/settings.hpp"

namespace acmsim::scenario {

using core::Duration;
using core::SimTime;
// The scenario layer reads through the input layer's position-carrying documents.
using input::Json;
using input::JsonLimits;
using input::JsonSyntaxError;
using input::parse_json_with_positions;
using input::pointer_escape;
using input::PosNode;
using input::readable_path;
using input::SourceDocument;
using input::SourcePos;

using input::InputError;

/// A read-only AWS call made by an expectation (kind 1) or a call step.
struct CallSpec {
  const api::Operation* op = nullptr;
  std::optional<model::RegionId> region;
  Json params = Json::object();
};

struct CountRange {
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
  [[nodiscard]] bool holds(std::int64_t n) const { return (!min || n >= *min) && (!max || n <= *max); }
  [[nodiscard]] std::string describe() const {
    if (min && max && *min == *max) return "exactly " + std::to_string(*min);
    if (min && max) return "from " + std::to_string(*min) + " to " + std::to_string(*max);
    if (min) return "at least " + std::to_string(*min);
    if (max) return "at most " + std::to_string(*max);
    return "any number";
  }
};

enum class StepKind { Call, Probe, Expect };

/// A latency percentile bound of a probe expectation (`latencyMs`).
struct PercentileBound {
  double quantile = 0.5;  // p50 -> 0.5
  std::string name;       // "p50"
  std::optional<double> min;
  std::optional<double> max;
};

/// Expectation kinds 2 and 3: events that reached a bus, or deliveries of a rule.
struct EventsCheck {
  model::RegionId region = 0;
  std::string bus = "default";
  Json pattern;        // kind 2 (may hold references)
  std::string rule;    // kind 3
  std::string target;  // kind 3; empty: every target
  CountRange count;
  std::optional<SimTime> since;
  std::optional<SimTime> until;
};

/// Expectation kind 4: findings of the misconfiguration analysis.
struct FindingsCheck {
  std::string rule;      // empty: every rule
  std::string resource;  // empty: any resource (may hold references)
  bool ever = false;
  bool suppressed = false;  // true: only suppressed findings; false: only the others
  CountRange count;
};

/// Expectation kind 5: what a probe's attempts must show.
struct ProbeCheck {
  std::string probe;
  std::optional<model::RegionId> from;
  std::optional<double> availability_min;
  std::optional<double> availability_max;
  std::optional<model::ProbeOutcome> last_outcome;
  std::vector<PercentileBound> latency;
};
enum class ExpectKind { Call, Events, Deliveries, Findings, Probe };

struct Step {
  std::size_t index = 0;
  int line = 0;
  std::string pointer;  // "/steps/<index>"
  std::string id;       // the step's optional `id`
  SimTime at;
  StepKind kind = StepKind::Call;
  std::string note;
  // call
  CallSpec call;
  std::optional<std::string> save;
  std::optional<std::string> expect_error;
  // probe (boxed, as the expectations' members: most steps are calls)
  core::Boxed<model::ProbeSpec> probe;
  // expect
  ExpectKind expect_kind = ExpectKind::Call;
  Json matches;                               // kind 1
  core::Boxed<ProbeCheck> probe_check;        // kind 5
  core::Boxed<EventsCheck> events_check;      // kinds 2 and 3
  core::Boxed<FindingsCheck> findings_check;  // kind 4
};

/// Limits on what a scenario may ask for, so that no input exhausts memory or
/// time. Each can be raised from the command line.
struct LoadLimits {
  std::uint64_t max_file_bytes = 64ULL << 20;
  std::size_t max_steps = 100'000;
  Duration max_horizon = Duration::days(36'525);  // 100 years
  std::size_t max_depth = 128;
};

/// Where a step came from when the scenario was made from another file (an
/// imported template): reports point there instead of at the step.
struct StepOrigin {
  std::string file;
  SourcePos pos;  // the resource
  std::string stack;
  std::string logical_id;
  /// Request members and the template property each came from.
  std::vector<std::pair<std::string, SourcePos>> params;
};

struct Scenario {
  std::string file;
  std::string name;
  std::string description;
  std::vector<std::string> concepts;
  SimTime start;
  Duration horizon;
  bool start_given = false;    // false: the default start
  bool horizon_given = false;  // false: the latest step
  std::uint64_t seed = 1;
  std::string account = "111122223333";
  model::Settings settings;
  std::vector<analysis::Suppression> suppressions;
  std::vector<Step> steps;          // file order
  std::vector<StepOrigin> origins;  // empty, or one per step (an imported template)
};

/// Reads and validates a scenario file; throws InputError.
Scenario load_scenario(const std::string& path, const LoadLimits& limits = {});

/// Validates scenario text (the file name is used in messages); throws InputError.
Scenario parse_scenario(std::string_view text, const std::string& file, const LoadLimits& limits = {});

/// Validates an already parsed document (a study's variant of a scenario);
/// positions in messages come from `doc.positions`. Throws InputError.
Scenario load_scenario_document(const SourceDocument& doc, const std::string& file, const LoadLimits& limits = {});

}  // namespace acmsim::scenario
