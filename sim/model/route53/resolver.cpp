#include "acmsim/model/route53/resolver.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <unordered_map>

#include "acmsim/core/string_hash.hpp"
#include "acmsim/model/changes.hpp"
#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::model {

namespace {

bool node_exists(const HostedZone& z, std::string_view name) { return z.by_name.node_exists(name); }

// The first record set of `type` at exactly `name`, in the zone's order (by
// set identifier): one hash lookup in the zone's name index.
const RecordSet* find(const HostedZone& z, std::string_view name, RRType type) {
  const auto* at = z.by_name.at(dns::name_key(name));
  if (at == nullptr) return nullptr;
  for (const RecordSet* r : *at) {
    if (r->type == type && r->name == name) return r;
  }
  return nullptr;
}

// What a zone holds at exactly `name`: the set of `type`, a CNAME, and
// whether the node exists. One walk of the name's run of records where
// find(type), find(CNAME) and node_exists would take three.
struct AtName {
  const RecordSet* of_type = nullptr;
  const RecordSet* cname = nullptr;
  bool exists = false;
};

AtName at_name(const HostedZone& z, std::string_view name, RRType type) {
  AtName out;
  if (const auto* at = z.by_name.at(dns::name_key(name))) {
    for (const RecordSet* r : *at) {
      if (r->name != name) continue;  // a name whose key collides
      out.exists = true;
      if (out.of_type == nullptr && r->type == type) out.of_type = r;
      if (out.cname == nullptr && r->type == RRType::CNAME) out.cname = r;
    }
  }
  // No record at the name: it may still exist, as an empty non-terminal.
  if (!out.exists) out.exists = node_exists(z, name);
  return out;
}

}  // namespace

const HostedZone* PublicDns::descend(const HostedZone* zone, std::string_view name, bool* lame, int depth) const {
  if (depth > 16 || zone->ns_cuts == 0) return zone;
  // Look for the highest NS cut between the zone apex and the name.
  // The names between the apex and `name` are suffixes of it: no copies, and
  // (a name has at most 127 labels) no allocation.
  std::array<std::string_view, 128> ancestors;
  std::size_t count = 0;
  for (std::string_view n = name; !n.empty() && n != zone->name && n != "." && count < ancestors.size();) {
    ancestors[count++] = n;
    const auto dot = n.find('.');
    if (dot == std::string_view::npos || dot + 1 >= n.size()) break;
    n = n.substr(dot + 1);
  }
  for (std::size_t k = count; k-- > 0;) {
    const std::string_view* it = &ancestors[k];
    const RecordSet* ns = find(*zone, *it, RRType::NS);
    if (ns == nullptr) continue;
    for (const HostedZone* child : r53_.zones()) {
      if (child->private_zone || child->name != *it) continue;
      const bool served = std::any_of(ns->values.begin(), ns->values.end(), [&](const std::string& v) {
        const std::string nv = dns::normalize(v);
        return std::find(child->name_servers.begin(), child->name_servers.end(), nv) != child->name_servers.end();
      });
      if (served) return descend(child, name, lame, depth + 1);
    }
    if (lame != nullptr) *lame = true;
    return nullptr;
  }
  return zone;
}

const HostedZone* PublicDns::answering_zone(std::string_view name_in, bool* lame) const {
  // Names are usually normalized already: then walk up by suffixes, no copies.
  std::string copy;
  std::string_view name = name_in;
  if (!dns::is_normalized(name)) {
    copy = dns::normalize(name_in);
    name = copy;
  }
  const auto& delegations = r53_.delegations();
  for (std::string_view n = name; !n.empty() && n != ".";) {
    const auto it = delegations.find(n);
    const auto dot = n.find('.');
    n = dot == std::string_view::npos || dot + 1 >= n.size() ? std::string_view() : n.substr(dot + 1);
    if (it == delegations.end()) continue;
    const HostedZone* z = r53_.find_zone(it->second);
    if (z == nullptr) return nullptr;
    return descend(z, name, lame, 0);
  }
  return nullptr;
}

