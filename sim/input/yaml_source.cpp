#include "acmsim/input/yaml_source.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace acmsim::input {

std::string_view cloudformation_tag(std::string_view tag) {
  // The short forms CloudFormation's YAML accepts, with the rule functions
  // (ValueOf, Contains, ...) and the language extensions.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 27> kTags{{
      {"!And", "Fn::And"},
      {"!Base64", "Fn::Base64"},
      {"!Cidr", "Fn::Cidr"},
      {"!Condition", "Condition"},
      {"!Contains", "Fn::Contains"},
      {"!EachMemberEquals", "Fn::EachMemberEquals"},
      {"!EachMemberIn", "Fn::EachMemberIn"},
      {"!Equals", "Fn::Equals"},
      {"!FindInMap", "Fn::FindInMap"},
      {"!ForEach", "Fn::ForEach"},
      {"!GetAZs", "Fn::GetAZs"},
      {"!GetAtt", "Fn::GetAtt"},
      {"!GetStackOutput", "Fn::GetStackOutput"},
      {"!If", "Fn::If"},
      {"!ImportValue", "Fn::ImportValue"},
      {"!Join", "Fn::Join"},
      {"!Length", "Fn::Length"},
      {"!Not", "Fn::Not"},
      {"!Or", "Fn::Or"},
      {"!Ref", "Ref"},
      {"!RefAll", "Fn::RefAll"},
      {"!Select", "Fn::Select"},
      {"!Split", "Fn::Split"},
      {"!Sub", "Fn::Sub"},
      {"!ToJsonString", "Fn::ToJsonString"},
      {"!Transform", "Fn::Transform"},
      {"!ValueOf", "Fn::ValueOf"},
  }};
  for (const auto& [k, v] : kTags) {
    if (k == tag) return v;
  }
  return {};
}

