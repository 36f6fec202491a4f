#pragma once
// multipart/form-data bodies (RFC 7578): a form with a file in it (an image upload).
// Strict and bounded: a body that does not follow the format fails whole; text fields
// must be UTF-8 (or are mended, when asked); at most `max_parts` parts with headers of at
// most 8 KiB each. File contents are views into the body, never copied.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace dateline::http {

struct UploadedFile {
  std::string field;         // the form field's name
  std::string filename;      // as the browser sent it: for messages only, never trusted
  std::string content_type;  // as the browser sent it: never trusted either
  std::string_view data;
};

struct MultipartForm {
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<UploadedFile> files;
  bool repaired = false;  // some text field had bytes that are not UTF-8, now U+FFFD
};

// The boundary parameter of a multipart/form-data Content-Type, or empty.
std::string MultipartBoundary(std::string_view content_type);

core::Result<MultipartForm> ParseMultipart(std::string_view content_type, std::string_view body,
                                           bool repair = false, size_t max_parts = 16);

}  // namespace dateline::http
