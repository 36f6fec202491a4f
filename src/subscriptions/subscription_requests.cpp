#include "subscriptions/subscription_requests.hpp"

#include "core/text.hpp"
#include "core/time_format.hpp"
#include "mail/outbox.hpp"

namespace dateline::subscriptions {
namespace {

constexpr ratelimit::Limit kRequestsPerReader{5, 86400};

constexpr std::string_view kColumns =
    "r.id, r.user_id, COALESCE(u.email, ''), r.kind, COALESCE(p.code, ''), COALESCE(p.name, ''), "
    "r.full_name, r.postal_address, r.account_number, r.note, r.status, r.created_at";
constexpr std::string_view kJoins =
    " FROM subscription_requests r LEFT JOIN users u ON u.id = r.user_id "
    "LEFT JOIN plans p ON p.id = r.plan_id ";

SubscriptionRequest FromRow(const store::Row& r) {
  SubscriptionRequest out;
  out.id = r.Int(0);
  out.user_id = r.Int(1);
  out.email = r.Text(2);
  out.kind = r.Text(3) == "print" ? RequestKind::kPrint : RequestKind::kSubscribe;
  out.plan_code = r.Text(4);
  out.plan_name = r.Text(5);
  out.full_name = r.Text(6);
  out.postal_address = r.Text(7);
  out.account_number = r.Text(8);
  out.note = r.Text(9);
  out.status = r.Text(10);
  out.created_at = r.Int(11);
  return out;
}

// Text a reader typed into one field: UTF-8, within its length, no invisible characters;
// line breaks only where the field has lines (an address, a note).
core::Result<std::string> Field(std::string_view text, std::string_view label, size_t min,
                                size_t max, bool lines) {
  std::string clean(core::Trim(text));
  if (!core::IsValidUtf8(clean))
    return core::Error::InvalidArgument(std::string(label) + " must be text.").ForReaders();
  std::string checked = clean;
  if (lines) {
    for (char& c : checked) c = (c == '\n' || c == '\r') ? ' ' : c;
  }
  if (core::HasInvisibleOrControl(checked)) {
    return core::Error::InvalidArgument(std::string(label) + " has a character we cannot use.")
        .ForReaders();
  }
  size_t length = core::CodePointCount(clean);
  if (length < min) {
    return core::Error::InvalidArgument(min == 1 ? "Fill in " + core::AsciiLower(label) + "."
                                                 : std::string(label) + " is too short.")
        .ForReaders();
  }
  if (length > max) {
    return core::Error::InvalidArgument(std::string(label) + " is too long (at most " +
                                        std::to_string(max) + " characters).")
        .ForReaders();
  }
  return clean;
}

core::Result<void> MayDecide(const accounts::Actor& staff) {
  return accounts::Require(staff, accounts::Capability::kManageSubscriptions,
                           "Subscription requests are for the newsroom's administrators.");
}

}  // namespace

const char* RequestKindName(RequestKind kind) {
  return kind == RequestKind::kPrint ? "print" : "subscribe";
}

core::Result<SubscriptionRequest> SubscriptionRequests::Submit(const accounts::User& reader,
                                                               const RequestForm& form) {
  if (!reader.verified) {
    return core::Error::PermissionDenied(
               "Confirm your email address first: we will write to it about your request.")
        .ForReaders();
  }
  SubscriptionRequest req;
  req.user_id = reader.id;
  req.email = reader.email;
  req.kind = form.kind;
  auto name = Field(form.full_name, "Your full name", 1, 120, false);
  if (!name.ok()) return name.error();
  auto address = Field(form.postal_address, "The postal address", 5, 500, true);
  if (!address.ok()) return address.error();
  auto note = Field(form.note, "The note", 0, 1000, true);
  if (!note.ok()) return note.error();
  req.full_name = *name;
  req.postal_address = *address;
  req.note = *note;
  store::Value plan_id;
  if (form.kind == RequestKind::kSubscribe) {
    auto plans = subscriptions_.ActivePlans();
    if (!plans.ok()) return plans.error();
    for (const auto& p : *plans) {
      if (p.code == form.plan_code) {
        plan_id = p.id;
        req.plan_code = p.code;
        req.plan_name = p.name;
      }
    }
    if (req.plan_code.empty())
      return core::Error::InvalidArgument("Choose one of the plans.").ForReaders();
  } else {
    auto number = Field(form.account_number, "The account number", 3, 40, false);
    if (!number.ok()) return number.error();
    for (char c : *number) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != ' ' && c != '/') {
        return core::Error::InvalidArgument(
                   "The account number is letters and digits, as printed on your invoice or label.")
            .ForReaders();
      }
    }
    req.account_number = *number;
  }
  auto waiting = db_.Query(
      "SELECT id FROM subscription_requests WHERE user_id = ? AND kind = ? AND status = 'pending'",
      {reader.id, std::string(RequestKindName(form.kind))});
  if (!waiting.ok()) return waiting.error();
  if (!waiting->empty()) {
    return core::Error::AlreadyExists(
               "You have a request waiting already; we will email you when the newsroom has "
               "decided.")
        .ForReaders();
  }
  auto allowed =
      limiter_.Hit("subscription-request:" + std::to_string(reader.id), kRequestsPerReader);
  if (!allowed.ok()) return allowed.error();
  if (!*allowed)
    return core::Error::RateLimited("too many subscription requests today")
        .WithReader("Too many requests today. Try again tomorrow.");
  int64_t now = clock_.NowSeconds();
  req.status = "pending";
  req.created_at = now;
  std::string what = form.kind == RequestKind::kPrint
                         ? "digital access with your print subscription " + req.account_number
                         : req.plan_name;
  auto saved = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto row = tx.WriteOne(
        "INSERT INTO subscription_requests (user_id, kind, plan_id, full_name, postal_address, "
        "account_number, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {reader.id, std::string(RequestKindName(form.kind)), plan_id, req.full_name,
         req.postal_address, req.account_number, req.note, now});
    if (!row.ok()) return row.error();
    req.id = row->Int(0);
    return mail::Outbox::Enqueue(tx, mailer_.Received(reader.email, req.full_name, what), now);
  });
  if (!saved.ok()) return saved.error();
  return req;
}

