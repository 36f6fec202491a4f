#pragma once
// Newsletters: the value types. A newsletter is a list readers join; its issues are
// stories sent to its members, one delivery per member. No I/O here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::newsletters {

struct Newsletter {
  int64_t id = 0;
  std::string slug;
  std::string name;            // "The Morning Briefing"
  std::string description;     // what a reader gets, and how often
  std::string sender_name;     // empty: the site's title
  std::string sender_address;  // empty: the site's mail sender
  bool paid = false;           // only readers with digital access may join
  bool default_on = false;     // offered ticked when a reader signs up
  int64_t created_at = 0;
};

inline constexpr size_t kMaxNewsletterName = 100;
inline constexpr size_t kMaxNewsletterDescription = 500;
inline constexpr int kMaxNewsletters = 50;
inline constexpr size_t kMaxDigestStories = 20;

// A reader on one newsletter's list. Pending until they press the button in the
// confirmation email (double opt-in); an import with consent dates counts as confirmed.
enum class MemberState { kPending, kConfirmed, kUnsubscribed };
const char* MemberStateName(MemberState s);
std::optional<MemberState> ParseMemberState(std::string_view text);

struct Member {
  int64_t id = 0;
  int64_t newsletter_id = 0;
  std::string email;  // normalized (accounts::NormalizeEmail)
  std::string name;
  MemberState state = MemberState::kPending;
  std::string source;  // "form", "account", "import", "preferences"
  std::optional<int64_t> consent_at;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// Who of a newsletter's confirmed members an issue goes to: everyone, only readers with
// digital access, or only readers without.
enum class Segment { kAll, kPaid, kFree };
const char* SegmentName(Segment s);
std::optional<Segment> ParseSegment(std::string_view text);

// An issue: one story sent to one newsletter's members. Scheduled until its time, then
// its deliveries are written (one transaction) and it is sending until none is queued.
enum class IssueState { kScheduled, kSending, kSent };
const char* IssueStateName(IssueState s);
std::optional<IssueState> ParseIssueState(std::string_view text);

struct Issue {
  int64_t id = 0;
  int64_t newsletter_id = 0;
  int64_t article_id = 0;                 // the story, or a digest's first
  std::vector<int64_t> more_article_ids;  // a digest's further stories, in order
  std::string subject;
  Segment segment = Segment::kAll;
  IssueState state = IssueState::kScheduled;
  int64_t send_at = 0;
  std::string message_key;  // random: every Message-ID of the issue is made from it
  int64_t recipients = 0;   // deliveries written when it was queued
  std::optional<int64_t> created_by;
  int64_t created_at = 0;
  std::optional<int64_t> queued_at;
  std::optional<int64_t> finished_at;
};

// One member's copy of one issue, as the sender claims it. Its state (stored, and counted
// by DeliveryCounts) is queued until the sender settles it: sent; failed (the relay
// refused it for good, or every retry failed); bounced (a bounce report named it);
// skipped (at the moment of sending the reader had left, was suppressed, or was outside
// the issue's segment or the newsletter's access).
struct Delivery {
  int64_t id = 0;
  int64_t issue_id = 0;
  int64_t member_id = 0;
  std::string email;
  int64_t attempts = 0;
};

// An issue's deliveries by state, for the send page and `newsletter status`.
struct DeliveryCounts {
  int64_t queued = 0;
  int64_t sent = 0;
  int64_t failed = 0;
  int64_t bounced = 0;
  int64_t skipped = 0;
  int64_t unsubscribed = 0;  // of the skipped: the reader left before their copy went
  int64_t Total() const { return queued + sent + failed + bounced + skipped; }
};

// Why an address gets no newsletter at all (from any list): it bounced for good, its
// owner marked a message as spam, or staff put it there.
enum class SuppressionReason { kBounce, kComplaint, kManual };
const char* SuppressionReasonName(SuppressionReason r);

}  // namespace dateline::newsletters
