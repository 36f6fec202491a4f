#pragma once
// gzip (RFC 1952) through zlib, for answers made once and sent many times: a cached page
// or a static file is compressed when it is stored, never per request.

#include <optional>
#include <string>
#include <string_view>

namespace dateline::core {

// `data` gzipped at the best compression; nullopt when zlib fails or the result would not
// be smaller (tiny or already compressed bodies are sent as they are).
std::optional<std::string> Gzip(std::string_view data);
// The reverse (tests, and the fuzzer's round trip); nullopt for anything that is not one
// whole gzip member, or that would inflate beyond `max_size`.
std::optional<std::string> Gunzip(std::string_view data, size_t max_size = 64 << 20);

}  // namespace dateline::core
