#pragma once
// Reading mail that comes back: an mbox file (or one message) split into messages, and a
// message into its MIME parts, as far as bounce and complaint reports need (RFC 2045-2049:
// headers, multipart bodies, base64 and quoted-printable, embedded messages). Bounded:
// a part tree deeper than kMaxMimeDepth or wider than kMaxMimeParts is an error, so a
// hostile message cannot make the reader recurse or grow without end.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace dateline::mail {

inline constexpr int kMaxMimeDepth = 8;
inline constexpr int kMaxMimeParts = 256;

struct MimePart {
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased, unfolded
  std::string body;             // decoded (base64 and quoted-printable undone)
  std::vector<MimePart> parts;  // of a multipart, or the one message of message/rfc822

  // The first value of `name` (lowercase), or empty.
  std::string Header(std::string_view name) const;
  // "multipart/report" (lowercased, without parameters); "text/plain" when absent.
  std::string ContentType() const;
  // A parameter of the Content-Type ("boundary", "report-type"), unquoted; or empty.
  std::string ContentTypeParam(std::string_view name) const;
};

core::Result<MimePart> ParseMime(std::string_view message);

// The messages of an mbox ("From " lines start each), or the whole text as one message
// when it is not a mailbox. Views into `text`.
std::vector<std::string_view> SplitMailbox(std::string_view text);

// "Name: value" lines (a DSN's status fields, RFC 3464; a feedback report's, RFC 5965) in
// blocks separated by blank lines; names lowercased, values unfolded.
using FieldBlock = std::vector<std::pair<std::string, std::string>>;
std::vector<FieldBlock> ParseFieldBlocks(std::string_view text);

}  // namespace dateline::mail
