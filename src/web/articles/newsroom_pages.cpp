#include "web/articles/newsroom_pages.hpp"

#include <fmt/format.h>

#include "articles/story_rules.hpp"
#include "core/json_text.hpp"
#include "core/text.hpp"
#include "core/time_format.hpp"
#include "core/time_zone.hpp"
#include "core/word_diff.hpp"
#include "http/form.hpp"
#include "web/articles/article_pages.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

using articles::Article;
using articles::ArticleDraft;
using articles::Status;

constexpr int kListSize = 50;
constexpr int kRevisionListSize = 50;
constexpr Check kNewsroom = &articles::ArticleService::MayUseNewsroom;

std::string EditorPath(int64_t id) { return "/admin/articles/" + std::to_string(id); }

// What the workflow's buttons say.
const char* MoveLabel(Status to) {
  switch (to) {
    case Status::kDraft:
      return "Back to draft";
    case Status::kReview:
      return "Submit for review";
    case Status::kScheduled:
      return "Schedule";
    case Status::kPublished:
      return "Publish now";
    case Status::kUnpublished:
      return "Unpublish";
  }
  return "";
}

const char* StatusLabel(const Article& a) {
  if (a.deleted_at) return "In the trash";
  switch (a.status) {
    case Status::kDraft:
      return "Draft";
    case Status::kReview:
      return "In review";
    case Status::kScheduled:
      return "Scheduled";
    case Status::kPublished:
      return "Published";
    case Status::kUnpublished:
      return "Unpublished";
  }
  return "";
}

// "2026-12-01T09:30:00" for <input type="datetime-local">, in the site's time zone.
std::string LocalInputTime(int64_t at) { return core::FormatSiteInputTime(at); }

// A time from a datetime-local field ("2026-12-01T09:30", in the site's zone), or an ISO
// time with its offset. Empty: unset. Malformed: kInvalidArgument with the field named.
core::Result<std::optional<int64_t>> FormTime(const std::string& text, std::string_view field) {
  std::string t(core::Trim(text));
  if (t.empty()) return std::optional<int64_t>();
  auto at = core::ParseSiteTime(t);
  if (!at && t.size() > 19) at = core::ParseIso8601(t);
  if (!at) {
    return core::Error::InvalidArgument("bad time in form")
        .WithReader(fmt::format("The {} is not a date and time like 2026-12-01 09:30.", field));
  }
  return std::optional<int64_t>(*at);
}

int WordCount(std::string_view text) {
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!blank && !in_word) ++words;
    in_word = !blank;
  }
  return words;
}

// The story's text as the editor's form posted it.
ArticleDraft DraftFrom(const http::Form& form, core::Result<std::optional<int64_t>>& when) {
  ArticleDraft d;
  d.headline = std::string(core::Trim(form.Value("headline")));
  d.dek = std::string(core::Trim(form.Value("dek")));
  d.dateline = std::string(core::Trim(form.Value("dateline")));
  d.byline = std::string(core::Trim(form.Value("byline")));
  d.slug = std::string(core::Trim(form.Value("slug")));
  d.body_markdown = form.Value("body");
  // A browser sends CRLF; the stored text uses LF like the files do.
  std::string lf;
  lf.reserve(d.body_markdown.size());
  for (char c : d.body_markdown) {
    if (c != '\r') lf.push_back(c);
  }
  d.body_markdown = std::move(lf);
  d.access = articles::ParseAccess(form.Value("access")).value_or(articles::Access::kFree);
  when = FormTime(form.Value("published"), "publication time");
  if (when.ok()) d.published_at = *when;
  return d;
}

void AddTextFields(render::View& view, const ArticleDraft& d) {
  view["headline"] = d.headline;
  view["dek"] = d.dek;
  view["dateline"] = d.dateline;
  view["byline"] = d.byline;
  view["slug"] = d.slug;
  view["body"] = d.body_markdown;
  if (d.published_at) view["published"] = LocalInputTime(*d.published_at);
  for (auto access :
       {articles::Access::kFree, articles::Access::kRegistered, articles::Access::kSubscribers}) {
    render::View option;
    option["value"] = articles::AccessName(access);
    option["label"] = access == articles::Access::kFree         ? "Free to everyone"
                      : access == articles::Access::kRegistered ? "Free with an account"
                                                                : "Subscribers only";
    option["selected"] = access == d.access;
    view["access_options"].Push(std::move(option));
  }
  int words = WordCount(d.body_markdown);
  view["word_count"] = words == 1 ? std::string("1 word") : std::to_string(words) + " words";
  view["reading_time"] = std::to_string(std::max(1, (words + 229) / 230)) + " min read";
}

