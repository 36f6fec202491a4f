#include "newsletters/delivery_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "articles/paywall.hpp"
#include "core/field_check.hpp"
#include "core/text.hpp"
#include "mail/message.hpp"
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

core::Result<Issue> DeliveryService::Schedule(const accounts::Actor& actor,
                                              const IssueRequest& request) {
  DL_TRY(NewsletterService::MayManage(actor));
  auto newsletter = d_.newsletters.FindBySlug(request.newsletter_slug);
  if (!newsletter.ok()) return newsletter.error();
  if (!*newsletter) {
    return core::Error::NotFound("no such newsletter").WithReader("No such newsletter.");
  }
  auto story = d_.articles.OpenBySlug(actor, request.article_slug);
  if (!story.ok()) return story.error();
  int64_t now = d_.clock.NowSeconds();
  bool will_be_live = !story->deleted_at && (story->status == articles::Status::kPublished ||
                                             story->status == articles::Status::kScheduled);
  if (!will_be_live) {
    return core::Error::InvalidArgument("story not published")
        .WithReader("Only a published or scheduled story can be sent.");
  }
  Issue issue;
  issue.newsletter_id = (*newsletter)->id;
  issue.article_id = story->id;
  issue.subject = std::string(core::Trim(request.subject));
  if (issue.subject.empty()) issue.subject = story->headline;
  DL_TRY(core::CheckLineOfText("subject", issue.subject, 200, true));
  issue.segment = request.segment;
  // Never before readers can open the story the email links to.
  issue.send_at = std::max(request.send_at.value_or(now), story->published_at);
  issue.message_key = core::RandomToken(12);
  if (actor.signed_in()) issue.created_by = actor.user_id();
  issue.created_at = now;
  return d_.issues.Create(issue);
}

core::Result<std::optional<Issue>> DeliveryService::FindIssue(int64_t issue_id) {
  return d_.issues.Find(issue_id);
}

core::Result<std::vector<Issue>> DeliveryService::Issues(int64_t newsletter_id, int64_t before_id,
                                                         int limit, bool sent_only) {
  return d_.issues.Latest(newsletter_id, before_id, limit, sent_only);
}

core::Result<DeliveryCounts> DeliveryService::Counts(int64_t issue_id) {
  return d_.issues.Counts(issue_id);
}

core::Result<std::optional<Issue>> DeliveryService::QueueDue() {
  return d_.issues.QueueNextDue(d_.clock.NowSeconds());
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
  parts->issue = **issue;
  auto all = d_.newsletters.List();
  if (!all.ok()) return all.error();
  bool found = false;
  for (const auto& n : *all) {
    if (n.id == parts->issue.newsletter_id) {
      parts->newsletter = n;
      found = true;
    }
  }
  if (!found) return core::Error::NotFound("the issue's newsletter is gone");
  auto story = d_.articles.FindPublishedById(parts->issue.article_id);
  if (!story.ok()) return story.error();
  parts->article = std::move(*story);
  if (parts->article) {
    StoryForEmail s;
    s.article = &*parts->article;
    auto placements = d_.structure.PlacementsOf({parts->article->id});
    if (!placements.ok()) return placements.error();
    auto placement = placements->find(parts->article->id);
    if (placement != placements->end()) {
      s.placement = &placement->second;
      if (!placement->second.lead_image.empty()) {
        auto image = d_.media.FindByKey(placement->second.lead_image);
        if (!image.ok()) return image.error();
        s.lead_image = std::move(*image);
      }
    }
    parts->full = RenderIssue(d_.templates, d_.config, parts->newsletter, parts->issue.subject, s,
                              true);
    parts->cut = parts->article->access == articles::Access::kFree
                     ? parts->full
                     : RenderIssue(d_.templates, d_.config, parts->newsletter,
                                   parts->issue.subject, s, false);
  }
  std::lock_guard lock(mu_);
  if (parts_.size() >= kIssuesKept) parts_.clear();
  parts_[issue_id] = parts;
  return std::shared_ptr<const IssueParts>(parts);
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
                        story.access != articles::Access::kFree;
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
  bool full = articles::CanReadInFull(story, {standing.has_account, standing.digital_access});
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
      {"List-Id", fmt::format("{} <{}.newsletters.{}>", mail::EncodeHeaderWord(parts.newsletter.name),
                              parts.newsletter.slug, host)},
      {"List-Unsubscribe", "<" + unsubscribe + ">"},
      {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"},
      {"List-Archive", "<" + site + "/newsletters/" + parts.newsletter.slug + ">"},
      {"Feedback-ID", fmt::format("{}:{}:newsletter:{}", parts.issue.id, parts.newsletter.slug,
                                  host)},
      {"Precedence", "bulk"},
  };
  mail::Sender sender{from,
                      parts.newsletter.sender_name.empty() ? d_.config.site_title
                                                           : parts.newsletter.sender_name,
                      host};
  // The same Message-ID for every attempt at this copy: a receiver that sees it twice
  // (a retry after a crash at the wrong instant) knows it is one message.
  std::string message_id = fmt::format("issue{}.{}.{}@{}", parts.issue.id, delivery.id,
                                       parts.issue.message_key, host);
  OutgoingCopy copy;
  copy.to = delivery.email;
  copy.envelope_from = BounceAddress(delivery.id);
  copy.raw = mail::FormatRfc5322(m, sender, d_.clock.NowSeconds(), message_id);
  copy.html_bytes = m.html_body.size();
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