core::Result<std::optional<SubscriptionRequest>> SubscriptionRequests::WaitingFor(int64_t user_id) {
  auto rows = db_.Query("SELECT " + std::string(kColumns) + std::string(kJoins) +
                            "WHERE r.user_id = ? AND r.status = 'pending' ORDER BY r.id LIMIT 1",
                        {user_id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<SubscriptionRequest>();
  return std::optional<SubscriptionRequest>(FromRow(rows->front()));
}

core::Result<RequestPage> SubscriptionRequests::Waiting(const accounts::Actor& staff,
                                                        int64_t after_id, int limit) {
  DL_TRY(MayDecide(staff));
  RequestPage page;
  auto rows = db_.Query("SELECT " + std::string(kColumns) + std::string(kJoins) +
                            "WHERE r.status = 'pending' AND r.id > ? ORDER BY r.id LIMIT ?",
                        {after_id, int64_t{limit + 1}});
  if (!rows.ok()) return rows.error();
  for (const auto& r : *rows) page.requests.push_back(FromRow(r));
  if (static_cast<int>(page.requests.size()) > limit) {
    page.requests.resize(static_cast<size_t>(limit));
    page.next_after = page.requests.back().id;
  }
  auto total = db_.QueryOne("SELECT COUNT(*) FROM subscription_requests WHERE status = 'pending'");
  if (!total.ok()) return total.error();
  page.total = total->Int(0);
  return page;
}

core::Result<SubscriptionRequest> SubscriptionRequests::Load(int64_t request_id) {
  auto rows = db_.Query("SELECT " + std::string(kColumns) + std::string(kJoins) + "WHERE r.id = ?",
                        {request_id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return core::Error::NotFound("There is no such request.").ForReaders();
  return FromRow(rows->front());
}

core::Result<void> SubscriptionRequests::Approve(const accounts::Actor& staff, int64_t request_id,
                                                 std::string_view plan_code, int64_t until) {
  DL_TRY(MayDecide(staff));
  auto req = Load(request_id);
  if (!req.ok()) return req.error();
  if (req->status != "pending") {
    return core::Error::Conflict("That request was decided already.").ForReaders();
  }
  int64_t now = clock_.NowSeconds();
  // One transaction: the claim (so two admins deciding at once cannot both act), the
  // subscription, and the email; all of it or none.
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto claimed = tx.Execute(
        "UPDATE subscription_requests SET status = 'approved', decided_by = ?, decided_at = ? "
        "WHERE id = ? AND status = 'pending'",
        {staff.user_id(), now, request_id});
    if (!claimed.ok()) return claimed.error();
    if (*claimed != 1)
      return core::Error::Conflict("That request was decided already.").ForReaders();
    auto granted = SubscriptionService::GrantIn(tx, req->user_id, plan_code, until, "offline", now);
    if (!granted.ok()) return granted.error();
    return mail::Outbox::Enqueue(
        tx, mailer_.Approved(req->email, req->full_name, granted->plan.name, until), now);
  });
}

core::Result<void> SubscriptionRequests::Decline(const accounts::Actor& staff, int64_t request_id,
                                                 std::string_view reason) {
  DL_TRY(MayDecide(staff));
  auto why = Field(reason, "The reason", 1, 1000, true);
  if (!why.ok()) return why.error();
  auto req = Load(request_id);
  if (!req.ok()) return req.error();
  int64_t now = clock_.NowSeconds();
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto claimed = tx.Execute(
        "UPDATE subscription_requests SET status = 'declined', decided_by = ?, decided_at = ?, "
        "decision_note = ? WHERE id = ? AND status = 'pending'",
        {staff.user_id(), now, *why, request_id});
    if (!claimed.ok()) return claimed.error();
    if (*claimed != 1)
      return core::Error::Conflict("That request was decided already.").ForReaders();
    return mail::Outbox::Enqueue(tx, mailer_.Declined(req->email, req->full_name, *why), now);
  });
}

}  // namespace dateline::subscriptions
