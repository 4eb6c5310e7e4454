#include "acmsim/scenario/references.hpp"

#include <cctype>

#include "acmsim/api/shape.hpp"
#include "acmsim/input/json_source.hpp"

namespace acmsim::scenario {

using input::pointer_escape;

namespace {

bool valid_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

// Resolves "name.a.b[0].c" against saved values.
/// What a reference could have named at a point of a response: its members,
/// or the length of its array, or that it is a plain value.
std::string what_is_at(const Json& v, const std::string& path) {
  if (v.is_object()) {
    if (v.empty()) return path + " has no members";
    std::string out = path + " has: ";
    std::size_t n = 0;
    for (const auto& [k, _] : v.items()) {
      if (n++ == 24) {
        out += ", ...";
        break;
      }
      out += (n > 1 ? ", " : "") + k;
    }
    return out;
  }
  if (v.is_array() && v.empty()) return path + " is an empty list";
  if (v.is_array())
    return path + " is a list of " + std::to_string(v.size()) + (v.size() == 1 ? " element" : " elements") + " ([0] to [" +
           std::to_string(v.empty() ? 0 : v.size() - 1) + "])";
  return path + " is a " + std::string(v.type_name()) + ", with no members";
}

std::optional<Json> resolve(std::string_view ref, const SavedValues& saved, std::string* why) {
  std::size_t i = 0;
  while (i < ref.size() && valid_name_char(ref[i])) ++i;
  const std::string_view name = ref.substr(0, i);
  const auto it = saved.find(name);
  if (it == saved.end()) {
    *why = "reference ${" + std::string(ref) + "}: nothing is saved under '" + std::string(name) + "' (the call that saves it failed or has not run)";
    return std::nullopt;
  }
  const Json* cur = &it->second;
  std::string walked(name);
  while (i < ref.size()) {
    if (ref[i] == '.') {
      ++i;
      std::size_t j = i;
      while (j < ref.size() && ref[j] != '.' && ref[j] != '[') ++j;
      const std::string member(ref.substr(i, j - i));
      const std::string parent = walked;
      walked += "." + member;
      if (!cur->is_object() || !cur->contains(member)) {
        *why = "reference ${" + std::string(ref) + "}: " + walked + " does not exist in the saved response; " + what_is_at(*cur, parent);
        return std::nullopt;
      }
      cur = &(*cur)[member];
      i = j;
    } else if (ref[i] == '[') {
      const std::size_t close = ref.find(']', i);
      if (close == std::string_view::npos) {
        *why = "reference ${" + std::string(ref) + "}: missing ']'";
        return std::nullopt;
      }
      const std::string idx(ref.substr(i + 1, close - i - 1));
      walked += "[" + idx + "]";
      if (idx.empty() || idx.find_first_not_of("0123456789") != std::string::npos || idx.size() > 9 || !cur->is_array() ||
          std::stoul(idx) >= cur->size()) {
        *why = "reference ${" + std::string(ref) + "}: " + walked + " does not exist in the saved response; " +
               what_is_at(*cur, walked.substr(0, walked.rfind('[')));
        return std::nullopt;
      }
      cur = &(*cur)[std::stoul(idx)];
      i = close + 1;
    } else {
      *why = "reference ${" + std::string(ref) + "}: unexpected '" + std::string(1, ref[i]) + "'";
      return std::nullopt;
    }
  }
  return *cur;
}

}  // namespace

std::optional<std::vector<std::string>> referenced_names(std::string_view text, std::string* error) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = text.find("${", pos)) != std::string_view::npos) {
    if (pos > 0 && text[pos - 1] == '$') {  // "$${" is the text "${"
      pos += 2;
      continue;
    }
    const std::size_t close = text.find('}', pos);
    if (close == std::string_view::npos) {
      *error = "unterminated reference '${': write ${name.path}";
      return std::nullopt;
    }
    const std::string_view ref = text.substr(pos + 2, close - pos - 2);
    std::size_t i = 0;
    while (i < ref.size() && valid_name_char(ref[i])) ++i;
    if (i == 0 || (i < ref.size() && ref[i] != '.' && ref[i] != '[')) {
      *error = "malformed reference '${" + std::string(ref) + "}': write ${name.path}, with dot-separated members and [n] indexes";
      return std::nullopt;
    }
    out.emplace_back(ref.substr(0, i));
    pos = close + 1;
  }
  return out;
}

std::string StringPlace::pointer() const {
  std::string out = base_;
  for (const Segment& s : path_) out += "/" + (s.key != nullptr ? pointer_escape(*s.key) : std::to_string(s.index));
  return out;
}

void for_each_string(const Json& value, StringPlace& place, const std::function<void(const std::string&, const StringPlace&)>& fn) {
  if (value.is_string()) {
    fn(value.get_ref<const std::string&>(), place);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      place.path_.push_back({i, nullptr});
      for_each_string(value[i], place, fn);
      place.path_.pop_back();
    }
  } else if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      place.path_.push_back({0, &it.key()});
      for_each_string(*it, place, fn);
      place.path_.pop_back();
    }
  }
}

void for_each_string(const Json& value, const std::string& pointer, const std::function<void(const std::string&, const StringPlace&)>& fn) {
  StringPlace place(pointer);
  for_each_string(value, place, fn);
}

std::optional<std::string> substitute(Json& value, const SavedValues& saved) {
  if (value.is_string()) {
    const std::string s = value.get<std::string>();
    if (s.find("${") == std::string::npos) return std::nullopt;
    std::string why;
    if (api::is_whole_reference(s)) {
      auto v = resolve(std::string_view(s).substr(2, s.size() - 3), saved, &why);
      if (!v) return why;
      value = *v;
      return std::nullopt;
    }
    std::string out;
    std::size_t pos = 0;
    while (true) {
      const std::size_t open = s.find("${", pos);
      if (open == std::string::npos) break;
      if (open > 0 && s[open - 1] == '$') {  // "$${" is the text "${"
        out += s.substr(pos, open - 1 - pos) + "${";
        pos = open + 2;
        continue;
      }
      const std::size_t close = s.find('}', open);
      out += s.substr(pos, open - pos);
      auto v = resolve(std::string_view(s).substr(open + 2, close - open - 2), saved, &why);
      if (!v) return why;
      out += v->is_string() ? v->get<std::string>() : v->dump();
      pos = close + 1;
    }
    out += s.substr(pos);
    value = out;
    return std::nullopt;
  }
  if (value.is_array() || value.is_object()) {
    for (auto& child : value) {
      if (auto e = substitute(child, saved)) return e;
    }
  }
  return std::nullopt;
}

}  // namespace acmsim::scenario
