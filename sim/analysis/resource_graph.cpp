#include "acmsim/analysis/resource_graph.hpp"

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <functional>
#include <map>
#include <set>

#include "acmsim/model/route53/dns_name.hpp"

namespace acmsim::analysis {

namespace {

using Vertex = ResourceGraph::vertex_descriptor;

class Builder {
 public:
  Builder(const model::World& w, ResourceGraph& g, const std::vector<Finding>& findings) : w_(w), g_(g) {
    for (const auto& f : findings) {
      for (const auto& r : f.resources) flagged_.insert(r);
    }
  }

  Vertex node(const std::string& id, const std::string& kind, const std::string& label, const std::string& region, const std::string& state) {
    if (auto it = index_.find(id); it != index_.end()) return it->second;
    const Vertex v = boost::add_vertex(ResourceNode{id, kind, label, region, state, flagged_.count(id) != 0U}, g_);
    index_[id] = v;
    return v;
  }

  void edge(Vertex a, Vertex b, const std::string& rel) { boost::add_edge(a, b, Relation{rel}, g_); }

  Vertex certificate(const model::Certificate& c) {
    return node(c.arn, "certificate", c.domain_name + " (" + std::string(model::aws_name(c.type)) + ")", std::string(model::region_code(c.region)),
                std::string(model::aws_name(c.status)));
  }

  // The node an AWS endpoint name leads to, if any resource of the account has it.
  std::optional<Vertex> endpoint(const std::string& name) {
    const auto r = model::endpoint_named(w_, name);
    switch (r.kind) {
      case model::ResolvedHost::Kind::Distribution:
        return node(r.distribution->arn(w_.account), "distribution", r.distribution->domain_name, "", "");
      case model::ResolvedHost::Kind::EdgeDomain:
      case model::ResolvedHost::Kind::RegionalDomain:
        return node(r.domain->arn(), "custom-domain", r.domain->name, std::string(model::region_code(r.domain->region)), "");
      case model::ResolvedHost::Kind::LoadBalancer:
        return node(r.lb->arn, "load-balancer", r.lb->name, std::string(model::region_code(r.lb->region)), "");
      default:
        return std::nullopt;
    }
  }

  void build() {
    for (const auto& c : w_.acm.all()) {
      if (!c.deleted) certificate(c);
    }
    for (const auto* d : w_.apigateway.all_domains()) {
      const auto v = node(d->arn(), "custom-domain", d->name + " (" + std::string(model::aws_name(d->type)) + ")",
                          std::string(model::region_code(d->region)), "");
      const auto host = node(d->name, "hostname", d->name, "", "");
      edge(host, v, "served by");
      if (auto c = w_.acm.find_any(d->certificate_arn); c.ok()) edge(v, certificate(*c.value()), "uses");
      for (const auto& m : d->mappings) {
        const auto api = node(m.rest_api_id, "rest-api", "API " + m.rest_api_id, std::string(model::region_code(d->region)), "");
        edge(v, api, "maps " + (m.base_path.empty() ? std::string("(none)") : m.base_path) + " to");
      }
    }
    for (const auto* dist : w_.cloudfront.all()) {
      const auto v = node(dist->arn(w_.account), "distribution", dist->domain_name, "", dist->settings.enabled ? "Enabled" : "Disabled");
      for (const auto& a : dist->settings.aliases) edge(node(a, "hostname", a, "", ""), v, "served by");
      if (!dist->settings.viewer.cloudfront_default) {
        if (auto c = w_.acm.find_any(dist->settings.viewer.acm_certificate_arn); c.ok()) edge(v, certificate(*c.value()), "uses");
      }
    }
    for (const auto* lb : w_.elb.all()) {
      const auto v = node(lb->arn, "load-balancer", lb->name, std::string(model::region_code(lb->region)), "");
      for (const auto& l : lb->listeners) {
        if (l.deleted) continue;
        const auto lv = node(l.arn, "listener", lb->name + ":" + std::to_string(l.port) + " " + std::string(model::aws_name(l.protocol)),
                             std::string(model::region_code(lb->region)), "");
        edge(v, lv, "listens on");
        std::vector<std::string> certs;
        if (!l.default_certificate.empty()) certs.push_back(l.default_certificate);
        certs.insert(certs.end(), l.sni_certificates.begin(), l.sni_certificates.end());
        for (const auto& arn : certs) {
          if (auto c = w_.acm.find_any(arn); c.ok()) edge(lv, certificate(*c.value()), "uses");
        }
      }
    }
    // Records: validation CNAMEs validate certificates; others point at endpoints or names.
    for (const auto* z : w_.route53.zones()) {
      const auto zv = node("/hostedzone/" + z->id, "hosted-zone", z->name + (z->private_zone ? " (private)" : ""), "", "");
      for (const auto& [k, r] : z->records) {
        if (r.type == model::RRType::SOA || r.type == model::RRType::NS) continue;
        std::string target;
        if (r.alias)
          target = model::dns::without_dot(r.alias->dns_name);
        else if (r.type == model::RRType::CNAME && !r.values.empty())
          target = model::dns::without_dot(model::dns::normalize(r.values.front()));
        const std::string id = z->id + ":" + r.name + ":" + std::string(model::aws_name(r.type));
        const auto rv = node(id, "record", r.name + " " + std::string(model::aws_name(r.type)), "", "");
        edge(rv, zv, "in zone");
        const std::string host = model::dns::without_dot(r.name);
        if (index_.count(host) != 0U) edge(index_[host], rv, "resolved by");
        if (target.empty()) continue;
        bool validates = false;
        for (const auto& c : w_.acm.all()) {
          if (c.deleted) continue;
          for (const auto& v : c.validations) {
            if (v.record_name == r.name && model::dns::normalize(target) == v.record_value) {
              edge(certificate(c), rv, "validated by");  // the certificate depends on its record
              validates = true;
              break;
            }
          }
        }
        if (validates) continue;
        if (auto ep = endpoint(target)) {
          edge(rv, *ep, "points at");
        } else {
          edge(rv, node(target, "hostname", target, "", ""), "points at");
        }
      }
    }
    for (const auto* r : w_.events.all_rules()) {
      const auto rv = node(r->arn, "event-rule", r->name + (r->enabled ? "" : " (disabled)"), std::string(model::region_code(r->region)), "");
      const auto bus = node("arn:aws:events:" + std::string(model::region_code(r->region)) + ":" + w_.account + ":event-bus/" + r->bus, "event-bus",
                            r->bus, std::string(model::region_code(r->region)), "");
      edge(rv, bus, "listens to");
      for (const auto& t : r->targets)
        edge(rv, node(t.arn, "target", t.id + " " + t.arn, std::string(model::region_code(r->region)), ""), "delivers to");
    }
    for (const auto* c : w_.config.all_rules()) {
      const auto cv = node(c->arn, "config-rule", c->name, std::string(model::region_code(c->region)), "");
      for (const auto& [id, res] : c->results) {
        if (auto cert = w_.acm.find_any(id); cert.ok()) edge(cv, certificate(*cert.value()), "evaluates");
      }
    }
  }

