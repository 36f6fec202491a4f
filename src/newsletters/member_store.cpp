#include "newsletters/member_store.hpp"

#include <fmt/format.h>

namespace dateline::newsletters {
namespace {

constexpr std::string_view kColumns =
    "id, newsletter_id, email, name, state, source, consent_at, created_at, updated_at";

Member FromRow(const store::Row& r) {
  Member m;
  m.id = r.Int(0);
  m.newsletter_id = r.Int(1);
  m.email = r.Text(2);
  m.name = r.Text(3);
  m.state = ParseMemberState(r.Text(4)).value_or(MemberState::kPending);
  m.source = r.Text(5);
  m.consent_at = r.OptionalInt(6);
  m.created_at = r.Int(7);
  m.updated_at = r.Int(8);
  return m;
}

core::Result<std::vector<Member>> Members(store::Executor& db, std::string_view where,
                                          const store::Params& params) {
  auto rows =
      db.Query(fmt::format("SELECT {} FROM newsletter_members WHERE {}", kColumns, where), params);
  if (!rows.ok()) return rows.error();
  std::vector<Member> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace

core::Result<bool> MemberStore::RequestJoin(store::Executor& tx, int64_t newsletter_id,
                                            const std::string& email, const std::string& source,
                                            const std::string& confirm_hash, int64_t now) {
  auto existing =
      tx.Query("SELECT id, state FROM newsletter_members WHERE newsletter_id = ? AND email = ?",
               {newsletter_id, email});
  if (!existing.ok()) return existing.error();
  if (existing->empty()) {
    DL_TRY(
        tx.Run("INSERT INTO newsletter_members (newsletter_id, email, state, source, confirm_hash, "
               "created_at, updated_at) VALUES (?, ?, 'pending', ?, ?, ?, ?)",
               {newsletter_id, email, source, confirm_hash, now, now}));
    return true;
  }
  if (existing->front().Text(1) == "confirmed") return false;
  DL_TRY(
      tx.Run("UPDATE newsletter_members SET state = 'pending', confirm_hash = ?, source = ?, "
             "updated_at = ? WHERE id = ?",
             {confirm_hash, source, now, existing->front().Int(0)}));
  return true;
}

core::Result<bool> MemberStore::JoinConfirmed(store::Executor& tx, int64_t newsletter_id,
                                              const std::string& email, const std::string& name,
                                              const std::string& source, int64_t consent_at,
                                              bool over_unsubscribe, int64_t now) {
  auto existing =
      tx.Query("SELECT id, state FROM newsletter_members WHERE newsletter_id = ? AND email = ?",
               {newsletter_id, email});
  if (!existing.ok()) return existing.error();
  if (existing->empty()) {
    DL_TRY(tx.Run(
        "INSERT INTO newsletter_members (newsletter_id, email, name, state, source, consent_at, "
        "created_at, updated_at) VALUES (?, ?, ?, 'confirmed', ?, ?, ?, ?)",
        {newsletter_id, email, name, source, consent_at, now, now}));
    return true;
  }
  std::string state = existing->front().Text(1);
  if (state == "confirmed") return true;
  if (state == "unsubscribed" && !over_unsubscribe) return false;
  DL_TRY(
      tx.Run("UPDATE newsletter_members SET state = 'confirmed', confirm_hash = NULL, source = ?, "
             "consent_at = ?, updated_at = ? WHERE id = ?",
             {source, consent_at, now, existing->front().Int(0)}));
  return true;
}

core::Result<int64_t> MemberStore::Confirm(const std::string& confirm_hash, int64_t not_before,
                                           int64_t now) {
  return db_.Execute(
      "UPDATE newsletter_members SET state = 'confirmed', confirm_hash = NULL, consent_at = ?, "
      "updated_at = ? WHERE confirm_hash = ? AND state = 'pending' AND updated_at >= ?",
      {now, now, confirm_hash, not_before});
}

core::Result<std::vector<Member>> MemberStore::PendingFor(const std::string& confirm_hash,
                                                          int64_t not_before) {
  return Members(db_,
                 "confirm_hash = ? AND state = 'pending' AND updated_at >= ? ORDER BY id LIMIT " +
                     std::to_string(kMaxNewsletters),
                 {confirm_hash, not_before});
}

core::Result<std::optional<Member>> MemberStore::Find(int64_t member_id) {
  auto rows = Members(db_, "id = ?", {member_id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Member>();
  return std::optional<Member>(std::move(rows->front()));
}

core::Result<std::vector<Member>> MemberStore::ForEmail(const std::string& email) {
  // One row per newsletter at most, and newsletters are few.
  return Members(db_, "email = ? ORDER BY newsletter_id LIMIT " + std::to_string(kMaxNewsletters),
                 {email});
}

core::Result<void> MemberStore::Leave(store::Executor& tx, int64_t newsletter_id,
                                      const std::string& email, int64_t now) {
  return tx.Run(
      "UPDATE newsletter_members SET state = 'unsubscribed', confirm_hash = NULL, updated_at = ? "
      "WHERE newsletter_id = ? AND email = ? AND state <> 'unsubscribed'",
      {now, newsletter_id, email});
}

core::Result<void> MemberStore::LeaveById(int64_t member_id, int64_t now) {
  return db_.Run(
      "UPDATE newsletter_members SET state = 'unsubscribed', confirm_hash = NULL, updated_at = ? "
      "WHERE id = ? AND state <> 'unsubscribed'",
      {now, member_id});
}

core::Result<std::vector<Member>> MemberStore::PageOfAll(int64_t after_id, int limit) {
  return Members(db_, "id > ? ORDER BY id LIMIT ?", {after_id, int64_t{limit}});
}

core::Result<MemberStore::Counts> MemberStore::CountFor(int64_t newsletter_id) {
  auto rows = db_.Query(
      "SELECT state, COUNT(*) FROM newsletter_members WHERE newsletter_id = ? GROUP BY state",
      {newsletter_id});
  if (!rows.ok()) return rows.error();
  Counts c;
  for (const auto& r : *rows) {
    std::string state = r.Text(0);
    if (state == "pending") c.pending = r.Int(1);
    if (state == "confirmed") c.confirmed = r.Int(1);
    if (state == "unsubscribed") c.unsubscribed = r.Int(1);
  }
  return c;
}

core::Result<void> MemberStore::Suppress(const std::string& email, SuppressionReason reason,
                                         const std::string& detail, int64_t now) {
  // The first reason stays: a complaint after a bounce changes nothing a reader sees.
  return db_.Run(
      "INSERT INTO mail_suppressions (email, reason, detail, created_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (email) DO NOTHING",
      {email, std::string(SuppressionReasonName(reason)), detail, now});
}

core::Result<bool> MemberStore::IsSuppressed(const std::string& email) {
  return IsSuppressedIn(db_, email);
}

core::Result<bool> MemberStore::IsSuppressedIn(store::Executor& db, const std::string& email) {
  auto rows = db.Query("SELECT 1 FROM mail_suppressions WHERE email = ?", {email});
  if (!rows.ok()) return rows.error();
  return !rows->empty();
}

core::Result<std::vector<MemberStore::Suppression>> MemberStore::Suppressions(
    const std::string& after_email, int limit) {
  auto rows = db_.Query(
      "SELECT email, reason, detail, created_at FROM mail_suppressions WHERE email > ? "
      "ORDER BY email LIMIT ?",
      {after_email, int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<Suppression> out;
  for (const auto& r : *rows) {
    std::string reason = r.Text(1);
    out.push_back({r.Text(0),
                   reason == "complaint" ? SuppressionReason::kComplaint
                   : reason == "manual"  ? SuppressionReason::kManual
                                         : SuppressionReason::kBounce,
                   r.Text(2), r.Int(3)});
  }
  return out;
}

core::Result<int64_t> MemberStore::CountSuppressions() {
  auto row = db_.QueryOne("SELECT COUNT(*) FROM mail_suppressions");
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<bool> MemberStore::Unsuppress(const std::string& email) {
  auto n = db_.Execute("DELETE FROM mail_suppressions WHERE email = ?", {email});
  if (!n.ok()) return n.error();
  return *n > 0;
}

}  // namespace dateline::newsletters
