#pragma once
// Issues and their deliveries: what an editor sends (a story to a newsletter's members,
// now or at a time), and what the send loop (jobs/newsletter_sender) asks of each copy.
// The rules of a copy live here: it goes only to a confirmed member, not suppressed, in
// the issue's segment, with the full story only for a reader entitled to it. Thread-safe.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.hpp"
#include "articles/article_service.hpp"
#include "articles/structure_service.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "media/media_service.hpp"
#include "newsletters/issue_email.hpp"
#include "newsletters/issue_store.hpp"
#include "newsletters/member_store.hpp"
#include "newsletters/newsletter_store.hpp"
#include "newsletters/reader_directory.hpp"
#include "render/templates.hpp"

namespace dateline::newsletters {

// A copy ready for the transport: the envelope (a VERP bounce address naming the
// delivery, so a bounce finds its copy) and the whole message.
struct OutgoingCopy {
  std::string envelope_from;
  std::string to;
  std::string raw;
};

// What to do with a claimed delivery: send `copy`, or skip it for `skip_reason`.
struct PreparedCopy {
  std::optional<OutgoingCopy> copy;
  std::string skip_reason;  // "unsubscribed", "suppressed", "segment", "no access", "withdrawn"
};

struct IssueRequest {
  std::string newsletter_slug;
  std::vector<std::string> article_slugs;  // one story, or a digest of several (in order)
  Segment segment = Segment::kAll;
  std::optional<int64_t> send_at;  // unset: now (or when the story goes live)
  std::string subject;             // empty: the story's headline
};

class DeliveryService {
 public:
  struct Deps {
    IssueStore& issues;
    MemberStore& members;
    NewsletterStore& newsletters;
    articles::ArticleService& articles;
    articles::StructureService& structure;
    media::MediaService& media;
    ReaderDirectory& readers;
    const render::Templates& templates;
    const core::Config& config;
    const core::SecretKey& secret;
    const core::Clock& clock;
  };
  explicit DeliveryService(const Deps& deps) : d_(deps) {}

  // Schedules a story as an issue (editors and the operator: kArrangeSite). The send loop
  // queues it at its time, and never before the story is live.
  core::Result<Issue> Schedule(const accounts::Actor& actor, const IssueRequest& request);
  // A newsletter's issues, newest first (its archive shows only those sent).
  core::Result<std::vector<Issue>> Issues(int64_t newsletter_id, int64_t before_id, int limit,
                                          bool sent_only);
  core::Result<DeliveryCounts> Counts(int64_t issue_id);

  // --- for editors (kArrangeSite) ---
  struct IssueProgress {
    Issue issue;
    DeliveryCounts counts;
  };
  core::Result<std::vector<IssueProgress>> Progress(const accounts::Actor& actor,
                                                    int64_t newsletter_id, int64_t before_id,
                                                    int limit);
  core::Result<IssueProgress> ProgressOf(const accounts::Actor& actor, int64_t issue_id);
  // Takes back an issue that has not started; kConflict once it has.
  core::Result<void> Cancel(const accounts::Actor& actor, int64_t issue_id);
  // What the request would send, as the reader entitled to the whole story (`full`) and
  // the one who is not (`cut`) would get it; nothing is saved.
  struct PreviewCopies {
    IssueContent full;
    IssueContent cut;
  };
  core::Result<PreviewCopies> Preview(const accounts::Actor& actor, const IssueRequest& request);
  // Sends that to the editor's own address (through the outbox), subject marked [Test].
  core::Result<void> SendTest(const accounts::Actor& actor, const IssueRequest& request);

  // --- for the send loop ---
  // Writes the deliveries of the next issue due (see IssueStore::QueueNextDue).
  core::Result<std::optional<Issue>> QueueDue();
  core::Result<std::vector<Delivery>> Claim(const std::string& node, int limit,
                                            int64_t lease_seconds);
  core::Result<int64_t> ReleaseClaimsOf(const std::string& node);
  // Gives a claimed delivery back unsent, to go at once or from `not_before`.
  core::Result<void> Release(int64_t delivery_id, std::optional<int64_t> not_before);
  // Decides, at the moment of sending, whether this copy goes and what it says.
  core::Result<PreparedCopy> Prepare(const Delivery& delivery);
  core::Result<void> RecordSent(int64_t delivery_id);
  core::Result<void> RecordSkipped(int64_t delivery_id, const std::string& reason);
  core::Result<void> RecordFailure(int64_t delivery_id, const std::string& error,
                                   std::optional<int64_t> retry_at);
  core::Result<void> FinishIssues();

  // The VERP bounce address of a delivery, and the delivery a bounce address names
  // (nullopt when it is not one of ours or its key does not match).
  std::string BounceAddress(int64_t delivery_id) const;
  std::optional<int64_t> DeliveryOfBounceAddress(std::string_view address) const;

 private:
  // What every copy of an issue shares, rendered once per issue.
  struct IssueParts {
    Issue issue;
    Newsletter newsletter;
    std::optional<articles::Article> article;  // the (first) story; unset: no longer published
    bool digest = false;                       // headlines and summaries: the same for all
    IssueContent full;
    IssueContent cut;  // the free part and a link (same as full for a free story or a digest)
  };
  core::Result<std::shared_ptr<const IssueParts>> PartsOf(int64_t issue_id);
  // Renders an issue's two copies from its stories: the live ones, or `drafts` as they
  // stand (a preview).
  core::Result<void> RenderParts(IssueParts& parts,
                                 const std::vector<articles::Article>* drafts = nullptr);
  // The issue a request describes (checked; not saved), and its stories as the actor
  // opens them.
  core::Result<Issue> IssueFrom(const accounts::Actor& actor, const IssueRequest& request,
                                std::vector<articles::Article>* stories = nullptr);

  Deps d_;
  std::mutex mu_;
  std::map<int64_t, std::shared_ptr<const IssueParts>> parts_;  // GUARDED_BY(mu_)
};

}  // namespace dateline::newsletters
