#include "accounts/actor.hpp"

namespace dateline::accounts {

Capabilities CapabilitiesOf(Role role) {
  using C = Capability;
  auto bits = [](std::initializer_list<C> cs) {
    uint32_t b = 0;
    for (C c : cs) b |= static_cast<uint32_t>(c);
    return Capabilities(b);
  };
  switch (role) {
    case Role::kReader:
      return Capabilities();
    case Role::kContributor:
      return bits({C::kReadEverything, C::kWriteStories, C::kUploadImages});
    case Role::kAuthor:
      return bits({C::kReadEverything, C::kCommentWithoutSubscription, C::kWriteStories,
                   C::kPublishOwnStories, C::kUploadImages});
    case Role::kModerator:
      return bits({C::kReadEverything, C::kCommentWithoutSubscription, C::kModerateComments});
    case Role::kEditor:
      return bits({C::kReadEverything, C::kCommentWithoutSubscription, C::kModerateComments,
                   C::kWriteStories, C::kPublishOwnStories, C::kEditAllStories, C::kDeleteStories,
                   C::kArrangeSite, C::kUploadImages});
    case Role::kAdmin:
      return Capabilities(~uint32_t{0});
  }
  return Capabilities();
}

Actor ActorFor(const std::optional<User>& user, std::string client_address, std::string network,
               std::string user_agent) {
  Actor a;
  a.user = user;
  if (user) {
    a.capabilities = CapabilitiesOf(user->role);
    a.rank = RoleRank(user->role);
    a.access_by_role = a.capabilities.Has(Capability::kReadEverything);
    a.digital_access = a.access_by_role;
  }
  a.client_address = std::move(client_address);
  a.network = std::move(network);
  a.user_agent = std::move(user_agent);
  return a;
}

Desk DeskOf(const Actor& actor) {
  Desk d;
  d.stories = actor.Can(Capability::kWriteStories) || actor.Can(Capability::kEditAllStories);
  d.comments = actor.Can(Capability::kModerateComments);
  d.members = actor.Can(Capability::kManageMembers);
  d.plans = actor.Can(Capability::kManagePlans);
  d.subscriptions = actor.Can(Capability::kManageSubscriptions);
  d.pages = actor.Can(Capability::kEditSitePages);
  d.settings = actor.Can(Capability::kViewSettings);
  d.structure = actor.Can(Capability::kArrangeSite);
  d.integrations = actor.Can(Capability::kManageIntegrations);
  return d;
}

Actor OperatorActor() {
  Actor a;
  a.capabilities = Capabilities(~uint32_t{0});
  a.rank = 1000;
  a.digital_access = true;
  a.client_address = "cli";
  a.user_agent = "dateline";
  return a;
}

core::Result<void> Require(const Actor& actor, Capability capability, std::string_view reader) {
  if (actor.Can(capability)) return {};
  return core::Error::PermissionDenied(std::string(reader)).ForReaders();
}

core::Result<void> MayViewSettings(const Actor& actor) {
  return Require(actor, Capability::kViewSettings, "The settings are the administrators'.");
}

core::Result<void> MayManageIntegrations(const Actor& actor) {
  return Require(actor, Capability::kManageIntegrations,
                 "API keys and webhooks are the administrators'.");
}

}  // namespace dateline::accounts
