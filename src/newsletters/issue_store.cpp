#include "newsletters/issue_store.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace dateline::newsletters {
namespace {

constexpr std::string_view kColumns =
    "id, newsletter_id, article_id, subject, segment, state, send_at, message_key, recipients, "
    "created_by, created_at, queued_at, finished_at";

Issue FromRow(const store::Row& r) {
  Issue i;
  i.id = r.Int(0);
  i.newsletter_id = r.Int(1);
  i.article_id = r.Int(2);
  i.subject = r.Text(3);
  i.segment = ParseSegment(r.Text(4)).value_or(Segment::kAll);
  i.state = ParseIssueState(r.Text(5)).value_or(IssueState::kScheduled);
  i.send_at = r.Int(6);
  i.message_key = r.Text(7);
  i.recipients = r.Int(8);
  i.created_by = r.OptionalInt(9);
  i.created_at = r.Int(10);
  i.queued_at = r.OptionalInt(11);
  i.finished_at = r.OptionalInt(12);
  return i;
}

}  // namespace

core::Result<Issue> IssueStore::Create(const Issue& issue) {
  Issue saved = issue;
  auto done = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto row = tx.WriteOne(
        "INSERT INTO newsletter_issues (newsletter_id, article_id, subject, segment, state, "
        "send_at, message_key, created_by, created_at) VALUES (?, ?, ?, ?, 'scheduled', ?, ?, ?, "
        "?) RETURNING id",
        {issue.newsletter_id, issue.article_id, issue.subject,
         std::string(SegmentName(issue.segment)), issue.send_at, issue.message_key,
         store::OrNull(issue.created_by), issue.created_at});
    if (!row.ok()) return row.error();
    saved.id = row->Int(0);
    for (size_t i = 0; i < issue.more_article_ids.size(); ++i) {
      DL_TRY(tx.Run(
          "INSERT INTO newsletter_issue_stories (issue_id, position, article_id) VALUES (?, ?, ?)",
          {saved.id, static_cast<int64_t>(i + 1), issue.more_article_ids[i]}));
    }
    return {};
  });
  if (!done.ok()) return done.error();
  saved.state = IssueState::kScheduled;
  return saved;
}

core::Result<bool> IssueStore::CancelScheduled(int64_t issue_id) {
  auto n =
      db_.Execute("DELETE FROM newsletter_issues WHERE id = ? AND state = 'scheduled'", {issue_id});
  if (!n.ok()) return n.error();
  return *n > 0;
}

core::Result<std::optional<Issue>> IssueStore::Find(int64_t issue_id) {
  static const std::string sql =
      fmt::format("SELECT {} FROM newsletter_issues WHERE id = ?", kColumns);
  auto rows = db_.Query(sql, {issue_id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Issue>();
  Issue issue = FromRow(rows->front());
  auto more = db_.Query(
      "SELECT article_id FROM newsletter_issue_stories WHERE issue_id = ? ORDER BY position",
      {issue_id});
  if (!more.ok()) return more.error();
  for (const auto& r : *more) issue.more_article_ids.push_back(r.Int(0));
  return std::optional<Issue>(std::move(issue));
}

core::Result<std::vector<Issue>> IssueStore::Latest(int64_t newsletter_id, int64_t before_id,
                                                    int limit, bool sent_only) {
  std::string sql =
      fmt::format("SELECT {} FROM newsletter_issues WHERE newsletter_id = ?", kColumns);
  store::Params params{newsletter_id};
  if (before_id > 0) {
    sql += " AND id < ?";
    params.emplace_back(before_id);
  }
  if (sent_only) sql += " AND state <> 'scheduled'";
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(int64_t{limit});
  auto rows = db_.Query(sql, params);
  if (!rows.ok()) return rows.error();
  std::vector<Issue> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

core::Result<std::optional<Issue>> IssueStore::QueueNextDue(
    int64_t now, const std::function<core::Result<bool>(const Issue&)>& ready) {
  // A few due issues at a time: one whose story is not live yet waits behind the others.
  static const std::string due_sql = fmt::format(
      "SELECT {} FROM newsletter_issues WHERE state = 'scheduled' AND send_at <= ? "
      "ORDER BY send_at, id LIMIT 20",
      kColumns);
  auto due = db_.Query(due_sql, {now});
  if (!due.ok()) return due.error();
  std::optional<Issue> chosen;
  for (const auto& row : *due) {
    Issue candidate = FromRow(row);
    auto go = ready(candidate);
    if (!go.ok()) return go.error();
    if (*go) {
      chosen = std::move(candidate);
      break;
    }
  }
  if (!chosen) return std::optional<Issue>();
  std::optional<Issue> queued;
  auto done = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    Issue issue = *chosen;
    // The state guards the step: of two nodes, the second changes nothing and writes none.
    auto claimed = tx.ChangeOne(
        "UPDATE newsletter_issues SET state = 'sending', queued_at = ? WHERE id = ? AND "
        "state = 'scheduled'",
        {now, issue.id});
    if (!claimed.ok()) return claimed.error();
    if (!*claimed) return {};
    // Streamed inside the store: however many members, none of them passes through memory.
    auto written = tx.Execute(
        "INSERT INTO newsletter_deliveries (issue_id, member_id, email, state, next_attempt_at) "
        "SELECT ?, m.id, m.email, 'queued', ? FROM newsletter_members m "
        "WHERE m.newsletter_id = ? AND m.state = 'confirmed' AND NOT EXISTS "
        "(SELECT 1 FROM mail_suppressions s WHERE s.email = m.email)",
        {issue.id, now, issue.newsletter_id});
    if (!written.ok()) return written.error();
    DL_TRY(
        tx.Run("UPDATE newsletter_issues SET recipients = ? WHERE id = ?", {*written, issue.id}));
    issue.state = IssueState::kSending;
    issue.queued_at = now;
    issue.recipients = *written;
    queued = std::move(issue);
    return {};
  });
  if (!done.ok()) return done.error();
  return queued;
}

core::Result<std::vector<Delivery>> IssueStore::Claim(const std::string& node, int64_t now,
                                                      int limit, int64_t lease_seconds) {
  std::string sql =
      "UPDATE newsletter_deliveries SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1 "
      "WHERE id IN (SELECT id FROM newsletter_deliveries WHERE state = 'queued' AND "
      "next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY id LIMIT ?";
  sql += std::string(db_.SkipLockedClause()) + ")";
  sql += " RETURNING id, issue_id, member_id, email, attempts";
  std::vector<Delivery> claimed;
  auto done = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto rows = tx.Write(sql, {node, now + lease_seconds, now, now, int64_t{limit}});
    if (!rows.ok()) return rows.error();
    for (const auto& r : *rows) {
      claimed.push_back({r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Int(4)});
    }
    return {};
  });
  if (!done.ok()) return done.error();
  std::sort(claimed.begin(), claimed.end(),
            [](const Delivery& a, const Delivery& b) { return a.id < b.id; });
  return claimed;
}

