#include "newsletters/newsletter_store.hpp"

#include <fmt/format.h>

namespace dateline::newsletters {
namespace {

constexpr std::string_view kColumns =
    "id, slug, name, description, sender_name, sender_address, paid, default_on, created_at";

Newsletter FromRow(const store::Row& r) {
  Newsletter n;
  n.id = r.Int(0);
  n.slug = r.Text(1);
  n.name = r.Text(2);
  n.description = r.Text(3);
  n.sender_name = r.Text(4);
  n.sender_address = r.Text(5);
  n.paid = r.Int(6) != 0;
  n.default_on = r.Int(7) != 0;
  n.created_at = r.Int(8);
  return n;
}

}  // namespace

core::Result<std::vector<Newsletter>> NewsletterStore::List() {
  static const std::string sql = fmt::format(
      "SELECT {} FROM newsletters ORDER BY name, id LIMIT {}", kColumns, kMaxNewsletters);
  auto rows = db_.Query(sql);
  if (!rows.ok()) return rows.error();
  std::vector<Newsletter> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

core::Result<std::optional<Newsletter>> NewsletterStore::FindBySlug(std::string_view slug) {
  static const std::string sql = fmt::format("SELECT {} FROM newsletters WHERE slug = ?", kColumns);
  auto rows = db_.Query(sql, {std::string(slug)});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Newsletter>();
  return std::optional<Newsletter>(FromRow(rows->front()));
}

core::Result<Newsletter> NewsletterStore::Save(const Newsletter& n, int64_t now) {
  int64_t id = n.id;
  auto done = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    if (n.id == 0) {
      auto count = tx.QueryOne("SELECT COUNT(*) FROM newsletters");
      if (!count.ok()) return count.error();
      if (count->Int(0) >= kMaxNewsletters) {
        return core::Error::InvalidArgument("too many newsletters")
            .WithReader(fmt::format("A site has at most {} newsletters.", kMaxNewsletters));
      }
      auto row = tx.WriteOne(
          "INSERT INTO newsletters (slug, name, description, sender_name, sender_address, paid, "
          "default_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {n.slug, n.name, n.description, n.sender_name, n.sender_address, int64_t{n.paid},
           int64_t{n.default_on}, now});
      if (!row.ok()) return row.error();
      id = row->Int(0);
      return {};
    }
    auto changed = tx.ChangeOne(
        "UPDATE newsletters SET slug = ?, name = ?, description = ?, sender_name = ?, "
        "sender_address = ?, paid = ?, default_on = ? WHERE id = ?",
        {n.slug, n.name, n.description, n.sender_name, n.sender_address, int64_t{n.paid},
         int64_t{n.default_on}, n.id});
    if (!changed.ok()) return changed.error();
    if (!*changed)
      return core::Error::NotFound("no such newsletter").WithReader("No such newsletter.");
    return {};
  });
  if (!done.ok()) {
    if (done.error().code == core::ErrorCode::kAlreadyExists) {
      return core::Error::AlreadyExists("newsletter slug taken")
          .WithReader(fmt::format("Another newsletter already has the address “{}”.", n.slug));
    }
    return done.error();
  }
  Newsletter saved = n;
  saved.id = id;
  if (n.id == 0) saved.created_at = now;
  return saved;
}

core::Result<int64_t> EnsureNewsletter(store::Executor& tx, const std::string& slug,
                                       const std::string& name, int64_t now) {
  auto found = tx.Query("SELECT id FROM newsletters WHERE slug = ?", {slug});
  if (!found.ok()) return found.error();
  if (!found->empty()) return found->front().Int(0);
  auto count = tx.QueryOne("SELECT COUNT(*) FROM newsletters");
  if (!count.ok()) return count.error();
  if (count->Int(0) >= kMaxNewsletters) {
    return core::Error::InvalidArgument(
        fmt::format("a site has at most {} newsletters", kMaxNewsletters));
  }
  auto row =
      tx.WriteOne("INSERT INTO newsletters (slug, name, created_at) VALUES (?, ?, ?) RETURNING id",
                  {slug, name, now});
  if (!row.ok()) return row.error();
  return row->Int(0);
}

}  // namespace dateline::newsletters
