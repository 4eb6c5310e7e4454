#include "acmsim/core/trace.hpp"

#include <ostream>

namespace acmsim::core {

namespace {
// The members a record holds as views, in the order they are taken out.
constexpr std::array<const char*, 3> kPooled{"type", "service", "resource"};

std::string_view member(const Json& body, const char* key, StringPool& pool) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? pool.intern(it->get_ref<const std::string&>()) : std::string_view();
}
}  // namespace

TraceRecord::TraceRecord(SimTime t, Json body, bool compact, StringPool& pool)
    : time(t), type(member(body, "type", pool)), service(member(body, "service", pool)), resource(member(body, "resource", pool)) {
  if (!compact || !body.is_object()) {
    parsed_ = std::move(body);
    return;
  }
  // Members are few (a dozen at most) and kept in order: where each pooled
  // one stood is its index, found and erased by a short walk.
  auto& members = body.get_ref<Json::object_t&>();
  for (std::size_t k = 0; k < kPooled.size(); ++k) {
    std::uint8_t i = 0;
    for (auto it = members.begin(); it != members.end() && i < kAbsent; ++it, ++i) {
      if (it->first != kPooled[k] || !it->second.is_string()) continue;
      members.erase(it);
      place_[k] = i;
      break;
    }
  }
  text_ = body.dump();
  text_.shrink_to_fit();  // the dump grew it by doubling
}

Json TraceRecord::expand() const {
  Json rest = Json::parse(text_);
  auto& members = rest.get_ref<Json::object_t&>();
  // Put back in the reverse order of their removal, each at its index.
  const std::array<std::string_view, 3> values{type, service, resource};
  for (std::size_t k = kPooled.size(); k-- > 0;) {
    if (place_[k] == kAbsent) continue;
    Json::object_t rebuilt;
    rebuilt.reserve(members.size() + 1);
    std::size_t i = 0;
    for (auto& [key, value] : members) {
      if (i++ == place_[k]) rebuilt.emplace_back(kPooled[k], std::string(values[k]));
      rebuilt.emplace_back(key, std::move(value));
    }
    if (place_[k] >= members.size()) rebuilt.emplace_back(kPooled[k], std::string(values[k]));
    members = std::move(rebuilt);
  }
  return rest;
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
