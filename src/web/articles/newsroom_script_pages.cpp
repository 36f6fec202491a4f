// The editor's script's endpoints (static/js/editor.js): keep what is typed, say who else
// has the story open, and render the live preview. JSON or an HTML fragment; never cached.

#include "core/json_text.hpp"
#include "core/text.hpp"
#include "core/time_format.hpp"
#include "web/articles/article_pages.hpp"
#include "web/articles/newsroom_editor.hpp"
#include "web/articles/newsroom_pages.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"

namespace dateline::web {

using articles::Article;
using articles::ArticleDraft;

namespace {

http::Response Json(int status, std::string body) {
  http::Response r = http::Response::Text(status, std::move(body));
  r.content_type = "application/json";
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

http::Response JsonRefusal(const core::Error& error) {
  return Json(HttpStatusFor(error.code),
              "{\"error\":" + core::JsonString(ReaderSentence(error)) + "}");
}

}  // namespace

http::Response StoryAutosaveSubmit(const ArticlesContext& ctx, const http::Request& request) {
  http::Response instead;
  int64_t id = core::ParseId(request.PathParam("id"));
  auto posted = SignedInForm(ctx, request, instead, EditorPath(id), false, kNewsroom);
  if (!posted) return instead;
  core::Result<std::optional<int64_t>> when = std::optional<int64_t>();
  ArticleDraft text = DraftFrom(posted->form, when);
  auto kept = ctx.articles.AutosaveText(posted->visitor.actor, id, text,
                                        core::ParseId(posted->form.Value("base_revision")));
  if (!kept.ok()) return JsonRefusal(kept.error());
  return Json(200, "{\"saved\":" + core::JsonString(core::FormatHumanDateTime(*kept)) + "}");
}

http::Response StoryPresenceSubmit(const ArticlesContext& ctx, const http::Request& request) {
  http::Response instead;
  int64_t id = core::ParseId(request.PathParam("id"));
  auto posted = SignedInForm(ctx, request, instead, EditorPath(id), false, kNewsroom);
  if (!posted) return instead;
  auto others = ctx.articles.Heartbeat(posted->visitor.actor, id);
  if (!others.ok()) return JsonRefusal(others.error());
  auto names = ctx.accounts.DisplayNames(*others);
  if (!names.ok()) return JsonRefusal(names.error());
  std::string body = "{\"others\":[";
  bool first = true;
  for (int64_t other : *others) {
    auto name = names->find(other);
    if (name == names->end()) continue;
    body += (first ? "" : ",") + core::JsonString(name->second);
    first = false;
  }
  return Json(200, body + "]}");
}

http::Response StoryLivePreviewSubmit(const ArticlesContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/admin/articles", false, kNewsroom);
  if (!posted) return instead;
  core::Result<std::optional<int64_t>> when = std::optional<int64_t>();
  ArticleDraft text = DraftFrom(posted->form, when);
  Article shown;
  if (int64_t id = core::ParseId(posted->form.Value("id")); id != 0) {
    auto story = ctx.articles.Open(posted->visitor.actor, id);
    if (!story.ok()) return JsonRefusal(story.error());
    shown = *story;
  } else {
    shown.published_at = ctx.clock.NowSeconds();
    shown.slug = core::Slugify(text.headline);
  }
  articles::ApplyText(shown, text);
  auto html = StoryPreviewFragment(ctx, shown);
  if (!html.ok()) return JsonRefusal(html.error());
  http::Response r = http::Response::Text(200, std::move(*html));
  r.content_type = "text/html; charset=utf-8";
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace dateline::web