std::string NameOf(const std::map<int64_t, std::string>& names, std::optional<int64_t> id) {
  if (!id) return "the operator";
  auto it = names.find(*id);
  return it == names.end() ? "a former member" : it->second;
}

render::View DiffView(const std::vector<core::DiffPiece>& pieces) {
  render::View list;
  for (const auto& p : pieces) {
    render::View piece;
    piece["text"] = p.text;
    piece[p.kind == core::DiffPiece::kSame      ? "same"
          : p.kind == core::DiffPiece::kRemoved ? "removed"
                                                : "added"] = true;
    list.Push(std::move(piece));
  }
  return list;
}

// The editor for a story being written (`story` unset) or an existing one. `text` is what
// the fields hold: the stored text, or what was posted when it is shown again.
struct EditorState {
  std::optional<Article> story;
  ArticleDraft text;
  int64_t base_revision = 0;
  std::string notice;
  std::string error;
  std::optional<Article> theirs;   // a conflict: the text saved meanwhile
  bool restored_autosave = false;  // the fields hold the text the script kept
  std::string share_url;           // a preview link just made
  std::string share_until;
  int status = 200;
};

http::Response RenderEditor(const ArticlesContext& ctx, const Visitor& v, const EditorState& s) {
  render::View view;
  AddTextFields(view, s.text);
  if (!s.notice.empty()) view["notice"] = s.notice;
  if (!s.error.empty()) view["error"] = s.error;
  view["base_revision"] = std::to_string(s.base_revision);
  view["zone"] = core::SiteTimeZone();
  PageMeta meta;
  meta.head_extra_html =
      "<script src=\"" + ctx.static_files.Url("js/editor.js") + "\" defer></script>\n";
  if (!s.story) {
    view["action"] = "/admin/articles/new";
    view["new"] = true;
    view["can_edit"] = true;
    meta.title = "New story";
    return VisitorPage(ctx, v, meta, "pages/newsroom_editor", std::move(view), s.status);
  }
  const Article& a = *s.story;
  meta.title = "Edit: " + a.headline;
  view["id"] = std::to_string(a.id);
  view["action"] = EditorPath(a.id);
  view["status_label"] = StatusLabel(a);
  view["status_name"] = a.deleted_at ? "trash" : articles::StatusName(a.status);
  if (a.LiveAt(ctx.clock.NowSeconds())) view["live_url"] = "/articles/" + a.slug;
  if (a.status == Status::kScheduled) {
    view["scheduled_human"] = core::FormatHumanDateTime(a.published_at);
  }
  auto controls = articles::ControlsFor(v.actor, a);
  view["can_edit"] = controls.edit;
  for (Status to : controls.moves) {
    render::View move;
    move["to"] = articles::StatusName(to);
    move["label"] = MoveLabel(to);
    if (to == Status::kScheduled) {
      move["schedule"] = true;
      move["at"] = LocalInputTime(std::max(a.published_at, ctx.clock.NowSeconds() + 3600));
    }
    view["moves"].Push(std::move(move));
  }
  view["has_moves"] = !controls.moves.empty();
  view["can_share"] = !a.deleted_at && !a.LiveAt(ctx.clock.NowSeconds());
  if (!s.share_url.empty()) {
    view["share_url"] = s.share_url;
    view["share_until"] = s.share_until;
  }
  view["can_trash"] = controls.trash;
  view["can_correct"] = controls.correct;
  auto corrections = ctx.articles.CorrectionsOf(a.id);
  if (!corrections.ok()) return ErrorPageFor(ctx, corrections.error());
  for (const auto& c : *corrections) view["corrections"].Push(CorrectionView(c));
  view["has_corrections"] = !corrections->empty();
  view["can_restore"] = controls.restore;
  if (s.theirs) {
    view["conflict"] = true;
    view["their_headline"] = s.theirs->headline;
    view["their_body"] = s.theirs->body_markdown;
    view["conflict_diff"] = DiffView(core::WordDiff(s.theirs->body_markdown, s.text.body_markdown));
  }
  // The script's companions: who else has the story open, and text kept before a save.
  auto others = ctx.articles.Heartbeat(v.actor, a.id);
  if (!others.ok()) return ErrorPageFor(ctx, others.error());
  auto kept = ctx.articles.AutosaveOf(v.actor, a.id);
  if (!kept.ok()) return ErrorPageFor(ctx, kept.error());
  if (*kept && !s.restored_autosave && !s.theirs) {
    view["autosave_from"] = core::FormatHumanDateTime((*kept)->saved_at);
  }
  if (s.restored_autosave) view["autosave_restored"] = true;
  auto history = ctx.articles.History(v.actor, a.id);
  if (!history.ok()) return ErrorPageFor(ctx, history.error());
  std::vector<int64_t> ids = *others;
  for (const auto& t : *history) {
    if (t.actor_id) ids.push_back(*t.actor_id);
  }
  if (a.author_id) ids.push_back(*a.author_id);
  auto names = ctx.accounts.DisplayNames(ids);
  if (!names.ok()) return ErrorPageFor(ctx, names.error());
  view["author"] = NameOf(*names, a.author_id);
  std::string open_by;
  for (int64_t other : *others) {
    open_by += (open_by.empty() ? "" : ", ") + NameOf(*names, other);
  }
  if (!open_by.empty()) view["open_by"] = open_by;
  for (const auto& t : *history) {
    render::View step;
    step["what"] = t.from.empty() ? "Created as " + t.to : t.from + " → " + t.to;
    step["who"] = NameOf(*names, t.actor_id);
    step["when_iso"] = core::FormatIso8601(t.at);
    step["when"] = core::FormatHumanDateTime(t.at);
    if (!t.note.empty()) step["note"] = t.note;
    view["history"].Push(std::move(step));
  }
  return VisitorPage(ctx, v, meta, "pages/newsroom_editor", std::move(view), s.status);
}

