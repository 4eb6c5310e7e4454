// CloudFormation's intrinsic functions over one stack.
#include <algorithm>

#include "template.hpp"
#include "terraform.hpp"

namespace acmsim::iac {

using input::pointer_escape;

void template_error(const Stack& stack, const std::string& pointer, const std::string& message) {
  throw scenario::InputError(stack.file, stack.doc.pos_of(pointer), pointer, message);
}

void Resolver::fail(const std::string& pointer, const std::string& message) const { template_error(stack_, pointer, message); }

Resolved Resolver::unknown(std::string why, const std::string& pointer, std::string key) const {
  Resolved r;
  r.kind = Resolved::Kind::Unknown;
  r.unknown = Unknown{std::move(why), pos(pointer), std::move(key), ""};
  return r;
}

namespace {

Resolved value(Json v) {
  Resolved r;
  r.value = std::move(v);
  return r;
}

Resolved no_value() {
  Resolved r;
  r.kind = Resolved::Kind::NoValue;
  return r;
}

bool is_function_key(const std::string& k) { return k == "Ref" || k.rfind("Fn::", 0) == 0 || k == kUnknownFunction; }

std::vector<std::string> split(const std::string& s, const std::string& delim) {
  std::vector<std::string> out;
  if (delim.empty()) return {s};
  std::size_t from = 0;
  while (true) {
    const std::size_t at = s.find(delim, from);
    if (at == std::string::npos) {
      out.push_back(s.substr(from));
      return out;
    }
    out.push_back(s.substr(from, at - from));
    from = at + delim.size();
  }
}

std::string scalar_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

}  // namespace

void referenced_ids(const Json& v, std::set<std::string>& out) {
  if (v.is_array()) {
    for (const auto& e : v) referenced_ids(e, out);
    return;
  }
  if (!v.is_object()) return;
  if (v.size() == 1) {
    const std::string& k = v.begin().key();
    const Json& arg = v.begin().value();
    if (k == "Ref" && arg.is_string()) {
      out.insert(arg.get<std::string>());
      return;
    }
    if (k == "Fn::GetAtt") {
      if (arg.is_array() && !arg.empty() && arg[0].is_string()) out.insert(arg[0].get<std::string>());
      if (arg.is_string()) out.insert(arg.get<std::string>().substr(0, arg.get<std::string>().find('.')));
      return;
    }
    if (k == "Fn::Sub") {
      const Json* text = arg.is_string() ? &arg : (arg.is_array() && !arg.empty() && arg[0].is_string() ? &arg[0] : nullptr);
      if (text != nullptr) {
        const std::string s = text->get<std::string>();
        std::size_t at = 0;
        while ((at = s.find("${", at)) != std::string::npos) {
          const std::size_t close = s.find('}', at);
          if (close == std::string::npos) break;
          std::string name = s.substr(at + 2, close - at - 2);
          if (!name.empty() && name[0] != '!') out.insert(name.substr(0, name.find('.')));
          at = close + 1;
        }
      }
      if (arg.is_array() && arg.size() > 1) referenced_ids(arg[1], out);
      return;
    }
  }
  for (const auto& [k, e] : v.items()) referenced_ids(e, out);
}

Resolved Resolver::resolve(const Json& v, const std::string& pointer) {
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (s.find("{{resolve:") != std::string::npos) {
      return unknown("a dynamic reference (" + s.substr(s.find("{{resolve:"), 40) + "...) is read when the stack deploys", pointer, s);
    }
    return value(v);
  }
  if (v.is_array()) {
    Json out = Json::array();
    for (std::size_t i = 0; i < v.size(); ++i) {
      Resolved e = resolve(v[i], pointer + "/" + std::to_string(i));
      if (e.kind == Resolved::Kind::Unknown) return e;
      if (e.kind == Resolved::Kind::NoValue) continue;  // AWS::NoValue removes a list element
      out.push_back(std::move(e.value));
    }
    return value(std::move(out));
  }
  if (!v.is_object()) return value(v);
  // {"Condition": "Name"} is a condition reference (inside Conditions and Fn::And/Or/Not).
  if (v.size() == 1 && (is_function_key(v.begin().key()) || (v.begin().key() == "Condition" && v.begin().value().is_string()))) {
    const std::string name = v.begin().key();
    const std::string at = pointer + "/" + pointer_escape(name);
    if (name == "Ref") {
      if (!v.begin().value().is_string()) fail(at, "Ref takes the name of a parameter, a resource or a pseudo parameter");
      return ref(v.begin().value().get<std::string>(), pointer);
    }
    if (name == kUnknownFunction) {
      const Json& why = v.begin().value();
      return unknown(why.is_string() ? why.get<std::string>() : why.dump(), pointer, "later:" + why.dump());
    }
    return function(name, v.begin().value(), pointer);
  }
  Json out = Json::object();
  for (const auto& [k, e] : v.items()) {
    Resolved m = resolve(e, pointer + "/" + pointer_escape(k));
    if (m.kind == Resolved::Kind::Unknown) return m;
    if (m.kind == Resolved::Kind::NoValue) continue;  // AWS::NoValue removes a property
    out[k] = std::move(m.value);
  }
  return value(std::move(out));
}

