// The small parsers of untrusted text: UTF-8, times (ISO and the editor's site-zone
// fields), ids, time-zone names, email addresses, one-time codes, client addresses behind
// proxies, `?` placeholder numbering, the revisions' word diff, search queries (and
// their snippets), a filing's author and tag lists, the log redaction of secrets,
// Accept-Encoding, and gzip and brotli both ways.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "accounts/email_address.hpp"
#include "accounts/one_time_code.hpp"
#include "articles/search_query.hpp"
#include "articles/structure.hpp"
#include "core/brotli.hpp"
#include "core/gzip.hpp"
#include "core/log_context.hpp"
#include "core/text.hpp"
#include "core/time_format.hpp"
#include "core/time_zone.hpp"
#include "core/word_diff.hpp"
#include "http/accept_encoding.hpp"
#include "http/byte_range.hpp"
#include "http/client_address.hpp"
#include "store/postgres/placeholders.hpp"
#include "web/kit/page_holes.hpp"

using namespace dateline;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t bad = core::Utf8ErrorOffset(text);
  if (bad == std::string_view::npos) {
    if (core::CodePointCount(text) > text.size()) std::abort();
    (void)core::Slugify(text);
    (void)core::EscapeMarkup(text);
  } else if (bad >= text.size()) {
    std::abort();
  }
  if (auto t = core::ParseIso8601(text)) (void)core::FormatIso8601(*t);
  if (auto email = accounts::NormalizeEmail(text)) {
    if (email->find('@') == std::string::npos) std::abort();
  }
  (void)accounts::NormalizeCode(text);
  // Redaction only ever shortens a token to "***": it never grows a line without bound.
  if (core::RedactSecrets(text).size() > text.size() + 3 * (text.size() / 3 + 1)) std::abort();
  http::TrustedProxies loopback = http::TrustedProxies::Loopback();
  size_t comma = text.find('|');
  std::string_view peer = text.substr(0, comma);
  std::string_view forwarded = comma == std::string_view::npos ? "" : text.substr(comma + 1);
  (void)http::ResolveClientAddress(peer, {forwarded}, loopback);
  (void)http::RateLimitKey(text);
  (void)http::TrustedProxies::Parse({std::string(text)});
  (void)store::NumberPlaceholders(text);
  (void)core::ParseId(text);
  if (int q = http::EncodingQuality(text, "br"); q < 0 || q > 1000) std::abort();
  (void)http::AcceptsGzip(text);
  // Filling a page's holes never invents text: with nothing to fill, nothing grows.
  if (web::FillHoles(text, {}).size() > text.size()) std::abort();
  // A range always lies inside the answer it is asked of.
  for (size_t size : {size_t{0}, size_t{1}, size_t{1000}}) {
    auto asked = http::ReadRange(text, size);
    if (asked.kind == http::RangeAsked::kPart &&
        (asked.range.first > asked.range.last || asked.range.last >= size))
      std::abort();
  }
  // The same for brotli: a hostile stream stays within its limit; ours round-trips.
  if (auto out = core::Unbrotli(text, 1 << 20); out && out->size() > (1 << 20)) std::abort();
  if (auto packed = core::Brotli(text, 5); packed && core::Unbrotli(*packed) != text) std::abort();
  // Hostile gzip never inflates past its limit; our own always comes back whole.
  if (auto out = core::Gunzip(text, 1 << 20); out && out->size() > (1 << 20)) std::abort();
  if (auto zipped = core::Gzip(text); zipped && core::Gunzip(*zipped) != text) std::abort();
  (void)core::IsKnownTimeZone(text);
  if (auto t = core::ParseSiteTime(text)) (void)core::FormatSiteInputTime(*t);
  // A search never carries a quote, a colon or an operator into a store's query text.
  auto terms = articles::ParseSearch(text);
  if (terms.groups.size() > articles::kMaxSearchTerms) std::abort();
  std::string fts = articles::Fts5Expression(terms);
  for (char c : fts) {
    if (c == ':' || c == '*' || c == '(' || c == ')' || c == '^' || c == '{') std::abort();
  }
  if (core::IsValidUtf8(text)) {
    // The snippet is escaped text: its only markup is the marks themselves.
    std::string snippet = articles::HighlightedSnippet(text, terms, 200);
    if (!core::IsValidUtf8(snippet)) std::abort();
    for (const char* tag : {"<mark>", "</mark>"}) {
      for (size_t at; (at = snippet.find(tag)) != std::string::npos;)
        snippet.erase(at, strlen(tag));
    }
    if (snippet.find('<') != std::string::npos) std::abort();
    (void)articles::ParseAuthorList(text);
    (void)articles::ParseTagList(text);
  }
  // The diff of the two halves spells the second half from its kept and added pieces.
  std::string_view before = text.substr(0, text.size() / 2), after = text.substr(text.size() / 2);
  std::string spelled;
  for (const auto& piece : core::WordDiff(before, after, 4096)) {
    if (piece.kind != core::DiffPiece::kRemoved) spelled += piece.text;
  }
  if (spelled != after) std::abort();
  return 0;
}
