#include "articles/story_rules.hpp"

#include <fmt/format.h>

namespace dateline::articles {
namespace {

using accounts::Capability;

bool Own(const accounts::Actor& actor, const Article& story) {
  return actor.signed_in() && story.author_id && *story.author_id == actor.user_id();
}

bool GoesLive(Status to) { return to == Status::kScheduled || to == Status::kPublished; }

}  // namespace

bool WorkflowAllows(Status from, Status to) {
  switch (from) {
    case Status::kDraft:
      return to == Status::kReview || GoesLive(to);
    case Status::kReview:
      return to == Status::kDraft || GoesLive(to);
    case Status::kScheduled:
      return to == Status::kDraft || to == Status::kPublished || to == Status::kUnpublished;
    case Status::kPublished:
      return to == Status::kUnpublished;
    case Status::kUnpublished:
      return to == Status::kDraft || GoesLive(to);
  }
  return false;
}

bool MayWrite(const accounts::Actor& actor) { return actor.Can(Capability::kWriteStories); }

bool MaySee(const accounts::Actor& actor, const Article& story) {
  return actor.Can(Capability::kEditAllStories) ||
         (Own(actor, story) && actor.Can(Capability::kWriteStories));
}

bool MayEdit(const accounts::Actor& actor, const Article& story) {
  if (story.deleted_at) return false;  // restore it first
  if (actor.Can(Capability::kEditAllStories)) return true;
  if (!Own(actor, story)) return false;
  if (actor.Can(Capability::kPublishOwnStories)) return true;
  return actor.Can(Capability::kWriteStories) &&
         (story.status == Status::kDraft || story.status == Status::kReview);
}

bool MayMove(const accounts::Actor& actor, const Article& story, Status to) {
  if (story.deleted_at) return false;
  if (actor.Can(Capability::kEditAllStories)) return true;
  if (!Own(actor, story)) return false;
  // Unpublishing someone's live story is an editor's call, even for its author.
  if (to == Status::kUnpublished) return false;
  if (actor.Can(Capability::kPublishOwnStories)) return true;
  // A contributor submits a draft and may take it back; publishing is someone else's.
  return actor.Can(Capability::kWriteStories) &&
         ((story.status == Status::kDraft && to == Status::kReview) ||
          (story.status == Status::kReview && to == Status::kDraft));
}

bool MayDelete(const accounts::Actor& actor) { return actor.Can(Capability::kDeleteStories); }

bool MayCorrect(const accounts::Actor& actor, const Article& story) {
  return actor.Can(Capability::kEditAllStories) && !story.deleted_at &&
         (story.status == Status::kPublished || story.status == Status::kScheduled);
}

StoryControls ControlsFor(const accounts::Actor& actor, const Article& story) {
  StoryControls c;
  c.edit = MayEdit(actor, story);
  for (Status to : {Status::kDraft, Status::kReview, Status::kScheduled, Status::kPublished,
                    Status::kUnpublished}) {
    if (WorkflowAllows(story.status, to) && MayMove(actor, story, to)) c.moves.push_back(to);
  }
  c.trash = MayDelete(actor) && !story.deleted_at;
  c.restore = MayDelete(actor) && story.deleted_at.has_value();
  c.correct = MayCorrect(actor, story);
  return c;
}

core::Result<void> RequireSee(const accounts::Actor& actor, const Article& story) {
  if (MaySee(actor, story)) return {};
  return core::Error::PermissionDenied("story not visible to this actor")
      .WithReader("This story is not one you can open.");
}

core::Result<void> RequireEdit(const accounts::Actor& actor, const Article& story) {
  if (MayEdit(actor, story)) return {};
  return core::Error::PermissionDenied("story not editable by this actor")
      .WithReader(story.deleted_at ? "This story is in the trash; restore it to change it."
                                   : "You cannot change this story.");
}

core::Result<void> RequireMove(const accounts::Actor& actor, const Article& story, Status to) {
  if (!WorkflowAllows(story.status, to)) {
    return core::Error::Conflict(
               fmt::format("no move from {} to {}", StatusName(story.status), StatusName(to)))
        .WithReader(
            fmt::format("A {} story cannot become {}.", StatusName(story.status), StatusName(to)));
  }
  if (MayMove(actor, story, to)) return {};
  return core::Error::PermissionDenied("story move not allowed for this actor")
      .WithReader(fmt::format("You cannot make this story {}.", StatusName(to)));
}

}  // namespace dateline::articles
