#include "acmsim/core/json_text.hpp"

#include <charconv>

namespace acmsim::core {

namespace {

// Printable ASCII other than the quote and the backslash: written as it is.
bool plain(const std::string& s) {
  bool ok = true;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    ok &= (u >= 0x20U) & (u < 0x7FU) & (c != '"') & (c != '\\');
  }
  return ok;
}

void append_string(std::string& out, const std::string& s) {
  if (plain(s)) {
    out += '"';
    out += s;
    out += '"';
  } else {
    out += Json(s).dump();  // escapes, and checks the UTF-8, as dump() does
  }
}

template <class N>
void append_number(std::string& out, N n) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, r.ptr);
}

}  // namespace

void append_json_text(std::string& out, const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [k, v] : value.get_ref<const Json::object_t&>()) {
        if (!first) out += ',';
        first = false;
        append_string(out, k);
        out += ':';
        append_json_text(out, v);
      }
      out += '}';
      return;
    }
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& v : value.get_ref<const Json::array_t&>()) {
        if (!first) out += ',';
        first = false;
        append_json_text(out, v);
      }
      out += ']';
      return;
    }
    case Json::value_t::string:
      append_string(out, value.get_ref<const std::string&>());
      return;
    case Json::value_t::number_integer:
      append_number(out, value.get<std::int64_t>());
      return;
    case Json::value_t::number_unsigned:
      append_number(out, value.get<std::uint64_t>());
      return;
    case Json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::null:
      out += "null";
      return;
    default:  // floats (shortest round-trip form), binary, discarded
      out += value.dump();
      return;
  }
}

}  // namespace acmsim::core
