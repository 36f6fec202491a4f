#pragma once
// Substack's export (Settings > Exports: a zip; give the unzipped folder): posts.csv (one
// row per post: post_id "ID.slug", post_date, is_published, type, audience, title,
// subtitle), posts/ID.slug.html (each post's HTML), and email_list.NAME.csv (subscribers:
// email, active_subscription, plan, email_disabled, created_at).
//
// Posts come with their audience as the paywall (everyone: free; only_free: registered;
// only_paid and founding: subscribers) and /p/slug as their old address. Subscribers
// join one newsletter named after the publication, with the date they subscribed. Paid
// subscriptions live in Substack's own Stripe account and are not in the export: those
// subscribers are listed, to grant access or move with Substack's help.

#include <memory>
#include <string>

#include "imports/source.hpp"

namespace dateline::imports {

core::Result<std::unique_ptr<SourceReader>> OpenSubstackExport(const std::string& folder);

}  // namespace dateline::imports
