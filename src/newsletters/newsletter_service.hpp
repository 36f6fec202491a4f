#pragma once
// What web/ and the CLI call for newsletters. Editors arrange them (kArrangeSite);
// everyone may read the list (it is the /newsletters page). Thread-safe.

#include <mutex>
#include <optional>
#include <vector>

#include "accounts/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "newsletters/newsletter.hpp"
#include "newsletters/newsletter_store.hpp"

namespace dateline::newsletters {

class NewsletterService {
 public:
  NewsletterService(NewsletterStore& store, const core::Clock& clock)
      : store_(store), clock_(clock) {}

  core::Result<std::vector<Newsletter>> List();
  core::Result<std::optional<Newsletter>> Find(std::string_view slug);
  // Creates (id 0) or updates; an empty slug is made from the name. The name is required;
  // the sender's address, when given, must be an email address.
  core::Result<Newsletter> Save(const accounts::Actor& actor, Newsletter newsletter);

  // The newsletter the box under every story offers: the first free one ticked by
  // default, else the first free one; nullopt when there is none. Read at most every
  // 30 seconds (it is on every story page).
  core::Result<std::optional<Newsletter>> Featured();

  static core::Result<void> MayManage(const accounts::Actor& actor);

 private:
  NewsletterStore& store_;
  const core::Clock& clock_;
  std::mutex featured_mu_;
  std::optional<Newsletter> featured_;  // GUARDED_BY(featured_mu_)
  int64_t featured_at_ = -1;            // GUARDED_BY(featured_mu_); when it was read
};

}  // namespace dateline::newsletters
