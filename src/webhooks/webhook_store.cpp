#include "webhooks/webhook_store.hpp"

#include <algorithm>

namespace dateline::webhooks {
namespace {

std::string JoinEvents(const std::vector<std::string>& events) {
  std::string out;
  for (const auto& e : events) out += (out.empty() ? "" : ",") + e;
  return out;
}

std::vector<std::string> SplitEvents(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t comma = std::min(text.find(',', pos), text.size());
    if (comma > pos) out.push_back(text.substr(pos, comma - pos));
    pos = comma + 1;
  }
  return out;
}

DeliveryState StateOf(const store::Row& r, size_t delivered, size_t failed) {
  if (!r.IsNull(delivered)) return DeliveryState::kDelivered;
  if (!r.IsNull(failed)) return DeliveryState::kFailed;
  return DeliveryState::kPending;
}

}  // namespace

core::Result<void> WebhookStore::Queue(store::Executor& tx, std::string_view event_id,
                                       std::string_view type, const std::string& payload,
                                       int64_t now) {
  // An endpoint's events are kept as "a,b,c": the type matches whole between commas.
  return tx.Run(
      "INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload, created_at, "
      "next_attempt_at) SELECT id, ?, ?, ?, ?, ? FROM webhook_endpoints "
      "WHERE (',' || events || ',') LIKE ?",
      {std::string(event_id), std::string(type), payload, now, now,
       "%," + std::string(type) + ",%"});
}

core::Result<Endpoint> WebhookStore::InsertEndpoint(const Endpoint& e, int64_t created_by) {
  auto row = db_.WriteOne(
      "INSERT INTO webhook_endpoints (url, events, secret, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id",
      {e.url, JoinEvents(e.events), e.secret,
       store::OrNull(created_by ? std::optional<int64_t>(created_by) : std::nullopt),
       e.created_at});
  if (!row.ok()) return row.error();
  Endpoint out = e;
  out.id = row->Int(0);
  return out;
}

core::Result<std::vector<Endpoint>> WebhookStore::Endpoints(int limit) {
  auto rows = db_.Query(
      "SELECT id, url, events, secret, created_at FROM webhook_endpoints ORDER BY id LIMIT ?",
      {int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<Endpoint> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Text(1), SplitEvents(r.Text(2)), r.Text(3), r.Int(4)});
  }
  return out;
}

core::Result<bool> WebhookStore::DeleteEndpoint(int64_t id) {
  bool deleted = false;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(tx.Run("DELETE FROM webhook_deliveries WHERE endpoint_id = ?", {id}));
    auto gone = tx.ChangeOne("DELETE FROM webhook_endpoints WHERE id = ?", {id});
    if (!gone.ok()) return gone.error();
    deleted = *gone;
    return {};
  });
  if (!status.ok()) return status.error();
  return deleted;
}

core::Result<std::vector<Delivery>> WebhookStore::Recent(int64_t endpoint_id, int limit) {
  auto rows = db_.Query(
      "SELECT id, event_id, event_type, created_at, attempts, delivered_at, failed_at, "
      "last_status, last_error FROM webhook_deliveries WHERE endpoint_id = ? "
      "ORDER BY id DESC LIMIT ?",
      {endpoint_id, int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<Delivery> out;
  for (const auto& r : *rows) {
    Delivery d;
    d.id = r.Int(0);
    d.endpoint_id = endpoint_id;
    d.event_id = r.Text(1);
    d.type = r.Text(2);
    d.created_at = r.Int(3);
    d.attempts = r.Int(4);
    d.state = StateOf(r, 5, 6);
    d.last_status = r.Int(7);
    d.last_error = r.Text(8);
    out.push_back(std::move(d));
  }
  return out;
}

core::Result<std::vector<Delivery>> WebhookStore::Claim(int64_t now, int limit,
                                                        int64_t lease_seconds) {
  std::string claim =
      "UPDATE webhook_deliveries SET claimed_until = ?, attempts = attempts + 1 WHERE id IN ("
      "SELECT id FROM webhook_deliveries WHERE delivered_at IS NULL AND failed_at IS NULL "
      "AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?) "
      "ORDER BY id LIMIT ?";
  claim += std::string(db_.SkipLockedClause()) + ") RETURNING id";
  std::vector<Delivery> claimed;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto ids = tx.Write(claim, {now + lease_seconds, now, now, int64_t{limit}});
    if (!ids.ok()) return ids.error();
    for (const auto& id : *ids) {
      auto r = tx.QueryOne(
          "SELECT d.id, d.endpoint_id, e.url, e.secret, d.event_id, d.event_type, d.payload, "
          "d.created_at, d.attempts FROM webhook_deliveries d JOIN webhook_endpoints e "
          "ON e.id = d.endpoint_id WHERE d.id = ?",
          {id.Int(0)});
      if (!r.ok()) return r.error();
      claimed.push_back({r->Int(0), r->Int(1), r->Text(2), r->Text(3), r->Text(4), r->Text(5),
                         r->Text(6), r->Int(7), r->Int(8)});
    }
    return {};
  });
  if (!status.ok()) return status.error();
  std::sort(claimed.begin(), claimed.end(),
            [](const Delivery& a, const Delivery& b) { return a.id < b.id; });
  return claimed;
}

core::Result<void> WebhookStore::MarkDelivered(int64_t id, int64_t status, int64_t now) {
  return db_.Run(
      "UPDATE webhook_deliveries SET delivered_at = ?, claimed_until = NULL, last_status = ?, "
      "last_error = '', payload = '' WHERE id = ?",
      {now, status, id});
}

core::Result<void> WebhookStore::MarkFailed(int64_t id, int64_t status, const std::string& error,
                                            int64_t now, std::optional<int64_t> retry_at) {
  if (retry_at) {
    return db_.Run(
        "UPDATE webhook_deliveries SET next_attempt_at = ?, claimed_until = NULL, "
        "last_status = ?, last_error = ? WHERE id = ?",
        {*retry_at, status, error, id});
  }
  return db_.Run(
      "UPDATE webhook_deliveries SET failed_at = ?, claimed_until = NULL, last_status = ?, "
      "last_error = ?, payload = '' WHERE id = ?",
      {now, status, error, id});
}

core::Result<int64_t> WebhookStore::Pending() {
  auto row = db_.QueryOne(
      "SELECT COUNT(*) FROM webhook_deliveries WHERE delivered_at IS NULL AND failed_at IS NULL");
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<int64_t> WebhookStore::Prune(int64_t before) {
  return db_.Execute("DELETE FROM webhook_deliveries WHERE delivered_at < ? OR failed_at < ?",
                     {before, before});
}

}  // namespace dateline::webhooks
