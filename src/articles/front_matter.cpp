#include "articles/front_matter.hpp"

#include <fmt/format.h>

#include <set>
#include <vector>

#include "core/text.hpp"
#include "core/time_format.hpp"

namespace dateline::articles {
namespace {

core::Error LineError(size_t line, const std::string& what) {
  return core::Error::InvalidArgument(fmt::format("line {}: {}", line, what));
}

// Splits into lines, remembering where the body starts. Accepts \n and \r\n.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

core::Result<void> CheckLength(size_t line, std::string_view key, const std::string& value,
                               size_t max) {
  if (core::CodePointCount(value) > max) {
    return LineError(line, fmt::format("'{}' is longer than {} characters", key, max));
  }
  return {};
}

}  // namespace

core::Result<ArticleFile> ParseArticleFile(std::string_view text) {
  ArticleFile file;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // byte-order mark
  if (size_t bad = core::Utf8ErrorOffset(text); bad != std::string_view::npos) {
    size_t line = 1;
    for (size_t k = 0; k < bad; ++k) line += text[k] == '\n';
    return LineError(line, "the file is not valid UTF-8");
  }
  auto lines = SplitLines(text);
  if (lines.empty() || core::Trim(lines[0]) != "---") {
    return LineError(1, "expected '---' to open the front-matter block");
  }
  ArticleDraft draft;
  std::set<std::string, std::less<>> seen;
  size_t i = 1;
  bool closed = false;
  for (; i < lines.size(); ++i) {
    size_t line_no = i + 1;
    std::string_view line = lines[i];
    if (core::Trim(line) == "---") {
      closed = true;
      ++i;
      break;
    }
    if (core::Trim(line).empty() || core::Trim(line)[0] == '#') continue;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return LineError(line_no, "expected 'key: value'");
    }
    std::string key(core::Trim(line.substr(0, colon)));
    std::string value(core::Trim(line.substr(colon + 1)));
    if (value.size() >= 2 && ((value.front() == '"' && value.back() == '"') ||
                              (value.front() == '\'' && value.back() == '\''))) {
      value = value.substr(1, value.size() - 2);
    }
    if (!seen.insert(key).second) return LineError(line_no, "'" + key + "' is given twice");
    if (key == "headline") {
      DL_TRY(CheckLength(line_no, key, value, kMaxHeadline));
      draft.headline = value;
    } else if (key == "dek") {
      DL_TRY(CheckLength(line_no, key, value, kMaxDek));
      draft.dek = value;
    } else if (key == "dateline") {
      DL_TRY(CheckLength(line_no, key, value, kMaxDateline));
      draft.dateline = value;
    } else if (key == "byline") {
      DL_TRY(CheckLength(line_no, key, value, kMaxByline));
      draft.byline = value;
    } else if (key == "slug") {
      if (!core::IsValidSlug(value)) {
        return LineError(
            line_no, "slug '" + value + "' must be lowercase letters, digits and single dashes");
      }
      draft.slug = value;
    } else if (key == "access") {
      auto access = ParseAccess(value);
      if (!access) {
        return LineError(line_no, "access '" + value + "' must be free, registered or subscribers");
      }
      draft.access = *access;
    } else if (key == "published") {
      auto when = core::ParseIso8601(value);
      if (!when) {
        return LineError(line_no,
                         "published '" + value + "' is not a time like 2016-08-26T21:05:00Z");
      }
      draft.published_at = *when;
    } else if (key == "status") {
      auto status = ParseStatus(value);
      if (!status || *status == Status::kScheduled || *status == Status::kUnpublished) {
        return LineError(line_no, "status '" + value + "' must be draft, review or published");
      }
      file.status = *status;
    } else if (key == "update") {
      if (value != "true" && value != "false") {
        return LineError(line_no, "update '" + value + "' must be true or false");
      }
      file.update = value == "true";
    } else if (key == "id") {
      int64_t id = core::ParseId(value);
      if (id == 0) return LineError(line_no, "id '" + value + "' is not a story number");
      file.id = id;
    } else if (key == "section" || key == "authors" || key == "tags" || key == "image") {
      if (!file.filing) file.filing.emplace();
      if (key == "image") {
        if (!LooksLikeImageKey(value)) {
          return LineError(line_no, "image '" + value +
                                        "' is not an image's key (dateline image add prints it)");
        }
        file.filing->lead_image = value;
      } else if (key == "section") {
        DL_TRY(CheckLength(line_no, key, value, kMaxStructureName));
        file.filing->section = value;
      } else if (key == "authors") {
        auto parsed = ParseAuthorList(value);
        if (!parsed.ok()) return LineError(line_no, parsed.error().reader);
        file.filing->authors = value;
      } else {
        auto parsed = ParseTagList(value);
        if (!parsed.ok()) return LineError(line_no, parsed.error().reader);
        file.filing->tags = value;
      }
    } else {
      return LineError(line_no,
                       "unknown key '" + key +
                           "' (known: headline, dek, dateline, byline, slug, access, "
                           "published, status, update, id, section, authors, tags, image)");
    }
  }
  if (!closed) return LineError(lines.size(), "the front-matter block is never closed with '---'");
  if (draft.headline.empty()) return LineError(1, "the front matter has no 'headline'");
  if (draft.slug.empty()) {
    draft.slug = core::Slugify(draft.headline);
    if (!core::IsValidSlug(draft.slug)) {
      return LineError(1, "no 'slug' given and none can be made from the headline");
    }
  }
  std::string body;
  for (size_t k = i; k < lines.size(); ++k) {
    body.append(lines[k]);
    body.push_back('\n');
  }
  std::string_view trimmed = core::Trim(body);
  if (trimmed.empty()) return LineError(i + 1, "the article has no body text");
  if (trimmed.size() > kMaxBodyBytes) {
    return LineError(i + 1, fmt::format("the body is larger than {} bytes", kMaxBodyBytes));
  }
  draft.body_markdown = std::string(trimmed) + "\n";
  file.draft = std::move(draft);
  return file;
}

}  // namespace dateline::articles
