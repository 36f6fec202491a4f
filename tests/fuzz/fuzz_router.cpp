// Matching any path against a route table like the site's.
#include <cstdint>
#include <cstdlib>

#include "http/router.hpp"

using namespace dateline::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Router* router = [] {
    auto* r = new Router();
    Handler h = [](const Request&) { return Response(); };
    r->Add(Method::kGet, "/", h, Lane::kInline);
    r->Add(Method::kGet, "/articles/{slug}", h, Lane::kInline);
    r->Add(Method::kGet, "/articles/{slug}/comments", h);
    r->Add(Method::kPost, "/articles/{slug}/comments", h);
    r->Add(Method::kPost, "/comments/{id}/edit", h);
    r->Add(Method::kGet, "/admin/comments", h);
    r->AddPrefix(Method::kGet, "/static/", h, Lane::kInline);
    return r;
  }();
  if (size == 0) return 0;
  Method m = static_cast<Method>(data[0] % 8);
  std::string path(reinterpret_cast<const char*>(data) + 1, size - 1);
  RouteMatch match = router->Match(m, path);
  if (match.kind == RouteMatch::Kind::kFound && !match.handler) std::abort();
  for (const auto& [name, value] : match.params) {
    if (value.find('/') != std::string::npos) std::abort();  // a parameter is one segment
  }
  return 0;
}
