// Model settings: every timing, validity period and window the model uses, with
// its default, what it means and the AWS source. A scenario overrides any of
// them by name in its `settings` member.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "acmsim/core/time.hpp"
#include "acmsim/core/trace.hpp"

namespace acmsim::model {

using core::Duration;
using core::SimTime;

/// One step of the dated validity table: from `from` on, public certificates
/// are issued for `days` days and renewal starts `renewal_lead_days` before
/// NotAfter.
struct ValidityEra {
  SimTime from;
  std::int64_t days;
  std::int64_t renewal_lead_days;
  /// AWS has announced the step but not its figures: the model's documented
  /// assumption, which a run that uses it says once.
  bool assumed = false;
};

struct ExpiryEventDays {
  std::int64_t public_days = 30;
  std::int64_t private_days = 45;
  std::int64_t imported_days = 45;
};

/// Days before NotAfter on which a stalled renewal sends Renewal Action
/// Required. AWS's events page says 30, 15, 3, 1 (45 too for private); its
/// DNS and email renewal pages add day 7. The model takes the union.
struct ActionRequiredDays {
  std::vector<std::int64_t> public_days{30, 15, 7, 3, 1};
  std::vector<std::int64_t> private_days{45, 30, 15, 7, 3, 1};
};

struct Settings {
  std::vector<ValidityEra> public_validity;  // sorted by `from`
  std::int64_t private_validity_days = 395;
  std::int64_t private_renewal_lead_days = 60;
  std::int64_t email_renewal_lead_days = 45;
  Duration validation_timeout = Duration::hours(72);
  bool resend_restarts_validation_timeout = false;
  Duration issuance_delay = Duration::minutes(30);
  Duration notice_delay_min = Duration::minutes(1);
  Duration notice_delay_max = Duration::minutes(30);
  Duration renewal_retry = Duration::hours(72);
  Duration idempotency_window = Duration::hours(1);
  ExpiryEventDays expiry_event_days;
  ActionRequiredDays action_required_days;
  std::int64_t max_domains_per_certificate = 10;
  std::int64_t max_cname_chain = 5;
  Duration in_use_detach_delay = Duration::minutes(30);
  Duration validation_grace = Duration::hours(1);
  Duration edge_domain_ready_delay = Duration::minutes(40);
  Duration cloudfront_deploy_delay = Duration::minutes(15);
  Duration cloudfront_certificate_propagation = Duration::hours(24);
  Duration regional_certificate_propagation{0};
  double edge_rtt_ms = 12.0;
  double dns_ms = 12.0;
  double server_ms = 20.0;
  double latency_jitter = 0.1;
  /// Measured or assumed round-trip times that replace the model's, by region pair.
  std::vector<std::tuple<std::string, std::string, double>> rtt_overrides;
  std::int64_t max_probe_attempts = 1'000'000;
  Duration cross_region_event_delay = Duration::seconds(1);
  /// Fault injection for studies; off by default (the model injects no random
  /// failure unless a study asks for one).
  double renewal_fault_probability = 0.0;
  std::optional<Duration> repair_mean;

  Settings();

  /// The era in force at `t` (the latest whose `from` is not after t).
  [[nodiscard]] const ValidityEra& public_era_at(SimTime t) const;
  /// Renewal lead of a public certificate issued at `t`: the era's, or for
  /// EMAIL validation acm.emailRenewalLeadDays where that is shorter.
  [[nodiscard]] std::int64_t public_renewal_lead_days(SimTime t, bool email) const;
};

/// A documented setting: what the README and `acmsim settings` show.
struct SettingInfo {
  std::string_view name;
  std::string_view default_text;
  std::string_view meaning;
  std::string_view source;
  /// Applies a JSON value; returns an error message saying what would be valid.
  std::optional<std::string> (*apply)(Settings&, const core::Json&);
};

std::span<const SettingInfo> settings_catalogue();
const SettingInfo* find_setting(std::string_view name);

}  // namespace acmsim::model
