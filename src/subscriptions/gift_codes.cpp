#include "subscriptions/gift_codes.hpp"

#include "accounts/one_time_code.hpp"
#include "subscriptions/subscription_store.hpp"

namespace dateline::subscriptions {
namespace {

constexpr std::string_view kBadCode = "That gift code is not valid, has been used, or has expired.";
constexpr ratelimit::Limit kTriesPerReader{10, 3600};
constexpr ratelimit::Limit kTriesPerAddress{30, 3600};

}  // namespace

std::string GiftCodes::Hash(std::string_view code) const {
  return core::KeyedHash(secret_, "gift-code", code);
}

core::Result<std::vector<std::string>> GiftCodes::Create(std::string_view plan_code, int days,
                                                         int64_t expires_at, int count) {
  int64_t now = clock_.NowSeconds();
  if (days < 1 || days > 3660) {
    return core::Error::InvalidArgument("A code gives from 1 to 3,660 days.").ForReaders();
  }
  if (count < 1 || count > 10000) {
    return core::Error::InvalidArgument("Make from 1 to 10,000 codes at a time.").ForReaders();
  }
  if (expires_at <= now)
    return core::Error::InvalidArgument("The expiry must be in the future.").ForReaders();
  auto plan = SubscriptionStore::PlanByCode(db_, plan_code);
  if (!plan.ok()) return plan.error();
  if (!*plan) return core::Error::NotFound("no plan '" + std::string(plan_code) + "'");
  int64_t plan_id = (*plan)->id;
  std::vector<std::string> codes;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    for (int i = 0; i < count; ++i) {
      std::string code = accounts::GenerateCode();
      DL_TRY(SubscriptionStore::InsertGift(tx, Hash(code), plan_id, days, expires_at, now));
      codes.push_back(accounts::FormatCode(code));
    }
    return {};
  });
  if (!status.ok()) return status.error();
  return codes;
}

core::Result<std::vector<std::string>> GiftCodes::CreateFor(const accounts::Actor& staff,
                                                            std::string_view plan_code, int days,
                                                            int64_t expires_at, int count) {
  DL_TRY(accounts::Require(staff, accounts::Capability::kManageSubscriptions,
                           "Gift codes are made by the newsroom's administrators."));
  if (count > 100)
    return core::Error::InvalidArgument("Make at most 100 codes at a time here.").ForReaders();
  auto made = Create(plan_code, days, expires_at, count);
  if (!made.ok() && made.error().code == core::ErrorCode::kNotFound) {
    return core::Error::InvalidArgument("Choose one of the plans.").ForReaders();
  }
  return made;
}

core::Result<std::vector<GiftCodes::Issued>> GiftCodes::ListFor(const accounts::Actor& staff,
                                                                int64_t before_id, int limit) {
  DL_TRY(accounts::Require(staff, accounts::Capability::kManageSubscriptions,
                           "Gift codes are for the newsroom's administrators."));
  auto rows = SubscriptionStore::Gifts(db_, before_id, limit);
  if (!rows.ok()) return rows.error();
  std::vector<int64_t> readers;
  for (const auto& g : *rows) {
    if (g.redeemed_by) readers.push_back(g.redeemed_by);
  }
  auto users = users_.FindByIds(readers);
  if (!users.ok()) return users.error();
  std::vector<Issued> out;
  for (const auto& g : *rows) {
    auto reader = users->find(g.redeemed_by);
    out.push_back({g.id, g.plan_name, g.days, g.expires_at, g.created_at,
                   reader == users->end() ? "" : reader->second.email, g.redeemed_at});
  }
  return out;
}

core::Result<int64_t> GiftCodes::Count() { return SubscriptionStore::GiftCount(db_); }

core::Result<Subscription> GiftCodes::Redeem(int64_t user_id, std::string_view typed,
                                             const std::string& client_ip) {
  auto reader_ok = limiter_.Hit("gift-user:" + std::to_string(user_id), kTriesPerReader);
  if (!reader_ok.ok()) return reader_ok.error();
  auto ip_ok = limiter_.Hit("gift-ip:" + client_ip, kTriesPerAddress);
  if (!ip_ok.ok()) return ip_ok.error();
  if (!*reader_ok || !*ip_ok) return core::Error::RateLimited("too many gift code attempts");
  auto code = accounts::NormalizeCode(typed);
  if (!code) return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
  int64_t now = clock_.NowSeconds();
  Subscription result;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto gift = SubscriptionStore::OpenGiftByHash(tx, Hash(*code), now);
    if (!gift.ok()) return gift.error();
    if (!*gift) return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
    int64_t gift_id = (*gift)->id, plan_id = (*gift)->plan_id, days = (*gift)->days;
    // A gift adds its days after whatever access the reader holds already; a paid
    // subscription that renews has no end to add them to, so the code is kept for later.
    auto held = SubscriptionStore::AllOf(tx, user_id);
    if (!held.ok()) return held.error();
    int64_t start = now;
    for (const auto& s : *held) {
      Status status = s.status;
      bool renews =
          KindOf(s) == Kind::kPaid && !s.cancel_at_period_end &&
          (status == Status::kActive || status == Status::kTrialing || status == Status::kPastDue);
      if (renews) {
        return core::Error::Conflict(
                   "You have a paid subscription that renews, so this code would add nothing. Keep "
                   "it "
                   "for later, or give it to someone else: it has not been used.")
            .ForReaders();
      }
      if (GrantsAccess(s, now, 0)) start = std::max(start, s.current_period_end);
    }
    auto claimed = SubscriptionStore::ClaimGift(tx, gift_id, user_id, now);
    if (!claimed.ok()) return claimed.error();
    if (!*claimed) return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
    int64_t end = start + days * 86400;
    auto id =
        SubscriptionStore::Replace(tx, user_id, plan_id, "gift", std::to_string(gift_id), end, now);
    if (!id.ok()) return id.error();
    result.id = *id;
    result.user_id = user_id;
    result.provider = "gift";
    result.status = Status::kActive;
    result.current_period_end = end;
    auto plan = SubscriptionStore::PlanById(tx, plan_id);
    if (!plan.ok()) return plan.error();
    if (!*plan) return core::Error::Internal("gift code's plan is gone");
    result.plan = **plan;
    return {};
  });
  if (!status.ok()) return status.error();
  return result;
}

}  // namespace dateline::subscriptions
