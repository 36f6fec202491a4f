#pragma once
// A parsed HTTP request as handlers see it: plain strings, no Beast types.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

const char* MethodName(Method m);

// Whether a Content-Type value names `type` ("type/subtype", lowercase): media types are
// case-insensitive and may carry parameters ("Application/X-WWW-Form-URLencoded; charset=UTF-8").
bool MediaTypeIs(std::string_view content_type, std::string_view type);

// A request-target as the access log may show it: the path and the names of query
// parameters, never their values (tokens, codes and searches stay out of logs).
std::string LoggableTarget(std::string_view target);

struct Request {
  Method method = Method::kGet;
  std::string method_text;                                   // as sent, for logs
  std::string target;                                        // the raw request-target
  std::string path;                                          // percent-decoded path
  std::string query;                                         // raw query string, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;
  // The client: the socket peer, or the address a trusted proxy reports for it.
  std::string remote_address;
  std::string peer_address;  // the socket peer itself
  // Filled in by the router from {name} segments of the matched pattern.
  std::vector<std::pair<std::string, std::string>> path_params;
  // The matched route's pattern ("/articles/{slug}"), set by whoever routes the request:
  // what metrics count by, never the path itself (which readers choose).
  std::string route;
  // Names this request in every log line written for it, and in the X-Request-Id answer
  // header: given by a trusted proxy, or made up on arrival.
  std::string request_id;

  // The first header with this (lowercase) name, or empty.
  std::string_view Header(std::string_view lower_name) const;
  std::string_view PathParam(std::string_view name) const;
};

}  // namespace dateline::http