 private:
  const model::World& w_;
  ResourceGraph& g_;
  std::map<std::string, Vertex> index_;
  std::set<std::string> flagged_;
};

}  // namespace

ResourceGraph build_graph(const model::World& world, const std::vector<Finding>& findings) {
  ResourceGraph g;
  Builder(world, g, findings).build();
  return g;
}

std::vector<std::string> impact(const ResourceGraph& g, const std::string& id) {
  std::vector<std::string> out;
  std::optional<Vertex> start;
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    if (g[*it].id == id) start = *it;
  }
  if (!start) return out;
  // Everything from which `id` can be reached: walk the relations backwards.
  const auto reversed = boost::make_reverse_graph(g);
  std::vector<boost::default_color_type> colors(boost::num_vertices(g));
  std::vector<Vertex> reached;
  struct Recorder : boost::default_bfs_visitor {
    std::vector<Vertex>* out;
    void discover_vertex(Vertex v, const boost::reverse_graph<ResourceGraph>&) const { out->push_back(v); }
  } visitor;
  visitor.out = &reached;
  boost::breadth_first_search(
      reversed, *start, boost::visitor(visitor).color_map(boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, g))));
  for (const Vertex v : reached) {
    if (v != *start && g[v].kind != "hosted-zone") out.push_back(g[v].kind + " " + g[v].id);
  }
  return out;
}

std::vector<std::vector<std::string>> cycles(const ResourceGraph& g) {
  // Cycles among "points at" / "resolved by" relations: depth-first with a path stack.
  std::vector<std::vector<std::string>> out;
  const auto n = boost::num_vertices(g);
  std::vector<int> state(n, 0);
  std::vector<Vertex> path;
  std::function<void(Vertex)> dfs = [&](Vertex v) {
    state[v] = 1;
    path.push_back(v);
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
      if (g[*it].name != "points at" && g[*it].name != "resolved by") continue;
      const Vertex t = boost::target(*it, g);
      if (state[t] == 1) {
        std::vector<std::string> cycle;
        for (auto p = std::find(path.begin(), path.end(), t); p != path.end(); ++p) cycle.push_back(g[*p].id);
        out.push_back(cycle);
      } else if (state[t] == 0) {
        dfs(t);
      }
    }
    path.pop_back();
    state[v] = 2;
  };
  for (Vertex v = 0; v < n; ++v) {
    if (state[v] == 0) dfs(v);
  }
  return out;
}

}  // namespace acmsim::analysis
