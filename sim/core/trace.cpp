#include "acmsim/core/trace.hpp"

#include <ostream>

namespace acmsim::core {

std::string trace_line(const TraceRecord& rec, SimTime start) {
  Json line = {{"time", format_timestamp(rec.time)}, {"offset", "+" + format_duration(rec.time - start)}};
  for (const auto& [k, v] : rec.body.items()) line[k] = v;
  std::string out = line.dump();
  out += '\n';
  return out;
}

void Trace::write(const TraceRecord& rec) { *out_ << trace_line(rec, start_); }

}  // namespace acmsim::core
