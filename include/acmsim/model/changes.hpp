// What changed in the world and what a verdict read, for the incremental
// analysis: the parts of the world, a change sink the services report single
// resources to, and the read log that notes which resources were read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace acmsim::model {

/// The parts of the world that change separately, for incremental analysis.
/// A rule declares the parts it reads; a change marks the parts it touched.
/// `Acm` is ACM's inventory and account settings (which certificates exist,
/// their names, regions and types: what API calls change); `Certificates` is
/// each certificate's state (status, renewal, use, exports), which changes one
/// certificate at a time.
/// `Deployment` holds what an imported template left unknown (sim:NoteUnresolvedValue).
enum class Part : std::uint32_t { Acm, Dns, ApiGateway, CloudFront, Elb, Events, Config, Clients, Certificates, Deployment, Count };
/// How many parts there are (Part::Count stays last, so this counts itself).
inline constexpr std::size_t kPartCount = static_cast<std::size_t>(Part::Count);
static_assert(kPartCount <= 32, "a PartMask holds one bit per part");
using PartMask = std::uint32_t;
constexpr std::size_t part_index(Part p) { return static_cast<std::size_t>(p); }
constexpr PartMask bit(Part p) { return 1U << part_index(p); }
inline constexpr PartMask kAllParts = (1U << kPartCount) - 1;

/// Keys of single resources: a certificate's id (Acm, Certificates), a custom
/// domain's id (ApiGateway), dns::name_key of a name (Dns). kAllKeys stands
/// for every resource of the part (a read that walked them all).
inline constexpr std::uint64_t kAllKeys = ~std::uint64_t{0};
/// ACM's index of issued certificates (which regions have some, and the
/// first one): a key of Part::Certificates that is no certificate's id.
inline constexpr std::uint64_t kIssuedIndexKey = std::uint64_t{1} << 40;

/// Where a service reports a change to one resource (the World).
class ChangeSink {
 public:
  virtual ~ChangeSink() = default;
  virtual void resource_changed(Part part, std::uint64_t key) = 0;
};

/// While alive, records every read of a resource noted on this thread (as
/// read_key(part, key)): the analysis learns which resources a verdict read,
/// so that a change to one re-checks only the verdicts that read it.
class ReadLog {
 public:
  explicit ReadLog(std::vector<std::uint64_t>& into);
  ~ReadLog();
  ReadLog(const ReadLog&) = delete;
  ReadLog& operator=(const ReadLog&) = delete;
  /// Notes a read if a log is active on this thread (cheap otherwise).
  static void note(Part part, std::uint64_t key);
  /// Notes reads captured earlier by another log (read_key values), as if made now.
  static void replay(const std::vector<std::uint64_t>& keys);
  static bool active();

 private:
  std::vector<std::uint64_t>* previous_;
};

/// One number for (part, key); a collision only costs a re-check.
constexpr std::uint64_t read_key(Part part, std::uint64_t key) {
  return (key * 0x9E3779B97F4A7C15ULL) ^ (static_cast<std::uint64_t>(part_index(part)) + 1) * 0xC2B2AE3D27D4EB4FULL;
}

}  // namespace acmsim::model
