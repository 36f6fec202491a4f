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
#include "web/articles/newsroom_editor.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

using articles::Article;
using articles::Status;

constexpr int kListSize = 50;

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

// The editor again, with what was typed and the service's sentence.
// A lead image the library does not have is refused before anything is saved.
static core::Result<void> CheckLeadImage(const ArticlesContext& ctx, const articles::Filing& f) {
  if (f.lead_image.empty()) return {};
  auto image = ctx.media.FindByKey(f.lead_image);
  if (!image.ok()) return image.error();
  if (*image) return {};
  return core::Error::InvalidArgument("unknown lead image")
      .WithReader("No image in the media library has the key “" + f.lead_image + "”.");
}

static http::Response EditorRefused(const ArticlesContext& ctx, const Visitor& v, EditorState& s,
                                    const core::Error& error) {
  auto shown = FormErrorFor(error);
  if (!shown) return ErrorPageFor(ctx, error);
  s.error = shown->message;
  s.status = shown->status;
  return RenderEditor(ctx, v, s);
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
  s.filing = FilingFrom(posted->form);
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
  if (auto known = CheckLeadImage(ctx, *s.filing); !known.ok()) {
    return EditorRefused(ctx, v, s, known.error());
  }
  auto filing = ctx.structure.Resolve(v.actor, *s.filing);
  if (!filing.ok()) return EditorRefused(ctx, v, s, filing.error());
  s.text.filing = std::move(*filing);
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
  if (query.ok() && query->Has("lead_image")) {
    // Back from the editor's upload form: the new image is in the field, to be saved.
    auto placements = ctx.structure.PlacementsOf({story->id});
    if (!placements.ok()) return ErrorPageFor(ctx, placements.error());
    s.filing = articles::FilingOf((*placements)[story->id]);
    s.filing->lead_image = query->Value("lead_image").substr(0, 32);
    s.notice = "Uploaded. Save the story to make it the lead image.";
  }
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
  s.filing = FilingFrom(posted->form);
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
  if (auto known = CheckLeadImage(ctx, *s.filing); !known.ok()) {
    return EditorRefused(ctx, v, s, known.error());
  }
  auto filing = ctx.structure.Resolve(v.actor, *s.filing);
  if (!filing.ok()) return EditorRefused(ctx, v, s, filing.error());
  s.text.filing = std::move(*filing);
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

}  // namespace dateline::web
