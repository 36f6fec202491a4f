// The newsroom's side of ArticleService: writing, saving, moving, the trash, revisions,
// corrections, preview links and the editor's script. Every action asks story_rules.hpp
// first. (article_service.cpp has the readers' side, imports and jobs.)

#include <fmt/format.h>

#include "articles/article_service.hpp"
#include "articles/service_support.hpp"
#include "articles/story_rules.hpp"
#include "core/text.hpp"

namespace dateline::articles {

core::Result<Article> ArticleService::Write(const accounts::Actor& actor, const ArticleDraft& given,
                                            Status status) {
  ArticleDraft draft = given;
  if (core::Trim(draft.slug).empty()) draft.slug = core::Slugify(draft.headline);
  if (!MayWrite(actor)) {
    return core::Error::PermissionDenied("actor may not write stories")
        .WithReader("You cannot write stories here.");
  }
  DL_TRY(Validate(draft));
  if (status != Status::kDraft) {
    Article would_be;
    would_be.status = Status::kDraft;
    would_be.author_id = ActorId(actor);
    DL_TRY(RequireMove(actor, would_be, status));
  }
  if (status == Status::kPublished && draft.published_at &&
      *draft.published_at > clock_.NowSeconds()) {
    status = Status::kScheduled;  // a later time is a schedule, whatever it is called
  }
  return store_.Create(draft, status, ActorId(actor), SearchDocumentOf(draft, free_paragraphs_),
                       clock_.NowSeconds());
}

core::Result<Article> ArticleService::Open(const accounts::Actor& actor, int64_t id) {
  auto story = Found(store_.FindById(id));
  if (!story.ok()) return story.error();
  DL_TRY(RequireSee(actor, *story));
  return story;
}

core::Result<Article> ArticleService::OpenBySlug(const accounts::Actor& actor,
                                                 std::string_view slug) {
  auto story = Found(core::IsValidSlug(slug) ? store_.FindBySlug(slug)
                                             : core::Result<std::optional<Article>>(std::nullopt));
  if (!story.ok()) return story.error();
  DL_TRY(RequireSee(actor, *story));
  return story;
}

core::Result<Article> ArticleService::Save(const accounts::Actor& actor, int64_t id,
                                           const ArticleDraft& draft, int64_t base_revision) {
  auto story = Open(actor, id);
  if (!story.ok()) return story.error();
  DL_TRY(RequireEdit(actor, *story));
  ArticleDraft text = draft;
  if (core::Trim(text.slug).empty()) text.slug = story->slug;  // an emptied field keeps it
  DL_TRY(Validate(text));
  // A published story stays published: moving its time into the future would take it
  // off the site without anyone deciding to unpublish it. (A scheduled story may move
  // either way; once its time has come it is live.)
  if (story->status == Status::kPublished && text.published_at &&
      *text.published_at > clock_.NowSeconds()) {
    return core::Error::InvalidArgument("published story moved into the future")
        .WithReader(
            "A published story cannot be given a later publication time; unpublish it first, "
            "or keep its time.");
  }
  auto saved = store_.SaveText(id, text, base_revision, ActorId(actor),
                               SearchDocumentOf(text, free_paragraphs_), clock_.NowSeconds());
  if (saved.ok() && actor.signed_in()) {
    // What the script kept is in the revision now.
    DL_TRY(store_.DeleteAutosave(id, actor.user_id()));
  }
  return saved;
}

core::Result<Article> ArticleService::Move(const accounts::Actor& actor, int64_t id, Status to,
                                           std::optional<int64_t> at, const std::string& note) {
  auto story = Open(actor, id);
  if (!story.ok()) return story.error();
  DL_TRY(RequireMove(actor, *story, to));
  if (!core::IsValidUtf8(note) || core::CodePointCount(note) > 500) {
    return core::Error::InvalidArgument("bad transition note")
        .WithReader("The note must be text of at most 500 characters.");
  }
  int64_t now = clock_.NowSeconds();
  std::optional<int64_t> published_at;
  if (to == Status::kScheduled) {
    if (!at || *at <= now) {
      return core::Error::InvalidArgument("schedule time not in the future")
          .WithReader("Choose a publication time in the future.");
    }
    published_at = at;
  } else if (to == Status::kPublished) {
    published_at = at.value_or(now);
    if (*published_at > now) to = Status::kScheduled;
  }
  std::optional<audit::Event> event;
  if (to == Status::kPublished || to == Status::kScheduled || to == Status::kUnpublished) {
    event =
        audit::Event{ActorId(actor), std::string("story_") + StatusName(to), actor.client_address,
                     "story " + std::to_string(id) + " (" + story->slug + ")", now};
  }
  return store_.Move(id, story->status, to, published_at, ActorId(actor), note, event, now);
}

core::Result<void> ArticleService::Trash(const accounts::Actor& actor, int64_t id) {
  auto story = Open(actor, id);
  if (!story.ok()) return story.error();
  if (!MayDelete(actor)) {
    return core::Error::PermissionDenied("actor may not delete stories")
        .WithReader("You cannot delete stories.");
  }
  int64_t now = clock_.NowSeconds();
  return store_.SetTrashed(
      id, now,
      {ActorId(actor), "story_trashed", actor.client_address, "story " + std::to_string(id), now});
}

core::Result<void> ArticleService::Untrash(const accounts::Actor& actor, int64_t id) {
  auto story = Open(actor, id);
  if (!story.ok()) return story.error();
  if (!MayDelete(actor)) {
    return core::Error::PermissionDenied("actor may not restore stories")
        .WithReader("You cannot restore stories.");
  }
  int64_t now = clock_.NowSeconds();
  return store_.SetTrashed(
      id, std::nullopt,
      {ActorId(actor), "story_restored", actor.client_address, "story " + std::to_string(id), now});
}

core::Result<void> ArticleService::MayUseNewsroom(const accounts::Actor& actor) {
  if (MayWrite(actor) || actor.Can(accounts::Capability::kEditAllStories)) return {};
  return core::Error::PermissionDenied("actor has no newsroom")
      .WithReader("The newsroom is for staff who write or edit stories.");
}

core::Result<Page<Article>> ArticleService::ListNewsroom(const accounts::Actor& actor,
                                                         NewsroomFilter filter,
                                                         std::string_view cursor, int limit) {
  DL_TRY(MayUseNewsroom(actor));
  // Writers who may not edit everyone's stories list their own.
  if (!actor.Can(accounts::Capability::kEditAllStories)) filter.author_id = actor.user_id();
  auto after = ParseCursor(cursor);
  if (!after.ok()) return after.error();
  auto list = store_.ListNewsroom(filter, *after, limit + 1);
  if (!list.ok()) return list.error();
  auto total = store_.CountNewsroom(filter);
  if (!total.ok()) return total.error();
  return PageOf(std::move(*list), *total, limit,
                [](const Article& a) { return Cursor(a.updated_at, a.id); });
}

core::Result<Page<Revision>> ArticleService::Revisions(const accounts::Actor& actor, int64_t id,
                                                       std::string_view cursor, int limit) {
  auto story = Open(actor, id);
  if (!story.ok()) return story.error();
  std::optional<int64_t> before;
  if (!cursor.empty()) {
    int64_t b = core::ParseId(cursor);
    if (b == 0) {
      return core::Error::InvalidArgument("bad revision cursor")
          .WithReader("That page does not exist; start from the first.");
    }
    before = b;
  }
  auto list = store_.Revisions(id, before, limit + 1);
  if (!list.ok()) return list.error();
  auto total = store_.CountRevisions(id);
  if (!total.ok()) return total.error();
  return PageOf(std::move(*list), *total, limit,
                [](const Revision& r) { return std::to_string(r.id); });
}

core::Result<Revision> ArticleService::OpenRevision(const accounts::Actor& actor, int64_t id,
                                                    int64_t revision_id) {
  auto story = Open(actor, id);
  if (!story.ok()) return story.error();
  auto found = store_.FindRevision(id, revision_id);
  if (!found.ok()) return found.error();
  if (!*found) {
    return core::Error::NotFound("no such revision").WithReader("No such revision of this story.");
  }
  return std::move(**found);
}

core::Result<Article> ArticleService::RestoreRevision(const accounts::Actor& actor, int64_t id,
                                                      int64_t revision_id) {
  auto revision = OpenRevision(actor, id, revision_id);
  if (!revision.ok()) return revision.error();
  auto story = Open(actor, id);
  if (!story.ok()) return story.error();
  return Save(actor, id, revision->text, story->revision_id);
}

core::Result<std::vector<Transition>> ArticleService::History(const accounts::Actor& actor,
                                                              int64_t id) {
  auto story = Open(actor, id);
  if (!story.ok()) return story.error();
  return store_.Transitions(id, 200);
}

core::Result<Correction> ArticleService::Correct(const accounts::Actor& actor, int64_t id,
                                                 CorrectionKind kind, const std::string& text) {
  auto story = Open(actor, id);
  if (!story.ok()) return story.error();
  if (!MayCorrect(actor, *story)) {
    return core::Error::PermissionDenied("correction not allowed")
        .WithReader(story->status == Status::kPublished || story->status == Status::kScheduled
                        ? "Corrections are appended by editors."
                        : "Only a story readers have seen takes a correction; edit the text.");
  }
  // One paragraph: line breaks from a text box become spaces.
  std::string flat = text;
  for (char& c : flat) {
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  }
  std::string body(core::Trim(flat));
  if (!core::IsValidUtf8(body) || body.empty() || core::CodePointCount(body) > kMaxCorrection ||
      core::HasInvisibleOrControl(body)) {
    return core::Error::InvalidArgument("bad correction text")
        .WithReader(fmt::format("Write the correction as plain text of 1 to {} characters.",
                                kMaxCorrection));
  }
  return store_.AddCorrection(id, kind, body, ActorId(actor), clock_.NowSeconds());
}

core::Result<PreviewLink> ArticleService::ShareablePreview(const accounts::Actor& actor, int64_t id,
                                                           int64_t ttl_seconds) {
  auto story = Open(actor, id);
  if (!story.ok()) return story.error();
  if (!preview_key_) return core::Error::Unavailable("no key for preview links");
  if (story->deleted_at) {
    return core::Error::Conflict("story in the trash")
        .WithReader("A story in the trash cannot be shared.");
  }
  if (ttl_seconds < 3600 || ttl_seconds > 30 * 86400) {
    return core::Error::InvalidArgument("preview link lifetime out of range")
        .WithReader("A preview link lasts from an hour to 30 days.");
  }
  int64_t expires = clock_.NowSeconds() + ttl_seconds;
  return PreviewLink{id, expires, PreviewSignature(*preview_key_, id, expires)};
}

core::Result<Article> ArticleService::OpenPreview(int64_t id, int64_t expires_at,
                                                  std::string_view signature) {
  auto refused = [] {
    return core::Error::NotFound("bad or expired preview link")
        .WithReader(
            "This preview link has expired or is not valid. Ask the newsroom for a new one.");
  };
  if (!preview_key_ || id <= 0 || expires_at < clock_.NowSeconds() ||
      !PreviewSignatureValid(*preview_key_, id, expires_at, signature)) {
    return refused();
  }
  auto story = store_.FindById(id);
  if (!story.ok()) return story.error();
  if (!*story || (*story)->deleted_at) return refused();
  return std::move(**story);
}

core::Result<int64_t> ArticleService::AutosaveText(const accounts::Actor& actor, int64_t id,
                                                   const ArticleDraft& text,
                                                   int64_t base_revision) {
  auto story = Open(actor, id);
  if (!story.ok()) return story.error();
  DL_TRY(RequireEdit(actor, *story));
  if (!actor.signed_in()) return core::Error::InvalidArgument("autosave needs an account");
  for (const auto& [field, max] :
       {std::pair{&text.headline, kMaxHeadline}, std::pair{&text.dek, kMaxDek},
        std::pair{&text.dateline, kMaxDateline}, std::pair{&text.byline, kMaxByline},
        std::pair{&text.slug, kMaxHeadline}}) {
    if (!core::IsValidUtf8(*field) || core::CodePointCount(*field) > max) {
      return core::Error::InvalidArgument("autosave field too long or not UTF-8")
          .WithReader("The text could not be kept: a field is too long or not text.");
    }
  }
  if (!core::IsValidUtf8(text.body_markdown) || text.body_markdown.size() > kMaxBodyBytes) {
    return core::Error::InvalidArgument("autosave body too long or not UTF-8")
        .WithReader("The text could not be kept: it is too long or not text.");
  }
  int64_t now = clock_.NowSeconds();
  DL_TRY(store_.PutAutosave({id, actor.user_id(), base_revision, text, now}));
  return now;
}

core::Result<std::optional<Autosave>> ArticleService::AutosaveOf(const accounts::Actor& actor,
                                                                 int64_t id) {
  auto story = Open(actor, id);
  if (!story.ok()) return story.error();
  if (!actor.signed_in()) return std::optional<Autosave>();
  auto kept = store_.FindAutosave(id, actor.user_id());
  if (!kept.ok()) return kept.error();
  if (*kept && (*kept)->saved_at < story->updated_at) return std::optional<Autosave>();
  return kept;
}

core::Result<void> ArticleService::DiscardAutosave(const accounts::Actor& actor, int64_t id) {
  auto story = Open(actor, id);
  if (!story.ok()) return story.error();
  if (!actor.signed_in()) return {};
  return store_.DeleteAutosave(id, actor.user_id());
}

core::Result<std::vector<int64_t>> ArticleService::Heartbeat(const accounts::Actor& actor,
                                                             int64_t id) {
  auto story = Open(actor, id);
  if (!story.ok()) return story.error();
  if (!actor.signed_in()) return std::vector<int64_t>();
  int64_t now = clock_.NowSeconds();
  DL_TRY(store_.MarkPresent(id, actor.user_id(), now));
  return store_.PresentSince(id, actor.user_id(), now - kPresenceSeconds);
}

}  // namespace dateline::articles
