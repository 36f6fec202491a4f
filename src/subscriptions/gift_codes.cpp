#include "subscriptions/gift_codes.hpp"

#include "accounts/one_time_code.hpp"

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
  auto plan = db_.Query("SELECT id FROM plans WHERE code = ?", {std::string(plan_code)});
  if (!plan.ok()) return plan.error();
  if (plan->empty()) return core::Error::NotFound("no plan '" + std::string(plan_code) + "'");
  int64_t plan_id = plan->front().Int(0);
  std::vector<std::string> codes;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    for (int i = 0; i < count; ++i) {
      std::string code = accounts::GenerateCode();
      DL_TRY(
          tx.Execute("INSERT INTO gift_codes (code_hash, plan_id, days, expires_at, created_at) "
                     "VALUES (?, ?, ?, ?, ?)",
                     {Hash(code), plan_id, int64_t{days}, expires_at, now}));
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
  auto rows = db_.Query(
      "SELECT g.id, COALESCE(p.name, ''), g.days, g.expires_at, g.created_at, "
      "COALESCE(u.email, ''), COALESCE(g.redeemed_at, 0) FROM gift_codes g "
      "LEFT JOIN plans p ON p.id = g.plan_id LEFT JOIN users u ON u.id = g.redeemed_by "
      "WHERE (? = 0 OR g.id < ?) ORDER BY g.id DESC LIMIT ?",
      {before_id, before_id, int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<Issued> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Text(1), r.Int(2), r.Int(3), r.Int(4), r.Text(5), r.Int(6)});
  }
  return out;
}

core::Result<int64_t> GiftCodes::Count() {
  auto row = db_.QueryOne("SELECT COUNT(*) FROM gift_codes");
  if (!row.ok()) return row.error();
  return row->Int(0);
}

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
    auto rows = tx.Query(
        "SELECT g.id, g.plan_id, g.days FROM gift_codes g WHERE g.code_hash = ? AND "
        "g.redeemed_at IS NULL AND g.expires_at > ?",
        {Hash(*code), now});
    if (!rows.ok()) return rows.error();
    if (rows->empty()) return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
    int64_t gift_id = rows->front().Int(0), plan_id = rows->front().Int(1);
    int64_t days = rows->front().Int(2);
    // A gift adds its days after whatever access the reader holds already; a paid
    // subscription that renews has no end to add them to, so the code is kept for later.
    auto held = tx.Query(
        "SELECT provider, status, current_period_end, cancel_at_period_end FROM subscriptions "
        "WHERE user_id = ?",
        {user_id});
    if (!held.ok()) return held.error();
    int64_t start = now;
    for (const auto& h : *held) {
      auto status = ParseStatus(h.Text(1)).value_or(Status::kIncomplete);
      Subscription s;
      s.provider = h.Text(0);
      s.status = status;
      s.current_period_end = h.Int(2);
      s.cancel_at_period_end = h.Int(3) != 0;
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
    auto claimed = tx.Execute(
        "UPDATE gift_codes SET redeemed_by = ?, redeemed_at = ? WHERE id = ? AND "
        "redeemed_at IS NULL",
        {user_id, now, gift_id});
    if (!claimed.ok()) return claimed.error();
    if (*claimed != 1) return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
    int64_t end = start + days * 86400;
    DL_TRY(
        tx.Execute("DELETE FROM subscriptions WHERE user_id = ? AND provider = 'gift'", {user_id}));
    auto row = tx.WriteOne(
        "INSERT INTO subscriptions (user_id, plan_id, provider, provider_ref, status, "
        "current_period_end, created_at, updated_at) VALUES (?, ?, 'gift', ?, 'active', ?, ?, ?) "
        "RETURNING id",
        {user_id, plan_id, std::to_string(gift_id), end, now, now});
    if (!row.ok()) return row.error();
    result.id = row->Int(0);
    result.user_id = user_id;
    result.provider = "gift";
    result.status = Status::kActive;
    result.current_period_end = end;
    auto plan = tx.QueryOne("SELECT name FROM plans WHERE id = ?", {plan_id});
    if (!plan.ok()) return plan.error();
    result.plan.id = plan_id;
    result.plan.name = plan->Text(0);
    return {};
  });
  if (!status.ok()) return status.error();
  return result;
}

}  // namespace dateline::subscriptions
