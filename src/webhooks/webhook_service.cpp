#include "webhooks/webhook_service.hpp"

#include "core/crypto.hpp"
#include "core/text.hpp"

namespace dateline::webhooks {
namespace {

// http or https, a host, no credentials, no spaces or controls, at most 500 characters.
bool IsDeliverableUrl(std::string_view url) {
  if (url.size() > 500 || !core::IsValidUtf8(url)) return false;
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return false;
  std::string scheme = core::AsciiLower(url.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return false;
  std::string_view rest = url.substr(scheme_end + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.empty() || authority.find('@') != std::string_view::npos) return false;
  for (unsigned char c : url) {
    if (c <= ' ' || c == 0x7f) return false;
  }
  return true;
}

}  // namespace

core::Result<Endpoint> WebhookService::Add(const accounts::Actor& actor, const std::string& url,
                                           const std::vector<std::string>& events) {
  DL_TRY(accounts::MayManageIntegrations(actor));
  if (!IsDeliverableUrl(url)) {
    return core::Error::InvalidArgument("webhook address not http(s)")
        .WithReader("Give the endpoint's full address, starting with https:// (or http://).");
  }
  Endpoint e;
  for (const auto& type : events) {
    if (!IsEventType(type)) {
      return core::Error::InvalidArgument("unknown webhook event")
          .WithReader("Choose events from the list.");
    }
    bool seen = false;
    for (const auto& have : e.events) seen = seen || have == type;
    if (!seen) e.events.push_back(type);
  }
  if (e.events.empty()) {
    return core::Error::InvalidArgument("webhook without events")
        .WithReader("Choose at least one event for the endpoint to hear.");
  }
  auto existing = store_.Endpoints(kMaxEndpoints + 1);
  if (!existing.ok()) return existing.error();
  if (static_cast<int>(existing->size()) >= kMaxEndpoints) {
    return core::Error::InvalidArgument("too many webhook endpoints")
        .WithReader("A site has at most 50 endpoints: remove one first.");
  }
  e.url = url;
  e.secret = "whsec_" + core::RandomToken(24);
  e.created_at = clock_.NowSeconds();
  return store_.InsertEndpoint(e, actor.user_id());
}

core::Result<std::vector<Endpoint>> WebhookService::List(const accounts::Actor& actor) {
  DL_TRY(accounts::MayManageIntegrations(actor));
  return store_.Endpoints(kMaxEndpoints);
}

core::Result<void> WebhookService::Remove(const accounts::Actor& actor, int64_t id) {
  DL_TRY(accounts::MayManageIntegrations(actor));
  auto gone = store_.DeleteEndpoint(id);
  if (!gone.ok()) return gone.error();
  if (!*gone) return core::Error::NotFound("no such endpoint").WithReader("No such endpoint.");
  return {};
}

core::Result<std::vector<Delivery>> WebhookService::Recent(const accounts::Actor& actor,
                                                           int64_t endpoint_id, int limit) {
  DL_TRY(accounts::MayManageIntegrations(actor));
  return store_.Recent(endpoint_id, limit);
}

}  // namespace dateline::webhooks
