#pragma once
// Who gets which newsletter: sign-up with double opt-in, confirmation, the keyed links in
// every email (one-click unsubscribe, preferences), a signed-in reader's choices, and
// imports of a list with its consent dates. Paid newsletters only for readers with
// digital access. Never says whether an address is already on a list. Thread-safe.

#include <set>
#include <string>
#include <vector>

#include "accounts/account_service.hpp"
#include "accounts/actor.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/result.hpp"
#include "newsletters/member_store.hpp"
#include "newsletters/newsletter_store.hpp"
#include "newsletters/reader_directory.hpp"
#include "ratelimit/rate_limiter.hpp"
#include "render/templates.hpp"

namespace dateline::newsletters {

// A newsletter as one reader sees it: joined or not, and whether they may.
struct Choice {
  Newsletter newsletter;
  bool joined = false;   // confirmed
  bool pending = false;  // waiting for the confirmation link
  bool allowed = true;   // false: paid, and the reader has no digital access
};

struct ImportReport {
  int64_t rows = 0;
  int64_t joined = 0;                // added or already there
  int64_t kept_out = 0;              // had unsubscribed or are suppressed: left alone
  std::vector<std::string> refused;  // "line 7: not an email address"
};

// How long a confirmation link works.
inline constexpr int64_t kConfirmationLife = 7 * 24 * 3600;

class MembershipService {
 public:
  MembershipService(MemberStore& members, NewsletterStore& newsletters,
                    ratelimit::RateLimiter& limiter, ReaderDirectory& readers,
                    const render::Templates& templates, const core::Config& config,
                    const core::SecretKey& secret, const core::Clock& clock)
      : members_(members),
        newsletters_(newsletters),
        limiter_(limiter),
        readers_(readers),
        templates_(templates),
        config_(config),
        secret_(secret),
        clock_(clock) {}

  // Someone asks for `slugs` at `email`. A signed-in reader asking for their own verified
  // address joins at once; anyone else gets a confirmation email (queued in the same
  // transaction) and joins when they press the button on its page. True when joined now.
  core::Result<bool> SignUp(const accounts::Actor& actor, std::string_view email,
                            const std::vector<std::string>& slugs,
                            const accounts::ClientInfo& client);
  // The newsletters a confirmation link would confirm (empty: unknown or expired link).
  core::Result<std::vector<Newsletter>> PendingFor(std::string_view token);
  // Confirms them; how many. kNotFound for an unknown or expired link.
  core::Result<int64_t> Confirm(std::string_view token);

  // The member a keyed link names; kNotFound when the key does not match.
  core::Result<Member> MemberByKey(int64_t member_id, std::string_view key);
  // One-click unsubscribe: the link is the authority (no cookie, no form token).
  core::Result<Member> Unsubscribe(int64_t member_id, std::string_view key);
  // Every newsletter, and whether the address of a keyed link is on it.
  core::Result<std::vector<Choice>> ChoicesByKey(int64_t member_id, std::string_view key);
  // Joins the chosen newsletters and leaves the others, for the address of a keyed link
  // (the link proves the mailbox: no new confirmation).
  core::Result<void> ChooseByKey(int64_t member_id, std::string_view key,
                                 const std::set<std::string>& slugs);

  // The same for a signed-in reader's own address (/account).
  core::Result<std::vector<Choice>> ChoicesFor(const accounts::Actor& actor);
  core::Result<void> Choose(const accounts::Actor& actor, const std::set<std::string>& slugs);

  // Adds the readers of a CSV file (email, name, consent date; a header row is skipped)
  // as confirmed members. Editors and the operator only. Rows without a consent date are
  // refused; readers who unsubscribed or are suppressed stay out.
  core::Result<ImportReport> Import(const accounts::Actor& actor, std::string_view slug,
                                    std::string_view csv);

  // --- for editors (kArrangeSite) ---
  // Members of every newsletter after `after_id`, by id: the CSV export, page by page.
  core::Result<std::vector<Member>> ExportPage(const accounts::Actor& actor, int64_t after_id,
                                               int limit);
  core::Result<MemberStore::Counts> CountsFor(const accounts::Actor& actor, int64_t newsletter_id);
  core::Result<std::vector<MemberStore::Suppression>> Suppressions(const accounts::Actor& actor,
                                                                   const std::string& after_email,
                                                                   int limit);
  core::Result<int64_t> CountSuppressions(const accounts::Actor& actor);
  core::Result<void> Suppress(const accounts::Actor& actor, std::string_view email,
                              std::string_view note);
  core::Result<void> Unsuppress(const accounts::Actor& actor, std::string_view email);

 private:
  core::Result<std::vector<Choice>> ChoicesForEmail(const std::string& email);
  core::Result<void> ApplyChoices(const std::string& email, const std::set<std::string>& slugs,
                                  const std::string& source);

  MemberStore& members_;
  NewsletterStore& newsletters_;
  ratelimit::RateLimiter& limiter_;
  ReaderDirectory& readers_;
  const render::Templates& templates_;
  const core::Config& config_;
  const core::SecretKey& secret_;
  const core::Clock& clock_;
};

}  // namespace dateline::newsletters
