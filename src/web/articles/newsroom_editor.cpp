#include "web/articles/newsroom_editor.hpp"

#include <fmt/format.h>

#include "articles/story_rules.hpp"
#include "core/text.hpp"
#include "core/time_format.hpp"
#include "core/time_zone.hpp"
#include "web/articles/article_pages.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {

using articles::Article;
using articles::ArticleDraft;
using articles::Status;

namespace {

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

// "2026-12-01T09:30:00" for <input type="datetime-local">, in the site's time zone.
std::string LocalInputTime(int64_t at) { return core::FormatSiteInputTime(at); }

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

}  // namespace

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

articles::Filing FilingFrom(const http::Form& form) {
  return {std::string(core::Trim(form.Value("section"))),
          std::string(core::Trim(form.Value("authors"))),
          std::string(core::Trim(form.Value("tags"))),
          std::string(core::Trim(form.Value("lead_image")))};
}

namespace {

// The section menu and the authors' and tags' fields: what was typed, else what the story
// has now.
core::Result<void> AddFilingFields(const ArticlesContext& ctx, render::View& view,
                                   const EditorState& s) {
  articles::Filing filing;
  if (s.filing) {
    filing = *s.filing;
  } else if (s.story) {
    auto placements = ctx.structure.PlacementsOf({s.story->id});
    if (!placements.ok()) return placements.error();
    filing = articles::FilingOf((*placements)[s.story->id]);
  }
  auto sections = ctx.structure.Sections();
  if (!sections.ok()) return sections.error();
  for (const auto& section : *sections) {
    render::View option;
    option["value"] = section.slug;
    option["label"] = section.name;
    option["selected"] = section.slug == filing.section || section.name == filing.section;
    view["section_options"].Push(std::move(option));
  }
  view["authors"] = filing.authors;
  view["tags"] = filing.tags;
  view["lead_image"] = filing.lead_image;
  if (!filing.lead_image.empty()) {
    auto image = ctx.media.FindByKey(filing.lead_image);
    if (!image.ok()) return image.error();
    if (*image) {
      int w = (*image)->widths.empty() ? (*image)->width : (*image)->widths.front();
      view["lead_thumb_url"] = (*image)->Url(std::to_string(w) + ".webp");
      view["lead_thumb_height"] = std::to_string((*image)->HeightAt(160));
      view["lead_alt"] = (*image)->alt;
    }
  }
  return {};
}

}  // namespace

http::Response RenderEditor(const ArticlesContext& ctx, const Visitor& v, const EditorState& s) {
  render::View view;
  AddTextFields(view, s.text);
  if (auto filed = AddFilingFields(ctx, view, s); !filed.ok()) {
    return ErrorPageFor(ctx, filed.error());
  }
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
  // Editors send a story to a newsletter's readers (now, or when it is published).
  if (accounts::DeskOf(v.actor).structure && !a.deleted_at && a.status != Status::kUnpublished) {
    view["newsletter_url"] = "/admin/newsletters/send?article=" + a.slug;
  }
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

}  // namespace dateline::web
