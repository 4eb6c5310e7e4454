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

// Every member's default is its setting's entry in the catalogue
// (settings.cpp), which Settings() applies: one home for each default, shared
// with `acmsim settings`, the README and the JSON Schema.

struct ExpiryEventDays {
  std::int64_t public_days = 0;
  std::int64_t private_days = 0;
  std::int64_t imported_days = 0;
};

/// Days before NotAfter on which a stalled renewal sends Renewal Action
/// Required. AWS's events page says 30, 15, 3, 1 (45 too for private); its
/// DNS and email renewal pages add day 7. The model takes the union.
struct ActionRequiredDays {
  std::vector<std::int64_t> public_days;
  std::vector<std::int64_t> private_days;
};

struct Settings {
  std::vector<ValidityEra> public_validity;  // sorted by `from`
  std::int64_t private_validity_days{};
  std::int64_t private_renewal_lead_days{};
  std::int64_t email_renewal_lead_days{};
  Duration validation_timeout{};
  bool resend_restarts_validation_timeout{};
  Duration issuance_delay{};
  Duration notice_delay_min{};
  Duration notice_delay_max{};
  Duration renewal_retry{};
  Duration idempotency_window{};
  ExpiryEventDays expiry_event_days;
  ActionRequiredDays action_required_days;
  std::int64_t max_domains_per_certificate{};
  std::int64_t max_cname_chain{};
  Duration in_use_detach_delay{};
  Duration validation_grace{};
  Duration edge_domain_ready_delay{};
  Duration cloudfront_deploy_delay{};
  Duration cloudfront_certificate_propagation{};
  Duration regional_certificate_propagation{};
  double edge_rtt_ms{};
  double dns_ms{};
  double server_ms{};
  double latency_jitter{};
  /// Measured or assumed round-trip times that replace the model's, by region pair.
  std::vector<std::tuple<std::string, std::string, double>> rtt_overrides;
  std::int64_t max_probe_attempts{};
  Duration cross_region_event_delay{};
  /// Fault injection for studies; off by default (the model injects no random
  /// failure unless a study asks for one).
  double renewal_fault_probability{};
  std::optional<Duration> repair_mean;

  /// The defaults: every catalogue entry's default value applied.
  Settings();

  /// The era in force at `t` (the latest whose `from` is not after t).
  [[nodiscard]] const ValidityEra& public_era_at(SimTime t) const;
  /// Renewal lead of a public certificate issued at `t`: the era's, or for
  /// EMAIL validation acm.emailRenewalLeadDays where that is shorter.
  [[nodiscard]] std::int64_t public_renewal_lead_days(SimTime t, bool email) const;

 private:
  struct Blank {};
  explicit Settings(Blank /*unused*/) {}
  friend Settings catalogue_defaults();
};

/// A documented setting: its name, its default, what it means and where AWS
/// says so; the README's table, `acmsim settings` and the JSON Schema are
/// printed from it, and Settings() applies its default.
struct SettingInfo {
  std::string_view name;
  /// JSON, exactly as a scenario's `settings` member would give the value.
  std::string_view default_value;
  std::string_view meaning;
  std::string_view source;
  /// Applies a JSON value; returns an error message saying what would be valid.
  std::optional<std::string> (*apply)(Settings&, const core::Json&);
  /// Tells people the value where its JSON would not (a dated table, "no
  /// operator"); read from the applied Settings, so it cannot disagree.
  std::string (*describe)(const Settings&) = nullptr;
};

/// The default for people: `describe` of the defaults, or the JSON with
/// strings unquoted at the top ("72h") and ", "/": " between members.
[[nodiscard]] std::string default_text(const SettingInfo& s);

std::span<const SettingInfo> settings_catalogue();
const SettingInfo* find_setting(std::string_view name);

}  // namespace acmsim::model
