#include "acmsim/model/world.hpp"

#include "acmsim/model/model_events.hpp"

namespace acmsim::model {

World::World(core::Simulation& s, core::Trace& t, Settings st, std::string acct)
    : sim(s), trace(t), settings(std::move(st)), account(std::move(acct)), route53(t, s.seed()), dns(route53), acm(s, t, settings, account, dns) {
  route53.set_observer(this);
}

void World::handle(const core::ScheduledEvent& ev) {
  switch (static_cast<ModelEvent>(ev.payload.kind)) {
    case ModelEvent::AcmDnsCheck:
    case ModelEvent::AcmIssue:
    case ModelEvent::AcmValidationTimeout:
    case ModelEvent::AcmRenewalStart:
    case ModelEvent::AcmExpire:
    case ModelEvent::AcmDetach:
      acm.handle(ev.payload.kind, ev.payload.a);
      break;
    default:
      break;
  }
}

}  // namespace acmsim::model
