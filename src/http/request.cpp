#include "http/request.hpp"

#include <algorithm>
#include <cctype>

#include "core/enum_names.hpp"

namespace dateline::http {
namespace {

constexpr core::EnumNames<Method, 8> kMethods{{{{Method::kOther, "OTHER"},
                                                {Method::kGet, "GET"},
                                                {Method::kHead, "HEAD"},
                                                {Method::kPost, "POST"},
                                                {Method::kPut, "PUT"},
                                                {Method::kPatch, "PATCH"},
                                                {Method::kDelete, "DELETE"},
                                                {Method::kOptions, "OPTIONS"}}}};

}  // namespace

const char* MethodName(Method m) { return kMethods.Name(m); }

bool MediaTypeIs(std::string_view content_type, std::string_view type) {
  std::string_view essence = content_type.substr(0, content_type.find(';'));
  while (!essence.empty() && (essence.front() == ' ' || essence.front() == '\t')) {
    essence.remove_prefix(1);
  }
  while (!essence.empty() && (essence.back() == ' ' || essence.back() == '\t')) {
    essence.remove_suffix(1);
  }
  return essence.size() == type.size() &&
         std::equal(essence.begin(), essence.end(), type.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

std::string LoggableTarget(std::string_view target) {
  size_t q = target.find('?');
  std::string out(target.substr(0, std::min<size_t>(q, 2048)));
  if (q == std::string_view::npos) return out;
  std::string_view query = target.substr(q + 1);
  out += '?';
  size_t pos = 0;
  bool first = true;
  while (pos <= query.size() && out.size() < 2048) {
    size_t amp = query.find('&', pos);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(pos, amp - pos);
    pos = amp + 1;
    if (pair.empty()) continue;
    if (!first) out += '&';
    first = false;
    size_t eq = pair.find('=');
    out.append(pair.substr(0, eq));
    if (eq != std::string_view::npos) out += "=*";
  }
  return out;
}

std::string_view Request::Header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return {};
}

std::string_view Request::PathParam(std::string_view name) const {
  for (const auto& [k, v] : path_params) {
    if (k == name) return v;
  }
  return {};
}

}  // namespace dateline::http
