#pragma once
// Small text utilities shared by domains: UTF-8 validation, trimming, slugs, hashing.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dateline::core {

// The offset of the first byte that breaks UTF-8 (an overlong, a surrogate, a code point
// past U+10FFFF, a truncated sequence), or npos when `s` is well-formed.
size_t Utf8ErrorOffset(std::string_view s);
inline bool IsValidUtf8(std::string_view s) { return Utf8ErrorOffset(s) == std::string_view::npos; }

std::string_view Trim(std::string_view s);

// & < > " ' as character references: text made safe inside HTML or XML elements and
// quoted attributes.
std::string EscapeMarkup(std::string_view text);

// A-Z folded to a-z; every other byte (UTF-8 included) unchanged.
std::string AsciiLower(std::string_view s);

// "Kerry, Lavrov report progress" -> "kerry-lavrov-report-progress" (ASCII letters and
// digits kept, everything else folded into single dashes, at most 80 characters).
std::string Slugify(std::string_view text);

// Lowercase ASCII letters, digits and single inner dashes; 1 to 100 characters.
bool IsValidSlug(std::string_view slug);

// Whether `s` is one or more lowercase hex digits (0-9, a-f): keys and hashes.
bool IsLowerHex(std::string_view s);

// The number of Unicode code points in valid UTF-8.
size_t CodePointCount(std::string_view s);

// A whole decimal number (an optional '-' and digits, nothing else), or nullopt.
std::optional<int64_t> ParseInt64(std::string_view text);
// An id from a path, a query or a payload: the number when `text` is a positive whole
// number, else 0 (which no row has).
int64_t ParseId(std::string_view text);

// Whether valid UTF-8 text holds a control character (C0, DEL, C1) or an invisible one
// that changes how text reads: bidi embeddings, overrides and isolates (U+202A-U+202E,
// U+2066-U+2069), direction marks, zero-width spaces and joiners, line and paragraph
// separators, the byte-order mark, soft hyphens.
bool HasInvisibleOrControl(std::string_view s);

// Whether `text` holds `words` starting and ending at word boundaries (letters, digits and
// any non-ASCII byte count as word characters). Both should be lowercased alike.
bool ContainsWords(std::string_view text, std::string_view words);

// A 64-bit FNV-1a hash rendered as 16 hex digits: for ETags, not for security.
std::string ContentHash(std::string_view data);

}  // namespace dateline::core
