#pragma once
// Where accounts and subscriptions meet for the newsletters domain: the standing of a
// reader known by email (see newsletters/reader_directory.hpp).

#include <memory>

#include "accounts/user_store.hpp"
#include "newsletters/reader_directory.hpp"
#include "subscriptions/subscription_service.hpp"

namespace dateline::app {

std::unique_ptr<newsletters::ReaderDirectory> MakeReaderDirectory(
    accounts::UserStore& users, subscriptions::SubscriptionService& subscriptions);

}  // namespace dateline::app
