#pragma once
// What both APIs share: JSON answers and errors ({"error": {"code", "message"}}), the key
// a request presents, the JSON body it carries, and list paging (?after=, ?limit=).

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace dateline::web {

inline constexpr const char* kJsonType = "application/json; charset=utf-8";

http::Response JsonAnswer(int status, const boost::json::value& body);
// `code` is stable for programs ("unauthorized", "not_found", ...); `message` is for people.
http::Response JsonError(int status, std::string_view code, const std::string& message);
// The error a domain returned, as JSON: its status, a stable code, its reader sentence.
http::Response JsonErrorFor(const core::Error& error);

// The key in "Authorization: Bearer <key>", else (when `query_too`) in ?key=.
std::string PresentedKey(const http::Request& request, bool query_too);

// The request's body as a JSON object, or the 400/415 answer in `refused`.
std::optional<boost::json::object> JsonBody(const http::Request& request, http::Response& refused);

// ?limit= (1 to 100, default 20) and ?after= (a cursor, at most 64 characters).
struct Paging {
  int limit = 20;
  std::string after;
};
std::optional<Paging> PagingOf(const http::Request& request, http::Response& refused);

// The next page's address: this request's, on `site_url`, with after= `cursor` and its
// other query fields (but a key: never repeated in our links); null when `cursor` is empty.
boost::json::value NextUrl(const std::string& site_url, const http::Request& request,
                           const std::string& cursor);

// 400: `field` has the wrong type.
http::Response FieldRefused(std::string_view field);

// A string field of `o`, or `fallback` when absent; nullopt when present and not a string.
std::optional<std::string> StringField(const boost::json::object& o, std::string_view name,
                                       const std::string& fallback = {});

}  // namespace dateline::web
