#include "http/accept_encoding.hpp"

#include <cctype>
#include <string>

#include "core/text.hpp"

namespace dateline::http {
namespace {

using core::Trim;

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

// The q parameter of one list member: 1 when absent, 0 for "q=0", "q=0.0", "q=0.000".
// Anything that is not a quality reads as refused, the cautious answer.
bool QualityAboveZero(std::string_view params) {
  while (!params.empty()) {
    size_t semi = params.find(';');
    std::string_view param = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? "" : params.substr(semi + 1);
    size_t eq = param.find('=');
    if (eq == std::string_view::npos || !EqualsIgnoringCase(Trim(param.substr(0, eq)), "q")) {
      continue;
    }
    std::string_view q = Trim(param.substr(eq + 1));
    if (q.empty() || q.size() > 5 || (q[0] != '0' && q[0] != '1')) return false;
    if (q.size() > 1 && q[1] != '.') return false;
    for (size_t i = 2; i < q.size(); ++i) {
      if (q[i] < '0' || q[i] > '9') return false;
      if (q[i] != '0') return q[0] == '0';  // 0.xyz above zero; 1.xyz is only 1.000
    }
    return q[0] == '1';
  }
  return true;
}

}  // namespace

void ChooseEncoding(const Request& request, Response& response) {
  if (!response.gzip_body) return;
  std::string_view vary = response.Header("Vary");
  response.SetHeader("Vary", vary.empty() ? std::string("Accept-Encoding")
                                          : std::string(vary) + ", Accept-Encoding");
  if (response.status == 200 && AcceptsGzip(request.Header("accept-encoding"))) {
    response.shared_body = std::move(response.gzip_body);
    response.body.clear();
    response.SetHeader("Content-Encoding", "gzip");
    std::string_view etag = response.Header("ETag");
    if (etag.size() >= 2 && etag.back() == '"') {
      response.SetHeader("ETag", std::string(etag.substr(0, etag.size() - 1)) + "-gz\"");
    }
  }
  response.gzip_body.reset();
}

bool AcceptsGzip(std::string_view accept_encoding) {
  bool gzip_named = false, gzip_ok = false, any_ok = false;
  while (!accept_encoding.empty()) {
    size_t comma = accept_encoding.find(',');
    std::string_view member = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? "" : accept_encoding.substr(comma + 1);
    size_t semi = member.find(';');
    std::string_view coding = Trim(member.substr(0, semi));
    bool ok = QualityAboveZero(semi == std::string_view::npos ? "" : member.substr(semi + 1));
    if (EqualsIgnoringCase(coding, "gzip") || EqualsIgnoringCase(coding, "x-gzip")) {
      gzip_named = true;
      gzip_ok = gzip_ok || ok;
    } else if (coding == "*") {
      any_ok = ok;
    }
  }
  return gzip_named ? gzip_ok : any_ok;
}

}  // namespace dateline::http
