#pragma once
// Registering and removing webhook endpoints, and reading what was delivered to them:
// administrators only (kManageIntegrations), decided here.

#include <string>
#include <vector>

#include "accounts/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "webhooks/webhook_store.hpp"

namespace dateline::webhooks {

class WebhookService {
 public:
  static constexpr int kMaxEndpoints = 50;

  WebhookService(store::Db& db, const core::Clock& clock) : store_(db), clock_(clock) {}

  // An endpoint at an http(s) `url` for `events` (at least one known type). Its secret is
  // made here, and shown to the administrator with the list.
  core::Result<Endpoint> Add(const accounts::Actor& actor, const std::string& url,
                             const std::vector<std::string>& events);
  core::Result<std::vector<Endpoint>> List(const accounts::Actor& actor);
  core::Result<void> Remove(const accounts::Actor& actor, int64_t id);
  core::Result<std::vector<Delivery>> Recent(const accounts::Actor& actor, int64_t endpoint_id,
                                             int limit);

 private:
  WebhookStore store_;
  const core::Clock& clock_;
};

}  // namespace dateline::webhooks
