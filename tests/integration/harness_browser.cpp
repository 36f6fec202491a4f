#include <regex>

#include "harness.hpp"
#include "http/form.hpp"

namespace dateline::testing {

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += http::PercentEncode(k) + "=" + http::PercentEncode(v);
  }
  return out;
}

std::string CsrfIn(const std::string& html) {
  static const std::regex token("name=\"csrf\" value=\"([0-9a-f]+)\"");
  std::smatch m;
  return std::regex_search(html, m, token) ? m[1].str() : std::string();
}

std::string Browser::CookieValue(const std::string& name) const {
  for (const auto& [k, v] : cookies_) {
    if (k == name) return v;
  }
  return {};
}

void Browser::DropCookie(const std::string& name) {
  std::erase_if(cookies_, [&](const auto& c) { return c.first == name; });
}

HttpResponse Browser::Send(const std::string& method, const std::string& path,
                           const std::string& body, const std::vector<std::string>& headers) {
  std::vector<std::string> all = headers;
  std::string cookie;
  for (const auto& [k, v] : cookies_) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
  if (!cookie.empty()) all.push_back("Cookie: " + cookie);
  if (method == "POST") all.push_back("Content-Type: application/x-www-form-urlencoded");
  auto r = Fetch(port_, method, path, all, body);
  if (!r) return HttpResponse{};
  for (const auto& [name, value] : r->headers) {
    if (name != "set-cookie") continue;
    auto eq = value.find('=');
    std::string cname = value.substr(0, eq);
    std::string cvalue = value.substr(eq + 1, value.find(';') - eq - 1);
    DropCookie(cname);
    if (value.find("Max-Age=0") == std::string::npos) cookies_.emplace_back(cname, cvalue);
  }
  return *r;
}

HttpResponse Browser::Get(const std::string& path, const std::vector<std::string>& headers) {
  return Send("GET", path, "", headers);
}

HttpResponse Browser::Head(const std::string& path) { return Send("HEAD", path, "", {}); }

HttpResponse Browser::Post(const std::string& action, const std::string& body,
                           const std::vector<std::string>& headers) {
  return Send("POST", action, body, headers);
}

HttpResponse Browser::Submit(const std::string& form_page, const std::string& action,
                             const std::vector<std::pair<std::string, std::string>>& fields,
                             const std::vector<std::string>& headers) {
  HttpResponse page = Get(form_page);
  auto all = fields;
  all.emplace_back("csrf", CsrfIn(page.body));
  return Post(action, FormEncode(all), headers);
}

HttpResponse Browser::LogInFirstTime(const std::string& email, const std::string& one_time) {
  HttpResponse login = Submit("/login", "/login", {{"email", email}, {"password", one_time}});
  if (login.status != 303) return login;
  // A password someone else set opens nothing but /account until it is replaced.
  HttpResponse changed = Submit("/account", "/account/password",
                                {{"current_password", one_time}, {"new_password", kOwnPassword}});
  if (changed.status != 303) return changed;
  return login;
}

}  // namespace dateline::testing
