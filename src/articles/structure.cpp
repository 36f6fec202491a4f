#include "articles/structure.hpp"

#include <fmt/format.h>

#include <set>

#include "core/text.hpp"

namespace dateline::articles {
namespace {

// The comma-separated entries of a list, trimmed, empty ones skipped.
std::vector<std::string_view> Entries(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view entry = core::Trim(text.substr(start, comma - start));
    if (!entry.empty()) out.push_back(entry);
    start = comma + 1;
  }
  return out;
}

core::Result<void> CheckName(std::string_view what, std::string_view name) {
  if (!core::IsValidUtf8(name) || core::HasInvisibleOrControl(name)) {
    return core::Error::InvalidArgument(fmt::format("{} is not plain text", what))
        .WithReader(fmt::format("The {} “{}” holds characters that are not plain text.", what,
                                core::IsValidUtf8(name) ? name : "?"));
  }
  if (core::CodePointCount(name) > kMaxStructureName) {
    return core::Error::InvalidArgument(fmt::format("{} too long", what))
        .WithReader(fmt::format("A {} is at most {} characters.", what, kMaxStructureName));
  }
  return {};
}

}  // namespace

core::Result<std::vector<NamedCredit>> ParseAuthorList(std::string_view text) {
  std::vector<NamedCredit> out;
  std::set<std::string> seen;
  for (std::string_view entry : Entries(text)) {
    NamedCredit named;
    // "Photographs by Ann Lee": the credit is everything up to the last " by ".
    size_t by = entry.rfind(" by ");
    if (by != std::string_view::npos) {
      named.credit = std::string(core::Trim(entry.substr(0, by + 3)));
      named.name = std::string(core::Trim(entry.substr(by + 4)));
    } else if (entry.substr(0, 3) == "By " || entry.substr(0, 3) == "by ") {
      named.name = std::string(core::Trim(entry.substr(3)));  // "By Ann Lee" is the byline
    } else {
      named.name = std::string(entry);
    }
    DL_TRY(CheckName("author", named.name));
    if (named.name.empty()) {
      return core::Error::InvalidArgument("author credit without a name")
          .WithReader(fmt::format("“{}” names no one after the credit.", entry));
    }
    if (core::CodePointCount(named.credit) > kMaxCredit) {
      return core::Error::InvalidArgument("credit too long")
          .WithReader(fmt::format("A credit such as “Photographs by” is at most {} characters.",
                                  kMaxCredit));
    }
    if (!seen.insert(core::AsciiLower(named.name)).second) continue;
    out.push_back(std::move(named));
  }
  if (out.size() > kMaxAuthorsPerStory) {
    return core::Error::InvalidArgument("too many authors")
        .WithReader(fmt::format("A story credits at most {} authors.", kMaxAuthorsPerStory));
  }
  return out;
}

core::Result<std::vector<std::string>> ParseTagList(std::string_view text) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (std::string_view entry : Entries(text)) {
    DL_TRY(CheckName("tag", entry));
    std::string slug = core::Slugify(entry);
    if (slug.empty()) slug = std::string(entry);  // a name in another script keeps itself
    if (!seen.insert(slug).second) continue;
    out.emplace_back(entry);
  }
  if (out.size() > kMaxTagsPerStory) {
    return core::Error::InvalidArgument("too many tags")
        .WithReader(fmt::format("A story has at most {} tags.", kMaxTagsPerStory));
  }
  return out;
}

bool LooksLikeImageKey(std::string_view key) { return key.size() == 32 && core::IsLowerHex(key); }

Filing FilingOf(const Placement& placement) {
  Filing f;
  f.lead_image = placement.lead_image;
  if (placement.section) f.section = placement.section->name;
  for (const auto& c : placement.authors) {
    if (!f.authors.empty()) f.authors += ", ";
    f.authors += c.credit.empty() ? c.author.name : c.credit + " " + c.author.name;
  }
  for (const auto& t : placement.tags) {
    if (!f.tags.empty()) f.tags += ", ";
    f.tags += t.name;
  }
  return f;
}

}  // namespace dateline::articles
