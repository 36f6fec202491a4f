#include "newsletters/membership_service.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "accounts/email_address.hpp"
#include "core/csv.hpp"
#include "core/field_check.hpp"
#include "core/text.hpp"
#include "core/time_format.hpp"
#include "mail/outbox_store.hpp"
#include "newsletters/member_keys.hpp"
#include "newsletters/newsletter_service.hpp"

namespace dateline::newsletters {
namespace {

// Enough for a reader and a household; little use to anyone mailing strangers.
constexpr ratelimit::Limit kSignUpsPerClient{20, 3600};
constexpr ratelimit::Limit kConfirmationsPerAddress{3, 3600};
constexpr size_t kImportBatch = 500;

core::Error NoSuchLink() {
  return core::Error::NotFound("unknown or expired newsletter link")
      .WithReader("This link is not valid any more. Sign up again to get a new one.");
}

core::Error BadAddress() {
  return core::Error::InvalidArgument("not an email address")
      .WithReader("Enter a valid email address.");
}

std::optional<const Newsletter*> BySlug(const std::vector<Newsletter>& all, std::string_view slug) {
  for (const auto& n : all) {
    if (n.slug == slug) return &n;
  }
  return std::nullopt;
}

}  // namespace

core::Result<bool> MembershipService::SignUp(const accounts::Actor& actor,
                                             std::string_view email_in,
                                             const std::vector<std::string>& slugs,
                                             const accounts::ClientInfo& client) {
  auto email = accounts::NormalizeEmail(email_in);
  if (!email) return BadAddress();
  if (slugs.empty()) {
    return core::Error::InvalidArgument("no newsletter chosen")
        .WithReader("Choose at least one newsletter.");
  }
  auto all = newsletters_.List();
  if (!all.ok()) return all.error();
  std::vector<const Newsletter*> chosen;
  for (const auto& slug : slugs) {
    auto n = BySlug(*all, slug);
    if (!n) {
      return core::Error::InvalidArgument("unknown newsletter")
          .WithReader("One of the newsletters chosen does not exist.");
    }
    if ((*n)->paid && !actor.digital_access) {
      return core::Error::PermissionDenied("paid newsletter without access")
          .WithReader(fmt::format("{} is for subscribers with digital access. Sign in or "
                                  "subscribe first.",
                                  (*n)->name));
    }
    chosen.push_back(*n);
  }
  int64_t now = clock_.NowSeconds();
  bool own_address = actor.signed_in() && actor.user->verified && actor.user->email == *email;
  store::Db& db = members_.db();
  if (own_address) {
    auto joined = db.InTransaction([&](store::Executor& tx) -> core::Result<void> {
      for (const Newsletter* n : chosen) {
        auto on = MemberStore::JoinConfirmed(tx, n->id, *email, actor.user->display_name, "account",
                                             now, true, now);
        if (!on.ok()) return on.error();
      }
      return {};
    });
    if (!joined.ok()) return joined.error();
    return true;
  }
  auto client_ok = limiter_.Hit("newsletter-signup:" + client.RateKey(), kSignUpsPerClient);
  if (!client_ok.ok()) return client_ok.error();
  if (!*client_ok) {
    return core::Error::RateLimited("newsletter sign-ups from one client")
        .WithReader("Too many sign-ups from here. Try again in an hour.");
  }
  // Past a few confirmation emails an hour to one address nothing more is sent, and the
  // page says the same as ever: no one learns anything, and no one floods a mailbox.
  auto address_ok =
      limiter_.Hit("newsletter-confirm:" + core::KeyedHash(secret_, "rate-email", *email),
                   kConfirmationsPerAddress);
  if (!address_ok.ok()) return address_ok.error();
  if (!*address_ok) return false;
  std::string token = core::RandomToken(24);
  std::string hash = ConfirmationHash(token);
  auto queued = db.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    render::View names;
    render::View::List list;
    for (const Newsletter* n : chosen) {
      auto waits = MemberStore::RequestJoin(tx, n->id, *email, "form", hash, now);
      if (!waits.ok()) return waits.error();
      if (!*waits) continue;  // already on it: nothing to confirm, and nothing said
      render::View item;
      item["name"] = n->name;
      list.push_back(std::move(item));
    }
    if (list.empty()) return {};
    render::View view;
    view["names"] = std::move(list);
    view["site_title"] = config_.site_title;
    view["site_url"] = config_.SiteUrl();
    view["confirm_url"] = config_.SiteUrl() + "/newsletters/confirm?token=" + token;
    mail::Message m;
    m.to = *email;
    m.subject = "Confirm your newsletters from " + config_.site_title;
    auto text = templates_.Render("newsletters/confirm.txt", view);
    auto html = templates_.Render("newsletters/confirm.html", view);
    if (!text.ok()) return text.error();
    if (!html.ok()) return html.error();
    m.text_body = std::move(*text);
    m.html_body = std::move(*html);
    return mail::Outbox::Enqueue(tx, m, now);
  });
  if (!queued.ok()) return queued.error();
  return false;
}

