#include "web/articles/search_pages.hpp"

#include "core/text.hpp"
#include "core/time_format.hpp"
#include "http/form.hpp"
#include "web/articles/story_cards.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

constexpr int kResultsPerPage = 20;
constexpr size_t kMaxQueryBytes = 200;

// "2026-11-30" as the first second of that day (UTC), or nullopt.
std::optional<int64_t> DayStart(const std::string& text) {
  if (text.size() != 10) return std::nullopt;
  return core::ParseIso8601(text + "T00:00:00Z");
}

// What the reader asked, read from the query string, or the sentence saying what is wrong.
struct Asked {
  std::string q, section, author, from, to, sort, after;
  articles::SearchRequest request;
  std::string error;
};

Asked ReadAsked(const ArticlesContext& ctx, const http::Request& request) {
  Asked a;
  auto query = http::Form::Parse(request.query);
  if (!query.ok()) {
    a.error = "That search could not be read. Type it again.";
    return a;
  }
  a.q = std::string(core::Trim(query->Value("q")));
  a.section = query->Value("section");
  a.author = query->Value("author");
  a.from = query->Value("from");
  a.to = query->Value("to");
  a.sort = query->Value("sort") == "newest" ? "newest" : "relevance";
  a.after = query->Value("after");
  for (std::string* field : {&a.q, &a.section, &a.author, &a.from, &a.to, &a.after}) {
    if (!core::IsValidUtf8(*field)) {
      a.error = "That search could not be read. Type it again.";
      a.q.clear();
      return a;
    }
  }
  if (a.q.size() > kMaxQueryBytes) {
    a.error = "Keep the search to 200 characters.";
    a.q.clear();
    return a;
  }
  a.request.query = a.q;
  a.request.newest_first = a.sort == "newest";
  if (!a.from.empty() && !(a.request.from = DayStart(a.from))) {
    a.error = "Give the first day as a date, like 2026-11-30.";
  }
  if (!a.to.empty()) {
    auto to = DayStart(a.to);
    if (!to) a.error = "Give the last day as a date, like 2026-11-30.";
    if (to) a.request.until = *to + 86400;  // the whole of the last day
  }
  if (!a.section.empty()) {
    auto found = ctx.structure.FindSection(a.section);
    if (!found.ok() || !*found) {
      a.error = "There is no such section.";
    } else {
      a.request.section_id = (*found)->id;
    }
  }
  if (!a.author.empty()) {
    auto found = ctx.structure.FindAuthor(a.author);
    if (!found.ok() || !*found) {
      a.error = "There is no such author.";
    } else {
      a.request.author_id = (*found)->id;
    }
  }
  return a;
}

std::string SearchUrl(const Asked& a, const std::string& after) {
  std::string url = "/search?q=" + http::PercentEncode(a.q);
  for (const auto& [key, value] : {std::pair<const char*, const std::string&>{"section", a.section},
                                   {"author", a.author},
                                   {"from", a.from},
                                   {"to", a.to}}) {
    if (!value.empty()) url += std::string("&") + key + "=" + http::PercentEncode(value);
  }
  if (a.sort == "newest") url += "&sort=newest";
  if (!after.empty()) url += "&after=" + http::PercentEncode(after);
  return url;
}

}  // namespace

http::Response SearchPage(const ArticlesContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  Asked asked = ReadAsked(ctx, request);
  render::View view;
  PageMeta meta;
  meta.title = "Search";
  meta.canonical_path = "/search";
  // Result pages are for people: an index of searches is not one of the site.
  meta.head_extra_html = "<meta name=\"robots\" content=\"noindex\">\n";
  int status = 200;
  view["query"] = asked.q;
  view["from"] = asked.from;
  view["to"] = asked.to;
  view["newest"] = asked.sort == "newest";
  auto sections = ctx.structure.Sections();
  if (!sections.ok()) return ErrorPageFor(ctx, sections.error());
  for (const auto& s : *sections) {
    render::View option;
    option["value"] = s.slug;
    option["label"] = s.name;
    option["selected"] = s.slug == asked.section;
    view["section_options"].Push(std::move(option));
  }
  if (asked.request.author_id) {
    view["author"] = asked.author;
    view["author_clear_url"] = SearchUrl(
        Asked{asked.q, asked.section, "", asked.from, asked.to, asked.sort, "", {}, ""}, "");
  }
  if (!asked.error.empty()) {
    view["error"] = asked.error;
    status = 400;
  } else if (!asked.q.empty()) {
    auto found = ctx.articles.Search(visitor->actor, asked.request, asked.after, kResultsPerPage);
    if (!found.ok()) {
      if (found.error().code != core::ErrorCode::kInvalidArgument) {
        return ErrorPageFor(ctx, found.error());
      }
      view["error"] = ReaderSentence(found.error());
      status = 400;
    } else {
      std::vector<articles::Article> list;
      for (const auto& hit : found->items) list.push_back(hit.article);
      auto cards = StoryCards(ctx, list);
      if (!cards.ok()) return ErrorPageFor(ctx, cards.error());
      view["searched"] = true;
      view["count"] = found->total == 0   ? "No stories match “" + asked.q + "”."
                      : found->total == 1 ? std::string("One story matches.")
                                          : std::to_string(found->total) + " stories match.";
      for (size_t i = 0; i < cards->size(); ++i) {
        render::View& card = (*cards)[i];
        if (!found->items[i].snippet_html.empty())
          card["snippet_html"] = found->items[i].snippet_html;
        view["results"].Push(std::move(card));
      }
      if (!found->next.empty()) view["older_url"] = SearchUrl(asked, found->next);
      if (!asked.after.empty()) view["newest_url"] = SearchUrl(asked, "");
      if (found->next.empty() && found->total >= articles::kMaxSearchDepth &&
          !found->items.empty()) {
        view["deeper"] =
            "Only the first 1,000 matches are listed: add words or a date to "
            "narrow the search.";
      }
      meta.title = "Search: " + asked.q;
    }
  }
  return VisitorPage(ctx, *visitor, meta, "pages/search", std::move(view), status);
}

}  // namespace dateline::web
