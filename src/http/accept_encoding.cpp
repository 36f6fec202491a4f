#include "http/accept_encoding.hpp"

#include <algorithm>
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

// The q parameter of one list member in thousandths: 1000 when absent, 0 for "q=0". Anything
// that is not a quality reads as refused, the cautious answer.
int Quality(std::string_view params) {
  while (!params.empty()) {
    size_t semi = params.find(';');
    std::string_view param = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? "" : params.substr(semi + 1);
    size_t eq = param.find('=');
    if (eq == std::string_view::npos || !EqualsIgnoringCase(Trim(param.substr(0, eq)), "q")) {
      continue;
    }
    std::string_view q = Trim(param.substr(eq + 1));
    if (q.empty() || q.size() > 5 || (q[0] != '0' && q[0] != '1')) return 0;
    if (q.size() > 1 && q[1] != '.') return 0;
    int thousandths = 0;
    for (size_t i = 2; i < 5; ++i) {
      int digit = 0;
      if (i < q.size()) {
        if (q[i] < '0' || q[i] > '9') return 0;
        digit = q[i] - '0';
      }
      thousandths = thousandths * 10 + digit;
    }
    if (q[0] == '1') return thousandths == 0 ? 1000 : 0;  // 1.xyz is only 1.000
    return thousandths;
  }
  return 1000;
}

}  // namespace

void ChooseEncoding(const Request& request, Response& response) {
  if (!response.compressed.any()) return;
  std::string_view vary = response.Header("Vary");
  response.SetHeader("Vary", vary.empty() ? std::string("Accept-Encoding")
                                          : std::string(vary) + ", Accept-Encoding");
  if (response.status == 200) {
    std::string_view accepted = request.Header("accept-encoding");
    int brotli = response.compressed.brotli ? EncodingQuality(accepted, "br") : 0;
    int gzip = response.compressed.gzip ? EncodingQuality(accepted, "gzip") : 0;
    // The client's preference decides; on a tie, brotli, the smaller.
    const char* coding = brotli > 0 && brotli >= gzip ? "br" : gzip > 0 ? "gzip" : nullptr;
    if (coding) {
      bool br = coding[0] == 'b';
      response.shared_body = br ? response.compressed.brotli : response.compressed.gzip;
      response.body.clear();
      response.SetHeader("Content-Encoding", coding);
      std::string_view etag = response.Header("ETag");
      if (etag.size() >= 2 && etag.back() == '"') {
        response.SetHeader("ETag",
                           std::string(etag.substr(0, etag.size() - 1)) + (br ? "-br\"" : "-gz\""));
      }
    }
  }
  response.compressed = {};
}

int EncodingQuality(std::string_view accept_encoding, std::string_view coding) {
  // gzip's old name, x-gzip, counts as gzip (RFC 9110, 8.4.1.3).
  bool is_gzip = coding == "gzip";
  int named = -1, any = 0;
  while (!accept_encoding.empty()) {
    size_t comma = accept_encoding.find(',');
    std::string_view member = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? "" : accept_encoding.substr(comma + 1);
    size_t semi = member.find(';');
    std::string_view name = Trim(member.substr(0, semi));
    int q = Quality(semi == std::string_view::npos ? "" : member.substr(semi + 1));
    if (EqualsIgnoringCase(name, coding) || (is_gzip && EqualsIgnoringCase(name, "x-gzip"))) {
      named = std::max(named, q);
    } else if (name == "*") {
      any = q;
    }
  }
  return named >= 0 ? named : any;
}

bool AcceptsGzip(std::string_view accept_encoding) {
  return EncodingQuality(accept_encoding, "gzip") > 0;
}

}  // namespace dateline::http
