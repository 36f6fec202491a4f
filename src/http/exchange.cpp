#include "http/exchange.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <chrono>
#include <random>
#include <vector>

#include "core/log_context.hpp"
#include "core/time_format.hpp"
#include "http/accept_encoding.hpp"
#include "http/byte_range.hpp"
#include "http/request_target.hpp"

namespace dateline::http {

const std::string& CurrentHttpDate() {
  thread_local int64_t cached_second = -1;
  thread_local std::string cached;
  int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  if (now != cached_second) {
    cached_second = now;
    cached = core::FormatHttpDate(now);
  }
  return cached;
}

std::string NewRequestId() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  return fmt::format("{:016x}", random());
}

bool UsableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match.empty() || etag.empty()) return false;
  auto strip_weak = [](std::string_view t) { return t.rfind("W/", 0) == 0 ? t.substr(2) : t; };
  etag = strip_weak(etag);
  size_t i = 0;
  while (i < if_none_match.size()) {
    size_t j = if_none_match.find(',', i);
    if (j == std::string_view::npos) j = if_none_match.size();
    std::string_view t = if_none_match.substr(i, j - i);
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
    if (t == "*" || strip_weak(t) == etag) return true;
    i = j + 1;
  }
  return false;
}

bool CompleteRequest(Request& out, const std::string& peer, const TrustedProxies& proxies) {
  out.peer_address = peer;
  std::vector<std::string_view> forwarded;
  for (const auto& [name, value] : out.headers) {
    if (name == "x-forwarded-for") forwarded.push_back(value);
  }
  out.remote_address = ResolveClientAddress(peer, forwarded, proxies);
  std::string_view given_id = out.Header("x-request-id");
  auto peer_ip = ParseIpAddress(peer);
  bool from_proxy = peer_ip && proxies.Contains(*peer_ip);
  out.request_id = from_proxy && UsableRequestId(given_id) ? std::string(given_id) : NewRequestId();
  auto target = ParseRequestTarget(out.target);
  if (!target) return false;
  out.path = std::move(target->path);
  out.query = std::move(target->query);
  return true;
}

void FinishAnswer(const Request& request, Response& response, bool& head) {
  ChooseEncoding(request, response);
  if (!request.request_id.empty()) response.SetHeader("X-Request-Id", request.request_id);
  if (response.status == 200 &&
      EtagMatches(request.Header("if-none-match"), response.Header("ETag"))) {
    response.status = 304;
    response.body.clear();
    response.shared_body.reset();
    head = true;
  }
  ApplyRange(request, response);
}

void LogAccess(const Request& request, int status, size_t bytes, int64_t micros) {
  std::string target = LoggableTarget(request.target);
  core::ScopedRequestId logged_as(request.request_id);
  std::vector<core::LogField> fields = {
      {"kind", "access"},
      {"client", request.remote_address},
      {"method", request.method_text},
      {"target", target},
      {"status", std::to_string(status), true},
      {"bytes", std::to_string(bytes), true},
  };
  if (micros >= 0) fields.push_back({"micros", std::to_string(micros), true});
  core::ScopedLogFields with(fields);
  if (micros < 0) {
    spdlog::info("{} \"{} {}\" {} stream closed", request.remote_address, request.method_text,
                 target, status);
  } else {
    spdlog::info("{} \"{} {}\" {} {} {}us", request.remote_address, request.method_text, target,
                 status, bytes, micros);
  }
}

}  // namespace dateline::http
