// A study: a base scenario, the parameters to vary (grids and distributions),
// how many replications, the metrics to collect, and optionally the analytic
// model to set beside the simulation. Loaded from a JSON file with the same
// strictness (and FILE:LINE:COLUMN errors) as a scenario.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "acmsim/core/trace.hpp"
#include "acmsim/model/events/event_pattern.hpp"
#include "acmsim/model/regions.hpp"
#include "acmsim/input/json_source.hpp"
#include "acmsim/scenario/scenario.hpp"

namespace acmsim::study {

using core::Json;

enum class DistributionKind { Uniform, Normal, Lognormal, Exponential, Discrete, Bernoulli };

/// A distribution to draw a parameter from, once per replication. Durations
/// are drawn in milliseconds and written back as duration strings.
struct Distribution {
  DistributionKind kind = DistributionKind::Uniform;
  bool durations = false;  // the parameters were durations ("30d")
  bool integer = false;    // draws are rounded to whole numbers
  double a = 0;            // uniform min, normal/lognormal mean or mu, exponential mean, bernoulli p
  double b = 0;            // uniform max, normal/lognormal stddev or sigma
  std::optional<double> min;
  std::optional<double> max;
  std::vector<Json> values;     // discrete
  std::vector<double> weights;  // discrete, normalised cumulative
  std::optional<std::uint64_t> seed;
};

/// One thing the study varies: a setting by name, or any member of the
/// scenario by JSON Pointer. A pointer to a step (`/steps/N`) takes booleans
/// (false leaves the step out of that run) or, in a grid, probabilities (the
/// step runs in that share of the replications, drawn per replication).
struct Parameter {
  std::string name;
  std::string setting;  // set: settings/<name>
  std::string pointer;  // set: a JSON Pointer into the scenario
  bool step_switch = false;
  std::vector<Json> grid;                    // the values of a grid parameter
  std::vector<std::string> labels;           // optional names of the grid values, for tables and charts
  std::optional<Distribution> distribution;  // or a draw per replication
  int line = 0;
};

enum class MetricKind {
  ProbeAvailability,
  ProbeLatency,
  TimeToFirstOutage,
  Events,
  Deliveries,
  Findings,
  Renewals,
  RenewalAttempts,
  Expiries,
  StatusHours,
  TraceCount,
};

struct Metric {
  std::string name;
  MetricKind kind = MetricKind::Renewals;
  std::string probe;                                    // probe metrics
  std::optional<model::RegionId> from;                  // probe metrics
  double quantile = 0.5;                                // probeLatency
  model::RegionId region = 0;                           // events, deliveries
  std::string bus = "default";                          // events, deliveries
  Json pattern;                                         // events
  std::shared_ptr<const model::EventPattern> compiled;  // events: compiled once at load, matched in every run
  std::string rule;                                     // deliveries, findings
  bool ever = true;                                     // findings
  std::string status;                                   // statusHours
  Json match;                                           // traceCount: members a trace record must have
  std::string unit;                                     // for tables
};

/// A metric computed from others, replication by replication (the runs of a
/// replication index share their random numbers across points, so the pairs
/// are matched): `of` minus (or over) `other` at the same point, or `of` at
/// this point minus (or over) `of` at the reference point.
struct DerivedMetric {
  std::string name;
  bool ratio = false;  // else a difference
  std::string of;
  std::string other;  // another metric; empty with a reference point
  Json reference;     // {"parameter": value, ...}: the point compared with
  std::string unit;
};

/// The analytic model set beside the simulation: its quantities, by the metric
/// they are compared with.
struct Analytic {
  std::string model;  // "renewal-markov"
  double renewal_lead_days = 45;
  core::Duration window{0};                                  // observed time after NotAfter (to the horizon)
  std::vector<std::pair<std::string, std::string>> compare;  // metric name -> analytic quantity
};

struct Study {
  std::string file;
  std::string name;
  std::string description;
  std::string base_file;          // the base scenario's file (the study's own for an inline base)
  input::SourceDocument base;  // the base scenario document, with positions for messages
  std::uint64_t seed = 1;
  std::size_t replications = 100;
  std::vector<Parameter> parameters;
  std::vector<Metric> metrics;
  std::vector<DerivedMetric> derived;  // computed from `metrics` after the runs
  std::vector<double> quantiles = {0.05, 0.5, 0.95};
  std::optional<Analytic> analytic;
  std::string chart_metric;              // the metrics acmsim draws in its SVG chart, comma-separated (default: the first)
  scenario::LoadLimits scenario_limits;  // what each variant is loaded with
};

/// Limits on what a study may ask for.
struct StudyLimits {
  std::size_t max_replications = 1'000'000;
  std::size_t max_points = 10'000;
  std::size_t max_runs = 10'000'000;
  /// The scenario limits (file size, steps, horizon) for the study file and its base.
  scenario::LoadLimits scenario;
  /// A base scenario named on the command line (sweep --base): read from there,
  /// and allowed outside the study's folder.
  std::string base_override;
};

/// Reads and validates a study file (and its base scenario); throws scenario::InputError.
/// A base file must lie inside the study file's folder (after following
/// symbolic links) unless `limits.base_override` names it.
Study load_study(const std::string& path, const StudyLimits& limits = {});
/// Validates study text (`file` names it in messages and anchors a relative base).
Study parse_study(std::string_view text, const std::string& file, const StudyLimits& limits = {});

/// The names of every distribution and metric kind, as a study spells them.
const char* distribution_name(DistributionKind k);
const char* metric_name(MetricKind k);

}  // namespace acmsim::study