Resolved Resolver::ref(const std::string& name, const std::string& pointer) {
  if (name == "AWS::NoValue") return no_value();
  if (name == "AWS::Region") return value(stack_.region);
  if (name == "AWS::AccountId") return value(stack_.account);
  if (name == "AWS::Partition")
    return value(stack_.region.rfind("cn-", 0) == 0 ? "aws-cn" : stack_.region.rfind("us-gov-", 0) == 0 ? "aws-us-gov" : "aws");
  if (name == "AWS::URLSuffix") return value(stack_.region.rfind("cn-", 0) == 0 ? "amazonaws.com.cn" : "amazonaws.com");
  if (name == "AWS::StackName") return value(stack_.name);
  if (name == "AWS::StackId") {
    return value("arn:aws:cloudformation:" + stack_.region + ":" + stack_.account + ":stack/" + stack_.name +
                 "/00000000-0000-0000-0000-000000000000");
  }
  if (name == "AWS::NotificationARNs") return value(Json::array());
  const Json& root = stack_.doc.root;
  if (root.contains("Parameters") && root["Parameters"].is_object() && root["Parameters"].contains(name)) {
    const Json& p = root["Parameters"][name];
    const std::string type = p.is_object() && p.contains("Type") && p["Type"].is_string() ? p["Type"].get<std::string>() : "String";
    std::optional<std::string> text;
    if (const auto it = stack_.given.find(name); it != stack_.given.end()) {
      text = it->second;
    } else if (type.rfind("AWS::SSM::Parameter::Value", 0) == 0) {
      return unknown("parameter " + name + " is read from SSM Parameter Store when the stack deploys (give it with --parameter " + name + "=VALUE)",
                     pointer, "parameter:" + name);
    } else if (p.is_object() && p.contains("Default")) {
      text = scalar_text(p["Default"]);
    }
    if (!text) {
      return unknown("parameter " + name + " has no default and no value was given (--parameter " + name + "=VALUE)", pointer, "parameter:" + name);
    }
    if (type.rfind("List<", 0) == 0 || type == "CommaDelimitedList" || type.find("::List<") != std::string::npos) {
      Json list = Json::array();
      for (auto& item : split(*text, ",")) {
        item.erase(0, item.find_first_not_of(' '));
        list.push_back(item);
      }
      return value(std::move(list));
    }
    return value(*text);
  }
  const auto it = resources_.find(name);
  if (it == resources_.end()) {
    if (name.rfind("AWS::", 0) == 0) fail(pointer, "unknown pseudo parameter " + name);
    fail(pointer, "Ref to \"" + name + "\", which is neither a parameter nor a resource of this template");
  }
  if (!it->second.simulated)
    return unknown(it->second.why_not, pointer, it->second.why_not_key.empty() ? "resource:" + name : it->second.why_not_key);
  if (it->second.ref.empty()) return unknown("Ref of " + name + " (" + it->second.type + ") is not modelled", pointer, "resource:" + name);
  return value(it->second.ref);
}

Resolved Resolver::get_att(const Json& arg, const std::string& pointer) {
  std::string id;
  std::string attr;
  if (arg.is_string()) {
    const std::string s = arg.get<std::string>();
    const auto dot = s.find('.');
    if (dot == std::string::npos) fail(pointer, "Fn::GetAtt takes [LogicalId, Attribute] or \"LogicalId.Attribute\"");
    id = s.substr(0, dot);
    attr = s.substr(dot + 1);
  } else if (arg.is_array() && arg.size() == 2 && arg[0].is_string()) {
    id = arg[0].get<std::string>();
    Resolved a = resolve(arg[1], pointer + "/Fn::GetAtt/1");
    if (!a.known()) return a;
    if (!a.value.is_string()) fail(pointer, "Fn::GetAtt's attribute name must be a string");
    attr = a.value.get<std::string>();
  } else {
    fail(pointer, "Fn::GetAtt takes [LogicalId, Attribute] or \"LogicalId.Attribute\"");
  }
  const auto it = resources_.find(id);
  if (it == resources_.end()) fail(pointer, "Fn::GetAtt of \"" + id + "\", which is not a resource of this template");
  if (!it->second.simulated) {
    return unknown(it->second.why_not, pointer, it->second.why_not_key.empty() ? "resource:" + id + "." + attr : it->second.why_not_key);
  }
  const auto a = it->second.attributes.find(attr);
  if (a == it->second.attributes.end()) {
    return unknown("attribute " + attr + " of " + id + " (" + it->second.type + ") is not modelled", pointer, "resource:" + id + "." + attr);
  }
  return value(a->second);
}

