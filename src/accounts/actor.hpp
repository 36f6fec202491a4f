#pragma once
// Who is acting: resolved once per request by web/ (from the session cookie and the
// client address) and once per command by the CLI (for a named user), then handed to every
// domain service that acts for someone. The services decide what the actor may do, from
// the capabilities here; nothing above them looks at roles.

#include <cstdint>
#include <optional>
#include <string>

#include "accounts/user.hpp"
#include "core/result.hpp"

namespace dateline::accounts {

// What a role allows. Roles become capabilities here and nowhere else.
enum class Capability : uint32_t {
  kReadEverything = 1u << 0,  // every article in full, whatever its access level
  kCommentWithoutSubscription = 1u << 1,
  kModerateComments = 1u << 2,  // the queue, picks, suspensions, rules, closing
  kManageMembers = 1u << 3,     // complimentary subscriptions, roles
  kManagePlans = 1u << 4,
  kManageSubscriptions = 1u << 5,  // offline requests, gift codes
  kEditSitePages = 1u << 6,        // the comments policy and other pages
  kWriteStories = 1u << 7,         // drafts of one's own, submitted for review
  kPublishOwnStories = 1u << 8,    // publish, schedule and edit one's own stories
  kEditAllStories = 1u << 9,       // anyone's stories: edit, publish, unpublish, correct
  kDeleteStories = 1u << 10,       // move stories to the trash and back
  kViewSettings = 1u << 11,        // the site's configuration, as this node runs it
  kArrangeSite = 1u << 12,         // sections, tags, authors, the front page's order, the media
  kManageIntegrations = 1u << 13,  // API keys and tokens, webhooks
  kUploadImages = 1u << 14,        // add images to the media library
};

class Capabilities {
 public:
  Capabilities() = default;
  explicit Capabilities(uint32_t bits) : bits_(bits) {}
  bool Has(Capability c) const { return (bits_ & static_cast<uint32_t>(c)) != 0; }
  bool Any() const { return bits_ != 0; }
  // What both allow: a token's scopes narrow its owner's role, never widen it.
  Capabilities Within(Capabilities limit) const { return Capabilities(bits_ & limit.bits_); }

 private:
  uint32_t bits_ = 0;
};

// The one mapping of roles to capabilities:
//   reader       nothing beyond their own account
//   contributor  writes drafts of their own and submits them for review; reads everything
//   author       + publishes and edits their own stories; comments without a subscription
//   moderator    reads everything, comments without a subscription, moderates comments
//   editor       + every story: edits, publishes, unpublishes, corrects, deletes; arranges
//                the site (sections, tags, authors, the front page)
//   admin        everything, members and settings included
Capabilities CapabilitiesOf(Role role);

struct Actor {
  std::optional<User> user;  // unset: an anonymous visitor
  Capabilities capabilities;
  int rank = 0;                 // RoleRank: who may act against whom
  bool digital_access = false;  // by role, or by a subscription (filled by web/ or the CLI)
  bool access_by_role = false;  // reads everything as staff, subscription or not
  std::string client_address;   // the client (behind trusted proxies), for limits and logs
  std::string network;          // what per-address limits count (an IPv6 client's /64)
  std::string user_agent;

  bool signed_in() const { return user.has_value(); }
  int64_t user_id() const { return user ? user->id : 0; }
  bool Can(Capability c) const { return capabilities.Has(c); }
};

// An actor for `user` (or an anonymous one), with the capabilities of its role. Digital
// access by subscription is the caller's to add (it is the subscriptions domain's answer).
Actor ActorFor(const std::optional<User>& user, std::string client_address = {},
               std::string network = {}, std::string user_agent = {});

// The operator at the command line (`dateline user`, `subscription`, first start): every
// capability, as the one who runs the server.
Actor OperatorActor();

// Which of the newsroom's sections the actor may open: what /admin links to, and whether
// the masthead shows the way there. Each section's service checks again on every action.
struct Desk {
  bool stories = false;        // write or edit stories
  bool comments = false;       // moderation
  bool members = false;        // members and roles
  bool plans = false;          // plans on sale
  bool subscriptions = false;  // offline requests and gift codes
  bool pages = false;          // the site's own pages
  bool settings = false;       // the configuration this node runs with
  bool structure = false;      // sections, tags, authors, the front page
  bool integrations = false;   // API keys, staff tokens, webhooks
  bool any() const {
    return stories || comments || members || plans || subscriptions || pages || settings ||
           structure || integrations;
  }
};
Desk DeskOf(const Actor& actor);

// Who may read the site's settings page (kViewSettings): nothing, or kPermissionDenied.
core::Result<void> MayViewSettings(const Actor& actor);

// Who may make API keys and webhooks (kManageIntegrations): nothing, or kPermissionDenied.
core::Result<void> MayManageIntegrations(const Actor& actor);

// kPermissionDenied, with `reader` as the sentence shown, unless the actor can.
core::Result<void> Require(const Actor& actor, Capability capability, std::string_view reader);

}  // namespace dateline::accounts