// The story named by the path, opened for the visitor, or the page to show instead.
std::optional<Article> OpenFromPath(const ArticlesContext& ctx, const http::Request& request,
                                    const Visitor& v, http::Response& instead) {
  auto story = ctx.articles.Open(v.actor, core::ParseId(request.PathParam("id")));
  if (story.ok()) return std::move(*story);
  instead = story.error().code == core::ErrorCode::kPermissionDenied
                ? NotForYou(ctx, v, story.error())
                : ErrorPageFor(ctx, story.error());
  return std::nullopt;
}

// A refused action on a story: its editor again with the service's sentence.
http::Response EditorWithError(const ArticlesContext& ctx, const Visitor& v, int64_t id,
                               const core::Error& error) {
  auto shown = FormErrorFor(error);
  if (!shown) return ErrorPageFor(ctx, error);
  auto story = ctx.articles.Open(v.actor, id);
  if (!story.ok()) return ErrorPageFor(ctx, story.error());
  EditorState s{*story, articles::TextOf(*story), story->revision_id};
  s.error = shown->message;
  s.status = shown->status;
  return RenderEditor(ctx, v, s);
}

// Moves the story named by the path into the trash, or out of it.
http::Response TrashOrRestore(const ArticlesContext& ctx, const http::Request& request,
                              bool into_trash) {
  http::Response instead;
  int64_t id = core::ParseId(request.PathParam("id"));
  auto posted = SignedInForm(ctx, request, instead, EditorPath(id), false, kNewsroom);
  if (!posted) return instead;
  auto done = into_trash ? ctx.articles.Trash(posted->visitor.actor, id)
                         : ctx.articles.Untrash(posted->visitor.actor, id);
  if (!done.ok()) return EditorWithError(ctx, posted->visitor, id, done.error());
  ctx.cache.Clear();
  return SeeOther(EditorPath(id) + (into_trash ? "?done=trashed" : "?done=restored"));
}

