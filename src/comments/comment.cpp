#include "comments/comment.hpp"

#include <algorithm>

#include "core/enum_names.hpp"
#include "core/text.hpp"

namespace dateline::comments {
namespace {

constexpr core::EnumNames<Status, 4> kStatuses{{{{Status::kPending, "pending"},
                                                 {Status::kApproved, "approved"},
                                                 {Status::kRejected, "rejected"},
                                                 {Status::kDeleted, "deleted"}}}};
constexpr core::EnumNames<Sort, 3> kSorts{
    {{{Sort::kNewest, "newest"}, {Sort::kOldest, "oldest"}, {Sort::kRecommended, "recommended"}}}};

bool StartsUrl(std::string_view text, size_t at) {
  auto rest = text.substr(at);
  return rest.rfind("https://", 0) == 0 || rest.rfind("http://", 0) == 0;
}

bool UrlChar(char c) {
  return static_cast<unsigned char>(c) > ' ' && c != '<' && c != '>' && c != '"' && c != '\'' &&
         c != '`' && c != '\\';
}

// The end of the URL starting at `at`: stops at whitespace and markup characters, then
// gives back trailing punctuation that belongs to the sentence ("see https://x.org.").
size_t UrlEnd(std::string_view text, size_t at) {
  size_t end = at;
  while (end < text.size() && UrlChar(text[end])) ++end;
  while (end > at) {
    char last = text[end - 1];
    if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?') {
      --end;
    } else if (last == ')') {
      // Keep a closing parenthesis only when the URL opened one (Wikipedia links).
      auto url = text.substr(at, end - at);
      size_t opens = std::count(url.begin(), url.end(), '(');
      size_t closes = std::count(url.begin(), url.end(), ')');
      if (closes > opens)
        --end;
      else
        break;
    } else {
      break;
    }
  }
  return end;
}

// One paragraph: escaped, links made, line breaks kept.
void AppendParagraph(std::string_view para, std::string& out) {
  out += "<p>";
  size_t i = 0;
  while (i < para.size()) {
    bool boundary = i == 0 || !UrlChar(para[i - 1]) || para[i - 1] == '(';
    if (boundary && StartsUrl(para, i)) {
      size_t end = UrlEnd(para, i);
      size_t scheme_end = para.find("://", i) + 3;
      if (end > scheme_end) {
        std::string url = core::EscapeMarkup(para.substr(i, end - i));
        out.append("<a href=\"").append(url).append("\" rel=\"nofollow ugc noopener\">");
        out.append(url).append("</a>");
        i = end;
        continue;
      }
    }
    if (para[i] == '\n') {
      out += "<br>\n";
    } else {
      out += core::EscapeMarkup(para.substr(i, 1));
    }
    ++i;
  }
  out += "</p>\n";
}

}  // namespace

const char* StatusName(Status s) { return kStatuses.Name(s); }

std::optional<Status> ParseStatus(std::string_view text) { return kStatuses.Parse(text); }

const char* SortName(Sort s) { return kSorts.Name(s); }

Sort ParseSort(std::string_view text) { return kSorts.Parse(text).value_or(Sort::kNewest); }

core::Result<std::string> CleanCommentText(std::string_view text) {
  if (!core::IsValidUtf8(text))
    return core::Error::InvalidArgument("Your comment could not be read (it is not UTF-8 text).")
        .ForReaders();
  std::string clean;
  clean.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      c = '\n';
    }
    unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f) continue;
    clean += c;
  }
  std::string trimmed(core::Trim(clean));
  if (trimmed.empty())
    return core::Error::InvalidArgument("Write something before posting.").ForReaders();
  if (core::CodePointCount(trimmed) > kMaxCommentChars)
    return core::Error::InvalidArgument("Keep your comment to 5,000 characters.").ForReaders();
  return trimmed;
}

std::string RenderCommentHtml(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t blank = text.find("\n\n", start);
    std::string_view para =
        text.substr(start, blank == std::string_view::npos ? blank : blank - start);
    while (!para.empty() && para.front() == '\n') para.remove_prefix(1);
    while (!para.empty() && para.back() == '\n') para.remove_suffix(1);
    if (!para.empty()) AppendParagraph(para, out);
    if (blank == std::string_view::npos) break;
    start = blank + 2;
  }
  return out;
}

int CountLinks(std::string_view text) {
  int n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((i == 0 || !UrlChar(text[i - 1])) && StartsUrl(text, i)) ++n;
  }
  return n;
}

}  // namespace dateline::comments
