#include "acmsim/core/trace.hpp"

#include "acmsim/core/json_text.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ostream>
#include <stdexcept>

namespace acmsim::core {

namespace {
// The members a record holds as pooled strings, in the order they are taken out.
constexpr std::array<const char*, 3> kPooled{"type", "service", "resource"};

const std::string* member(const Json& body, const char* key, StringPool& pool) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? &pool.intern(it->get_ref<const std::string&>()) : nullptr;
}

[[noreturn]] void spill_failed(const char* what) { throw std::runtime_error(std::string("trace spill file: ") + what + ": " + std::strerror(errno)); }
}  // namespace

TraceSpill::~TraceSpill() {
  if (fd_ >= 0) ::close(fd_);
}

void TraceSpill::open() {
  tried_ = true;
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/acmsim-trace-XXXXXX";
  fd_ = ::mkstemp(path.data());
  if (fd_ >= 0) ::unlink(path.c_str());  // nothing left behind, whatever way the process ends
  writable_ = fd_ >= 0;
}

// Writes are ours, not stdio's: when one fails (a full disk), the text it
// held is still in pending_ and moves to memory, so no record is lost.
void TraceSpill::write_pending() {
  std::size_t done = 0;
  while (done < pending_.size()) {
    const auto n = ::pwrite(fd_, pending_.data() + done, pending_.size() - done, static_cast<off_t>(file_end_ + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      writable_ = false;              // what is below file_end_ stays readable
      memory_ = std::move(pending_);  // from file_end_ on: a partly written tail is not read from the file
      pending_.clear();
      return;
    }
    done += static_cast<std::size_t>(n);
  }
  file_end_ += pending_.size();
  pending_.clear();
}

TraceSpill::Span TraceSpill::put(std::string_view text) {
  if (text.size() > UINT32_MAX) throw std::length_error("trace record over 4 GiB");
  if (!tried_) open();
  std::string& to = writable_ ? pending_ : memory_;
  const Span s{file_end_ + to.size(), static_cast<std::uint32_t>(text.size())};
  to.append(text);
  if (writable_ && pending_.size() >= (std::size_t{1} << 16)) write_pending();
  return s;
}

std::string TraceSpill::get(Span s) {
  if (writable_ && s.offset >= file_end_) write_pending();
  std::string out(s.length, '\0');
  if (s.offset >= file_end_) {  // with no file, or after a write to it failed
    out.assign(memory_, s.offset - file_end_, s.length);
    return out;
  }
  std::size_t done = 0;
  while (done < s.length) {
    const auto n = ::pread(fd_, out.data() + done, s.length - done, static_cast<off_t>(s.offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) spill_failed("read");
    done += static_cast<std::size_t>(n);
  }
  return out;
}

TraceRecord::TraceRecord(SimTime t, Json body, TraceSpill* spill, StringPool& pool)
    : time(t), pooled_{member(body, "type", pool), member(body, "service", pool), member(body, "resource", pool)} {
  if (spill == nullptr || !body.is_object()) {
    body_ = std::move(body);
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
  const auto span = spill->put(json_text(body));
  offset_ = span.offset;
  length_ = span.length;
  spill_ = spill;
}

TraceRecord::TraceRecord(SimTime t, const std::array<std::string_view, 3>& pooled, const std::array<std::uint8_t, 3>& places, const Json& rest,
                         TraceSpill& spill, StringPool& pool)
    : time(t), place_(places) {
  for (std::size_t k = 0; k < pooled.size(); ++k) {
    if (places[k] != kAbsent) pooled_[k] = &pool.intern(pooled[k]);
  }
  thread_local std::string text;  // reused: put() copies it
  text.clear();
  append_json_text(text, rest);
  const auto span = spill.put(text);
  offset_ = span.offset;
  length_ = span.length;
  spill_ = &spill;
}

Json TraceRecord::expand() const {
  Json rest = Json::parse(spill_->get({offset_, length_}));
  auto& members = rest.get_ref<Json::object_t&>();
  // Put back in the reverse order of their removal, each at its index.
  for (std::size_t k = kPooled.size(); k-- > 0;) {
    if (place_[k] == kAbsent) continue;
    const std::string value(view(pooled_[k]));
    Json::object_t rebuilt;
    rebuilt.reserve(members.size() + 1);
    std::size_t i = 0;
    for (auto& [key, v] : members) {
      if (i++ == place_[k]) rebuilt.emplace_back(kPooled[k], value);
      rebuilt.emplace_back(key, std::move(v));
    }
    if (place_[k] >= members.size()) rebuilt.emplace_back(kPooled[k], value);
    members = std::move(rebuilt);
  }
  return rest;
}

std::string trace_line(SimTime t, const Json& body, SimTime start) {
  std::string out;
  if (!body.is_object() || body.contains("time") || body.contains("offset")) {
    // A body's own "time" or "offset" takes the place of the line's.
    Json line = {{"time", format_timestamp(t)}, {"offset", "+" + format_duration(t - start)}};
    for (const auto& [k, v] : body.items()) line[k] = v;
    append_json_text(out, line);
  } else {
    out += R"({"time":")";
    out += format_timestamp(t);
    out += R"(","offset":"+)";
    out += format_duration(t - start);
    out += '"';
    // The body's text "{...}" goes right after the line's own members: its
    // brace becomes a comma, and its closing brace closes the line.
    const std::size_t at = out.size();
    append_json_text(out, body);
    if (out.size() - at == 2) {
      out.resize(at);
      out += '}';
    } else {
      out[at] = ',';
    }
  }
  out += '\n';
  return out;
}

void Trace::write(SimTime t, const Json& body) { *out_ << trace_line(t, body, start_); }

}  // namespace acmsim::core
