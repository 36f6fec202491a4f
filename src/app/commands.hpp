#pragma once
// The command-line verbs. Each returns the process exit code and prints its own errors.

#include <string>

#include "core/config.hpp"

namespace dateline::app {

int Serve(const core::Config& config);
int MigrateCommand(const core::Config& config);
int ArticlePublishCommand(const core::Config& config, const std::string& file);
int ArticleListCommand(const core::Config& config);
struct UserCommandArgs {
  std::string verb;  // add, list, set-role, disable, enable
  std::string email;
  std::string name;
  std::string role;
};
int UserCommand(const core::Config& config, const UserCommandArgs& args);

struct SubscriptionCommandArgs {
  std::string verb;  // grant, revoke
  std::string email;
  std::string plan;
  std::string until;  // ISO date (grant), or when gift codes expire
  int days = 0;       // gift
  int count = 1;      // gift
};
int SubscriptionCommand(const core::Config& config, const SubscriptionCommandArgs& args);

// Prints the plans on sale: code, name, price and period, Stripe price.
int PlanListCommand(const core::Config& config);

int CopyStoreCommand(const core::Config& config, const std::string& from_url,
                     const std::string& to_url, bool force);

}  // namespace dateline::app