Resolved Resolver::sub(const Json& arg, const std::string& pointer) {
  std::string text;
  Json vars = Json::object();
  if (arg.is_string()) {
    text = arg.get<std::string>();
  } else if (arg.is_array() && arg.size() == 2 && arg[0].is_string() && arg[1].is_object()) {
    text = arg[0].get<std::string>();
    vars = arg[1];
  } else {
    fail(pointer, "Fn::Sub takes a string, or [string, {Name: value, ...}]");
  }
  std::string out;
  std::size_t from = 0;
  while (true) {
    const std::size_t open = text.find("${", from);
    if (open == std::string::npos) break;
    out += text.substr(from, open - from);
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) fail(pointer, "Fn::Sub: '${' without a closing '}'");
    const std::string name = text.substr(open + 2, close - open - 2);
    from = close + 1;
    if (!name.empty() && name[0] == '!') {
      out += "${" + name.substr(1) + "}";  // ${!Literal} is the text ${Literal}
      continue;
    }
    Resolved part;
    if (vars.contains(name)) {
      part = resolve(vars[name], pointer + "/Fn::Sub/1/" + pointer_escape(name));
    } else if (name.find('.') != std::string::npos && name.rfind("AWS::", 0) != 0) {
      part = get_att(Json(name), pointer);
    } else {
      part = ref(name, pointer);
    }
    if (part.kind == Resolved::Kind::Unknown) return part;
    if (part.kind == Resolved::Kind::NoValue || part.value.is_array() || part.value.is_object()) {
      fail(pointer, "Fn::Sub: ${" + name + "} is not a string");
    }
    out += scalar_text(part.value);
  }
  out += text.substr(from);
  return resolve(Json(out), pointer);  // a dynamic reference may come out of a substitution
}

std::optional<bool> Resolver::condition(const std::string& name, const std::string& pointer, Unknown* unknown_out) {
  if (const auto it = conditions_.find(name); it != conditions_.end()) {
    if (!it->second)
      *unknown_out = Unknown{"condition " + name + " depends on a value known only at deployment", pos(pointer), "condition:" + name, ""};
    return it->second;
  }
  const Json& root = stack_.doc.root;
  if (!root.contains("Conditions") || !root["Conditions"].is_object() || !root["Conditions"].contains(name)) {
    fail(pointer, "condition \"" + name + "\" is not in the template's Conditions");
  }
  if (!evaluating_.insert(name).second) fail(pointer, "condition \"" + name + "\" depends on itself");
  const std::string at = "/Conditions/" + pointer_escape(name);
  Resolved r = resolve(root["Conditions"][name], at);
  evaluating_.erase(name);
  std::optional<bool> truth;
  if (r.known()) {
    if (!r.value.is_boolean()) fail(at, "a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition");
    truth = r.value.get<bool>();
  } else {
    *unknown_out = r.unknown;
  }
  conditions_[name] = truth;
  return truth;
}

