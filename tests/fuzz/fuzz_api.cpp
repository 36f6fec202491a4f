// What the APIs read from programs: a JSON body (as the Admin API takes a story), the key
// a request presents, ?limit= and ?after=, a staff token's scope list, and the signature
// header a webhook receiver checks.
#include <boost/json.hpp>
#include <cstdint>
#include <cstdlib>

#include "accounts/api_key.hpp"
#include "core/text.hpp"
#include "http/request.hpp"
#include "web/api/api_kit.hpp"
#include "web/api/story_fields.hpp"
#include "webhooks/signature.hpp"

using namespace dateline;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  http::Request request;
  request.method = http::Method::kPost;
  request.headers = {{"content-type", "application/json"},
                     {"authorization", std::string(text.substr(0, 200))}};
  request.body = std::string(text);
  request.query = std::string(text.substr(0, 300));
  http::Response refused;
  if (auto body = web::JsonBody(request, refused)) {
    articles::ArticleDraft draft;
    articles::Filing filing;
    if (!web::ReadStoryFields(*body, draft, filing)) {
      // Accepted text is the JSON's own strings: always UTF-8.
      for (const std::string* s : {&draft.headline, &draft.body_markdown, &filing.tags}) {
        if (!core::IsValidUtf8(*s)) std::abort();
      }
    }
  } else if (refused.status != 400) {
    std::abort();
  }
  (void)web::PresentedKey(request, true);
  if (auto paging = web::PagingOf(request, refused)) {
    if (paging->limit < 1 || paging->limit > 100 || paging->after.size() > 64) std::abort();
  }

  // A scope list that parses prints back to one that parses the same.
  if (auto scopes = accounts::ParseScopeList(text)) {
    if (accounts::ParseScopeList(accounts::ScopeList(*scopes)) != scopes) std::abort();
  }

  // Header, body and secret from one input: whatever they are, checking never crashes,
  // and our own header for them always verifies.
  size_t bar = text.find('|');
  std::string_view header = text.substr(0, bar);
  std::string_view rest = bar == std::string_view::npos ? "" : text.substr(bar + 1);
  (void)webhooks::VerifySignature(header, rest, "whsec_fuzz", 1'800'000'000);
  std::string ours = webhooks::SignatureHeader("whsec_fuzz", rest, 1'800'000'000);
  if (!webhooks::VerifySignature(ours, rest, "whsec_fuzz", 1'800'000'100).ok()) std::abort();
  return 0;
}
