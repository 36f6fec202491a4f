// Who may do what is decided in the domain services, from the actor's capabilities: a
// matrix of every role (and anonymous, and the operator) against every staff action that
// used to be checked only in a page handler, on both stores.

#include <gtest/gtest.h>

#include "accounts/actor.hpp"
#include "pages/site_page.hpp"
#include "ratelimit/rate_limiter.hpp"
#include "store_fixture.hpp"
#include "subscriptions/gift_codes.hpp"
#include "subscriptions/subscription_requests.hpp"
#include "subscriptions/subscription_service.hpp"

namespace dateline::testing {
namespace {

using accounts::Actor;
using accounts::Role;

class NoMail final : public subscriptions::RequestMailer {
 public:
  mail::Message Received(const std::string& to, const std::string&,
                         const std::string&) const override {
    return {to, "received", "", "", {}};
  }
  mail::Message Approved(const std::string& to, const std::string&, const std::string&,
                         int64_t) const override {
    return {to, "approved", "", "", {}};
  }
  mail::Message Declined(const std::string& to, const std::string&,
                         const std::string&) const override {
    return {to, "declined", "", "", {}};
  }
};

class PermissionsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    subscriptions_ = std::make_unique<subscriptions::SubscriptionService>(*db_, clock_, 0);
    ASSERT_TRUE(subscriptions_
                    ->SavePlan(accounts::OperatorActor(),
                               {0, "monthly", "Monthly", "", 900, "USD", "month", ""})
                    .ok());
    ASSERT_TRUE(db_->Execute("INSERT INTO users (email, display_name, password_hash, "
                             "email_verified_at, created_at, updated_at) VALUES "
                             "('member@example.org', 'Member', 'x', 1, 1, 1)")
                    .ok());
  }
  static Actor As(std::optional<Role> role) {
    if (!role) return accounts::ActorFor(std::nullopt);
    accounts::User u;
    u.id = 99;
    u.role = *role;
    u.verified = true;
    return accounts::ActorFor(u);
  }
  std::unique_ptr<subscriptions::SubscriptionService> subscriptions_;
};

TEST_F(PermissionsTest, StaffActionsAreDecidedInTheServicesForEveryRole) {
  pages::SitePages pages(*db_);
  ratelimit::RateLimiter limiter(*db_, clock_);
  core::SecretKey secret{};
  accounts::UserStore users(*db_);
  subscriptions::GiftCodes gifts(*db_, limiter, secret, clock_, users);
  NoMail mailer;
  subscriptions::SubscriptionRequests requests(*db_, *subscriptions_, limiter, mailer, clock_,
                                               users);
  int64_t member = db_->QueryOne("SELECT id FROM users")->Int(0);
  int64_t until = clock_.NowSeconds() + 86400;
  struct Who {
    const char* name;
    std::optional<Role> role;
    bool admin;
  } people[] = {{"anonymous", std::nullopt, false}, {"reader", Role::kReader, false},
                {"author", Role::kAuthor, false},   {"moderator", Role::kModerator, false},
                {"editor", Role::kEditor, false},   {"admin", Role::kAdmin, true}};
  for (const auto& who : people) {
    Actor actor = As(who.role);
    auto allowed = [&](const core::Result<void>& r) {
      EXPECT_TRUE(r.ok() || r.error().code != core::ErrorCode::kPermissionDenied || !who.admin)
          << who.name;
      return r.ok() || r.error().code != core::ErrorCode::kPermissionDenied;
    };
    auto status = [](const auto& r) -> core::Result<void> {
      if (r.ok()) return {};
      return r.error();
    };
    EXPECT_EQ(allowed(status(subscriptions_->Grant(actor, member, "monthly", until))), who.admin)
        << who.name << " grants";
    EXPECT_EQ(allowed(status(subscriptions_->Revoke(actor, member))), who.admin)
        << who.name << " revokes";
    EXPECT_EQ(allowed(status(subscriptions_->SavePlan(
                  actor, {0, "student", "Student", "", 450, "USD", "month", ""}))),
              who.admin)
        << who.name << " saves a plan";
    EXPECT_EQ(allowed(subscriptions_->SetPlanActive(actor, "student", true)), who.admin)
        << who.name << " withdraws a plan";
    EXPECT_EQ(allowed(pages.Save(actor, {"comments-policy", "Why", "Because.", 1})), who.admin)
        << who.name << " edits a page";
    EXPECT_EQ(allowed(status(gifts.CreateFor(actor, "monthly", 30, until, 1))), who.admin)
        << who.name << " makes gift codes";
    EXPECT_EQ(allowed(status(gifts.ListFor(actor, 0, 10))), who.admin)
        << who.name << " lists gift codes";
    EXPECT_EQ(allowed(status(requests.Waiting(actor, 0, 10))), who.admin)
        << who.name << " sees the requests";
    EXPECT_EQ(allowed(requests.Decline(actor, 12345, "No.")), who.admin)
        << who.name << " declines a request";
  }
  // The operator at the command line may do all of it.
  Actor op = accounts::OperatorActor();
  EXPECT_TRUE(subscriptions_->Grant(op, member, "monthly", until).ok());
  EXPECT_TRUE(pages.Save(op, {"comments-policy", "Why", "Because.", 1}).ok());
}

TEST_F(PermissionsTest, RolesBecomeCapabilitiesInOnePlace) {
  using accounts::Capability;
  auto can = [](Role r, Capability c) { return accounts::CapabilitiesOf(r).Has(c); };
  EXPECT_FALSE(can(Role::kReader, Capability::kReadEverything));
  EXPECT_TRUE(can(Role::kAuthor, Capability::kReadEverything));
  EXPECT_FALSE(can(Role::kAuthor, Capability::kModerateComments));
  EXPECT_TRUE(can(Role::kModerator, Capability::kModerateComments));
  EXPECT_TRUE(can(Role::kEditor, Capability::kModerateComments));
  EXPECT_FALSE(can(Role::kEditor, Capability::kManageMembers));
  for (Capability c : {Capability::kManageMembers, Capability::kManagePlans,
                       Capability::kManageSubscriptions, Capability::kEditSitePages}) {
    EXPECT_TRUE(can(Role::kAdmin, c));
    EXPECT_FALSE(can(Role::kModerator, c));
  }
  EXPECT_TRUE(As(Role::kEditor).digital_access) << "staff read by role";
  EXPECT_FALSE(As(Role::kReader).digital_access);
  EXPECT_FALSE(As(std::nullopt).signed_in());
}

}  // namespace
}  // namespace dateline::testing
