#pragma once
// What a fresh install needs before it can serve: the first admin account, the demo
// article and the comments policy. Runs at every start and only adds what is missing.

#include <optional>
#include <string>

#include "app/services.hpp"
#include "core/config.hpp"
#include "core/result.hpp"

namespace dateline::app {

struct FirstAdmin {
  std::string email;
  std::string one_time_password;  // shown once, never stored in clear
};

// Returns the admin created now, if this was the first start.
core::Result<std::optional<FirstAdmin>> PrepareFirstStart(Services& services,
                                                          const core::Config& config,
                                                          const std::string& resources_dir);

// Saves the plans the configuration names ([[plans]]): at every start, and before an
// import that links Stripe subscriptions to them by price.
core::Result<void> SaveConfiguredPlans(Services& s, const core::Config& config);

}  // namespace dateline::app
