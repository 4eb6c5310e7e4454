// The simulation's own actions (`sim:`): what happens outside the AWS APIs.
#include <set>

#include "acmsim/api/operations.hpp"
#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::api {

namespace {

using model::Outcome;
using model::RegionId;
using model::World;

// Writes the certificate's DNS validation CNAMEs into a zone (UPSERT, TTL 300),
// as CloudFormation, CDK and Terraform modules do.
Outcome<Json> create_validation_records(World& w, RegionId, const Json& p) {
  auto found = w.acm.find_any(get_string(p, "CertificateArn"));
  if (!found.ok()) return found.error();
  const model::Certificate& c = *found.value();
  const std::string zone_id = get_string(p, "HostedZoneId");
  if (w.route53.find_zone(zone_id) == nullptr) {
    return model::aws_error("NoSuchHostedZone", "No hosted zone found with ID: " + model::Route53Service::bare_id(zone_id));
  }
  std::set<std::string> written;
  model::ChangeBatch batch;
  Json records = Json::array();
  for (const auto& v : c.validations) {
    if (v.record_name.empty() || !written.insert(v.record_name).second) continue;
    model::RecordSet r;
    r.name = v.record_name;
    r.type = model::RRType::CNAME;
    r.ttl = 300;
    r.values = {v.record_value};
    batch.changes.push_back({model::ChangeAction::Upsert, r});
    records.push_back({{"Name", v.record_name}, {"Type", "CNAME"}, {"Value", v.record_value}});
  }
  if (batch.changes.empty()) {
    return model::aws_error("InvalidStateException", "Certificate " + c.arn + " has no DNS validation records (it is " +
                                                         std::string(model::aws_name(c.type)) + ", validated by " +
                                                         std::string(model::aws_name(c.method)) + ").");
  }
  auto r = w.route53.change_resource_record_sets(w.sim.now(), zone_id, batch);
  if (!r.ok()) return r.error();
  return Json{{"Records", records},
              {"ChangeInfo", {{"Id", "/change/" + r.value().id}, {"Status", "PENDING"}, {"SubmittedAt", timestamp(r.value().submitted_at)}}}};
}

Outcome<Json> approve_validation_email(World& w, RegionId, const Json& p) {
  auto r = w.acm.approve_validation_email(get_string(p, "CertificateArn"), get_string(p, "DomainName"));
  if (!r.ok()) return r.error();
  return Json::object();
}

Outcome<Json> delegate_domain(World& w, RegionId, const Json& p) {
  auto r = w.route53.delegate_domain(w.sim.now(), get_string(p, "DomainName"), get_string(p, "HostedZoneId"));
  if (!r.ok()) return r.error();
  return Json::object();
}

// What an imported template names but does not create: a certificate known by
// its ARN (a parameter), a hosted zone known by its id.
Outcome<Json> adopt_certificate(World& w, RegionId, const Json& p) {
  std::vector<std::string> names{get_string(p, "DomainName")};
  if (p.contains("SubjectAlternativeNames")) {
    for (const auto& n : p["SubjectAlternativeNames"]) names.push_back(n.get<std::string>());
  }
  auto r = w.acm.adopt_certificate(get_string(p, "CertificateArn"), names);
  if (!r.ok()) return r.error();
  return Json{{"CertificateArn", r.value()}};
}

Outcome<Json> adopt_hosted_zone(World& w, RegionId, const Json& p) {
  model::CreateHostedZoneRequest req;
  req.id = get_string(p, "Id");
  req.name = get_string(p, "Name");
  req.caller_reference = "adopted-" + *req.id;
  auto r = w.route53.create_hosted_zone(w.sim.now(), req);
  if (!r.ok()) return r.error();
  return Json{{"HostedZone", {{"Id", "/hostedzone/" + r.value().zone->id}, {"Name", r.value().zone->name}}}};
}

// A template value that cannot be known without deploying: kept in the world
// so that rule unresolved-value reports it in a replay as in a lint.
Outcome<Json> note_unresolved_value(World& w, RegionId, const Json& p) {
  w.unresolved.push_back({get_string(p, "Resource"), get_string(p, "Property"), get_string(p, "Reason"), w.sim_origin()});
  return Json::object();
}

}  // namespace

void add_sim_operations(std::vector<Operation>& out) {
  using namespace shapes;
  out.push_back({"sim", "CreateValidationRecords", false, structure({{"CertificateArn", string(), true}, {"HostedZoneId", string(), true}}),
                 &create_validation_records});
  out.back().writes = kReportsItsOwnChanges;  // each record's name
  out.push_back({"sim", "ApproveValidationEmail", false, structure({{"CertificateArn", string(), true}, {"DomainName", string(), true}}),
                 &approve_validation_email});
  out.back().writes = kReportsItsOwnChanges;
  out.back().changes_named_certificate = true;
  out.push_back({"sim", "AdoptCertificate", false,
                 structure({{"CertificateArn", string(), true}, {"DomainName", string(), true}, {"SubjectAlternativeNames", list(string()), false}}),
                 &adopt_certificate});
  out.back().writes = model::bit(model::Part::Acm);
  out.back().changes_named_certificate = true;
  out.push_back({"sim", "AdoptHostedZone", false, structure({{"Id", string(), true}, {"Name", string(), true}}), &adopt_hosted_zone});
  out.back().writes = model::bit(model::Part::Dns);
  out.push_back({"sim", "NoteUnresolvedValue", false,
                 structure({{"Resource", string(), true}, {"Property", string(), true}, {"Reason", string(), true}}), &note_unresolved_value});
  out.back().writes = model::bit(model::Part::Deployment);
  out.push_back({"sim", "DelegateDomain", false, structure({{"DomainName", string(), true}, {"HostedZoneId", string(), true}}), &delegate_domain});
  out.back().writes = model::bit(model::Part::Dns);
}

}  // namespace acmsim::api