const char* DoneNotice(std::string_view done) {
  if (done == "created") return "Draft saved. It is not published yet.";
  if (done == "saved") return "Saved.";
  if (done == "moved") return "Status changed.";
  if (done == "trashed") return "Moved to the trash. It is deleted for good after 30 days.";
  if (done == "restored") return "Taken out of the trash.";
  if (done == "corrected")
    return "The correction is on the story, on /corrections and in its feed.";
  if (done == "reverted") return "The old revision is the story's text again, as a new revision.";
  return "";
}

}  // namespace

http::Response StoryListPage(const ArticlesContext& ctx, const http::Request& request) {
  http::Response instead;
  auto v = SignedInVisitor(ctx, request, instead, kNewsroom);
  if (!v) return instead;
  auto query = http::Form::Parse(request.query);
  if (!query.ok()) return ErrorPage(ctx, 400);
  articles::NewsroomFilter filter;
  std::string status = query->Value("status");
  if (status == "trash") {
    filter.trash = true;
  } else if (!status.empty()) {
    filter.status = articles::ParseStatus(status);
    if (!filter.status) return ErrorPage(ctx, 400);
  }
  if (int64_t author = core::ParseId(query->Value("author")); author != 0) {
    filter.author_id = author;
  }
  filter.words = query->Value("q");
  if (filter.words.size() > 200) return ErrorPage(ctx, 400);
  std::string after = query->Value("after");
  auto page = ctx.articles.ListNewsroom(v->actor, filter, after, kListSize);
  if (!page.ok()) {
    if (page.error().code == core::ErrorCode::kPermissionDenied) {
      return NotForYou(ctx, *v, page.error());
    }
    return ErrorPageFor(ctx, page.error());
  }
  std::vector<int64_t> ids;
  for (const auto& a : page->items) {
    if (a.author_id) ids.push_back(*a.author_id);
  }
  auto names = ctx.accounts.DisplayNames(ids);
  if (!names.ok()) return ErrorPageFor(ctx, names.error());
  render::View view;
  view["q"] = filter.words;
  for (const char* s : {"draft", "review", "scheduled", "published", "unpublished", "trash"}) {
    render::View option;
    option["value"] = s;
    option["label"] = std::string(s) == "review"  ? "in review"
                      : std::string(s) == "trash" ? "in the trash"
                                                  : s;
    option["selected"] = status == s;
    view["status_options"].Push(std::move(option));
  }
  view["count"] =
      page->total == 1 ? std::string("1 story") : std::to_string(page->total) + " stories";
  std::string base = "/admin/articles?status=" + http::PercentEncode(status) +
                     "&q=" + http::PercentEncode(filter.words) +
                     (filter.author_id ? "&author=" + std::to_string(*filter.author_id) : "");
  if (!page->next.empty()) view["next_url"] = base + "&after=" + http::PercentEncode(page->next);
  if (!after.empty()) view["first_url"] = base;
  for (const auto& a : page->items) {
    render::View row;
    row["edit_url"] = EditorPath(a.id);
    row["headline"] = a.headline;
    row["slug"] = a.slug;
    row["status"] = StatusLabel(a);
    row["status_name"] = a.deleted_at ? "trash" : articles::StatusName(a.status);
    row["author"] = NameOf(*names, a.author_id);
    if (a.author_id) row["author_url"] = "/admin/articles?author=" + std::to_string(*a.author_id);
    row["updated_iso"] = core::FormatIso8601(a.updated_at);
    row["updated"] = core::FormatHumanDateTime(a.updated_at);
    if (a.status == Status::kScheduled) row["when"] = core::FormatHumanDateTime(a.published_at);
    view["stories"].Push(std::move(row));
  }
  view["empty"] = page->items.empty();
  PageMeta meta;
  meta.title = "Stories";
  return VisitorPage(ctx, *v, meta, "pages/newsroom_list", std::move(view));
}

http::Response StoryNewPage(const ArticlesContext& ctx, const http::Request& request) {
  http::Response instead;
  auto v = SignedInVisitor(ctx, request, instead, kNewsroom);
  if (!v) return instead;
  return RenderEditor(ctx, *v, EditorState{});
}

