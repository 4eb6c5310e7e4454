#include "acmsim/core/trace.hpp"

#include <ostream>

namespace acmsim::core {

namespace {
std::string_view member(const Json& body, const char* key, StringPool& pool) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? pool.intern(it->get_ref<const std::string&>()) : std::string_view();
}
}  // namespace

TraceRecord::TraceRecord(SimTime t, Json body, bool compact, StringPool& pool)
    : time(t), type(member(body, "type", pool)), service(member(body, "service", pool)), resource(member(body, "resource", pool)) {
  if (compact) {
    text_ = body.dump();
    text_.shrink_to_fit();  // the dump grew it by doubling
  } else {
    parsed_ = std::move(body);
  }
}

std::string trace_line(SimTime t, const Json& body, SimTime start) {
  Json line = {{"time", format_timestamp(t)}, {"offset", "+" + format_duration(t - start)}};
  for (const auto& [k, v] : body.items()) line[k] = v;
  std::string out = line.dump();
  out += '\n';
  return out;
}

void Trace::write(SimTime t, const Json& body) { *out_ << trace_line(t, body, start_); }

}  // namespace acmsim::core
