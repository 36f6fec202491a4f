#pragma once
// The counters domains add to, named once here so /metrics and the code agree. Each
// returns a series of the global registry (looked up once, then one atomic add per use).

#include <string_view>

#include "metrics/registry.hpp"

namespace dateline::metrics {

// dateline_sign_ins_total{result="ok|refused|limited"}
inline Counter& SignIns(std::string_view result) {
  return Registry::Global().GetCounter("dateline_sign_ins_total",
                                       "Sign-in attempts, by how they ended.",
                                       {{"result", std::string(result)}});
}

// dateline_comments_posted_total
inline Counter& CommentsPosted() {
  static Counter& counter = Registry::Global().GetCounter(
      "dateline_comments_posted_total", "Comments readers posted (held ones included).");
  return counter;
}

// dateline_page_cache_lookups_total{result="hit|miss"}
inline Counter& PageCacheLookups(std::string_view result) {
  return Registry::Global().GetCounter("dateline_page_cache_lookups_total",
                                       "Page cache lookups, by whether the page was there.",
                                       {{"result", std::string(result)}});
}

// dateline_http_requests_total{method,route,status} and
// dateline_http_request_duration_seconds{method,route}: `route` is the matched pattern
// ("/articles/{slug}"), "(none)" when no route matched, "(unparsed)" for a request refused
// before it could be read; `seconds` < 0 (an event stream) counts without timing.
void CountRequest(std::string_view method, std::string_view route, int status, double seconds);

}  // namespace dateline::metrics
