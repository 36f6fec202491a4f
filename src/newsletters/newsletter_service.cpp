#include "newsletters/newsletter_service.hpp"

#include <fmt/format.h>

#include "accounts/email_address.hpp"
#include "core/field_check.hpp"
#include "core/text.hpp"

namespace dateline::newsletters {
core::Result<void> NewsletterService::MayManage(const accounts::Actor& actor) {
  return accounts::Require(actor, accounts::Capability::kArrangeSite,
                           "Only editors manage newsletters.");
}

core::Result<std::vector<Newsletter>> NewsletterService::List() { return store_.List(); }

core::Result<std::optional<Newsletter>> NewsletterService::Featured() {
  constexpr int64_t kFreshSeconds = 30;
  int64_t now = clock_.NowSeconds();
  {
    std::lock_guard lock(featured_mu_);
    if (featured_at_ >= 0 && now - featured_at_ < kFreshSeconds) return featured_;
  }
  auto all = store_.List();
  if (!all.ok()) return all.error();
  std::optional<Newsletter> chosen;
  for (const auto& n : *all) {
    if (n.paid) continue;
    if (!chosen || (n.default_on && !chosen->default_on)) chosen = n;
  }
  std::lock_guard lock(featured_mu_);
  featured_ = chosen;
  featured_at_ = now;
  return chosen;
}

core::Result<std::optional<Newsletter>> NewsletterService::Find(std::string_view slug) {
  if (!core::IsValidSlug(slug)) return std::optional<Newsletter>();
  return store_.FindBySlug(slug);
}

core::Result<Newsletter> NewsletterService::Save(const accounts::Actor& actor, Newsletter n) {
  DL_TRY(MayManage(actor));
  DL_TRY(core::CheckLineOfText("newsletter's name", n.name, kMaxNewsletterName, true));
  DL_TRY(core::CheckLineOfText("description", n.description, kMaxNewsletterDescription, false));
  DL_TRY(core::CheckLineOfText("sender's name", n.sender_name, kMaxNewsletterName, false));
  n.slug = std::string(core::Trim(n.slug));
  if (n.slug.empty()) n.slug = core::Slugify(n.name);
  if (!core::IsValidSlug(n.slug)) {
    return core::Error::InvalidArgument("bad newsletter slug")
        .WithReader("The address must be lowercase letters, digits and single dashes.");
  }
  n.sender_address = std::string(core::Trim(n.sender_address));
  if (!n.sender_address.empty()) {
    auto address = accounts::NormalizeEmail(n.sender_address);
    if (!address) {
      return core::Error::InvalidArgument("bad sender address")
          .WithReader("The sender's address is not an email address.");
    }
    n.sender_address = *address;
  }
  auto saved = store_.Save(n, clock_.NowSeconds());
  if (saved.ok()) {
    std::lock_guard lock(featured_mu_);
    featured_at_ = -1;  // this node shows the change at once
  }
  return saved;
}

}  // namespace dateline::newsletters
