#include "app/reader_directory.hpp"

#include "accounts/actor.hpp"

namespace dateline::app {
namespace {

class AccountReaderDirectory final : public newsletters::ReaderDirectory {
 public:
  AccountReaderDirectory(accounts::UserStore& users,
                         subscriptions::SubscriptionService& subscriptions)
      : users_(users), subscriptions_(subscriptions) {}

  core::Result<newsletters::ReaderStanding> StandingOf(const std::string& email) override {
    newsletters::ReaderStanding standing;
    auto record = users_.FindByEmail(email);
    if (!record.ok()) return record.error();
    if (!*record || (*record)->user.disabled) return standing;
    standing.has_account = true;
    // Staff read everything by role; readers by a subscription that grants access now.
    accounts::Actor actor = accounts::ActorFor((*record)->user);
    if (actor.access_by_role) {
      standing.digital_access = true;
      return standing;
    }
    auto access = subscriptions_.HasDigitalAccess((*record)->user.id);
    if (!access.ok()) return access.error();
    standing.digital_access = *access;
    return standing;
  }

 private:
  accounts::UserStore& users_;
  subscriptions::SubscriptionService& subscriptions_;
};

}  // namespace

std::unique_ptr<newsletters::ReaderDirectory> MakeReaderDirectory(
    accounts::UserStore& users, subscriptions::SubscriptionService& subscriptions) {
  return std::make_unique<AccountReaderDirectory>(users, subscriptions);
}

}  // namespace dateline::app
