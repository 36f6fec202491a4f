#include "newsletters/delivery_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "articles/paywall.hpp"
#include "core/field_check.hpp"
#include "core/text.hpp"
#include "mail/message.hpp"
#include "mail/outbox_store.hpp"
#include "newsletters/member_keys.hpp"
#include "newsletters/newsletter_service.hpp"

namespace dateline::newsletters {
namespace {

// Rendered issues kept for the copies still to go; an old one is rendered again if needed.
constexpr size_t kIssuesKept = 8;

std::string DomainOf(const std::string& address) {
  size_t at = address.rfind('@');
  return at == std::string::npos ? address : address.substr(at + 1);
}

}  // namespace

core::Result<Issue> DeliveryService::IssueFrom(const accounts::Actor& actor,
                                               const IssueRequest& request,
                                               std::vector<articles::Article>* stories) {
  DL_TRY(NewsletterService::MayManage(actor));
  auto newsletter = d_.newsletters.FindBySlug(request.newsletter_slug);
  if (!newsletter.ok()) return newsletter.error();
  if (!*newsletter) {
    return core::Error::NotFound("no such newsletter").WithReader("No such newsletter.");
  }
  if (request.article_slugs.empty() || request.article_slugs.size() > kMaxDigestStories) {
    return core::Error::InvalidArgument("stories").WithReader(
        fmt::format("Send one story, or a digest of at most {}.", kMaxDigestStories));
  }
  int64_t now = d_.clock.NowSeconds();
  Issue issue;
  issue.newsletter_id = (*newsletter)->id;
  int64_t live_at = 0;
  std::string first_headline;
  std::set<int64_t> seen;
  for (const auto& slug : request.article_slugs) {
    auto story = d_.articles.OpenBySlug(actor, slug);
    if (!story.ok()) return story.error();
    // A draft may be sent at publication: the issue waits until the story is live.
    if (story->deleted_at || story->status == articles::Status::kUnpublished) {
      return core::Error::InvalidArgument("story taken down")
          .WithReader(fmt::format("“{}” is not published.", story->headline));
    }
    if (!seen.insert(story->id).second) {
      return core::Error::InvalidArgument("story twice")
          .WithReader("A digest names each story once.");
    }
    if (issue.article_id == 0) {
      issue.article_id = story->id;
      first_headline = story->headline;
    } else {
      issue.more_article_ids.push_back(story->id);
    }
    live_at = std::max(live_at, story->published_at);
    if (stories) stories->push_back(*story);
  }
  issue.subject = std::string(core::Trim(request.subject));
  if (issue.subject.empty()) issue.subject = first_headline;
  DL_TRY(core::CheckLineOfText("subject", issue.subject, 200, true));
  issue.segment = request.segment;
  // Never before readers can open the stories the email links to.
  issue.send_at = std::max(request.send_at.value_or(now), live_at);
  issue.message_key = core::RandomToken(12);
  if (actor.signed_in()) issue.created_by = actor.user_id();
  issue.created_at = now;
  return issue;
}

core::Result<Issue> DeliveryService::Schedule(const accounts::Actor& actor,
                                              const IssueRequest& request) {
  auto issue = IssueFrom(actor, request);
  if (!issue.ok()) return issue.error();
  return d_.issues.Create(*issue);
}

core::Result<std::vector<DeliveryService::IssueProgress>> DeliveryService::Progress(
    const accounts::Actor& actor, int64_t newsletter_id, int64_t before_id, int limit) {
  DL_TRY(NewsletterService::MayManage(actor));
  auto issues = d_.issues.Latest(newsletter_id, before_id, limit, false);
  if (!issues.ok()) return issues.error();
  std::vector<IssueProgress> out;
  for (auto& issue : *issues) {
    auto counts = d_.issues.Counts(issue.id);
    if (!counts.ok()) return counts.error();
    out.push_back({std::move(issue), *counts});
  }
  return out;
}

core::Result<DeliveryService::IssueProgress> DeliveryService::ProgressOf(
    const accounts::Actor& actor, int64_t issue_id) {
  DL_TRY(NewsletterService::MayManage(actor));
  auto issue = d_.issues.Find(issue_id);
  if (!issue.ok()) return issue.error();
  if (!*issue) return core::Error::NotFound("no such issue").WithReader("No such issue.");
  auto counts = d_.issues.Counts(issue_id);
  if (!counts.ok()) return counts.error();
  return IssueProgress{std::move(**issue), *counts};
}

core::Result<void> DeliveryService::Cancel(const accounts::Actor& actor, int64_t issue_id) {
  DL_TRY(NewsletterService::MayManage(actor));
  auto cancelled = d_.issues.CancelScheduled(issue_id);
  if (!cancelled.ok()) return cancelled.error();
  if (!*cancelled) {
    return core::Error::Conflict("issue already sending")
        .WithReader("This issue has started going out; it can no longer be taken back.");
  }
  return {};
}

core::Result<DeliveryService::PreviewCopies> DeliveryService::Preview(const accounts::Actor& actor,
                                                                      const IssueRequest& request) {
  std::vector<articles::Article> stories;
  auto issue = IssueFrom(actor, request, &stories);
  if (!issue.ok()) return issue.error();
  IssueParts parts;
  parts.issue = std::move(*issue);
  DL_TRY(RenderParts(parts, &stories));
  return PreviewCopies{std::move(parts.full), std::move(parts.cut)};
}

core::Result<void> DeliveryService::SendTest(const accounts::Actor& actor,
                                             const IssueRequest& request) {
  if (!actor.signed_in()) return core::Error::Unauthenticated("sign in to send a test");
  auto copies = Preview(actor, request);
  if (!copies.ok()) return copies.error();
  const IssueContent* content = &copies->full;
  // A test copy belongs to no member: its links lead to the newsletters page.
  std::string page = d_.config.SiteUrl() + "/newsletters";
  mail::Message m;
  m.to = actor.user->email;
  m.subject = "[Test] " + content->subject;
  m.html_body = PersonalizeCopy(content->html, page, page);
  m.text_body = PersonalizeCopy(content->text, page, page);
  int64_t now = d_.clock.NowSeconds();
  return d_.members.db().InTransaction(
      [&](store::Executor& tx) { return mail::Outbox::Enqueue(tx, m, now); });
}

core::Result<std::vector<Issue>> DeliveryService::Issues(int64_t newsletter_id, int64_t before_id,
                                                         int limit, bool sent_only) {
  return d_.issues.Latest(newsletter_id, before_id, limit, sent_only);
}

core::Result<DeliveryCounts> DeliveryService::Counts(int64_t issue_id) {
  return d_.issues.Counts(issue_id);
}

core::Result<std::optional<Issue>> DeliveryService::QueueDue() {
  // An issue goes once its stories are live (a story sent "at publication" waits here).
  return d_.issues.QueueNextDue(d_.clock.NowSeconds(),
                                [this](const Issue& issue) -> core::Result<bool> {
                                  auto story = d_.articles.FindPublishedById(issue.article_id);
                                  if (!story.ok()) return story.error();
                                  return story->has_value();
                                });
}

core::Result<std::vector<Delivery>> DeliveryService::Claim(const std::string& node, int limit,
                                                           int64_t lease_seconds) {
  return d_.issues.Claim(node, d_.clock.NowSeconds(), limit, lease_seconds);
}

core::Result<int64_t> DeliveryService::ReleaseClaimsOf(const std::string& node) {
  return d_.issues.ReleaseClaimsOf(node);
}

core::Result<void> DeliveryService::Release(int64_t delivery_id,
                                            std::optional<int64_t> not_before) {
  return d_.issues.Release(delivery_id, not_before);
}

core::Result<void> DeliveryService::RecordSent(int64_t delivery_id) {
  return d_.issues.MarkSent(delivery_id, d_.clock.NowSeconds());
}

core::Result<void> DeliveryService::RecordSkipped(int64_t delivery_id, const std::string& reason) {
  return d_.issues.MarkSkipped(delivery_id, reason);
}

core::Result<void> DeliveryService::RecordFailure(int64_t delivery_id, const std::string& error,
                                                  std::optional<int64_t> retry_at) {
  return d_.issues.MarkFailed(delivery_id, error, d_.clock.NowSeconds(), retry_at);
}

core::Result<void> DeliveryService::FinishIssues() {
  return d_.issues.FinishIssues(d_.clock.NowSeconds());
}

core::Result<std::shared_ptr<const DeliveryService::IssueParts>> DeliveryService::PartsOf(
    int64_t issue_id) {
  {
    std::lock_guard lock(mu_);
    auto it = parts_.find(issue_id);
    if (it != parts_.end()) return it->second;
  }
  auto issue = d_.issues.Find(issue_id);
  if (!issue.ok()) return issue.error();
  if (!*issue) return core::Error::NotFound("no such issue");
  auto parts = std::make_shared<IssueParts>();
  parts->issue = std::move(**issue);
  DL_TRY(RenderParts(*parts));
  std::lock_guard lock(mu_);
  if (parts_.size() >= kIssuesKept) parts_.clear();
  parts_[issue_id] = parts;
  return std::shared_ptr<const IssueParts>(parts);
}

core::Result<void> DeliveryService::RenderParts(IssueParts& parts,
                                                const std::vector<articles::Article>* drafts) {
  auto all = d_.newsletters.List();
  if (!all.ok()) return all.error();
  bool found = false;
  for (const auto& n : *all) {
    if (n.id == parts.issue.newsletter_id) {
      parts.newsletter = n;
      found = true;
    }
  }
  if (!found) return core::Error::NotFound("the issue's newsletter is gone");
  std::vector<int64_t> ids{parts.issue.article_id};
  ids.insert(ids.end(), parts.issue.more_article_ids.begin(), parts.issue.more_article_ids.end());
  // Drafts are previewed as they stand; a copy goes only with live stories.
  std::vector<articles::Article> stories;
  if (drafts) {
    stories = *drafts;
  } else {
    for (int64_t id : ids) {
      auto story = d_.articles.FindPublishedById(id);
      if (!story.ok()) return story.error();
      if (*story) stories.push_back(std::move(**story));
    }
  }
  if (stories.empty() || stories.front().id != parts.issue.article_id) return {};
  parts.article = stories.front();
  auto placements = d_.structure.PlacementsOf(ids);
  if (!placements.ok()) return placements.error();
  std::vector<std::string> image_keys;
  for (const auto& [id, placement] : *placements) {
    if (!placement.lead_image.empty()) image_keys.push_back(placement.lead_image);
  }
  auto images = d_.media.FindByKeys(image_keys);
  if (!images.ok()) return images.error();
  std::vector<StoryForEmail> shown;
  for (const auto& story : stories) {
    StoryForEmail s;
    s.article = &story;
    auto placement = placements->find(story.id);
    if (placement != placements->end()) {
      s.placement = &placement->second;
      auto image = images->find(placement->second.lead_image);
      if (image != images->end()) s.lead_image = image->second;
    }
    shown.push_back(std::move(s));
  }
  parts.digest = ids.size() > 1;
  if (parts.digest) {
    parts.full =
        RenderDigest(d_.templates, d_.config, parts.newsletter, parts.issue.subject, shown);
    parts.cut = parts.full;
    return {};
  }
  parts.full = RenderIssue(d_.templates, d_.config, parts.newsletter, parts.issue.subject,
                           shown.front(), true);
  parts.cut = parts.article->access == articles::Access::kFree
                  ? parts.full
                  : RenderIssue(d_.templates, d_.config, parts.newsletter, parts.issue.subject,
                                shown.front(), false);
  return {};
}

core::Result<PreparedCopy> DeliveryService::Prepare(const Delivery& delivery) {
  PreparedCopy out;
  // Read at the moment of sending: a reader who left mid-send gets nothing more.
  auto member = d_.members.Find(delivery.member_id);
  if (!member.ok()) return member.error();
  if (!*member || (*member)->state != MemberState::kConfirmed) {
    out.skip_reason = "unsubscribed";
    return out;
  }
  auto suppressed = d_.members.IsSuppressed(delivery.email);
  if (!suppressed.ok()) return suppressed.error();
  if (*suppressed) {
    out.skip_reason = "suppressed";
    return out;
  }
  auto parts_or = PartsOf(delivery.issue_id);
  if (!parts_or.ok()) return parts_or.error();
  const IssueParts& parts = **parts_or;
  if (!parts.article) {
    out.skip_reason = "withdrawn";  // the story was taken down before this copy went
    return out;
  }
  const articles::Article& story = *parts.article;
  bool needs_standing = parts.newsletter.paid || parts.issue.segment != Segment::kAll ||
                        (!parts.digest && story.access != articles::Access::kFree);
  ReaderStanding standing;
  if (needs_standing) {
    auto s = d_.readers.StandingOf(delivery.email);
    if (!s.ok()) return s.error();
    standing = *s;
  }
  if (parts.newsletter.paid && !standing.digital_access) {
    out.skip_reason = "no access";
    return out;
  }
  if ((parts.issue.segment == Segment::kPaid && !standing.digital_access) ||
      (parts.issue.segment == Segment::kFree && standing.digital_access)) {
    out.skip_reason = "segment";
    return out;
  }
  // The paywall holds in email as on the page: the full story only for a reader who could
  // open it on the site.
  bool full = parts.digest ||
              articles::CanReadInFull(story, {standing.has_account, standing.digital_access});
  const IssueContent& content = full ? parts.full : parts.cut;
  std::string site = d_.config.SiteUrl();
  std::string unsubscribe = site + UnsubscribePath(d_.secret, delivery.member_id);
  std::string preferences = site + PreferencesPath(d_.secret, delivery.member_id);
  mail::Message m;
  m.to = delivery.email;
  m.subject = content.subject;
  m.html_body = PersonalizeCopy(content.html, unsubscribe, preferences);
  m.text_body = PersonalizeCopy(content.text, unsubscribe, preferences);
  std::string from = parts.newsletter.sender_address.empty() ? d_.config.MailFromAddress()
                                                             : parts.newsletter.sender_address;
  std::string host = DomainOf(d_.config.MailFromAddress());
  // RFC 2369 and RFC 8058: a mail client's unsubscribe button POSTs to the link at once.
  m.extra_headers = {
      {"List-Id",
       fmt::format("{} <{}.newsletters.{}>", mail::EncodeHeaderWord(parts.newsletter.name),
                   parts.newsletter.slug, host)},
      {"List-Unsubscribe", "<" + unsubscribe + ">"},
      {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"},
      {"List-Archive", "<" + site + "/newsletters/" + parts.newsletter.slug + ">"},
      {"Feedback-ID",
       fmt::format("{}:{}:newsletter:{}", parts.issue.id, parts.newsletter.slug, host)},
      {"Precedence", "bulk"},
  };
  mail::Sender sender{
      from,
      parts.newsletter.sender_name.empty() ? d_.config.site_title : parts.newsletter.sender_name,
      host};
  // The same Message-ID for every attempt at this copy: a receiver that sees it twice
  // (a retry after a crash at the wrong instant) knows it is one message.
  std::string message_id =
      fmt::format("issue{}.{}.{}@{}", parts.issue.id, delivery.id, parts.issue.message_key, host);
  OutgoingCopy copy;
  copy.to = delivery.email;
  copy.envelope_from = BounceAddress(delivery.id);
  copy.raw = mail::FormatRfc5322(m, sender, d_.clock.NowSeconds(), message_id);
  out.copy = std::move(copy);
  return out;
}

std::string DeliveryService::BounceAddress(int64_t delivery_id) const {
  std::string base = d_.config.newsletters.bounce_address;
  if (base.empty()) base = "bounces@" + DomainOf(d_.config.MailFromAddress());
  size_t at = base.rfind('@');
  std::string tag = fmt::format(
      "d{}-{}", delivery_id,
      core::KeyedHash(d_.secret, "newsletter-bounce", std::to_string(delivery_id)).substr(0, 10));
  return base.substr(0, at) + "+" + tag + base.substr(at);
}

std::optional<int64_t> DeliveryService::DeliveryOfBounceAddress(std::string_view address) const {
  size_t plus = address.find("+d");
  size_t dash = address.find('-', plus == std::string_view::npos ? 0 : plus);
  size_t at = address.rfind('@');
  if (plus == std::string_view::npos || dash == std::string_view::npos ||
      at == std::string_view::npos || dash > at) {
    return std::nullopt;
  }
  int64_t id = 0;
  for (size_t i = plus + 2; i < dash; ++i) {
    char c = address[i];
    if (c < '0' || c > '9' || id > 1'000'000'000'000) return std::nullopt;
    id = id * 10 + (c - '0');
  }
  if (id <= 0) return std::nullopt;
  std::string expected = BounceAddress(id);
  size_t expected_at = expected.rfind('@');
  // The tag must match; the domain may have been rewritten by a relay.
  if (!core::ConstantTimeEquals(core::AsciiLower(expected.substr(0, expected_at)),
                                core::AsciiLower(address.substr(0, at)))) {
    return std::nullopt;
  }
  return id;
}

}  // namespace dateline::newsletters