LookupResult PublicDns::lookup(std::string_view name_in, RRType type) const {
  std::string copy;
  std::string_view name = name_in;
  if (!dns::is_normalized(name)) {
    copy = dns::normalize(name_in);
    name = copy;
  }
  if (ReadLog::active()) ReadLog::note(Part::Dns, dns::name_key(name));
  bool lame = false;
  const HostedZone* z = answering_zone(name, &lame);
  if (z == nullptr) return LookupResult{lame ? LookupStatus::Lame : LookupStatus::NoZone, nullptr, nullptr, false};
  auto at = [&](std::string_view owner, bool wildcard) -> std::optional<LookupResult> {
    if (const RecordSet* r = find(*z, owner, type)) return LookupResult{LookupStatus::Found, r, z, wildcard};
    if (const RecordSet* c = find(*z, owner, RRType::CNAME)) return LookupResult{LookupStatus::Cname, c, z, wildcard};
    return std::nullopt;
  };
  const AtName here = at_name(*z, name, type);
  if (here.of_type != nullptr) return LookupResult{LookupStatus::Found, here.of_type, z, false};
  if (here.cname != nullptr) return LookupResult{LookupStatus::Cname, here.cname, z, false};
  if (here.exists) return LookupResult{LookupStatus::NoData, nullptr, z, false};
  // Closest encloser, then its wildcard.
  for (std::string enc = dns::parent(name); !enc.empty(); enc = dns::parent(enc)) {
    if (!dns::is_at_or_below(enc, z->name)) break;
    if (enc == z->name || node_exists(*z, enc)) {
      const std::string wild = "*." + enc;
      if (auto r = at(wild, true)) return *r;
      if (node_exists(*z, wild)) return LookupResult{LookupStatus::NoData, nullptr, z, true};
      break;
    }
  }
  return LookupResult{LookupStatus::NxDomain, nullptr, z, false};
}

namespace {

// Answers of DNS questions the analysis asks again and again (every
// certificate judged asks about its names), with the reads each took, for as
// long as DNS is unchanged: Route 53's generation changes with every change
// of any zone. A cached answer replays its reads (ReadLog::replay), so the
// incremental engine's record of what a verdict read is the same as if the
// lookups had been made again. Per thread: the rules of a large world run on
// several threads over the same world. Bounded: past kMaxEntries the cache
// starts over.
template <class Answer>
struct AnswerCache {
  struct Entry {
    Answer answer;
    std::vector<std::uint64_t> reads;
  };
  static constexpr std::size_t kMaxEntries = 1U << 20;
  std::uint64_t generation = 0;  // Route53Service::generation of the answers (0: none yet)
  std::unordered_map<std::string, Entry, core::StringHash, std::equal_to<>> by_name;

  /// The entry of `name` while `generation` holds, or nullptr.
  Entry* find(std::uint64_t now, std::string_view name) {
    if (generation != now) {
      by_name.clear();
      generation = now;
    }
    const auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : &it->second;
  }
  Entry& put(std::string_view name, Entry e) {
    if (by_name.size() >= kMaxEntries) by_name.clear();
    return by_name.insert_or_assign(std::string(name), std::move(e)).first->second;
  }
};

struct CnameAnswer {
  std::string expected;
  int max_hops = 0;
  bool reaches = false;
};

thread_local AnswerCache<CnameAnswer> cname_cache;

}  // namespace

bool PublicDns::cname_reaches(std::string_view name, std::string_view expected, int max_hops) const {
  auto& cache = cname_cache;
  if (auto* e = cache.find(r53_.generation(), name); e != nullptr && e->answer.expected == expected && e->answer.max_hops == max_hops) {
    ReadLog::replay(e->reads);
    return e->answer.reaches;
  }
  AnswerCache<CnameAnswer>::Entry e;
  {
    ReadLog capture(e.reads);
    e.answer = {std::string(expected), max_hops, cname_walk(name, expected, max_hops)};
  }
  ReadLog::replay(e.reads);
  return cache.put(name, std::move(e)).answer.reaches;
}