http::Response StoryCreateSubmit(const ArticlesContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/admin/articles/new", true, kNewsroom);
  if (!posted) return instead;
  const Visitor& v = posted->visitor;
  core::Result<std::optional<int64_t>> when = std::optional<int64_t>();
  EditorState s;
  s.text = DraftFrom(posted->form, when);
  if (posted->repaired) {
    s.error = "Some characters could not be read and were replaced (�). Check the text, then save.";
    s.status = 400;
    return RenderEditor(ctx, v, s);
  }
  if (!when.ok()) {
    s.error = ReaderSentence(when.error());
    s.status = 400;
    return RenderEditor(ctx, v, s);
  }
  if (posted->form.Value("action") == "preview") {
    Article draft;
    draft.published_at = ctx.clock.NowSeconds();
    draft.slug = core::Slugify(s.text.headline);
    articles::ApplyText(draft, s.text);
    return StoryPreview(ctx, v, draft, "Preview of an unsaved story: go back to keep editing.");
  }
  auto created = ctx.articles.Write(v.actor, s.text);
  if (!created.ok()) {
    auto shown = FormErrorFor(created.error());
    if (!shown) return ErrorPageFor(ctx, created.error());
    s.error = shown->message;
    s.status = shown->status;
    return RenderEditor(ctx, v, s);
  }
  return SeeOther(EditorPath(created->id) + "?done=created");
}

http::Response StoryEditPage(const ArticlesContext& ctx, const http::Request& request) {
  http::Response instead;
  auto v = SignedInVisitor(ctx, request, instead, kNewsroom);
  if (!v) return instead;
  auto story = OpenFromPath(ctx, request, *v, instead);
  if (!story) return instead;
  EditorState s{*story, articles::TextOf(*story), story->revision_id};
  auto query = http::Form::Parse(request.query);
  if (query.ok()) s.notice = DoneNotice(query->Value("done"));
  if (query.ok() && query->Value("restore") == "autosave") {
    // The kept text, on the revision it was made from: saving it still meets a conflict
    // if someone saved since.
    auto kept = ctx.articles.AutosaveOf(v->actor, story->id);
    if (!kept.ok()) return ErrorPageFor(ctx, kept.error());
    if (*kept) {
      s.text = (*kept)->text;
      s.text.published_at = story->published_at;
      s.base_revision = (*kept)->base_revision;
      s.restored_autosave = true;
    }
  }
  return RenderEditor(ctx, *v, s);
}

http::Response StorySaveSubmit(const ArticlesContext& ctx, const http::Request& request) {
  http::Response instead;
  std::string path(request.path);
  auto posted = SignedInForm(ctx, request, instead, path, true, kNewsroom);
  if (!posted) return instead;
  const Visitor& v = posted->visitor;
  auto story = OpenFromPath(ctx, request, v, instead);
  if (!story) return instead;
  core::Result<std::optional<int64_t>> when = std::optional<int64_t>();
  EditorState s{*story, DraftFrom(posted->form, when)};
  s.base_revision = core::ParseId(posted->form.Value("base_revision"));
  if (posted->repaired || !when.ok()) {
    s.error = posted->repaired ? "Some characters could not be read and were replaced (�). "
                                 "Check the text, then save."
                               : ReaderSentence(when.error());
    s.status = 400;
    return RenderEditor(ctx, v, s);
  }
  if (posted->form.Value("action") == "preview") {
    Article shown = *story;
    articles::ApplyText(shown, s.text);
    return StoryPreview(ctx, v, shown, "Preview of unsaved changes: go back to keep editing.");
  }
  auto saved = ctx.articles.Save(v.actor, story->id, s.text, s.base_revision);
  if (saved.ok()) {
    // Readers' pages change at once on this node (others follow the content generation);
    // a draft's saves leave the cache alone.
    if (saved->status == Status::kPublished || saved->status == Status::kScheduled) {
      ctx.cache.Clear();
    }
    return SeeOther(EditorPath(story->id) + "?done=saved");
  }
  if (saved.error().code == core::ErrorCode::kConflict) {
    // Someone saved since this form was opened: both texts are shown, nothing is lost.
    // Saving again from here is a decision made with their text in view.
    s.theirs = *story;
    s.base_revision = story->revision_id;
    s.error = ReaderSentence(saved.error()) +
              " Their text is below; yours is in the form. Merge what you need, then save.";
    s.status = 409;
    return RenderEditor(ctx, v, s);
  }
  auto shown = FormErrorFor(saved.error());
  if (!shown) return ErrorPageFor(ctx, saved.error());
  s.error = shown->message;
  s.status = shown->status;
  return RenderEditor(ctx, v, s);
}

