// http-without-redirect: An internet-facing load balancer answers plain HTTP without redirecting to HTTPS.

#include "acmsim/analysis/rule.hpp"

namespace acmsim::analysis {

namespace {

void check_load_balancer(Context& ctx, const model::LoadBalancer& lb) {
  if (lb.scheme != "internet-facing") return;
  for (const auto& l : lb.listeners) {
    if (!l.deleted && l.protocol == model::ListenerProtocol::Http && !l.redirects_to_https()) {
      ctx.report({l.arn}, "HTTP listener " + std::to_string(l.port) + " of " + lb.name + " does not redirect to HTTPS.", l.origin);
    }
  }
}

}  // namespace

extern const RuleDef kRule_http_without_redirect;
const RuleDef kRule_http_without_redirect{
    "http-without-redirect",
    Severity::Info,
    "An internet-facing load balancer answers plain HTTP without redirecting to HTTPS.",
    "An HTTP listener that forwards or answers requests serves them unencrypted. The usual pattern is an HTTP listener on port 80 whose default "
    "action redirects to HTTPS (HTTP_301).",
    "Change the HTTP listener's default action to a redirect with Protocol HTTPS, Port 443, StatusCode HTTP_301.",
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html",
    nullptr,
    reads(model::Part::Elb),
    nullptr,
    nullptr,
    nullptr,
    reads(model::Part::Elb),
    model::kAllAspects,
    nullptr,
    &check_load_balancer};

}  // namespace acmsim::analysis
