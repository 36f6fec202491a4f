#pragma once
// Maps method + path to a handler. Patterns are literal segments and {name} parameters
// ("/articles/{slug}"); a path that matches with the wrong method yields 405 and the Allow
// list. HEAD is served by the GET handler unless a HEAD route exists.

#include <functional>
#include <string>
#include <vector>

#include "http/lane.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace dateline::http {

using Handler = std::function<Response(const Request&)>;

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const Handler* handler = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  std::string allow;  // for kMethodNotAllowed: "GET, HEAD"
  Lane lane = Lane::kWorkers;
  const std::string* pattern = nullptr;  // as registered; a prefix route's ends in '*'
};

class Router {
 public:
  // Registers a route. Patterns must start with '/'; later routes never shadow earlier
  // literal ones: literal segments win over parameters at the same position.
  // `lane`: where the handler runs (see Lane).
  void Add(Method method, const std::string& pattern, Handler handler, Lane lane = Lane::kWorkers);
  // A prefix route: matches the pattern and anything below it ("/static/" + rest).
  void AddPrefix(Method method, const std::string& prefix, Handler handler,
                 Lane lane = Lane::kWorkers);

  RouteMatch Match(Method method, const std::string& path) const;

 private:
  struct Route {
    Method method;
    std::vector<std::string> segments;  // "{x}" marks a parameter
    bool prefix = false;
    std::string prefix_text;
    Handler handler;
    Lane lane = Lane::kWorkers;
    std::string pattern;
  };
  static bool MatchRoute(const Route& r, const std::vector<std::string_view>& parts,
                         const std::string& path,
                         std::vector<std::pair<std::string, std::string>>* params);
  static int Specificity(const Route& r);

  std::vector<Route> routes_;
};

}  // namespace dateline::http
