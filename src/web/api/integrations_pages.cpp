#include "web/api/integrations_pages.hpp"

#include "core/text.hpp"
#include "core/time_format.hpp"
#include "http/form.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

constexpr int kKeysShown = 50;
constexpr int kDeliveriesShown = 10;

std::string DayOf(int64_t t) { return t ? core::FormatIso8601(t).substr(0, 16) : ""; }

const char* StateName(webhooks::DeliveryState s) {
  switch (s) {
    case webhooks::DeliveryState::kPending:
      return "waiting";
    case webhooks::DeliveryState::kDelivered:
      return "delivered";
    case webhooks::DeliveryState::kFailed:
      return "given up";
  }
  return "";
}

struct Shown {
  std::string made_key;     // a key just made: shown this once
  std::string made_secret;  // an endpoint's signing secret, just made
  std::string error;
  int status = 200;
  const http::Form* typed = nullptr;
};

http::Response Render(const ApiContext& ctx, const Visitor& v, int64_t before, const Shown& shown) {
  auto keys = ctx.api_keys.List(v.actor, before, kKeysShown);
  if (!keys.ok()) {
    if (keys.error().code == core::ErrorCode::kPermissionDenied) {
      return NotForYou(ctx, v, keys.error());
    }
    return ErrorPageFor(ctx, keys.error());
  }
  auto endpoints = ctx.webhooks.List(v.actor);
  if (!endpoints.ok()) return ErrorPageFor(ctx, endpoints.error());
  render::View view;
  if (!shown.error.empty()) view["error"] = shown.error;
  if (!shown.made_key.empty()) view["made_key"] = shown.made_key;
  if (!shown.made_secret.empty()) view["made_secret"] = shown.made_secret;
  view["key_count"] = std::to_string(keys->total) + (keys->total == 1 ? " key made" : " keys made");
  view["has_keys"] = !keys->items.empty();
  for (const auto& k : keys->items) {
    render::View item;
    item["id"] = std::to_string(k.id);
    item["name"] = k.name;
    item["kind"] = k.kind == accounts::ApiKeyKind::kStaff ? "Staff token" : "Content key";
    item["hint"] = "…" + k.hint;
    item["acts_as"] = k.user_email;
    item["scopes"] = accounts::ScopeList(k.scopes);
    item["created"] = DayOf(k.created_at);
    item["used"] = k.last_used_at ? DayOf(k.last_used_at) : "never";
    item["revoked"] = k.revoked_at ? DayOf(k.revoked_at) : "";
    item["in_force"] = k.revoked_at == 0;
    view["keys"].Push(std::move(item));
  }
  if (keys->next_before) {
    view["older_url"] = "/admin/integrations?before=" + std::to_string(keys->next_before);
  }
  const http::Form* f = shown.typed;
  view["name"] = f ? f->Value("name") : "";
  view["member"] = f ? f->Value("member") : "";
  view["staff_chosen"] = f && f->Value("kind") == "staff";
  for (accounts::ApiScope s : accounts::kAllScopes) {
    render::View scope;
    scope["name"] = accounts::ApiScopeName(s);
    scope["checked"] = f && f->Has(std::string("scope_") + accounts::ApiScopeName(s));
    view["scopes"].Push(std::move(scope));
  }
  for (auto type : webhooks::kEventTypes) {
    render::View event;
    event["name"] = std::string(type);
    event["checked"] = f && f->Has("event_" + std::string(type));
    view["events"].Push(std::move(event));
  }
  view["url"] = f ? f->Value("url") : "";
  view["has_endpoints"] = !endpoints->empty();
  for (const auto& e : *endpoints) {
    render::View item;
    item["id"] = std::to_string(e.id);
    item["url"] = e.url;
    std::string events;
    for (const auto& t : e.events) events += (events.empty() ? "" : ", ") + t;
    item["events"] = events;
    item["secret"] = e.secret;
    auto recent = ctx.webhooks.Recent(v.actor, e.id, kDeliveriesShown);
    if (!recent.ok()) return ErrorPageFor(ctx, recent.error());
    item["has_deliveries"] = !recent->empty();
    for (const auto& d : *recent) {
      render::View row;
      row["type"] = d.type;
      row["created"] = DayOf(d.created_at);
      row["state"] = StateName(d.state);
      row["tries"] = std::to_string(d.attempts);
      row["status"] = d.last_status ? std::to_string(d.last_status) : "";
      row["error"] = d.last_error;
      item["deliveries"].Push(std::move(row));
    }
    view["endpoints"].Push(std::move(item));
  }
  PageMeta meta;
  meta.title = "API keys and webhooks";
  return VisitorPage(ctx, v, meta, "pages/admin_integrations", std::move(view), shown.status);
}

