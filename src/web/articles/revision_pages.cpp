// A story's revisions: the list with who and when, a word-level diff of any two, and
// restoring one (as a new revision).

#include "articles/story_rules.hpp"
#include "core/text.hpp"
#include "core/time_format.hpp"
#include "core/word_diff.hpp"
#include "http/form.hpp"
#include "web/articles/newsroom_editor.hpp"
#include "web/articles/newsroom_pages.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

constexpr int kRevisionListSize = 50;

}  // namespace

http::Response StoryRevisionsPage(const ArticlesContext& ctx, const http::Request& request) {
  http::Response instead;
  auto v = SignedInVisitor(ctx, request, instead, kNewsroom);
  if (!v) return instead;
  auto story = OpenFromPath(ctx, request, *v, instead);
  if (!story) return instead;
  auto query = http::Form::Parse(request.query);
  if (!query.ok()) return ErrorPage(ctx, 400);
  std::string after = query->Value("after");
  auto page = ctx.articles.Revisions(v->actor, story->id, after, kRevisionListSize);
  if (!page.ok()) return ErrorPageFor(ctx, page.error());
  std::vector<int64_t> ids;
  for (const auto& r : page->items) {
    if (r.saved_by) ids.push_back(*r.saved_by);
  }
  auto names = ctx.accounts.DisplayNames(ids);
  if (!names.ok()) return ErrorPageFor(ctx, names.error());
  render::View view;
  view["id"] = std::to_string(story->id);
  view["headline"] = story->headline;
  view["editor_url"] = EditorPath(story->id);
  view["count"] =
      page->total == 1 ? std::string("1 revision") : std::to_string(page->total) + " revisions";
  if (!page->next.empty()) {
    view["next_url"] = EditorPath(story->id) + "/revisions?after=" + page->next;
  }
  bool may_restore = articles::ControlsFor(v->actor, *story).edit;
  view["may_restore_any"] = may_restore && page->total > 1;
  // Compare: two revisions chosen, or by default the newest with the one before it.
  int64_t a = core::ParseId(query->Value("a")), b = core::ParseId(query->Value("b"));
  if (a == 0 && b == 0 && page->items.size() >= 2 && after.empty()) {
    a = page->items[1].id;
    b = page->items[0].id;
  }
  for (const auto& r : page->items) {
    render::View row;
    row["rev"] = std::to_string(r.id);
    row["headline"] = r.text.headline;
    row["who"] = NameOf(*names, r.saved_by);
    row["when_iso"] = core::FormatIso8601(r.created_at);
    row["when"] = core::FormatHumanDateTime(r.created_at);
    row["current"] = r.id == story->revision_id;
    row["a_checked"] = r.id == a;
    row["b_checked"] = r.id == b;
    row["may_restore"] = may_restore && r.id != story->revision_id;
    view["revisions"].Push(std::move(row));
  }
  if (a != 0 && b != 0) {
    auto older = ctx.articles.OpenRevision(v->actor, story->id, a);
    auto newer = ctx.articles.OpenRevision(v->actor, story->id, b);
    if (!older.ok()) return ErrorPageFor(ctx, older.error());
    if (!newer.ok()) return ErrorPageFor(ctx, newer.error());
    view["compare"] = true;
    view["a"] = std::to_string(a);
    view["b"] = std::to_string(b);
    view["headline_diff"] = DiffView(core::WordDiff(older->text.headline, newer->text.headline));
    view["dek_diff"] = DiffView(core::WordDiff(older->text.dek, newer->text.dek));
    view["body_diff"] =
        DiffView(core::WordDiff(older->text.body_markdown, newer->text.body_markdown));
    if (older->text.slug != newer->text.slug) {
      view["slug_change"] = older->text.slug + " → " + newer->text.slug;
    }
  }
  PageMeta meta;
  meta.title = "Revisions: " + story->headline;
  return VisitorPage(ctx, *v, meta, "pages/newsroom_revisions", std::move(view));
}

http::Response StoryRevisionRestoreSubmit(const ArticlesContext& ctx,
                                          const http::Request& request) {
  http::Response instead;
  int64_t id = core::ParseId(request.PathParam("id"));
  auto posted = SignedInForm(ctx, request, instead, EditorPath(id), false, kNewsroom);
  if (!posted) return instead;
  auto restored = ctx.articles.RestoreRevision(posted->visitor.actor, id,
                                               core::ParseId(request.PathParam("rev")));
  if (!restored.ok()) return EditorWithError(ctx, posted->visitor, id, restored.error());
  ctx.cache.Clear();
  return SeeOther(EditorPath(id) + "?done=reverted");
}

}  // namespace dateline::web
