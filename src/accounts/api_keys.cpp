#include "accounts/api_keys.hpp"

#include "accounts/email_address.hpp"
#include "core/crypto.hpp"
#include "core/field_check.hpp"

namespace dateline::accounts {
namespace {

constexpr std::string_view kPrefix = "dlk_";
constexpr int64_t kUseMarkSeconds = 60;

core::Error NotAKey() {
  return core::Error::Unauthenticated("no API key in force")
      .WithReader("That API key is not valid: it may have been revoked.");
}

}  // namespace

const char* ApiKeyKindName(ApiKeyKind kind) {
  return kind == ApiKeyKind::kStaff ? "staff" : "content";
}

std::optional<ApiKeyKind> ParseApiKeyKind(std::string_view text) {
  if (text == "content") return ApiKeyKind::kContent;
  if (text == "staff") return ApiKeyKind::kStaff;
  return std::nullopt;
}

const char* ApiScopeName(ApiScope scope) {
  switch (scope) {
    case ApiScope::kStories:
      return "stories";
    case ApiScope::kImages:
      return "images";
    case ApiScope::kMembers:
      return "members";
  }
  return "";
}

std::string ScopeList(uint32_t scopes) {
  std::string out;
  for (ApiScope s : kAllScopes) {
    if ((scopes & static_cast<uint32_t>(s)) == 0) continue;
    if (!out.empty()) out += ',';
    out += ApiScopeName(s);
  }
  return out;
}

std::optional<uint32_t> ParseScopeList(std::string_view text) {
  uint32_t scopes = 0;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view name = text.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    bool known = false;
    for (ApiScope s : kAllScopes) {
      if (name == ApiScopeName(s)) {
        scopes |= static_cast<uint32_t>(s);
        known = true;
      }
    }
    if (!known && !name.empty()) return std::nullopt;
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return scopes;
}

Capabilities ScopeCapabilities(uint32_t scopes) {
  using C = Capability;
  uint32_t bits = 0;
  auto add = [&](std::initializer_list<C> cs) {
    for (C c : cs) bits |= static_cast<uint32_t>(c);
  };
  if (scopes & static_cast<uint32_t>(ApiScope::kStories)) {
    add({C::kWriteStories, C::kPublishOwnStories, C::kEditAllStories});
  }
  if (scopes & static_cast<uint32_t>(ApiScope::kImages)) add({C::kUploadImages});
  if (scopes & static_cast<uint32_t>(ApiScope::kMembers)) add({C::kManageMembers});
  return Capabilities(bits);
}

core::Result<MadeKey> ApiKeys::Make(const Actor& actor, ApiKeyKind kind, const std::string& name,
                                    uint32_t scopes, const std::string& member_email) {
  DL_TRY(accounts::MayManageIntegrations(actor));
  ApiKey key;
  key.kind = kind;
  key.name = name;
  DL_TRY(core::CheckLineOfText("name", key.name, 100, true));
  if (kind == ApiKeyKind::kStaff) {
    if (scopes == 0) {
      return core::Error::InvalidArgument("staff token without scopes")
          .WithReader("Choose at least one thing the token may do.");
    }
    auto email = NormalizeEmail(member_email);
    auto member =
        email ? users_.FindByEmail(*email) : core::Result<std::optional<UserRecord>>(std::nullopt);
    if (!member.ok()) return member.error();
    if (!*member || (*member)->user.disabled || (*member)->user.role == Role::kReader) {
      return core::Error::InvalidArgument("staff token for no staff member")
          .WithReader("A staff token acts for a staff member: give the address of one.");
    }
    key.user_id = (*member)->user.id;
    key.user_email = (*member)->user.email;
    key.scopes = scopes;
  }
  MadeKey made;
  made.secret = std::string(kPrefix) + core::RandomToken(24);
  key.hint = made.secret.substr(made.secret.size() - 4);
  key.created_at = clock_.NowSeconds();
  auto stored = store_.Insert(key, core::Sha256Hex(made.secret), actor.user_id());
  if (!stored.ok()) return stored.error();
  made.key = std::move(*stored);
  return made;
}

core::Result<KeyPage> ApiKeys::List(const Actor& actor, int64_t before, int limit) {
  DL_TRY(accounts::MayManageIntegrations(actor));
  auto rows = store_.Page(before, limit + 1);
  if (!rows.ok()) return rows.error();
  auto total = store_.Count();
  if (!total.ok()) return total.error();
  KeyPage page;
  page.total = *total;
  if (static_cast<int>(rows->size()) > limit) {
    rows->resize(limit);
    page.next_before = rows->back().id;
  }
  page.items = std::move(*rows);
  return page;
}

core::Result<void> ApiKeys::Revoke(const Actor& actor, int64_t id) {
  DL_TRY(accounts::MayManageIntegrations(actor));
  auto revoked = store_.Revoke(id, clock_.NowSeconds());
  if (!revoked.ok()) return revoked.error();
  if (!*revoked) {
    return core::Error::NotFound("no such key in force").WithReader("That key is already revoked.");
  }
  return {};
}

core::Result<ApiKey> ApiKeys::InForce(std::string_view secret, ApiKeyKind kind) {
  if (secret.size() > 200 || secret.substr(0, kPrefix.size()) != kPrefix) return NotAKey();
  auto found = store_.FindInForce(core::Sha256Hex(secret));
  if (!found.ok()) return found.error();
  if (!*found || (*found)->kind != kind) return NotAKey();
  int64_t now = clock_.NowSeconds();
  if ((*found)->last_used_at < now - kUseMarkSeconds) {
    DL_TRY(store_.MarkUsed((*found)->id, now, now - kUseMarkSeconds));
  }
  return std::move(**found);
}

core::Result<ApiKey> ApiKeys::ContentKey(std::string_view secret) {
  return InForce(secret, ApiKeyKind::kContent);
}

core::Result<Actor> ApiKeys::StaffActor(std::string_view secret, std::string client_address,
                                        std::string network) {
  auto key = InForce(secret, ApiKeyKind::kStaff);
  if (!key.ok()) return key.error();
  auto member = users_.FindById(key->user_id);
  if (!member.ok()) return member.error();
  if (!*member || (*member)->user.disabled || (*member)->user.role == Role::kReader) {
    return NotAKey();
  }
  Actor actor = ActorFor((*member)->user, std::move(client_address), std::move(network), "api");
  actor.capabilities = actor.capabilities.Within(ScopeCapabilities(key->scopes));
  return actor;
}

}  // namespace dateline::accounts