namespace {

constexpr std::string_view kCore = "tag:yaml.org,2002:";

SourcePos to_pos(const YAML::Mark& m) {
  // yaml-cpp counts from 0; a mark of -1 means "unknown".
  return SourcePos{m.line >= 0 ? m.line + 1 : 1, m.column >= 0 ? m.column + 1 : 1};
}

/// A plain scalar typed as YAML 1.2's core schema does.
Json plain_scalar(const std::string& v) {
  if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return nullptr;
  if (v == "true" || v == "True" || v == "TRUE") return true;
  if (v == "false" || v == "False" || v == "FALSE") return false;
  static const std::regex kInt("[-+]?[0-9]+");
  static const std::regex kFloat(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (v.size() < 40 && std::regex_match(v, kInt)) {
    try {
      std::size_t used = 0;
      const long long n = std::stoll(v, &used);
      if (used == v.size()) return n;
    } catch (const std::exception&) {
    }
    return v;  // out of range: kept as written
  }
  if (v.size() < 40 && std::regex_match(v, kFloat)) {
    try {
      const double d = std::stod(v);
      if (std::isfinite(d)) return d;
    } catch (const std::exception&) {
    }
    return v;
  }
  return v;
}

struct Built {
  Json value;
  PosNode pos;
  std::size_t values = 1;
};

class Builder : public YAML::EventHandler {
 public:
  explicit Builder(YamlLimits limits) : limits_(limits) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (documents_++ > 0) throw JsonSyntaxError(to_pos(mark), "", "a template is one YAML document; this is a second one");
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { add(mark, anchor, Built{nullptr, PosNode{to_pos(mark), {}, {}, {}}}, ""); }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end()) throw JsonSyntaxError(to_pos(mark), path(), "an alias to an anchor that is not defined before it");
    Built copy = it->second;
    copy.pos.pos = to_pos(mark);
    add(mark, 0, std::move(copy), "");
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, const std::string& value) override {
    // yaml-cpp writes some escapes ("\\N", "\\_") as single Latin-1 bytes: what
    // it hands over must be UTF-8 too, or no JSON could carry it on.
    if (auto e = utf8_error(value))
      throw JsonSyntaxError(
          to_pos(mark), path(),
          e->second + " in this scalar once its escapes are read (the escapes \\N and \\_ give single Latin-1 bytes): write the character itself");
    Json v;
    std::string_view function;
    if (tag == "?") {
      v = plain_scalar(value);
    } else if (tag == "!" || tag == std::string(kCore) + "str") {
      v = value;  // quoted: a string, never a function
    } else if (tag.rfind(kCore, 0) == 0) {
      const std::string_view t = std::string_view(tag).substr(kCore.size());
      if (t == "null") {
        v = nullptr;
      } else if (t == "bool" || t == "int" || t == "float") {
        v = plain_scalar(value);
        if (v.is_string()) throw JsonSyntaxError(to_pos(mark), path(), "the value '" + value + "' is not a " + std::string(t));
      } else {
        throw JsonSyntaxError(to_pos(mark), path(), "the tag !!" + std::string(t) + " is not supported; use !!str, !!int, !!float, !!bool or !!null");
      }
    } else {
      function = tag_function(mark, tag);
      v = value;
      if (function == "Fn::GetAtt") {
        // !GetAtt Resource.Attribute: the attribute may itself hold dots (Outputs.Name).
        const auto dot = value.find('.');
        if (dot == std::string::npos || dot == 0 || dot + 1 == value.size())
          throw JsonSyntaxError(to_pos(mark), path(), "!GetAtt takes 'LogicalId.Attribute' (or a list [LogicalId, Attribute]); got '" + value + "'");
        v = Json::array({value.substr(0, dot), value.substr(dot + 1)});
      }
    }
    Built b{std::move(v), PosNode{to_pos(mark), {}, {}, {}}};
    if (!function.empty()) b = wrap(function, std::move(b));
    add(mark, anchor, std::move(b), function.empty() && tag != "?" ? "" : value);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, true);
  }
  void OnMapEnd() override { close(); }

  [[nodiscard]] SourceDocument result() {
    if (!root_) throw JsonSyntaxError(SourcePos{}, "", "the file is empty: a template is one YAML mapping");
    SourceDocument doc;
    doc.root = std::move(root_->value);
    doc.positions = std::move(root_->pos);
    return doc;
  }

 private:
  struct Frame {
    bool is_map = false;
    YAML::Mark mark;
    std::string_view function;  // a tagged collection: wrapped on close
    YAML::anchor_t anchor = 0;
    Built built;
    // maps: the key waiting for its value
    std::optional<std::string> key;
    YAML::Mark key_mark;
    bool key_is_merge = false;
    std::vector<Built> merges;  // values of `<<`, applied on close
    std::string key_path;       // for messages
  };

  std::string_view tag_function(const YAML::Mark& mark, const std::string& tag) {
    const auto f = cloudformation_tag(tag);
    if (f.empty()) {
      throw JsonSyntaxError(to_pos(mark), path(),
                            "unknown tag " + tag +
                                "; CloudFormation's short forms are !Ref, !GetAtt, !Sub, !Join, !Select, !Split, !If, !Equals, "
                                "!And, !Or, !Not, !Condition, !FindInMap, !ImportValue, !GetStackOutput, !Base64, !Cidr, !GetAZs, ...");
    }
    return f;
  }

  static Built wrap(std::string_view function, Built inner) {
    Built out;
    out.value = Json::object();
    out.value[std::string(function)] = std::move(inner.value);
    out.pos.pos = inner.pos.pos;
    out.pos.keys.emplace_back(function);
    out.pos.by_key.push_back(0);
    out.pos.children.push_back(std::move(inner.pos));
    out.values = inner.values + 1;
    return out;
  }

  std::string path() const {
    std::string p;
    for (const auto& f : stack_) p += f.key_path;
    return p;
  }

  void count(std::size_t n) {
    total_ += n;
    if (total_ > limits_.max_values) {
      throw JsonSyntaxError(SourcePos{}, path(),
                            "the document expands to more than " + std::to_string(limits_.max_values) + " values (through aliases)");
    }
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, bool is_map) {
    if (stack_.size() >= limits_.max_depth) {
      throw JsonSyntaxError(to_pos(mark), path(), "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    Frame f;
    f.is_map = is_map;
    f.mark = mark;
    f.anchor = anchor;
    if (tag != "?" && tag != "!" && tag != std::string(kCore) + (is_map ? "map" : "seq")) f.function = tag_function(mark, tag);
    f.built.value = is_map ? Json::object() : Json::array();
    f.built.pos.pos = to_pos(mark);
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.is_map && !f.merges.empty()) merge(f);
    if (f.is_map) {
      auto& node = f.built.pos;
      node.by_key.resize(node.keys.size());
      for (std::uint32_t k = 0; k < node.by_key.size(); ++k) node.by_key[k] = k;
      std::sort(node.by_key.begin(), node.by_key.end(), [&](std::uint32_t a, std::uint32_t b) { return node.keys[a] < node.keys[b]; });
    }
    Built b = std::move(f.built);
    if (!f.function.empty()) b = wrap(f.function, std::move(b));
    if (f.anchor != 0) anchors_[f.anchor] = b;
    place(f.mark, std::move(b), "");
  }

  /// `<<: *base` or `<<: [*a, *b]`: the keys of the merged maps that the map
  /// does not set itself, earlier maps first (YAML 1.1 merge key).
  static void merge(Frame& f) {
    std::vector<const Built*> sources;
    for (const auto& m : f.merges) {
      if (m.value.is_object()) {
        sources.push_back(&m);
      } else if (m.value.is_array()) {
        for (std::size_t i = 0; i < m.value.size(); ++i) {
          if (!m.value[i].is_object()) throw JsonSyntaxError(m.pos.pos, "", "a merge key (<<) takes a mapping or a list of mappings");
        }
        sources.push_back(&m);
      } else {
        throw JsonSyntaxError(m.pos.pos, "", "a merge key (<<) takes a mapping or a list of mappings");
      }
    }
    auto take = [&](const Json& obj, const PosNode& pos) {
      std::size_t k = 0;
      for (auto it = obj.begin(); it != obj.end(); ++it, ++k) {
        if (f.built.value.contains(it.key())) continue;
        f.built.value[it.key()] = it.value();
        f.built.pos.keys.push_back(it.key());
        f.built.pos.children.push_back(k < pos.children.size() ? pos.children[k] : PosNode{pos.pos, {}, {}, {}});
      }
    };
    for (const auto* s : sources) {
      if (s->value.is_object()) {
        take(s->value, s->pos);
      } else {
        for (std::size_t i = 0; i < s->value.size(); ++i) take(s->value[i], s->pos.children[i]);
      }
    }
  }

  void add(const YAML::Mark& mark, YAML::anchor_t anchor, Built b, const std::string& plain_key) {
    if (anchor != 0) anchors_[anchor] = b;
    place(mark, std::move(b), plain_key);
  }

  /// Puts a finished value where it belongs: the root, an element, a map's
  /// key, or a map's value.
  void place(const YAML::Mark& mark, Built b, const std::string& plain_key) {
    count(b.values);
    if (stack_.empty()) {
      root_ = std::move(b);
      return;
    }
    Frame& f = stack_.back();
    f.built.values += b.values;
    if (!f.is_map) {
      f.key_path = "/" + std::to_string(f.built.value.size());
      f.built.value.push_back(std::move(b.value));
      f.built.pos.children.push_back(std::move(b.pos));
      return;
    }
    if (!f.key) {
      std::string key;
      if (b.value.is_string()) {
        key = b.value.get<std::string>();
      } else if (b.value.is_number() || b.value.is_boolean() || b.value.is_null()) {
        key = plain_key.empty() ? b.value.dump() : plain_key;  // a key is text as written
      } else {
        throw JsonSyntaxError(to_pos(mark), path(), "a mapping key must be a scalar");
      }
      f.key_is_merge = key == "<<" && !plain_key.empty();
      if (!f.key_is_merge && (f.built.value.contains(key))) {
        f.key_path = "/" + pointer_escape(key);
        throw JsonSyntaxError(to_pos(mark), path(), "duplicate key \"" + key + "\" (CloudFormation would keep only one of them)");
      }
      f.key = std::move(key);
      f.key_mark = mark;
      f.key_path = "/" + pointer_escape(*f.key);
      return;
    }
    if (f.key_is_merge) {
      f.merges.push_back(std::move(b));
    } else {
      f.built.value[*f.key] = std::move(b.value);
      f.built.pos.keys.push_back(*f.key);
      f.built.pos.children.push_back(std::move(b.pos));
    }
    f.key.reset();
  }

  YamlLimits limits_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, Built> anchors_;
  std::optional<Built> root_;
  std::size_t documents_ = 0;
  std::size_t total_ = 0;
};

