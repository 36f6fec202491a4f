// Newsletters as records, on both stores: editors add and change them (others are
// refused), names and addresses are checked, a slug is one newsletter's; and the CLI's
// `newsletter add` and `newsletter list`.

#include <gtest/gtest.h>

#include "accounts/actor.hpp"
#include "newsletters/newsletter_service.hpp"
#include "store_fixture.hpp"

namespace dateline::testing {
namespace {

class NewsletterTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    store_ = std::make_unique<newsletters::NewsletterStore>(*db_);
    service_ = std::make_unique<newsletters::NewsletterService>(*store_, clock_);
  }
  static accounts::Actor As(accounts::Role role) {
    accounts::User u;
    u.id = 1;
    u.role = role;
    return accounts::ActorFor(u);
  }
  std::unique_ptr<newsletters::NewsletterStore> store_;
  std::unique_ptr<newsletters::NewsletterService> service_;
};

TEST_F(NewsletterTest, EditorsAddAndChangeNewslettersOthersAreRefused) {
  newsletters::Newsletter n;
  n.name = "The Morning Briefing";
  n.description = "What happened overnight, at seven.";
  for (auto role : {accounts::Role::kReader, accounts::Role::kAuthor}) {
    auto refused = service_->Save(As(role), n);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::kPermissionDenied);
  }
  EXPECT_TRUE(service_->List()->empty());
  auto added = service_->Save(As(accounts::Role::kEditor), n);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->slug, "the-morning-briefing");
  EXPECT_FALSE(added->paid);
  auto twice = service_->Save(As(accounts::Role::kEditor), n);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, core::ErrorCode::kAlreadyExists);
  EXPECT_NE(twice.error().reader.find("the-morning-briefing"), std::string::npos);
  // Checked: a name, plain text, an email address for the sender.
  newsletters::Newsletter bad = n;
  bad.slug = "other";
  bad.name = " ";
  EXPECT_EQ(service_->Save(As(accounts::Role::kEditor), bad).error().code,
            core::ErrorCode::kInvalidArgument);
  bad.name = "Fine";
  bad.sender_address = "not an address";
  auto no_address = service_->Save(As(accounts::Role::kEditor), bad);
  ASSERT_FALSE(no_address.ok());
  EXPECT_FALSE(no_address.error().reader.empty());
  // Changed in place, found by its slug.
  added->paid = true;
  added->sender_address = "Briefing@Example.org";
  auto changed = service_->Save(As(accounts::Role::kEditor), *added);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  auto found = service_->Find("the-morning-briefing");
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_TRUE((*found)->paid);
  EXPECT_EQ((*found)->sender_address, "briefing@example.org");
  EXPECT_FALSE(*service_->Find("../x"));
}

TEST(NewsletterCliTest, AddAndList) {
  TestSite site;
  auto added = RunDateline(site.With(
      {"newsletter", "add", "The Evening Edition", "--paid", "--from", "evening@example.org"}));
  ASSERT_EQ(added.exit_code, 0) << added.output;
  EXPECT_NE(added.output.find("added newsletter the-evening-edition"), std::string::npos);
  auto again = RunDateline(site.With({"newsletter", "add", "The Evening Edition"}));
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.output.find("already has the address"), std::string::npos) << again.output;
  auto list = RunDateline(site.With({"newsletter", "list"}));
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_NE(list.output.find("the-evening-edition"), std::string::npos);
  EXPECT_NE(list.output.find("1 newsletter"), std::string::npos) << list.output;
}

}  // namespace
}  // namespace dateline::testing