core::Result<int64_t> IssueStore::ReleaseClaimsOf(const std::string& node) {
  return db_.Execute(
      "UPDATE newsletter_deliveries SET claimed_until = NULL WHERE claimed_by = ? AND "
      "state = 'queued' AND claimed_until IS NOT NULL",
      {node});
}

core::Result<void> IssueStore::Release(int64_t delivery_id, std::optional<int64_t> not_before) {
  if (not_before) {
    return db_.Run(
        "UPDATE newsletter_deliveries SET claimed_until = NULL, attempts = attempts - 1, "
        "next_attempt_at = ? WHERE id = ? AND state = 'queued'",
        {*not_before, delivery_id});
  }
  return db_.Run(
      "UPDATE newsletter_deliveries SET claimed_until = NULL, attempts = attempts - 1 "
      "WHERE id = ? AND state = 'queued'",
      {delivery_id});
}

core::Result<void> IssueStore::MarkSent(int64_t delivery_id, int64_t now) {
  return db_.InRelaxedTransaction([&](store::Executor& tx) {
    return tx.Run(
        "UPDATE newsletter_deliveries SET state = 'sent', sent_at = ?, claimed_until = NULL, "
        "last_error = '' WHERE id = ?",
        {now, delivery_id});
  });
}

core::Result<void> IssueStore::MarkSkipped(int64_t delivery_id, std::string_view reason) {
  return db_.InRelaxedTransaction([&](store::Executor& tx) {
    return tx.Run(
        "UPDATE newsletter_deliveries SET state = 'skipped', skip_reason = ?, "
        "claimed_until = NULL WHERE id = ?",
        {std::string(reason), delivery_id});
  });
}

core::Result<void> IssueStore::MarkFailed(int64_t delivery_id, const std::string& error,
                                          int64_t now, std::optional<int64_t> retry_at) {
  std::string message = error.substr(0, 500);
  if (retry_at) {
    return db_.Run(
        "UPDATE newsletter_deliveries SET next_attempt_at = ?, claimed_until = NULL, "
        "last_error = ? WHERE id = ?",
        {*retry_at, message, delivery_id});
  }
  return db_.Run(
      "UPDATE newsletter_deliveries SET state = 'failed', sent_at = ?, claimed_until = NULL, "
      "last_error = ? WHERE id = ?",
      {now, message, delivery_id});
}

core::Result<void> IssueStore::MarkBounced(int64_t delivery_id, const std::string& detail) {
  return db_.Run(
      "UPDATE newsletter_deliveries SET state = 'bounced', last_error = ? WHERE id = ? AND "
      "state IN ('sent', 'bounced')",
      {detail.substr(0, 500), delivery_id});
}

core::Result<void> IssueStore::FinishIssues(int64_t now) {
  return db_.Run(
      "UPDATE newsletter_issues SET state = 'sent', finished_at = ? WHERE state = 'sending' AND "
      "NOT EXISTS (SELECT 1 FROM newsletter_deliveries d WHERE d.issue_id = newsletter_issues.id "
      "AND d.state = 'queued')",
      {now});
}

core::Result<DeliveryCounts> IssueStore::Counts(int64_t issue_id) {
  auto rows = db_.Query(
      "SELECT state, skip_reason, COUNT(*) FROM newsletter_deliveries WHERE issue_id = ? "
      "GROUP BY state, skip_reason",
      {issue_id});
  if (!rows.ok()) return rows.error();
  DeliveryCounts c;
  for (const auto& r : *rows) {
    std::string state = r.Text(0);
    int64_t n = r.Int(2);
    if (state == "queued") c.queued += n;
    if (state == "sent") c.sent += n;
    if (state == "failed") c.failed += n;
    if (state == "bounced") c.bounced += n;
    if (state == "skipped") {
      c.skipped += n;
      if (r.Text(1) == "unsubscribed") c.unsubscribed += n;
    }
  }
  return c;
}

}  // namespace dateline::newsletters