core::Result<std::vector<Newsletter>> MembershipService::PendingFor(std::string_view token) {
  if (token.empty() || token.size() > 64) return std::vector<Newsletter>();
  int64_t now = clock_.NowSeconds();
  auto pending = members_.PendingFor(ConfirmationHash(token), now - kConfirmationLife);
  if (!pending.ok()) return pending.error();
  auto all = newsletters_.List();
  if (!all.ok()) return all.error();
  std::vector<Newsletter> out;
  for (const auto& m : *pending) {
    for (const auto& n : *all) {
      if (n.id == m.newsletter_id) out.push_back(n);
    }
  }
  return out;
}

core::Result<int64_t> MembershipService::Confirm(std::string_view token) {
  if (token.empty() || token.size() > 64) return NoSuchLink();
  int64_t now = clock_.NowSeconds();
  auto confirmed = members_.Confirm(ConfirmationHash(token), now - kConfirmationLife, now);
  if (!confirmed.ok()) return confirmed.error();
  if (*confirmed == 0) return NoSuchLink();
  return *confirmed;
}

core::Result<Member> MembershipService::MemberByKey(int64_t member_id, std::string_view key) {
  if (!MemberKeyMatches(secret_, member_id, key)) return NoSuchLink();
  auto member = members_.Find(member_id);
  if (!member.ok()) return member.error();
  if (!*member) return NoSuchLink();
  return std::move(**member);
}

core::Result<Member> MembershipService::Unsubscribe(int64_t member_id, std::string_view key) {
  auto member = MemberByKey(member_id, key);
  if (!member.ok()) return member.error();
  DL_TRY(members_.LeaveById(member_id, clock_.NowSeconds()));
  member->state = MemberState::kUnsubscribed;
  return member;
}

core::Result<std::vector<Choice>> MembershipService::ChoicesForEmail(const std::string& email) {
  auto all = newsletters_.List();
  if (!all.ok()) return all.error();
  auto mine = members_.ForEmail(email);
  if (!mine.ok()) return mine.error();
  auto standing = readers_.StandingOf(email);
  if (!standing.ok()) return standing.error();
  std::vector<Choice> out;
  for (const auto& n : *all) {
    Choice c{n};
    for (const auto& m : *mine) {
      if (m.newsletter_id != n.id) continue;
      c.joined = m.state == MemberState::kConfirmed;
      c.pending = m.state == MemberState::kPending;
    }
    c.allowed = !n.paid || standing->digital_access;
    out.push_back(std::move(c));
  }
  return out;
}

core::Result<void> MembershipService::ApplyChoices(const std::string& email,
                                                   const std::set<std::string>& slugs,
                                                   const std::string& source) {
  auto choices = ChoicesForEmail(email);
  if (!choices.ok()) return choices.error();
  for (const auto& slug : slugs) {
    bool known = false;
    for (const auto& c : *choices) known = known || c.newsletter.slug == slug;
    if (!known) {
      return core::Error::InvalidArgument("unknown newsletter")
          .WithReader("One of the newsletters chosen does not exist.");
    }
  }
  int64_t now = clock_.NowSeconds();
  return members_.db().InTransaction([&](store::Executor& tx) -> core::Result<void> {
    for (const auto& c : *choices) {
      bool wanted = slugs.count(c.newsletter.slug) > 0;
      if (wanted && !c.joined) {
        if (!c.allowed) {
          return core::Error::PermissionDenied("paid newsletter without access")
              .WithReader(
                  fmt::format("{} is for subscribers with digital access.", c.newsletter.name));
        }
        auto on =
            MemberStore::JoinConfirmed(tx, c.newsletter.id, email, "", source, now, true, now);
        if (!on.ok()) return on.error();
      } else if (!wanted && (c.joined || c.pending)) {
        DL_TRY(MemberStore::Leave(tx, c.newsletter.id, email, now));
      }
    }
    return {};
  });
}

core::Result<std::vector<Choice>> MembershipService::ChoicesByKey(int64_t member_id,
                                                                  std::string_view key) {
  auto member = MemberByKey(member_id, key);
  if (!member.ok()) return member.error();
  return ChoicesForEmail(member->email);
}

core::Result<void> MembershipService::ChooseByKey(int64_t member_id, std::string_view key,
                                                  const std::set<std::string>& slugs) {
  auto member = MemberByKey(member_id, key);
  if (!member.ok()) return member.error();
  return ApplyChoices(member->email, slugs, "preferences");
}

core::Result<std::vector<Choice>> MembershipService::ChoicesFor(const accounts::Actor& actor) {
  if (!actor.signed_in()) return core::Error::Unauthenticated("sign in to choose newsletters");
  return ChoicesForEmail(actor.user->email);
}

core::Result<void> MembershipService::Choose(const accounts::Actor& actor,
                                             const std::set<std::string>& slugs) {
  if (!actor.signed_in()) return core::Error::Unauthenticated("sign in to choose newsletters");
  if (!actor.user->verified) {
    return core::Error::PermissionDenied("unverified address")
        .WithReader(
            "Confirm your email address first (the link in the email we sent you), then choose "
            "your newsletters.");
  }
  return ApplyChoices(actor.user->email, slugs, "account");
}

