// Kinds of the model's own timed events. The payload's `a` is the resource id
// (a certificate id for ACM); the World dispatches with a switch.
#pragma once

#include <cstdint>

namespace acmsim::model {

enum class ModelEvent : std::uint32_t {
  AcmDnsCheck = 1,       // ACM notices the validation records (after the notice delay)
  AcmIssue,              // validation complete: issue or renew now
  AcmValidationTimeout,  // 72 hours of pending validation
  AcmRenewalStart,       // NotAfter - lead, and each retry of a failed attempt
  AcmExpire,             // NotAfter
  AcmDetach,             // a detached user leaves InUseBy
  ProbeAttempt,          // a probe tries its URL again (a = probe index)
  EventBusDelivery,      // an event reaches a bus in another region (a = pending index)
  AcmExpiryNotice,       // a daily "Approaching Expiration" event is due
  AcmActionRequired,     // a "Renewal Action Required" event is due
  ConfigEvaluation,      // a periodic AWS Config evaluation (a = rule index)
  AcmOperatorRepair,     // an operator replaces an expired certificate (study fault model)
  Last = 100,            // kinds above this belong to the scenario runner
};

}  // namespace acmsim::model
