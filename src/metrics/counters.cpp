#include "metrics/counters.hpp"

#include <string>

namespace dateline::metrics {

void CountRequest(std::string_view method, std::string_view route, int status, double seconds) {
  Registry& registry = Registry::Global();
  registry
      .GetCounter("dateline_http_requests_total", "HTTP requests answered, by route and status.",
                  {{"method", std::string(method)},
                   {"route", std::string(route)},
                   {"status", std::to_string(status)}})
      .Add();
  if (seconds < 0) return;
  registry
      .GetHistogram("dateline_http_request_duration_seconds",
                    "From a request read to its answer written, by route.",
                    {{"method", std::string(method)}, {"route", std::string(route)}})
      .Observe(seconds);
}

}  // namespace dateline::metrics
