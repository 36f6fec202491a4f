#include "imports/wxr_reader.hpp"

#include <fmt/format.h>
#include <libxml/xmlreader.h>
#include <sys/stat.h>

#include <cstdio>
#include <ctime>

#include "core/text.hpp"
#include "imports/clean_input.hpp"

namespace dateline::imports {
namespace {

// "2016-08-26 19:45:00" (WordPress's GMT fields) as epoch seconds; 0 for "0000-00-00 ..."
// (a draft never dated) or anything else.
int64_t ParseWordPressTime(std::string_view text) {
  int y, mo, d, h, mi, s;
  if (std::sscanf(std::string(text).c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) !=
          6 ||
      y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
    return 0;
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return static_cast<int64_t>(timegm(&tm));
}

// The path (and query) of a URL: "https://old.example/2016/08/26/x/?a" -> "/2016/08/26/x/?a".
std::string PathOf(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return url.rfind('/', 0) == 0 ? std::string(url) : "";
  size_t slash = url.find('/', scheme + 3);
  return slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
}

std::string PercentDecoded(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

class WxrReader final : public SourceReader {
 public:
  WxrReader(std::FILE* file, int64_t size) : file_(file), input_(file), size_(size) {
    reader_ = xmlReaderForIO(&WxrReader::ReadInput, nullptr, this, nullptr, "UTF-8",
                             XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
    if (reader_) xmlTextReaderSetErrorHandler(reader_, &WxrReader::OnError, this);
  }
  ~WxrReader() override {
    if (reader_) xmlFreeTextReader(reader_);
    std::fclose(file_);
  }

  core::Result<std::optional<SourceItem>> Next() override {
    if (!reader_) return core::Error::Internal("libxml2 could not start a reader");
    for (;;) {
      int r = xmlTextReaderRead(reader_);
      if (r == 0) return End();
      if (r < 0) return Broken();
      if (xmlTextReaderNodeType(reader_) != XML_READER_TYPE_ELEMENT) continue;
      std::string_view name = Name();
      int depth = xmlTextReaderDepth(reader_);
      if (depth == 0) {
        if (name != "rss") return NotWordPress();
        seen_rss_ = true;
      } else if (name == "channel" && depth == 1) {
        seen_channel_ = true;
      } else if (name == "wp:wxr_version") {
        seen_wxr_ = true;
      } else if (name == "link" && depth == 2) {
        site_url_ = core::Trim(Text());
      } else if (name == "wp:author" && depth == 2) {
        auto author = ReadAuthor(depth);
        if (!author.ok()) return author.error();
        return std::optional<SourceItem>(std::move(*author));
      } else if (name == "item" && depth == 2) {
        auto post = ReadItem(depth);
        if (!post.ok()) return post.error();
        if (*post) return std::optional<SourceItem>(std::move(**post));
      }
    }
  }

  std::vector<SourceNote> TakeNotes() override {
    if (input_.replaced() > 0 && !replacement_noted_) {
      replacement_noted_ = true;
      notes_.push_back({"the file", fmt::format("{} byte(s) that were not UTF-8 (the first at byte "
                                                "{}) replaced by \xEF\xBF\xBD",
                                                input_.replaced(), input_.first_replaced_at())});
    }
    std::vector<SourceNote> out;
    out.swap(notes_);
    return out;
  }
  std::string SourceName() const override { return "wordpress " + site_url_; }
  int64_t BytesRead() const override { return input_.raw_bytes(); }
  int64_t BytesTotal() const override { return size_; }

 private:
  static int ReadInput(void* self, char* buffer, int size) {
    return static_cast<WxrReader*>(self)->input_.Read(buffer, size);
  }
  static void OnError(void* self, const char* message, xmlParserSeverities severity,
                      xmlTextReaderLocatorPtr locator) {
    auto* me = static_cast<WxrReader*>(self);
    if (severity != XML_PARSER_SEVERITY_ERROR && severity != XML_PARSER_SEVERITY_WARNING) {
      me->error_ = fmt::format("line {}: {}", xmlTextReaderLocatorLineNumber(locator),
                               core::Trim(message ? message : ""));
    }
  }

  std::string_view Name() const {
    const xmlChar* n = xmlTextReaderConstName(reader_);
    return n ? std::string_view(reinterpret_cast<const char*>(n)) : std::string_view();
  }
  // The element's text (CDATA included); the reader stays on the element.
  std::string Text() {
    if (xmlTextReaderIsEmptyElement(reader_)) return "";
    xmlChar* s = xmlTextReaderReadString(reader_);
    if (!s) return "";
    std::string out(reinterpret_cast<const char*>(s));
    xmlFree(s);
    return out;
  }
  std::string Attribute(const char* name) {
    xmlChar* s = xmlTextReaderGetAttribute(reader_, reinterpret_cast<const xmlChar*>(name));
    if (!s) return "";
    std::string out(reinterpret_cast<const char*>(s));
    xmlFree(s);
    return out;
  }

  core::Result<std::optional<SourceItem>> End() {
    if (!seen_rss_ || !seen_channel_ || !seen_wxr_) return NotWordPress();
    return std::optional<SourceItem>();
  }
  core::Error Broken() {
    return core::Error::InvalidArgument("the file is not well-formed XML" +
                                        (error_.empty() ? std::string() : " (" + error_ + ")") +
                                        ": nothing after that point was read");
  }
  core::Error NotWordPress() const {
    return core::Error::InvalidArgument(
        "this is not a WordPress export (WXR): expected <rss> with a <channel> and "
        "<wp:wxr_version>, as Tools > Export writes");
  }

  // Calls `field(name)` for each child element of the element at `depth` until its end.
  template <typename Field>
  core::Result<void> Children(int depth, Field field) {
    if (xmlTextReaderIsEmptyElement(reader_)) return {};
    for (;;) {
      int r = xmlTextReaderRead(reader_);
      if (r == 0) return core::Error::InvalidArgument("the file ends inside an element");
      if (r < 0) return Broken();
      int type = xmlTextReaderNodeType(reader_);
      int at = xmlTextReaderDepth(reader_);
      if (type == XML_READER_TYPE_END_ELEMENT && at == depth) return {};
      if (type == XML_READER_TYPE_ELEMENT && at == depth + 1) DL_TRY(field(Name(), at));
    }
  }

  core::Result<SourceAuthor> ReadAuthor(int depth) {
    SourceAuthor a;
    std::string id;
    DL_TRY(Children(depth, [&](std::string_view name, int) -> core::Result<void> {
      if (name == "wp:author_login") a.key = Text();
      if (name == "wp:author_email") a.email = Text();
      if (name == "wp:author_display_name") a.name = Text();
      return {};
    }));
    if (a.name.empty()) a.name = a.key;
    return a;
  }

  core::Result<SourceComment> ReadComment(int depth, std::string& type) {
    SourceComment c;
    std::string approved;
    DL_TRY(Children(depth, [&](std::string_view name, int) -> core::Result<void> {
      if (name == "wp:comment_id") c.id = core::Trim(Text());
      if (name == "wp:comment_author") c.author = Text();
      if (name == "wp:comment_author_email") c.email = Text();
      if (name == "wp:comment_date_gmt") c.created_at = ParseWordPressTime(Text());
      if (name == "wp:comment_content") c.html = Text();
      if (name == "wp:comment_approved") approved = core::Trim(Text());
      if (name == "wp:comment_type") type = core::Trim(Text());
      if (name == "wp:comment_parent") c.parent_id = core::Trim(Text());
      return {};
    }));
    if (c.parent_id == "0") c.parent_id.clear();
    c.approved = approved == "1";
    // Spam and the trash stay behind; held ones come in held.
    if (approved != "1" && approved != "0") type = "spam";
    return c;
  }

  core::Result<std::optional<SourcePost>> ReadItem(int depth) {
    SourcePost p;
    std::string type, status, link, guid, date_gmt, pub_date;
    std::vector<std::string> categories;
    DL_TRY(Children(depth, [&](std::string_view name, int at) -> core::Result<void> {
      if (name == "title") p.title = Text();
      if (name == "link") link = core::Trim(Text());
      if (name == "dc:creator") {
        std::string key(core::Trim(Text()));
        if (!key.empty()) p.author_keys.push_back(key);
      }
      if (name == "content:encoded") p.html = Text();
      if (name == "excerpt:encoded") p.excerpt = Text();
      if (name == "wp:post_id") p.id = core::Trim(Text());
      if (name == "wp:post_date_gmt") p.published_at = ParseWordPressTime(Text());
      if (name == "wp:post_modified_gmt") p.modified_at = ParseWordPressTime(Text());
      if (name == "wp:post_name") p.slug = PercentDecoded(core::Trim(Text()));
      if (name == "wp:status") status = core::Trim(Text());
      if (name == "wp:post_type") type = core::Trim(Text());
      if (name == "category") {
        std::string domain = Attribute("domain");
        std::string text = Text();
        if (domain == "category") categories.push_back(text);
        if (domain == "post_tag") p.tags.push_back(text);
      }
      if (name == "wp:comment") {
        std::string comment_type;
        auto c = ReadComment(at, comment_type);
        if (!c.ok()) return c.error();
        if (comment_type.empty() || comment_type == "comment") {
          p.comments.push_back(std::move(*c));
        } else {
          ++passed_over_comments_;
        }
      }
      return {};
    }));
    std::string where = "post " + (p.id.empty() ? "without an id" : p.id);
    if (type != "post") {
      if (type != "attachment" && type != "nav_menu_item" && type != "revision") {
        notes_.push_back({where, fmt::format("skipped: a WordPress {} (\"{}\"), not a story",
                                             type.empty() ? "item" : type, core::Trim(p.title))});
      }
      return std::optional<SourcePost>();
    }
    if (p.id.empty()) {
      notes_.push_back({where, "skipped: no wp:post_id to know it by"});
      return std::optional<SourcePost>();
    }
    if (status == "publish") {
      p.status = SourceStatus::kPublished;
    } else if (status == "future") {
      p.status = SourceStatus::kScheduled;
    } else if (status == "draft" || status == "auto-draft") {
      p.status = SourceStatus::kDraft;
    } else if (status == "pending") {
      p.status = SourceStatus::kReview;
    } else if (status == "private") {
      p.status = SourceStatus::kPrivate;
    } else {
      notes_.push_back(
          {where, fmt::format("skipped: status \"{}\" (in the trash, or unknown)", status)});
      return std::optional<SourcePost>();
    }
    if (!categories.empty()) p.section = categories.front();
    if (p.status == SourceStatus::kPublished) {
      std::string path = PathOf(link);
      if (!path.empty() && path != "/") p.old_addresses.push_back(path);
      p.old_addresses.push_back("/?p=" + p.id);
    }
    if (passed_over_comments_ > 0) {
      notes_.push_back({where, fmt::format("{} pingback(s), trackback(s) or spam comment(s) left "
                                           "behind",
                                           passed_over_comments_)});
      passed_over_comments_ = 0;
    }
    return std::optional<SourcePost>(std::move(p));
  }

  std::FILE* file_;
  CleanInput input_;
  int64_t size_;
  xmlTextReaderPtr reader_ = nullptr;
  std::string site_url_;
  std::string error_;
  std::vector<SourceNote> notes_;
  int passed_over_comments_ = 0;
  bool seen_rss_ = false, seen_channel_ = false, seen_wxr_ = false;
  bool replacement_noted_ = false;
};

}  // namespace

core::Result<std::unique_ptr<SourceReader>> OpenWordPressExport(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return core::Error::InvalidArgument("cannot read " + path);
  struct stat st {};
  int64_t size = ::fstat(fileno(file), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
  return ReadWordPressExport(file, size);
}

std::unique_ptr<SourceReader> ReadWordPressExport(std::FILE* file, int64_t size) {
  return std::make_unique<WxrReader>(file, size);
}

}  // namespace dateline::imports
