#include "web/api/api_kit.hpp"

#include "core/text.hpp"
#include "http/form.hpp"
#include "web/kit/error_pages.hpp"

namespace dateline::web {

http::Response JsonAnswer(int status, const boost::json::value& body) {
  http::Response r = http::Response::Text(status, boost::json::serialize(body));
  r.content_type = kJsonType;
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

http::Response JsonError(int status, std::string_view code, const std::string& message) {
  return JsonAnswer(
      status,
      boost::json::object{{"error", boost::json::object{{"code", code}, {"message", message}}}});
}

http::Response JsonErrorFor(const core::Error& error) {
  int status = HttpStatusFor(error.code);
  std::string code = core::AsciiLower(core::ErrorCodeName(error.code));
  std::string message = !error.reader.empty() ? error.reader
                        : status >= 500 ? "The site cannot answer just now; try again shortly."
                                        : "The request was refused.";
  return JsonError(status, code, message);
}

std::string PresentedKey(const http::Request& request, bool query_too) {
  std::string_view auth = request.Header("authorization");
  if (auth.size() > 7 && core::AsciiLower(auth.substr(0, 7)) == "bearer ") {
    return std::string(core::Trim(auth.substr(7)));
  }
  if (!query_too) return "";
  auto query = http::Form::Parse(request.query);
  return query.ok() ? query->Value("key") : "";
}

std::optional<boost::json::object> JsonBody(const http::Request& request, http::Response& refused) {
  std::string type = core::AsciiLower(request.Header("content-type"));
  if (type.rfind("application/json", 0) != 0) {
    refused = JsonError(415, "unsupported_media_type", "Send the body as application/json.");
    return std::nullopt;
  }
  boost::json::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 16;
  boost::json::value v = boost::json::parse(request.body, ec, {}, options);
  if (ec || !v.is_object()) {
    refused = JsonError(400, "invalid_json", "The body is not a JSON object in UTF-8.");
    return std::nullopt;
  }
  return std::move(v.as_object());
}

std::optional<Paging> PagingOf(const http::Request& request, http::Response& refused) {
  Paging p;
  auto query = http::Form::Parse(request.query);
  if (!query.ok()) {
    refused = JsonError(400, "invalid_query", "The query string could not be read.");
    return std::nullopt;
  }
  p.after = query->Value("after");
  std::string limit = query->Value("limit");
  auto n = limit.empty() ? std::optional<int64_t>(20) : core::ParseInt64(limit);
  if (!n || *n < 1 || *n > 100 || p.after.size() > 64) {
    refused = JsonError(400, "invalid_query",
                        "limit is a whole number from 1 to 100, and after a cursor from "
                        "the last answer's next.");
    return std::nullopt;
  }
  p.limit = static_cast<int>(*n);
  return p;
}

boost::json::value NextUrl(const std::string& site_url, const http::Request& request,
                           const std::string& cursor) {
  if (cursor.empty()) return nullptr;
  auto query = http::Form::Parse(request.query);
  std::string rest;
  if (query.ok()) {
    for (const auto& [k, v] : query->fields()) {
      if (k == "after" || k == "key") continue;
      rest += "&" + http::PercentEncode(k) + "=" + http::PercentEncode(v);
    }
  }
  return boost::json::string(site_url + std::string(request.path) +
                             "?after=" + http::PercentEncode(cursor) + rest);
}

std::optional<std::string> StringField(const boost::json::object& o, std::string_view name,
                                       const std::string& fallback) {
  const boost::json::value* v = o.if_contains(name);
  if (!v) return fallback;
  if (!v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

http::Response FieldRefused(std::string_view field) {
  return JsonError(400, "invalid_argument",
                   "The field \"" + std::string(field) + "\" has the wrong type.");
}

}  // namespace dateline::web
