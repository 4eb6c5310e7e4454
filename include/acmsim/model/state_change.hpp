// The trace's vocabulary of state changes: every "change" a "state" record can
// carry, with its spelling in one table (the aws_names.hpp pattern, though the
// spellings are acmsim's, not AWS's). Services emit them through
// state_record(); reports and metrics read them back with state_change_of()
// and switch on the enum, so a renamed or added change is a compile-time
// matter, not a metric that silently reads zero.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "acmsim/core/time.hpp"
#include "acmsim/core/trace.hpp"
#include "acmsim/model/aws_names.hpp"
#include "acmsim/model/regions.hpp"

namespace acmsim::model {

enum class StateChange : std::uint8_t {
  // ACM: a certificate's life.
  Requested,
  Imported,
  Reimported,
  DomainValidated,
  Issued,
  StatusChanged,
  RenewalIneligible,
  RenewalStarted,
  RenewalRetried,
  RenewalPendingValidation,
  Renewed,
  OperatorReplaced,
  InUse,
  NotInUse,
  Exported,
  ValidationEmailResent,
  Tagged,
  Untagged,
  Deleted,
  ExpiryEventsConfigured,
  // Route 53.
  HostedZoneCreated,
  HostedZoneDeleted,
  DomainDelegated,
  RecordWritten,
  RecordDeleted,
  // API Gateway.
  RestApiCreated,
  RestApiDeleted,
  Deployed,
  DomainNameCreated,
  DomainNameDeleted,
  CertificateReplaced,
  BasePathMapped,
  BasePathUnmapped,
  ApiMapped,
  // CloudFront.
  DistributionCreated,
  DistributionUpdated,
  DistributionDeleted,
  // Elastic Load Balancing.
  LoadBalancerCreated,
  LoadBalancerDeleted,
  ListenerCreated,
  ListenerModified,
  ListenerDeleted,
  ListenerCertificatesAdded,
  ListenerCertificatesRemoved,
  // EventBridge and Config.
  RulePut,
  ConfigRulePut,
};

template <>
struct AwsEnum<StateChange> {
  static constexpr std::array<std::pair<StateChange, std::string_view>, 46> table{
      {{StateChange::Requested, "Requested"},
       {StateChange::Imported, "Imported"},
       {StateChange::Reimported, "Reimported"},
       {StateChange::DomainValidated, "DomainValidated"},
       {StateChange::Issued, "Issued"},
       {StateChange::StatusChanged, "StatusChanged"},
       {StateChange::RenewalIneligible, "RenewalIneligible"},
       {StateChange::RenewalStarted, "RenewalStarted"},
       {StateChange::RenewalRetried, "RenewalRetried"},
       {StateChange::RenewalPendingValidation, "RenewalPendingValidation"},
       {StateChange::Renewed, "Renewed"},
       {StateChange::OperatorReplaced, "OperatorReplaced"},
       {StateChange::InUse, "InUse"},
       {StateChange::NotInUse, "NotInUse"},
       {StateChange::Exported, "Exported"},
       {StateChange::ValidationEmailResent, "ValidationEmailResent"},
       {StateChange::Tagged, "Tagged"},
       {StateChange::Untagged, "Untagged"},
       {StateChange::Deleted, "Deleted"},
       {StateChange::ExpiryEventsConfigured, "ExpiryEventsConfigured"},
       {StateChange::HostedZoneCreated, "HostedZoneCreated"},
       {StateChange::HostedZoneDeleted, "HostedZoneDeleted"},
       {StateChange::DomainDelegated, "DomainDelegated"},
       {StateChange::RecordWritten, "RecordWritten"},
       {StateChange::RecordDeleted, "RecordDeleted"},
       {StateChange::RestApiCreated, "RestApiCreated"},
       {StateChange::RestApiDeleted, "RestApiDeleted"},
       {StateChange::Deployed, "Deployed"},
       {StateChange::DomainNameCreated, "DomainNameCreated"},
       {StateChange::DomainNameDeleted, "DomainNameDeleted"},
       {StateChange::CertificateReplaced, "CertificateReplaced"},
       {StateChange::BasePathMapped, "BasePathMapped"},
       {StateChange::BasePathUnmapped, "BasePathUnmapped"},
       {StateChange::ApiMapped, "ApiMapped"},
       {StateChange::DistributionCreated, "DistributionCreated"},
       {StateChange::DistributionUpdated, "DistributionUpdated"},
       {StateChange::DistributionDeleted, "DistributionDeleted"},
       {StateChange::LoadBalancerCreated, "LoadBalancerCreated"},
       {StateChange::LoadBalancerDeleted, "LoadBalancerDeleted"},
       {StateChange::ListenerCreated, "ListenerCreated"},
       {StateChange::ListenerModified, "ListenerModified"},
       {StateChange::ListenerDeleted, "ListenerDeleted"},
       {StateChange::ListenerCertificatesAdded, "ListenerCertificatesAdded"},
       {StateChange::ListenerCertificatesRemoved, "ListenerCertificatesRemoved"},
       {StateChange::RulePut, "RulePut"},
       {StateChange::ConfigRulePut, "ConfigRulePut"}}};
};

/// The one way a service writes a state change to the trace: {"type":"state",
/// "service", "region" (when the resource has one), "resource", "change"}
/// followed by the members of `extra`, in that order. Nothing is built when
/// the trace is off.
void emit_state(core::Trace& trace, core::SimTime at, std::string_view service, std::optional<RegionId> region, std::string_view resource,
                StateChange change, core::Json extra = core::Json::object());

/// The change a trace record carries, if it is a state record of the vocabulary.
[[nodiscard]] std::optional<StateChange> state_change_of(const core::Json& record);
/// Whether a trace record is a state record of `change`: one comparison, for
/// the loops over whole traces (metrics of every replication of a study).
[[nodiscard]] bool is_state_change(const core::Json& record, StateChange change);

}  // namespace acmsim::model
