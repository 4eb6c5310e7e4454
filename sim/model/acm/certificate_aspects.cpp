#include "acmsim/model/acm/certificate_aspects.hpp"

#include "acmsim/core/word_hash.hpp"

#include <cstring>
#include <string_view>
#include <type_traits>

namespace acmsim::model {

namespace {

// Order-sensitive: each value is mixed into the running print, so that equal
// values in another order print differently.
class Print {
 public:
  void add(std::uint64_t v) { h_.add(v); }
  void add(std::string_view s) {
    h_.add(s.size());
    h_.add_bytes(s);
  }
  void add(bool b) { add(std::uint64_t{b ? 1U : 2U}); }
  void add(SimTime t) { add(static_cast<std::uint64_t>(t.ms)); }
  template <class E>
  requires std::is_enum_v<E>
  void add(E e) { add(static_cast<std::uint64_t>(e) + 3); }
  template <class T>
  void add(const std::optional<T>& v) {
    add(v.has_value());
    if (v) add(*v);
  }
  void add(const Serial& s) {
    static_assert(sizeof(s.bytes) == 16);
    std::uint64_t w[2];
    std::memcpy(w, s.bytes.data(), sizeof w);
    add(w[0]);
    add(w[1]);
  }
  // A validation's names and record are fixed when the certificate is made
  // (a re-import changes the certificate's names, not its validations):
  // only what it stands at moves.
  void add(const DomainValidation& v) {
    add(v.status);
    add(v.method);
  }
  template <class T>
  void add(const std::vector<T>& items) {
    add(std::uint64_t{items.size()});
    for (const auto& i : items) add(i);
  }
  void add(const std::string& s) { add(std::string_view(s)); }
  // A last mix (splitmix64's finalizer), so that every bit of the print
  // depends on every value.
  [[nodiscard]] std::uint64_t value() const {
    std::uint64_t z = h_.state();
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  core::WordHash h_;
};

std::size_t at(CertificateAspect a) { return static_cast<std::size_t>(a); }

}  // namespace

AspectPrints aspect_prints(const Certificate& c) {
  AspectPrints out{};
  {
    Print p;
    // Fixed when the certificate is made, so in no print: its id, region,
    // ARN, type, key algorithm, private CA, creation time, and its
    // validations' names and records. The first print of a certificate
    // counts as a change of every aspect.
    p.add(c.domain_name);
    p.add(c.sans);
    p.add(c.status);
    p.add(c.failure_reason);
    p.add(c.method);
    p.add(c.export_option);
    p.add(c.ct_logging);
    p.add(c.validations);
    p.add(c.issuer);
    p.add(c.imported_at);
    p.add(c.revoked_at);
    p.add(std::uint64_t{c.tags.size()});
    for (const auto& t : c.tags) {
      p.add(t.key);
      p.add(t.value);
    }
    p.add(static_cast<std::uint64_t>(static_cast<std::int64_t>(c.origin)));
    p.add(c.deleted);
    p.add(c.adopted);
    out[at(CertificateAspect::Identity)] = p.value();
  }
  {
    Print p;
    p.add(std::uint64_t{c.in_use_by.size()});
    for (const auto& u : c.in_use_by) p.add(u);
    p.add(std::uint64_t{c.detaching.size()});
    for (const auto& d : c.detaching) {
      p.add(d.user);
      p.add(d.at);
    }
    out[at(CertificateAspect::Use)] = p.value();
  }
  {
    Print p;
    p.add(c.serial);
    p.add(c.issued_at);
    p.add(c.not_before);
    p.add(c.not_after);
    p.add(static_cast<std::uint64_t>(c.validity_days));
    p.add(std::uint64_t{c.versions.size()});
    if (!c.versions.empty()) {  // earlier versions never change
      const auto& v = c.versions.back();
      p.add(v.serial);
      p.add(v.not_before);
      p.add(v.not_after);
      p.add(v.since);
      p.add(v.names != nullptr);
      if (v.names) p.add(*v.names);
    }
    p.add(c.exported_since_issue);
    p.add(c.ever_exported);
    out[at(CertificateAspect::Validity)] = p.value();
  }
  {
    Print p;
    p.add(c.renewal.has_value());
    if (c.renewal) {
      p.add(c.renewal->status);
      p.add(c.renewal->reason);
      p.add(c.renewal->updated_at);
      p.add(c.renewal->validations);
    }
    p.add(c.renewing);
    p.add(static_cast<std::uint64_t>(c.renewal_lead_days));
    p.add(c.validation_started_at);
    p.add(c.attempt_faulted);
    out[at(CertificateAspect::Renewal)] = p.value();
  }
  return out;
}

AspectMask changed_aspects(const AspectPrints& before, const AspectPrints& after) {
  AspectMask m = 0;
  for (std::size_t i = 0; i < kAspectCount; ++i) {
    if (before[i] != after[i]) m = static_cast<AspectMask>(m | (1U << i));
  }
  return m;
}

}  // namespace acmsim::model