bool PublicDns::cname_walk(std::string_view name, std::string_view expected_in, int max_hops) const {
  // ACM asks this for every validation name of every certificate it checks:
  // names that are normalized already are used as they are, without copies.
  std::string expected_buf;
  std::string_view expected = expected_in;
  if (!dns::is_normalized(expected)) {
    expected_buf = dns::normalize(expected_in);
    expected = expected_buf;
  }
  std::string cur_buf;
  std::string target_buf;
  std::string_view cur = name;
  if (!dns::is_normalized(cur)) {
    cur_buf = dns::normalize(name);
    cur = cur_buf;
  }
  for (int hop = 0; hop < max_hops; ++hop) {
    const LookupResult r = lookup(cur, RRType::CNAME);
    if (r.record == nullptr || r.record->type != RRType::CNAME || r.record->values.empty()) return false;
    std::string_view target = r.record->values.front();  // the world does not change during the walk
    if (!dns::is_normalized(target)) {
      target_buf = dns::normalize(target);
      cur_buf.swap(target_buf);
      target = cur_buf;
    }
    if (target == expected) return true;
    cur = target;
  }
  return false;
}

std::optional<std::vector<std::string>> PublicDns::caa_at(const std::string& node) const {
  // A CAA lookup follows a CNAME at the node (RFC 8659 section 3).
  std::string q = node;
  for (int hop = 0; hop < 8; ++hop) {
    const LookupResult r = lookup(q, RRType::CAA);
    if (r.status == LookupStatus::Found && r.record != nullptr) return r.record->values;
    if (r.status == LookupStatus::Cname && r.record != nullptr && !r.record->values.empty()) {
      q = dns::normalize(r.record->values.front());
      continue;
    }
    break;
  }
  return std::nullopt;
}

namespace {
std::string caa_start(std::string_view name_in) {
  std::string n = dns::normalize(name_in);
  if (n.rfind("*.", 0) == 0) n = n.substr(2);
  return n;
}
}  // namespace

std::vector<std::string> PublicDns::relevant_caa(std::string_view name_in) const {
  // The name's own answer, else its closest ancestor's: what ancestor_caa
  // keeps, so a certificate judged again asks DNS nothing.
  return ancestor_caa(caa_start(name_in));
}

namespace {

thread_local AnswerCache<std::vector<std::string>> caa_cache;  // CAA answers of names and of their ancestors

}  // namespace

std::vector<std::string> PublicDns::ancestor_caa(std::string_view n) const {
  if (n.empty() || n == ".") return {};
  auto& cache = caa_cache;
  if (const auto* e = cache.find(r53_.generation(), n)) {
    ReadLog::replay(e->reads);  // the verdict depends on them as if read now
    return e->answer;
  }
  AnswerCache<std::vector<std::string>>::Entry e;
  {
    ReadLog capture(e.reads);
    if (auto caa = caa_at(std::string(n))) {
      e.answer = std::move(*caa);
    } else {
      e.answer = ancestor_caa(dns::parent(n));
    }
  }
  ReadLog::replay(e.reads);
  return cache.put(n, std::move(e)).answer;
}

bool PublicDns::caa_allows_amazon(const std::vector<std::string>& caa, bool wildcard) {
  struct Prop {
    std::string tag;
    std::string value;
  };
  std::vector<Prop> props;
  for (const auto& v : caa) {
    // flags tag "value"
    const auto s1 = v.find(' ');
    if (s1 == std::string::npos) continue;
    const auto s2 = v.find(' ', s1 + 1);
    if (s2 == std::string::npos) continue;
    std::string tag = v.substr(s1 + 1, s2 - s1 - 1);
    for (auto& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = v.substr(s2 + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    props.push_back({tag, value});
  }
  const bool has_issuewild = std::any_of(props.begin(), props.end(), [](const Prop& p) { return p.tag == "issuewild"; });
  const std::string wanted = wildcard && has_issuewild ? "issuewild" : "issue";
  bool any = false;
  for (const auto& p : props) {
    if (p.tag != wanted) continue;
    any = true;
    std::string domain = p.value.substr(0, p.value.find(';'));
    domain.erase(std::remove_if(domain.begin(), domain.end(), [](unsigned char c) { return std::isspace(c); }), domain.end());
    for (auto& c : domain) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (domain == "amazon.com" || domain == "amazontrust.com" || domain == "awstrust.com" || domain == "amazonaws.com") return true;
  }
  return !any;
}

}  // namespace acmsim::model