core::Result<ImportReport> MembershipService::Import(const accounts::Actor& actor,
                                                     std::string_view slug, std::string_view csv) {
  DL_TRY(NewsletterService::MayManage(actor));
  auto newsletter = newsletters_.FindBySlug(slug);
  if (!newsletter.ok()) return newsletter.error();
  if (!*newsletter) {
    return core::Error::NotFound("no such newsletter").WithReader("No such newsletter.");
  }
  int64_t newsletter_id = (*newsletter)->id;
  ImportReport report;
  core::CsvReader reader(csv);
  std::vector<std::string> fields;
  std::string error;
  struct Row {
    std::string email, name;
    int64_t consent_at;
  };
  std::vector<Row> batch;
  int64_t now = clock_.NowSeconds();
  auto flush = [&]() -> core::Result<void> {
    if (batch.empty()) return {};
    auto done = members_.db().InTransaction([&](store::Executor& tx) -> core::Result<void> {
      for (const auto& r : batch) {
        auto suppressed = MemberStore::IsSuppressedIn(tx, r.email);
        if (!suppressed.ok()) return suppressed.error();
        bool joined = false;
        if (!*suppressed) {
          auto on = MemberStore::JoinConfirmed(tx, newsletter_id, r.email, r.name, "import",
                                               r.consent_at, false, now);
          if (!on.ok()) return on.error();
          joined = *on;
        }
        ++(joined ? report.joined : report.kept_out);
      }
      return {};
    });
    batch.clear();
    return done;
  };
  bool first = true;
  for (;;) {
    auto status = reader.Next(fields, error);
    if (status == core::CsvReader::Status::kEnd) break;
    if (status == core::CsvReader::Status::kError) {
      report.refused.push_back(
          fmt::format("line {}: {}; the rest was not read", reader.line(), error));
      break;
    }
    bool header = first && !fields.empty() && !accounts::NormalizeEmail(fields[0]);
    first = false;
    if (header) continue;
    ++report.rows;
    auto email = fields.empty() ? std::nullopt : accounts::NormalizeEmail(fields[0]);
    if (!email) {
      report.refused.push_back(fmt::format("line {}: not an email address", reader.line()));
      continue;
    }
    std::string name = fields.size() > 1 ? std::string(core::Trim(fields[1])) : "";
    if (!core::CheckLineOfText("name", name, 200, false).ok()) name.clear();
    std::optional<int64_t> consent;
    if (fields.size() > 2) consent = core::ParseIso8601(core::Trim(fields[2]));
    if (!consent || *consent > now) {
      report.refused.push_back(fmt::format(
          "line {}: no consent date (YYYY-MM-DD, in the past): not added", reader.line()));
      continue;
    }
    batch.push_back({*email, std::move(name), *consent});
    if (batch.size() >= kImportBatch) DL_TRY(flush());
  }
  DL_TRY(flush());
  spdlog::info("newsletter {}: imported {} rows ({} refused)", slug, report.rows,
               report.refused.size());
  return report;
}

core::Result<std::vector<Member>> MembershipService::ExportPage(const accounts::Actor& actor,
                                                                int64_t after_id, int limit) {
  DL_TRY(NewsletterService::MayManage(actor));
  return members_.PageOfAll(after_id, limit);
}

core::Result<MemberStore::Counts> MembershipService::CountsFor(const accounts::Actor& actor,
                                                               int64_t newsletter_id) {
  DL_TRY(NewsletterService::MayManage(actor));
  return members_.CountFor(newsletter_id);
}

core::Result<std::vector<MemberStore::Suppression>> MembershipService::Suppressions(
    const accounts::Actor& actor, const std::string& after_email, int limit) {
  DL_TRY(NewsletterService::MayManage(actor));
  return members_.Suppressions(after_email, limit);
}

core::Result<int64_t> MembershipService::CountSuppressions(const accounts::Actor& actor) {
  DL_TRY(NewsletterService::MayManage(actor));
  return members_.CountSuppressions();
}

core::Result<void> MembershipService::Suppress(const accounts::Actor& actor,
                                               std::string_view email_in, std::string_view note) {
  DL_TRY(NewsletterService::MayManage(actor));
  auto email = accounts::NormalizeEmail(email_in);
  if (!email) return BadAddress();
  std::string detail(note);
  DL_TRY(core::CheckLineOfText("note", detail, 200, false));
  return members_.Suppress(*email, SuppressionReason::kManual, detail, clock_.NowSeconds());
}

core::Result<void> MembershipService::Unsuppress(const accounts::Actor& actor,
                                                 std::string_view email_in) {
  DL_TRY(NewsletterService::MayManage(actor));
  auto email = accounts::NormalizeEmail(email_in);
  if (!email) return BadAddress();
  auto removed = members_.Unsuppress(*email);
  if (!removed.ok()) return removed.error();
  if (!*removed) {
    return core::Error::NotFound("not suppressed").WithReader("That address is not on the list.");
  }
  return {};
}

}  // namespace dateline::newsletters