Resolved Resolver::function(const std::string& name, const Json& arg, const std::string& pointer) {
  const std::string at = pointer + "/" + pointer_escape(name);
  auto list_arg = [&](std::size_t min, std::size_t max, const char* form) {
    if (!arg.is_array() || arg.size() < min || arg.size() > max) fail(pointer, name + " takes " + form);
  };
  if (name == "Fn::GetAtt") return get_att(arg, pointer);
  if (name == "Fn::Sub") return sub(arg, pointer);
  if (name == "Fn::If") {
    list_arg(3, 3, "[ConditionName, ValueIfTrue, ValueIfFalse]");
    if (!arg[0].is_string()) fail(at, "Fn::If's first element is a condition's name");
    Unknown u;
    const auto truth = condition(arg[0].get<std::string>(), at + "/0", &u);
    if (!truth) {
      Resolved r;
      r.kind = Resolved::Kind::Unknown;
      r.unknown = u;
      r.unknown.pos = pos(pointer);
      return r;
    }
    return *truth ? resolve(arg[1], at + "/1") : resolve(arg[2], at + "/2");
  }
  if (name == "Fn::Equals") {
    list_arg(2, 2, "[value, value]");
    Resolved a = resolve(arg[0], at + "/0");
    if (!a.known()) return a;
    Resolved b = resolve(arg[1], at + "/1");
    if (!b.known()) return b;
    if (a.value.is_string() && is_reference_to_saved(a.value.get<std::string>())) {
      return unknown("a comparison with a value known after deployment", pointer, "equals");
    }
    return value(scalar_text(a.value) == scalar_text(b.value));
  }
  if (name == "Fn::And" || name == "Fn::Or") {
    list_arg(1, 10, "a list of 1 to 10 conditions");
    const bool is_and = name == "Fn::And";
    std::optional<Resolved> pending;
    for (std::size_t i = 0; i < arg.size(); ++i) {
      Resolved c = resolve(arg[i], at + "/" + std::to_string(i));
      if (!c.known()) {
        if (!pending) pending = c;
        continue;
      }
      if (!c.value.is_boolean()) fail(at + "/" + std::to_string(i), name + " takes conditions");
      if (c.value.get<bool>() != is_and) return value(!is_and);
    }
    if (pending) return *pending;
    return value(is_and);
  }
  if (name == "Fn::Not") {
    list_arg(1, 1, "[condition]");
    Resolved c = resolve(arg[0], at + "/0");
    if (!c.known()) return c;
    if (!c.value.is_boolean()) fail(at + "/0", "Fn::Not takes a condition");
    return value(!c.value.get<bool>());
  }
  if (name == "Condition") {
    // Only inside Conditions (Fn::And [{Condition: Other}]).
    if (!arg.is_string()) fail(at, "Condition takes a condition's name");
    Unknown u;
    const auto truth = condition(arg.get<std::string>(), at, &u);
    if (!truth) {
      Resolved r;
      r.kind = Resolved::Kind::Unknown;
      r.unknown = u;
      return r;
    }
    return value(*truth);
  }
  if (name == "Fn::Join") {
    list_arg(2, 2, "[delimiter, [values]]");
    Resolved d = resolve(arg[0], at + "/0");
    if (!d.known()) return d;
    Resolved items = resolve(arg[1], at + "/1");
    if (!items.known()) return items;
    if (!d.value.is_string() || !items.value.is_array()) fail(pointer, "Fn::Join takes [delimiter, [values]]");
    std::string out;
    for (std::size_t i = 0; i < items.value.size(); ++i) {
      if (items.value[i].is_array() || items.value[i].is_object()) fail(at + "/1", "Fn::Join joins strings");
      out += (i > 0 ? d.value.get<std::string>() : "") + scalar_text(items.value[i]);
    }
    return value(out);
  }
  if (name == "Fn::Select") {
    list_arg(2, 2, "[index, [values]]");
    Resolved i = resolve(arg[0], at + "/0");
    if (!i.known()) return i;
    Resolved items = resolve(arg[1], at + "/1");
    if (!items.known()) return items;
    std::size_t index = 0;
    const std::string text = scalar_text(i.value);
    if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
      fail(at + "/0", "Fn::Select's index is a number");
    index = std::stoul(text);
    if (!items.value.is_array() || index >= items.value.size()) fail(pointer, "Fn::Select: index " + text + " is outside the list");
    return value(items.value[index]);
  }
  if (name == "Fn::Split") {
    list_arg(2, 2, "[delimiter, string]");
    Resolved d = resolve(arg[0], at + "/0");
    if (!d.known()) return d;
    Resolved s = resolve(arg[1], at + "/1");
    if (!s.known()) return s;
    if (!d.value.is_string() || !s.value.is_string()) fail(pointer, "Fn::Split takes [delimiter, string]");
    if (is_reference_to_saved(s.value.get<std::string>())) return unknown("a split of a value known after deployment", pointer, "split");
    Json out = Json::array();
    for (auto& part : split(s.value.get<std::string>(), d.value.get<std::string>())) out.push_back(part);
    return value(std::move(out));
  }
  if (name == "Fn::FindInMap") {
    list_arg(3, 4, "[MapName, TopLevelKey, SecondLevelKey] (and {DefaultValue: ...})");
    std::vector<std::string> keys;
    for (std::size_t k = 0; k < 3; ++k) {
      Resolved r = resolve(arg[k], at + "/" + std::to_string(k));
      if (!r.known()) return r;
      if (r.value.is_array() || r.value.is_object()) fail(at + "/" + std::to_string(k), "Fn::FindInMap's keys are strings");
      keys.push_back(scalar_text(r.value));
    }
    const Json& root = stack_.doc.root;
    const Json* m =
        root.contains("Mappings") && root["Mappings"].is_object() && root["Mappings"].contains(keys[0]) ? &root["Mappings"][keys[0]] : nullptr;
    if (m == nullptr) fail(at + "/0", "mapping \"" + keys[0] + "\" is not in the template's Mappings");
    if (m->is_object() && m->contains(keys[1]) && (*m)[keys[1]].is_object() && (*m)[keys[1]].contains(keys[2])) {
      return resolve((*m)[keys[1]][keys[2]], "/Mappings/" + pointer_escape(keys[0]) + "/" + pointer_escape(keys[1]) + "/" + pointer_escape(keys[2]));
    }
    if (arg.size() == 4 && arg[3].is_object() && arg[3].contains("DefaultValue")) return resolve(arg[3]["DefaultValue"], at + "/3/DefaultValue");
    fail(pointer, "Fn::FindInMap: mapping " + keys[0] + " has no entry " + keys[1] + "/" + keys[2] +
                      (keys[1] == stack_.region ? " (the stack's region)" : ""));
  }
  if (name == "Fn::GetAZs") return value(Json::array({stack_.region + "a", stack_.region + "b", stack_.region + "c"}));
  if (name == "Fn::Length") {
    Resolved l = resolve(arg, at);
    if (!l.known()) return l;
    if (!l.value.is_array()) fail(at, "Fn::Length takes a list");
    return value(l.value.size());
  }
  if (name == "Fn::ToJsonString") {
    Resolved l = resolve(arg, at);
    if (!l.known()) return l;
    return value(l.value.dump());
  }
  if (name == "Fn::ImportValue") {
    Resolved n = resolve(arg, at);
    if (!n.known()) return n;
    if (!n.value.is_string()) fail(at, "Fn::ImportValue takes the name of an export");
    const std::string export_name = n.value.get<std::string>();
    if (cross_ != nullptr) {
      const auto it = cross_->exports.find(stack_.region + "|" + stack_.account + "|" + export_name);
      if (it != cross_->exports.end()) return value(it->second);
    }
    return unknown("Fn::ImportValue reads the export " + export_name + ", which no stack read before this one exports in " + stack_.region +
                       " (lint the stacks together, in deployment order)",
                   pointer, "import:" + export_name);
  }
  if (name == "Fn::GetStackOutput") {
    // {StackName, OutputName, Region?}: another stack's output, also across regions.
    if (!arg.is_object() || !arg.contains("StackName") || !arg.contains("OutputName"))
      fail(pointer, "Fn::GetStackOutput takes {StackName, OutputName, Region}");
    Resolved st = resolve(arg["StackName"], at + "/StackName");
    if (!st.known()) return st;
    Resolved out = resolve(arg["OutputName"], at + "/OutputName");
    if (!out.known()) return out;
    const std::string stack_name = scalar_text(st.value);
    const std::string output = scalar_text(out.value);
    if (cross_ != nullptr) {
      const auto s = cross_->outputs.find(stack_name);
      if (s != cross_->outputs.end()) {
        const auto o = s->second.find(output);
        if (o != s->second.end()) return value(o->second);
      }
    }
    return unknown("Fn::GetStackOutput reads output " + output + " of stack " + stack_name + ", which was not read before this one", pointer,
                   "output:" + stack_name + "." + output);
  }
  if (name == "Fn::Base64" || name == "Fn::Cidr" || name == "Fn::Transform" || name == "Fn::ForEach" || name == "Fn::ValueOf" ||
      name == "Fn::ValueOfAll" || name == "Fn::RefAll" || name == "Fn::Contains" || name == "Fn::EachMemberEquals" || name == "Fn::EachMemberIn") {
    return unknown(name + " is not modelled", pointer, name + ":" + pointer);
  }
  fail(pointer, "unknown intrinsic function " + name +
                    "; CloudFormation has Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If, Fn::Equals, Fn::And, Fn::Or, Fn::Not, "
                    "Fn::FindInMap, Fn::ImportValue, Fn::GetAZs, Fn::Base64, Fn::Cidr, Fn::Length, Fn::ToJsonString, Fn::Transform");
}

}  // namespace acmsim::iac