http::Response Refused(const ApiContext& ctx, const Visitor& v, const core::Error& error,
                       const http::Form& typed) {
  if (error.code == core::ErrorCode::kPermissionDenied) return NotForYou(ctx, v, error);
  auto shown = FormErrorFor(error);
  if (!shown) return ErrorPageFor(ctx, error);
  return Render(ctx, v, 0, {"", "", shown->message, shown->status, &typed});
}

}  // namespace

http::Response IntegrationsPage(const ApiContext& ctx, const http::Request& request) {
  http::Response instead;
  auto v = SignedInVisitor(ctx, request, instead, &accounts::MayManageIntegrations);
  if (!v) return instead;
  auto query = http::Form::Parse(request.query);
  int64_t before = query.ok() ? core::ParseId(query->Value("before")) : 0;
  return Render(ctx, *v, before, {});
}

http::Response IntegrationsKeySubmit(const ApiContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/admin/integrations", false,
                             &accounts::MayManageIntegrations);
  if (!posted) return instead;
  const http::Form& f = posted->form;
  auto kind = accounts::ParseApiKeyKind(f.Value("kind"));
  uint32_t scopes = 0;
  for (accounts::ApiScope s : accounts::kAllScopes) {
    if (f.Has(std::string("scope_") + accounts::ApiScopeName(s))) {
      scopes |= static_cast<uint32_t>(s);
    }
  }
  if (!kind) {
    return Render(ctx, posted->visitor, 0,
                  {"", "", "Choose a content key or a staff token.", 400, &f});
  }
  auto made =
      ctx.api_keys.Make(posted->visitor.actor, *kind, f.Value("name"),
                        *kind == accounts::ApiKeyKind::kStaff ? scopes : 0, f.Value("member"));
  if (!made.ok()) return Refused(ctx, posted->visitor, made.error(), f);
  // Shown this once: only its fingerprint is kept.
  return Render(ctx, posted->visitor, 0, {made->secret, "", "", 200, nullptr});
}

http::Response IntegrationsKeyRevoke(const ApiContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/admin/integrations", false,
                             &accounts::MayManageIntegrations);
  if (!posted) return instead;
  auto revoked = ctx.api_keys.Revoke(posted->visitor.actor, core::ParseId(request.PathParam("id")));
  if (!revoked.ok()) return Refused(ctx, posted->visitor, revoked.error(), posted->form);
  return SeeOther("/admin/integrations");
}

http::Response IntegrationsWebhookSubmit(const ApiContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/admin/integrations", false,
                             &accounts::MayManageIntegrations);
  if (!posted) return instead;
  const http::Form& f = posted->form;
  std::vector<std::string> events;
  for (auto type : webhooks::kEventTypes) {
    if (f.Has("event_" + std::string(type))) events.emplace_back(type);
  }
  auto added =
      ctx.webhooks.Add(posted->visitor.actor, std::string(core::Trim(f.Value("url"))), events);
  if (!added.ok()) return Refused(ctx, posted->visitor, added.error(), f);
  return Render(ctx, posted->visitor, 0, {"", added->secret, "", 200, nullptr});
}

http::Response IntegrationsWebhookDelete(const ApiContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/admin/integrations", false,
                             &accounts::MayManageIntegrations);
  if (!posted) return instead;
  auto removed = ctx.webhooks.Remove(posted->visitor.actor, core::ParseId(request.PathParam("id")));
  if (!removed.ok()) return Refused(ctx, posted->visitor, removed.error(), posted->form);
  return SeeOther("/admin/integrations");
}

}  // namespace dateline::web
