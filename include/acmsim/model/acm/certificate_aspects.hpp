// The parts of a certificate's state that change separately, for the
// incremental analysis: a renewal changes the renewal state and the current
// body, not the names, the status or who uses the certificate, so the rules
// that read only those need not judge it again.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "acmsim/model/acm/certificate.hpp"

namespace acmsim::model {

enum class CertificateAspect : std::uint8_t {
  Identity,  // what it is and where it stands: names, type, status, method, validations, export option, tags, origin, deletion
  Use,       // which services use it, and the detachments on their way
  Validity,  // the current body: serial, issue, validity window, versions, exports since the issue
  Renewal,   // the renewal summary and attempt
  Count
};
using AspectMask = std::uint8_t;
constexpr AspectMask aspect_bit(CertificateAspect a) { return static_cast<AspectMask>(1U << static_cast<unsigned>(a)); }
inline constexpr std::size_t kAspectCount = static_cast<std::size_t>(CertificateAspect::Count);
inline constexpr AspectMask kAllAspects = static_cast<AspectMask>((1U << kAspectCount) - 1);

/// A 64-bit print of each aspect's fields (certificate_aspects.cpp lists
/// them; the handles of timed processes are in none, since no rule reads
/// them). Two states with equal prints are taken as equal in that aspect: a
/// collision, about one in 2^64, would skip one re-judgment.
using AspectPrints = std::array<std::uint64_t, kAspectCount>;
[[nodiscard]] AspectPrints aspect_prints(const Certificate& c);
/// The aspects in which two prints differ.
[[nodiscard]] AspectMask changed_aspects(const AspectPrints& before, const AspectPrints& after);

}  // namespace acmsim::model
