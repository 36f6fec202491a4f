#include "http/router.hpp"

#include <algorithm>
#include <cassert>

namespace dateline::http {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t i = 1;  // skip leading '/'
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    parts.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return parts;
}

bool IsParam(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

}  // namespace

void Router::Add(Method method, const std::string& pattern, Handler handler, Lane lane) {
  assert(!pattern.empty() && pattern[0] == '/');
  Route r{method, {}, false, {}, std::move(handler), lane, pattern};
  for (auto part : SplitPath(pattern)) r.segments.emplace_back(part);
  routes_.push_back(std::move(r));
  // Most specific first, so "/articles/new" beats "/articles/{slug}".
  std::stable_sort(routes_.begin(), routes_.end(),
                   [](const Route& a, const Route& b) { return Specificity(a) > Specificity(b); });
}

void Router::AddPrefix(Method method, const std::string& prefix, Handler handler, Lane lane) {
  assert(!prefix.empty() && prefix[0] == '/');
  routes_.push_back(Route{method, {}, true, prefix, std::move(handler), lane, prefix + "*"});
}

int Router::Specificity(const Route& r) {
  if (r.prefix) return -1;
  int literal = 0;
  for (const auto& s : r.segments) literal += IsParam(s) ? 0 : 1;
  return literal;
}

bool Router::MatchRoute(const Route& r, const std::vector<std::string_view>& parts,
                        const std::string& path,
                        std::vector<std::pair<std::string, std::string>>* params) {
  if (r.prefix) return path.size() > r.prefix_text.size() && path.rfind(r.prefix_text, 0) == 0;
  if (r.segments.size() != parts.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = r.segments[i];
    if (IsParam(seg)) {
      if (parts[i].empty()) return false;
      if (params) params->emplace_back(seg.substr(1, seg.size() - 2), std::string(parts[i]));
    } else if (seg != parts[i]) {
      return false;
    }
  }
  return true;
}

RouteMatch Router::Match(Method method, const std::string& path) const {
  RouteMatch m;
  if (path.empty() || path[0] != '/') return m;
  auto parts = SplitPath(path);
  bool has_get = false, has_head = false;
  std::vector<Method> allowed;
  const Route* get_route = nullptr;
  for (const Route& r : routes_) {
    if (!MatchRoute(r, parts, path, nullptr)) continue;
    if (std::find(allowed.begin(), allowed.end(), r.method) == allowed.end()) {
      allowed.push_back(r.method);
    }
    if (r.method == Method::kGet && !get_route) get_route = &r;
    has_get = has_get || r.method == Method::kGet;
    has_head = has_head || r.method == Method::kHead;
    if (r.method == method && m.kind != RouteMatch::Kind::kFound) {
      m.kind = RouteMatch::Kind::kFound;
      m.handler = &r.handler;
      m.lane = r.lane;
      m.pattern = &r.pattern;
      MatchRoute(r, parts, path, &m.params);
    }
  }
  if (m.kind == RouteMatch::Kind::kFound) return m;
  if (method == Method::kHead && get_route) {
    m.kind = RouteMatch::Kind::kFound;
    m.handler = &get_route->handler;
    m.lane = get_route->lane;
    m.pattern = &get_route->pattern;
    MatchRoute(*get_route, parts, path, &m.params);
    return m;
  }
  if (allowed.empty()) return m;
  if (has_get && !has_head) allowed.push_back(Method::kHead);
  std::sort(allowed.begin(), allowed.end());
  m.kind = RouteMatch::Kind::kMethodNotAllowed;
  for (Method a : allowed) {
    if (!m.allow.empty()) m.allow += ", ";
    m.allow += MethodName(a);
  }
  return m;
}

}  // namespace dateline::http
