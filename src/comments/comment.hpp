#pragma once
// Comments: the value types, and what a comment's text may be and how it is shown.
// No I/O here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace dateline::comments {

enum class Status { kApproved, kPending, kRejected, kDeleted };
const char* StatusName(Status s);
std::optional<Status> ParseStatus(std::string_view text);

enum class Sort { kNewest, kOldest, kRecommended };
const char* SortName(Sort s);
Sort ParseSort(std::string_view text);  // unknown: newest

struct Comment {
  int64_t id = 0;
  int64_t article_id = 0;
  int64_t user_id = 0;         // 0: the author deleted their account
  int64_t parent_id = 0;       // 0: a top-level comment
  int64_t thread_id = 0;       // the top-level comment of its thread (0 for a top-level one)
  std::string author;          // display name, or "Former reader"
  std::string parent_author;   // for a reply to a reply: whom it answers
  int64_t parent_user_id = 0;  // whose comment it answers (0: none, or they left)
  std::string body;            // empty once deleted
  Status status = Status::kPending;
  std::string held_reason;  // why it waits for a moderator
  bool featured = false;    // an editors' pick
  int64_t recommendations = 0;
  int64_t created_at = 0;
  int64_t edited_at = 0;  // 0: never edited
  bool by_staff = false;  // the author has a newsroom role: shown with a Staff badge
  // Who wrote an imported comment that has no account here (shown instead of "Former
  // reader"); empty otherwise.
  std::string former_author;
};

inline constexpr size_t kMaxCommentChars = 5000;
inline constexpr int64_t kEditWindowSeconds = 10 * 60;

// The text as it will be stored: CRLF and CR made LF, control characters other than
// newline and tab dropped, outer whitespace trimmed. kInvalidArgument with a reader-facing
// message when it is not UTF-8, empty, or longer than kMaxCommentChars characters.
core::Result<std::string> CleanCommentText(std::string_view text);

// Plain text to safe HTML: everything escaped; blank lines make paragraphs, single line
// breaks <br>; http(s) URLs become links with rel="nofollow ugc noopener".
std::string RenderCommentHtml(std::string_view text);

// How many http(s) links the text holds (for the "too many links" hold).
int CountLinks(std::string_view text);

}  // namespace dateline::comments
