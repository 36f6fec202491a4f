#include "subscriptions/subscription_requests.hpp"

#include "core/enum_names.hpp"
#include "core/text.hpp"
#include "core/time_format.hpp"
#include "mail/outbox_store.hpp"
#include "subscriptions/subscription_store.hpp"

namespace dateline::subscriptions {
namespace {

constexpr ratelimit::Limit kRequestsPerReader{5, 86400};
constexpr core::EnumNames<RequestKind, 2> kKinds{
    {{{RequestKind::kSubscribe, "subscribe"}, {RequestKind::kPrint, "print"}}}};

SubscriptionRequest FromRow(const RequestRow& r, std::string email) {
  SubscriptionRequest out;
  out.id = r.id;
  out.user_id = r.user_id;
  out.email = std::move(email);
  out.kind = kKinds.Parse(r.kind).value_or(RequestKind::kSubscribe);
  out.plan_code = r.plan_code;
  out.plan_name = r.plan_name;
  out.full_name = r.full_name;
  out.postal_address = r.postal_address;
  out.account_number = r.account_number;
  out.note = r.note;
  out.status = r.status;
  out.created_at = r.created_at;
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

const char* RequestKindName(RequestKind kind) { return kKinds.Name(kind); }

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
  int64_t plan_id = 0;
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
  auto waiting = SubscriptionStore::HasPendingRequest(db_, reader.id, RequestKindName(form.kind));
  if (!waiting.ok()) return waiting.error();
  if (*waiting) {
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
    RequestRow row;
    row.user_id = reader.id;
    row.kind = RequestKindName(form.kind);
    row.full_name = req.full_name;
    row.postal_address = req.postal_address;
    row.account_number = req.account_number;
    row.note = req.note;
    row.created_at = now;
    auto id = SubscriptionStore::InsertRequest(tx, row, plan_id);
    if (!id.ok()) return id.error();
    req.id = *id;
    return mail::Outbox::Enqueue(tx, mailer_.Received(reader.email, req.full_name, what), now);
  });
  if (!saved.ok()) return saved.error();
  return req;
}

core::Result<std::vector<SubscriptionRequest>> SubscriptionRequests::WithEmails(
    const std::vector<RequestRow>& rows) {
  std::vector<int64_t> ids;
  ids.reserve(rows.size());
  for (const auto& r : rows) ids.push_back(r.user_id);
  auto users = users_.FindByIds(ids);
  if (!users.ok()) return users.error();
  std::vector<SubscriptionRequest> out;
  for (const auto& r : rows) {
    auto user = users->find(r.user_id);
    out.push_back(FromRow(r, user == users->end() ? "" : user->second.email));
  }
  return out;
}

core::Result<std::optional<SubscriptionRequest>> SubscriptionRequests::WaitingFor(int64_t user_id) {
  auto row = SubscriptionStore::PendingRequestOf(db_, user_id);
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<SubscriptionRequest>();
  auto named = WithEmails({**row});
  if (!named.ok()) return named.error();
  return std::optional<SubscriptionRequest>(std::move(named->front()));
}

core::Result<RequestPage> SubscriptionRequests::Waiting(const accounts::Actor& staff,
                                                        int64_t after_id, int limit) {
  DL_TRY(MayDecide(staff));
  RequestPage page;
  auto rows = SubscriptionStore::PendingRequests(db_, after_id, limit + 1);
  if (!rows.ok()) return rows.error();
  auto named = WithEmails(*rows);
  if (!named.ok()) return named.error();
  page.requests = std::move(named.value());
  if (static_cast<int>(page.requests.size()) > limit) {
    page.requests.resize(static_cast<size_t>(limit));
    page.next_after = page.requests.back().id;
  }
  auto total = SubscriptionStore::PendingRequestCount(db_);
  if (!total.ok()) return total.error();
  page.total = *total;
  return page;
}

core::Result<SubscriptionRequest> SubscriptionRequests::Load(int64_t request_id) {
  auto row = SubscriptionStore::Request(db_, request_id);
  if (!row.ok()) return row.error();
  if (!*row) return core::Error::NotFound("There is no such request.").ForReaders();
  auto named = WithEmails({**row});
  if (!named.ok()) return named.error();
  return std::move(named->front());
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
    auto claimed =
        SubscriptionStore::DecideRequest(tx, request_id, "approved", staff.user_id(), now, "");
    if (!claimed.ok()) return claimed.error();
    if (!*claimed) return core::Error::Conflict("That request was decided already.").ForReaders();
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
    auto claimed =
        SubscriptionStore::DecideRequest(tx, request_id, "declined", staff.user_id(), now, *why);
    if (!claimed.ok()) return claimed.error();
    if (!*claimed) return core::Error::Conflict("That request was decided already.").ForReaders();
    return mail::Outbox::Enqueue(tx, mailer_.Declined(req->email, req->full_name, *why), now);
  });
}

}  // namespace dateline::subscriptions