http::Response StoryPreviewPage(const ArticlesContext& ctx, const http::Request& request) {
  http::Response instead;
  auto v = SignedInVisitor(ctx, request, instead, kNewsroom);
  if (!v) return instead;
  auto story = OpenFromPath(ctx, request, *v, instead);
  if (!story) return instead;
  std::string banner = std::string("Preview of a story that is ") +
                       (story->LiveAt(ctx.clock.NowSeconds()) ? "live" : StatusLabel(*story)) +
                       ". Readers without a subscription see it as below.";
  return StoryPreview(ctx, *v, *story, banner);
}

http::Response StoryMoveSubmit(const ArticlesContext& ctx, const http::Request& request) {
  http::Response instead;
  int64_t id = core::ParseId(request.PathParam("id"));
  auto posted = SignedInForm(ctx, request, instead, EditorPath(id), false, kNewsroom);
  if (!posted) return instead;
  const Visitor& v = posted->visitor;
  auto to = articles::ParseStatus(posted->form.Value("to"));
  if (!to) return ErrorPage(ctx, 400);
  auto at = FormTime(posted->form.Value("at"), "publication time");
  if (!at.ok()) return EditorWithError(ctx, v, id, at.error());
  auto moved = ctx.articles.Move(v.actor, id, *to, *at, posted->form.Value("note"));
  if (!moved.ok()) return EditorWithError(ctx, v, id, moved.error());
  ctx.cache.Clear();  // this node at once; others through the content generation
  return SeeOther(EditorPath(id) + "?done=moved");
}

http::Response StoryTrashSubmit(const ArticlesContext& ctx, const http::Request& request) {
  return TrashOrRestore(ctx, request, true);
}

http::Response StoryUntrashSubmit(const ArticlesContext& ctx, const http::Request& request) {
  return TrashOrRestore(ctx, request, false);
}

http::Response StoryCorrectSubmit(const ArticlesContext& ctx, const http::Request& request) {
  http::Response instead;
  int64_t id = core::ParseId(request.PathParam("id"));
  auto posted = SignedInForm(ctx, request, instead, EditorPath(id), false, kNewsroom);
  if (!posted) return instead;
  auto kind = articles::ParseCorrectionKind(posted->form.Value("kind"));
  if (!kind) return ErrorPage(ctx, 400);
  auto added = ctx.articles.Correct(posted->visitor.actor, id, *kind, posted->form.Value("text"));
  if (!added.ok()) return EditorWithError(ctx, posted->visitor, id, added.error());
  ctx.cache.Clear();
  return SeeOther(EditorPath(id) + "?done=corrected");
}

http::Response StoryShareSubmit(const ArticlesContext& ctx, const http::Request& request) {
  http::Response instead;
  int64_t id = core::ParseId(request.PathParam("id"));
  auto posted = SignedInForm(ctx, request, instead, EditorPath(id), false, kNewsroom);
  if (!posted) return instead;
  const Visitor& v = posted->visitor;
  auto days = core::ParseInt64(posted->form.Value("days"));
  auto link = ctx.articles.ShareablePreview(v.actor, id, days.value_or(0) * 86400);
  if (!link.ok()) return EditorWithError(ctx, v, id, link.error());
  auto story = ctx.articles.Open(v.actor, id);
  if (!story.ok()) return ErrorPageFor(ctx, story.error());
  EditorState s{*story, articles::TextOf(*story), story->revision_id};
  s.share_url = ctx.config.SiteUrl() + "/preview/" + std::to_string(id) +
                "?until=" + std::to_string(link->expires_at) + "&sig=" + link->signature;
  s.share_until = core::FormatHumanDateTime(link->expires_at);
  s.notice = "Anyone with this link can read the story until " + s.share_until + ".";
  return RenderEditor(ctx, v, s);
}

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
