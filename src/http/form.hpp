#pragma once
// application/x-www-form-urlencoded bodies and query strings. Decoding is strict: a bad
// escape or bytes that are not UTF-8 fail the whole form, so handlers only ever see text.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace dateline::http {

class Form {
 public:
  // At most `max_fields` pairs; names and values percent-decoded, '+' as space.
  static core::Result<Form> Parse(std::string_view encoded, size_t max_fields = 64);
  // The same, but bytes that are not UTF-8 become U+FFFD instead of failing the form, so a
  // form can be shown again with what the reader typed; `repaired` says whether any were.
  static core::Result<Form> ParseRepairing(std::string_view encoded, bool& repaired,
                                           size_t max_fields = 64);

  // A form from fields already decoded (a multipart form's text fields).
  static Form FromFields(std::vector<std::pair<std::string, std::string>> fields) {
    Form f;
    f.fields_ = std::move(fields);
    return f;
  }

  // The first value for `name`, or nullopt.
  std::optional<std::string_view> Get(std::string_view name) const;
  // The first value, or empty.
  std::string Value(std::string_view name) const;
  bool Has(std::string_view name) const { return Get(name).has_value(); }
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// Each byte that does not start a valid UTF-8 sequence becomes U+FFFD (`repaired` set).
std::string RepairUtf8(std::string_view s, bool& repaired);

// Percent-decodes (and '+' to space when `plus_is_space`); nullopt on a bad escape.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);
// Encodes everything but unreserved characters (RFC 3986), for URLs we build.
std::string PercentEncode(std::string_view text);

}  // namespace dateline::http
