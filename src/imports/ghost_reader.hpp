#pragma once
// Ghost's export (Settings > Advanced > Import/Export: one JSON file mirroring its
// database tables, {"db": [{"meta": ..., "data": {...}}]}): staff users as authors, then
// each post with its authors and tags in their order (the primary tag as its section),
// its visibility as the paywall (public: free; members: registered; paid and tiers:
// subscribers), its feature image and its old address ("/slug/"). Pages are noted and
// passed over, as are internal tags ("#name"). Then, when the export carries Ghost's
// member tables (members, newsletters, members_newsletters, members_stripe_customers,
// members_stripe_customers_subscriptions), each member with the newsletters they get and
// their Stripe subscriptions.
//
// The file is parsed whole (Boost.JSON): Ghost's exports hold text, not images, and stay
// in the tens of megabytes for large sites.

#include <memory>
#include <string>

#include "imports/source.hpp"

namespace dateline::imports {

core::Result<std::unique_ptr<SourceReader>> OpenGhostExport(const std::string& path);
// From the file's text (tests, fuzzing).
core::Result<std::unique_ptr<SourceReader>> ReadGhostExport(const std::string& text);

}  // namespace dateline::imports
