#include "acmsim/model/route53/route53_service.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>

#include "acmsim/model/route53/dns_name.hpp"
#include "acmsim/model/state_change.hpp"

namespace acmsim::model {

namespace {

std::string rrset_ref(const RecordSet& r) {
  return "[name='" + r.name + "', type='" + std::string(aws_name(r.type)) + "'" +
         (r.set_identifier ? ", set-identifier='" + *r.set_identifier + "'" : std::string()) + "]";
}

RecordKey key_of(const RecordSet& r) { return RecordKey{dns::sort_key(r.name), std::string(aws_name(r.type)), r.set_identifier.value_or("")}; }

bool is_ipv4(std::string_view v) {
  int parts = 0;
  std::size_t i = 0;
  while (i <= v.size()) {
    std::size_t j = v.find('.', i);
    if (j == std::string_view::npos) j = v.size();
    const auto part = v.substr(i, j - i);
    if (part.empty() || part.size() > 3 || !std::all_of(part.begin(), part.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      return false;
    if (std::stoi(std::string(part)) > 255) return false;
    ++parts;
    i = j + 1;
    if (j == v.size()) break;
  }
  return parts == 4;
}

bool is_ipv6(std::string_view v) {
  if (v.find(':') == std::string_view::npos) return false;
  return std::all_of(v.begin(), v.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'; });
}

// "0 issue \"amazon.com\"": flags (0-255), a tag, a quoted value.
bool is_caa(std::string_view v) {
  std::size_t i = 0;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
  if (i == 0 || i > 3 || i >= v.size() || v[i] != ' ') return false;
  ++i;
  const std::size_t tag = i;
  while (i < v.size() && std::isalnum(static_cast<unsigned char>(v[i]))) ++i;
  if (i == tag || i >= v.size() || v[i] != ' ') return false;
  ++i;
  return v.size() - i >= 2 && v[i] == '"' && v.back() == '"';
}

std::optional<std::string> check_value(RRType type, const std::string& value) {
  auto bad = [&](const char* what) {
    return std::optional<std::string>("Invalid Resource Record: 'FATAL problem: " + std::string(what) + " encountered with '" + value + "''");
  };
  switch (type) {
    case RRType::A:
      return is_ipv4(value) ? std::nullopt : bad("ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address)");
    case RRType::AAAA:
      return is_ipv6(value) ? std::nullopt : bad("AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address)");
    case RRType::CAA:
      return is_caa(value) ? std::nullopt : bad("CAARRDATAMalformed (Value must be: flags tag \"value\")");
    case RRType::CNAME:
    case RRType::NS:
      return value.empty() || value.find(' ') != std::string::npos ? bad("DomainLabelEmpty or invalid domain name") : std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace

namespace {
// Generations come from one counter for every world (worlds of a sweep run on
// several threads): a cache keyed by generation can never mistake one world's
// DNS for another's.
std::uint64_t next_generation() {
  static std::atomic<std::uint64_t> counter{0};
  return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}
}  // namespace

Route53Service::Route53Service(const ServiceContext& ctx) : ctx_(ctx), ids_(ctx.sim.seed(), "route53.ids"), generation_(next_generation()) {}

std::string_view Route53Service::bare_id_view(std::string_view id) {
  for (const std::string_view prefix : {"/hostedzone/", "hostedzone/", "/change/", "change/"}) {
    if (id.rfind(prefix, 0) == 0) return id.substr(prefix.size());
  }
  return id;
}

std::string Route53Service::bare_id(std::string_view id) { return std::string(bare_id_view(id)); }

std::string Route53Service::new_id(char prefix) {
  static constexpr std::string_view alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string id(1, prefix);
  for (int i = 0; i < 20; ++i) id += alphabet[static_cast<std::size_t>(ids_.uniform_int(0, 35))];
  return id;
}

void Route53Service::notify(const std::vector<ChangedRecord>* records) {
  generation_ = next_generation();
  if (observer_ != nullptr) observer_->on_dns_changed(records);
}

HostedZone* Route53Service::mutable_zone(std::string_view id) {
  const auto it = zone_index_.find(bare_id_view(id));
  if (it == zone_index_.end() || zones_[it->second].deleted) return nullptr;
  return &zones_[it->second];
}

const HostedZone* Route53Service::find_zone(std::string_view id) const {
  const auto it = zone_index_.find(bare_id_view(id));
  if (it == zone_index_.end() || zones_[it->second].deleted) return nullptr;
  return &zones_[it->second];
}

std::vector<const HostedZone*> Route53Service::zones() const {
  std::vector<const HostedZone*> out;
  for (const auto& z : zones_) {
    if (!z.deleted) out.push_back(&z);
  }
  return out;
}

Outcome<CreatedZone> Route53Service::create_hosted_zone(core::SimTime now, const CreateHostedZoneRequest& req) {
  const std::string name = dns::normalize(req.name);
  if (!dns::is_valid_zone_name(name)) {
    return aws_error("InvalidDomainName", "The domain name '" + req.name + "' is not valid.");
  }
  if (name.rfind("*.", 0) == 0) return aws_error("InvalidDomainName", "Hosted zone names cannot have '*' as the leftmost label: " + req.name);
  if (req.caller_reference.empty()) return aws_error("InvalidInput", "CallerReference must not be empty.");
  if (caller_references_.count(req.caller_reference) != 0U) {
    return aws_error("HostedZoneAlreadyExists",
                     "A hosted zone has already been created with the specified caller reference '" + req.caller_reference + "'.");
  }
  if (req.private_zone && (!req.vpc_id || !req.vpc_region)) {
    return aws_error("InvalidVPCId", "A private hosted zone needs a VPC (VPCRegion and VPCId) when it is created.");
  }
  if (!req.private_zone && (req.vpc_id || req.vpc_region)) {
    // Route 53 makes the zone private when a VPC is given; follow that.
  }
  HostedZone z;
  if (req.id) {
    const std::string bare = bare_id(*req.id);
    if (bare.empty() || bare.size() > 32 || bare.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != std::string::npos)
      return aws_error("InvalidInput", "A hosted zone id is up to 32 capital letters and digits: " + *req.id);
    if (find_zone(bare) != nullptr) return aws_error("HostedZoneAlreadyExists", "A hosted zone with the id " + bare + " exists already.");
  }
  z.id = req.id ? bare_id(*req.id) : new_id('Z');
  z.name = name;
  z.caller_reference = req.caller_reference;
  z.comment = req.comment;
  z.private_zone = req.private_zone || req.vpc_id.has_value();
  if (req.vpc_id) z.vpcs.emplace_back(req.vpc_region.value_or(""), *req.vpc_id);
  z.created_at = now;
  z.origin = ctx_.origin;
  const auto n = ids_.uniform_int(0, 2047);
  z.name_servers = {"ns-" + std::to_string(n) + ".awsdns-" + std::to_string(n % 64) + ".org.",
                    "ns-" + std::to_string((n + 517) % 2048) + ".awsdns-" + std::to_string((n + 9) % 64) + ".co.uk.",
                    "ns-" + std::to_string((n + 1031) % 2048) + ".awsdns-" + std::to_string((n + 23) % 64) + ".com.",
                    "ns-" + std::to_string((n + 1500) % 2048) + ".awsdns-" + std::to_string((n + 41) % 64) + ".net."};
  RecordSet soa{name, RRType::SOA, 900, {z.name_servers[0] + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"}, {}, {}, ctx_.origin};
  RecordSet ns{name, RRType::NS, 172800, z.name_servers, {}, {}, ctx_.origin};
  z.records.emplace(key_of(soa), soa);
  z.records.emplace(key_of(ns), ns);
  caller_references_[req.caller_reference] = z.id;
  zone_index_[z.id] = zones_.size();
  zones_by_name_[z.name].push_back(zones_.size());
  zones_.push_back(std::move(z));
  HostedZone& stored = zones_.back();
  stored.by_name.rebuild(stored.records);
  // By default the first public zone created for a name answers for it (scenario format, sim:DelegateDomain).
  if (!stored.private_zone && delegations_.count(name) == 0U) delegations_[name] = stored.id;
  ChangeInfo change{new_id('C'), now, ""};
  changes_[change.id] = change;
  if (ctx_.trace.enabled()) {
    emit_state(ctx_.trace, now, "route53", std::nullopt, "/hostedzone/" + stored.id, StateChange::HostedZoneCreated,
               {{"name", stored.name}, {"private", stored.private_zone}});
  }
  notify();
  return CreatedZone{&stored, change};
}

Outcome<ChangeInfo> Route53Service::delete_hosted_zone(core::SimTime now, std::string_view id) {
  HostedZone* z = mutable_zone(id);
  if (z == nullptr) return aws_error("NoSuchHostedZone", "No hosted zone found with ID: " + bare_id(id));
  for (const auto& [k, r] : z->records) {
    const bool apex_default = r.name == z->name && (r.type == RRType::SOA || r.type == RRType::NS);
    if (!apex_default) {
      return aws_error("HostedZoneNotEmpty", "The specified hosted zone contains non-required resource record sets and so cannot be deleted.");
    }
  }
  z->deleted = true;
  if (auto it = zones_by_name_.find(z->name); it != zones_by_name_.end()) {
    const auto index = static_cast<std::size_t>(z - zones_.data());
    std::erase(it->second, index);
    if (it->second.empty()) zones_by_name_.erase(it);
  }
  for (auto it = delegations_.begin(); it != delegations_.end();) {
    it = it->second == z->id ? delegations_.erase(it) : std::next(it);
  }
  ChangeInfo change{new_id('C'), now, ""};
  changes_[change.id] = change;
  if (ctx_.trace.enabled()) {
    emit_state(ctx_.trace, now, "route53", std::nullopt, "/hostedzone/" + z->id, StateChange::HostedZoneDeleted);
  }
  notify();
  return change;
}

Outcome<const HostedZone*> Route53Service::get_hosted_zone(std::string_view id) const {
  const HostedZone* z = find_zone(id);
  if (z == nullptr) return aws_error("NoSuchHostedZone", "No hosted zone found with ID: " + bare_id(id));
  return z;
}

Outcome<ChangeInfo> Route53Service::get_change(std::string_view id) const {
  const auto it = changes_.find(bare_id(id));
  if (it == changes_.end()) return aws_error("NoSuchChange", "A change with the specified change ID does not exist: " + bare_id(id));
  return it->second;
}

Outcome<bool> Route53Service::delegate_domain(core::SimTime now, std::string_view domain, std::string_view zone_id) {
  const HostedZone* z = find_zone(zone_id);
  if (z == nullptr) return aws_error("NoSuchHostedZone", "No hosted zone found with ID: " + bare_id(zone_id));
  const std::string name = dns::normalize(domain);
  if (z->private_zone) return aws_error("InvalidInput", "A registrar can only delegate to a public hosted zone; " + z->id + " is private.");
  if (z->name != name) {
    return aws_error("InvalidInput",
                     "Hosted zone " + z->id + " is for " + z->name + ", not for " + name + ": a domain is delegated to a zone of the same name.");
  }
  delegations_[name] = z->id;
  if (ctx_.trace.enabled()) {
    emit_state(ctx_.trace, now, "route53", std::nullopt, name, StateChange::DomainDelegated, {{"hostedZone", "/hostedzone/" + z->id}});
  }
  notify();
  return true;
}

Outcome<ChangeInfo> Route53Service::upsert(core::SimTime now, std::string_view zone_id, RecordSet record) {
  ChangeBatch b;
  b.changes.push_back(RecordChange{ChangeAction::Upsert, std::move(record)});
  return change_resource_record_sets(now, zone_id, b);
}

Outcome<ChangeInfo> Route53Service::change_resource_record_sets(core::SimTime now, std::string_view zone_id, const ChangeBatch& batch) {
  HostedZone* z = mutable_zone(zone_id);
  if (z == nullptr) return aws_error("NoSuchHostedZone", "No hosted zone found with ID: " + bare_id(zone_id));
  if (batch.changes.empty()) return aws_error("InvalidInput", "Invalid request: ChangeBatch.Changes must contain at least one change.");
  // The batch is atomic: several changes work on a copy. A single change
  // writes only once all its checks passed, so it works in place (a zone of
  // 100,000 records is not copied for each validation record written).
  const bool in_copy = batch.changes.size() > 1;
  std::map<RecordKey, RecordSet, RecordKeyLess> copy;
  if (in_copy) copy = z->records;
  auto& records = in_copy ? copy : z->records;
  std::vector<std::string> errors;
  std::string rule;  // the misconfiguration rule behind a refusal, if any
  const std::string zone_name = z->name;
  std::ptrdiff_t ns_cuts_added = 0;  // applied with the batch
  for (const auto& change : batch.changes) {
    RecordSet r = change.record;
    r.name = dns::normalize(r.name);
    r.origin = ctx_.origin;
    const std::string type_name(aws_name(r.type));
    if (!dns::is_at_or_below(r.name, zone_name)) {
      errors.push_back("RRSet with DNS name " + r.name + " is not permitted in zone " + zone_name);
      continue;
    }
    const bool has_plain = r.ttl.has_value() || !r.values.empty();
    if (r.alias.has_value() == has_plain || (!r.alias && (!r.ttl || r.values.empty()))) {
      return aws_error(
          "InvalidInput",
          "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found " +
              std::string(r.alias && has_plain ? "more than one" : "none") + " in Change with [Action=" + std::string(aws_name(change.action)) +
              ", Name=" + r.name + ", Type=" + type_name + ", SetIdentifier=" + r.set_identifier.value_or("null") + "]");
    }
    if (r.ttl && (*r.ttl < 0 || *r.ttl > 2147483647)) return aws_error("InvalidInput", "Invalid request: TTL must be between 0 and 2147483647.");
    bool value_error = false;
    for (const auto& v : r.values) {
      if (auto e = check_value(r.type, v)) {
        errors.push_back(*e);
        value_error = true;
      }
    }
    if (value_error) continue;
    if (r.alias) r.alias->dns_name = dns::normalize(r.alias->dns_name);
    const RecordKey key = key_of(r);
    const auto existing = records.find(key);
    if (change.action == ChangeAction::Delete) {
      if (existing == records.end()) {
        errors.push_back("Tried to delete resource record set " + rrset_ref(r) + " but it was not found");
      } else if (!existing->second.same_content(r)) {
        errors.push_back("Tried to delete resource record set " + rrset_ref(r) + " but the values provided do not match the current values");
      } else if (r.name == zone_name && r.type == RRType::SOA) {
        errors.push_back("A HostedZone must contain exactly one SOA record.");
      } else if (r.name == zone_name && r.type == RRType::NS) {
        errors.push_back("A HostedZone must contain at least one NS record for the zone itself.");
      } else {
        if (r.type == RRType::NS) --ns_cuts_added;  // not the apex's: refused above
        if (!in_copy) z->by_name.remove(&existing->second);
        records.erase(existing);
      }
      continue;
    }
    if (change.action == ChangeAction::Create && existing != records.end()) {
      errors.push_back("Tried to create resource record set " + rrset_ref(r) + " but it already exists");
      continue;
    }
    if (r.type == RRType::CNAME && r.name == zone_name) {
      errors.push_back("RRSet of type CNAME with DNS name " + r.name + " is not permitted at apex in zone " + zone_name);
      continue;
    }
    if (r.type == RRType::CNAME && r.values.size() > 1) {
      errors.push_back("RRSet of type CNAME with DNS name " + r.name + " has more than one resource record: a CNAME has exactly one value");
      continue;
    }
    if (r.type == RRType::NS && r.name.rfind("*.", 0) == 0) {
      errors.push_back("RRSet of type NS with DNS name " + r.name + " is not permitted: NS records cannot be wildcards");
      continue;
    }
    if (r.type == RRType::SOA && r.name != zone_name) {
      errors.push_back("RRSet of type SOA with DNS name " + r.name + " is not permitted: SOA is only at the apex in zone " + zone_name);
      continue;
    }
    bool conflict = false;
    // Records of one name are next to each other in the zone's order.
    for (auto it = records.lower_bound(RecordKeyView{key.sort_name, "", ""}); it != records.end() && it->first.sort_name == key.sort_name; ++it) {
      const auto& [k, other] = *it;
      if (other.name != r.name || k == key) continue;
      if (r.type == RRType::CNAME && other.type != RRType::CNAME) {
        errors.push_back("RRSet of type CNAME with DNS name " + r.name +
                         " is not permitted as it conflicts with other records with the same DNS name in zone " + zone_name);
        conflict = true;
        break;
      }
      if (r.type != RRType::CNAME && other.type == RRType::CNAME) {
        errors.push_back("RRSet of type " + type_name + " with DNS name " + r.name +
                         " is not permitted because a conflicting RRSet of type  CNAME with the same DNS name already exists in zone " + zone_name);
        conflict = true;
        break;
      }
    }
    if (conflict) continue;
    if (r.alias) {
      const std::string target_zone = bare_id(r.alias->hosted_zone_id);
      const HostedZone* tz = target_zone == z->id ? z : find_zone(target_zone);
      if (tz != nullptr) {
        const auto& pool = tz == z ? records : tz->records;
        if (!dns::is_at_or_below(r.alias->dns_name, tz->name)) {
          errors.push_back("Tried to create an alias that targets " + r.alias->dns_name + ", type " + type_name + " in zone " + tz->id +
                           ", but the alias target name does not lie within the target zone");
          continue;
        }
        auto target = [&](const RecordSet& t) { return t.name == r.alias->dns_name && (t.type == r.type || t.type == RRType::CNAME); };
        bool found = false;
        if (tz == z && in_copy) {
          // The batch's working copy has no name index: a walk, as the copy was.
          found = std::any_of(pool.begin(), pool.end(), [&](const auto& kv) { return target(kv.second); });
        } else if (const auto* at = tz->by_name.at(dns::name_key(r.alias->dns_name))) {
          found = std::any_of(at->begin(), at->end(), [&](const RecordSet* t) { return target(*t); });
        }
        if (!found) {
          errors.push_back("Tried to create an alias that targets " + r.alias->dns_name + ", type " + type_name + " in zone " + tz->id +
                           ", but that target was not found");
          continue;
        }
      } else if (alias_registry_ != nullptr) {
        if (auto e = alias_registry_->check_alias(*r.alias, r.name, r.type, z->private_zone)) {
          errors.push_back(*e);
          rule = "dns-alias-target-mismatch";
          continue;
        }
      }
    }
    if (r.type == RRType::NS && r.name != zone_name && existing == records.end()) ++ns_cuts_added;
    const auto [written, inserted] = records.insert_or_assign(key, r);
    if (inserted && !in_copy) z->by_name.add(&written->second);  // an overwrite keeps its node and its place
  }
  if (!errors.empty()) {
    std::string msg;
    if (errors.size() == 1) {
      msg = errors.front();
    } else {
      msg = "[";
      for (std::size_t i = 0; i < errors.size(); ++i) msg += (i > 0 ? ", " : "") + errors[i];
      msg += "]";
    }
    // A CNAME at the apex is the rule `dns-cname-at-apex`.
    const bool apex =
        std::any_of(errors.begin(), errors.end(), [](const std::string& e) { return e.find("is not permitted at apex") != std::string::npos; });
    return aws_error("InvalidChangeBatch", msg, apex ? "dns-cname-at-apex" : rule);
  }
  if (in_copy) {
    z->records = std::move(copy);
    z->by_name.rebuild(z->records);
  }
  z->ns_cuts = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(z->ns_cuts) + ns_cuts_added);
  ChangeInfo info{new_id('C'), now, batch.comment};
  changes_[info.id] = info;
  if (ctx_.trace.enabled()) {
    for (const auto& change : batch.changes) {
      emit_state(ctx_.trace, now, "route53", std::nullopt, "/hostedzone/" + z->id,
                 change.action == ChangeAction::Delete ? StateChange::RecordDeleted : StateChange::RecordWritten,
                 {{"name", dns::normalize(change.record.name)}, {"recordType", aws_name(change.record.type)}});
    }
  }
  std::vector<ChangedRecord> changed;
  changed.reserve(batch.changes.size());
  for (const auto& change : batch.changes) changed.push_back({dns::normalize(change.record.name), change.record.type});
  notify(&changed);
  return info;
}

}  // namespace acmsim::model
