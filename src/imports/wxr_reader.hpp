#pragma once
// WordPress's export (WXR: RSS 2.0 with wp:, content: and dc: elements), read as a stream
// with libxml2's reader: authors from the channel, then each post with its categories,
// tags and comments. Pages, attachments, menu items and posts in the trash are noted and
// passed over. The parser never fetches anything (no network, no external entities).

#include <cstdio>
#include <memory>
#include <string>

#include "imports/source.hpp"

namespace dateline::imports {

// Opens `path`; kInvalidArgument when it cannot be read.
core::Result<std::unique_ptr<SourceReader>> OpenWordPressExport(const std::string& path);
// Reads an open file (which it closes), `size` bytes long (for progress): tests, fuzzing.
std::unique_ptr<SourceReader> ReadWordPressExport(std::FILE* file, int64_t size);

}  // namespace dateline::imports