SourcePos pos_of_offset(std::string_view text, std::size_t at) {
  SourcePos p;
  for (std::size_t k = 0; k < at && k < text.size(); ++k) {
    const auto c = static_cast<unsigned char>(text[k]);
    if (c == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++p.column;
    }
  }
  return p;
}

}  // namespace

SourceDocument parse_yaml_with_positions(std::string_view text, YamlLimits limits) {
  if (auto e = utf8_error(text)) throw JsonSyntaxError(pos_of_offset(text, e->first), "", e->second + ": a template must be UTF-8 text");
  // YAML 1.2 allows no C0 control character but tab, line feed and carriage
  // return, and no DEL (c-printable); yaml-cpp would carry a NUL into names.
  for (std::size_t k = 0; k < text.size(); ++k) {
    const auto c = static_cast<unsigned char>(text[k]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      char code[8];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
      throw JsonSyntaxError(pos_of_offset(text, k), "",
                            std::string("control character ") + code + " is not allowed in YAML (only tab, line feed and carriage return are)");
    }
  }
  std::istringstream in{std::string(text)};
  Builder builder(limits);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::Exception& e) {
    throw JsonSyntaxError(to_pos(e.mark), "", e.msg);
  }
  return builder.result();
}

}  // namespace acmsim::input
