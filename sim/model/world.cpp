#include "acmsim/model/world.hpp"

#include "acmsim/model/model_events.hpp"
#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::model {

World::World(core::Simulation& s, core::Trace& t, Settings st, std::string acct)
    : sim(s),
      trace(t),
      settings(std::move(st)),
      account(std::move(acct)),
      context_{sim, trace, settings, account},
      route53(context_),
      dns(route53),
      acm(context_, dns),
      apigateway(context_, acm),
      cloudfront(context_, acm),
      elb(context_, acm),
      events(context_),
      config(context_, acm, events),
      latency(settings),
      clients(*this) {
  route53.set_observer(this);
  route53.set_alias_registry(this);
  acm.set_event_sink(this);
  apigateway.set_change_sink(this);
  cloudfront.set_change_sink(this);
  elb.set_change_sink(this);
  events.set_change_sink(this);
}

// ACM sends its events to the default bus of the certificate's region only.
void World::acm_event(const Certificate& c, std::string_view detail_type, core::Json detail) {
  const core::SimTime now = sim.now();
  // Member by member, not from an initializer list: that copies every value
  // and builds a temporary array per member, and a fleet sends hundreds of
  // thousands of these events.
  core::Json event = core::json_object(9);
  event["version"] = "0";
  event["id"] = events.new_event_id();
  event["detail-type"] = detail_type;
  event["source"] = "aws.acm";
  event["account"] = account;
  event["time"] = core::format_timestamp(core::SimTime{now.ms - ((now.ms % 1000) + 1000) % 1000});
  event["region"] = region_code(c.region);
  core::Json& resources = event["resources"];
  resources = core::Json(core::Json::value_t::array);
  resources.push_back(c.arn);
  event["detail"] = std::move(detail);
  events.publish(c.region, "default", std::move(event));
}

bool World::acm_event_counted(const Certificate& c, std::string_view detail_type) {
  static const std::string kDefault = "default";
  return events.counted_without_building(c.region, kDefault, "aws.acm", detail_type);
}

// A record change is keyed by its name, except where it can change the
// answers for other names: a wildcard answers for names below it, an NS
// record delegates them.
void World::on_dns_changed(const std::vector<ChangedRecord>* records) {
  if (records == nullptr) {
    touch(bit(Part::Dns));
  } else {
    for (const auto& r : *records) {
      if (r.type == RRType::NS || r.type == RRType::SOA || r.name.rfind("*.", 0) == 0)
        touch(bit(Part::Dns));
      else {
        const std::uint64_t key = dns::name_key(r.name);
        touch_key(Part::Dns, key);
        changed_names_.emplace(key, r.name);
      }
    }
  }
  acm.on_dns_changed();
}

void World::handle(const core::ScheduledEvent& ev) {
  // One switch per event: run it, and mark the parts of the world it may
  // change. An ACM event changes one certificate's state (the events it sends
  // and the Config evaluations it causes change no bus, rule or Config rule,
  // which is what the rules read); a delivery, a Config evaluation or a probe
  // attempt changes nothing a rule reads.
  switch (static_cast<ModelEvent>(ev.payload.kind)) {
    case ModelEvent::AcmDnsCheck:
    case ModelEvent::AcmIssue:
    case ModelEvent::AcmValidationTimeout:
    case ModelEvent::AcmRenewalStart:
    case ModelEvent::AcmExpire:
    case ModelEvent::AcmDetach:
    case ModelEvent::AcmOperatorRepair:
      touch_certificate(ev.payload.a);
      acm.handle(ev.payload.kind, ev.payload.a);
      break;
    case ModelEvent::AcmExpiryNotice:
    case ModelEvent::AcmActionRequired:
      // The daily notices only send an event and schedule the next one: the
      // certificate's state is as it was, so no rule needs to judge it again
      // (an imported certificate sends 45 of them before it expires).
      acm.handle(ev.payload.kind, ev.payload.a);
      break;
    case ModelEvent::ProbeAttempt:
      clients.attempt(ev.payload.a);
      break;
    case ModelEvent::EventBusDelivery:
      events.deliver_pending(ev.payload.a);
      break;
    case ModelEvent::ConfigEvaluation:
      config.periodic(ev.payload.a);
      break;
    default:
      touch();
      break;
  }
}

// Route 53 checks that an alias to an AWS service names that service's hosted
// zone; it does not check that the resource exists (hence dangling records).
std::optional<std::string> World::check_alias(const AliasTarget& target, const std::string&, RRType type, bool private_zone) const {
  std::string name = dns::without_dot(target.dns_name);
  if (name.rfind("dualstack.", 0) == 0) name = name.substr(10);
  const std::string zone = Route53Service::bare_id(target.hosted_zone_id);
  const std::string type_name(aws_name(type));
  const std::string mismatch = "Tried to create an alias that targets " + target.dns_name + ", type " + type_name + " in zone " + zone +
                               ", but the alias target name does not lie within the target zone";
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".cloudfront.net")) {
    if (zone != kCloudFrontHostedZoneId) return mismatch;
    if (private_zone) return "Alias records to CloudFront distributions are not allowed in private hosted zones";
    return std::nullopt;
  }
  const auto labels = dns::labels(name);
  if (ends_with(".amazonaws.com") && labels.size() >= 5) {
    const auto& l = labels;
    const std::size_t n = l.size();
    // <id>.execute-api.<region>.amazonaws.com
    if (l[n - 4] == "execute-api") {
      auto r = find_region(l[n - 3]);
      if (!r || zone != apigateway_regional_zone_id(*r)) return mismatch;
      return std::nullopt;
    }
    // ALB: <name>-<n>.<region>.elb.amazonaws.com; NLB: <name>-<hex>.elb.<region>.amazonaws.com
    if (l[n - 3] == "elb") {
      auto r = find_region(l[n - 4]);
      if (!r || zone != elb_canonical_zone_id(*r, LoadBalancerType::Application)) return mismatch;
      return std::nullopt;
    }
    if (l[n - 4] == "elb") {
      auto r = find_region(l[n - 3]);
      if (!r || zone != elb_canonical_zone_id(*r, LoadBalancerType::Network)) return mismatch;
      return std::nullopt;
    }
  }
  return mismatch;
}

}  // namespace acmsim::model
