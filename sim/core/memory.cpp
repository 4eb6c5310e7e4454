#include <unistd.h>

#include <cstdio>

#include "acmsim/core/simulation.hpp"

namespace acmsim::core {

std::uint64_t resident_bytes() {
  // statm's second field is the resident set, in pages.
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long long size = 0;
  unsigned long long resident = 0;
  const int read = std::fscanf(f, "%llu %llu", &size, &resident);
  std::fclose(f);
  if (read != 2) return 0;
  return resident * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

}  // namespace acmsim::core
