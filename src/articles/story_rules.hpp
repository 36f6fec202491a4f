#pragma once
// Who may do what to a story, and which moves the workflow has: the newsroom's rules in
// one place. The article service asks these before every action, and web/ asks them only
// to decide which buttons to draw (the service asks again when the button is pressed).

#include <string_view>
#include <vector>

#include "accounts/actor.hpp"
#include "articles/article.hpp"
#include "core/result.hpp"

namespace dateline::articles {

// Whether the workflow has a move from `from` to `to` at all, whoever asks:
//   draft       -> review, scheduled, published
//   review      -> draft, scheduled, published
//   scheduled   -> draft, published (now), unpublished
//   published   -> unpublished
//   unpublished -> draft, scheduled, published
bool WorkflowAllows(Status from, Status to);

// Writing a new story (a draft of one's own).
bool MayWrite(const accounts::Actor& actor);
// Seeing the story in the newsroom: its text, preview, revisions and history.
bool MaySee(const accounts::Actor& actor, const Article& story);
// Changing its text. Contributors change their own until it is published.
bool MayEdit(const accounts::Actor& actor, const Article& story);
// Moving it to `to` (the move itself must exist: see WorkflowAllows).
bool MayMove(const accounts::Actor& actor, const Article& story, Status to);
// Moving it to the trash, and back.
bool MayDelete(const accounts::Actor& actor);
// Appending a correction or clarification: an editor's, on a story readers have seen.
bool MayCorrect(const accounts::Actor& actor, const Article& story);

// What the newsroom's pages draw for this actor and story: whether to offer the editor,
// which moves, the trash and the way out of it.
struct StoryControls {
  bool edit = false;
  std::vector<Status> moves;
  bool trash = false;
  bool restore = false;
  bool correct = false;
};
StoryControls ControlsFor(const accounts::Actor& actor, const Article& story);

// The same answers as errors for the service: kPermissionDenied with a reader sentence,
// or kConflict when the move does not exist (from this status).
core::Result<void> RequireSee(const accounts::Actor& actor, const Article& story);
core::Result<void> RequireEdit(const accounts::Actor& actor, const Article& story);
core::Result<void> RequireMove(const accounts::Actor& actor, const Article& story, Status to);

}  // namespace dateline::articles
