#include "store/db.hpp"

#include "core/text.hpp"
#include "store/listener.hpp"
#include "store/postgres/pg_db.hpp"
#include "store/postgres/pg_listener.hpp"
#include "store/sqlite/sqlite_db.hpp"

namespace dateline::store {

int64_t Row::Int(size_t i) const {
  const Value& v = values_.at(i);
  if (auto* n = std::get_if<int64_t>(&v)) return *n;
  if (auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    return core::ParseInt64(*s).value_or(0);
  }
  return 0;
}

std::optional<int64_t> Row::OptionalInt(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

double Row::Real(size_t i) const {
  const Value& v = values_.at(i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
  if (auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

std::string Row::Text(size_t i) const {
  const Value& v = values_.at(i);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return {};
}

core::Result<Row> Executor::QueryOne(std::string_view sql, const Params& params) {
  auto rows = Query(sql, params);
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return core::Error::NotFound("no row");
  return std::move(rows->front());
}

core::Result<void> Executor::Run(std::string_view sql, const Params& params) {
  auto changed = Execute(sql, params);
  if (!changed.ok()) return changed.error();
  return {};
}

core::Result<bool> Executor::ChangeOne(std::string_view sql, const Params& params) {
  auto changed = Execute(sql, params);
  if (!changed.ok()) return changed.error();
  return *changed == 1;
}

core::Result<void> Executor::Notify(std::string_view channel, std::string_view payload) {
  if (dialect() != Dialect::kPostgres) return {};
  auto r = Query("SELECT pg_notify(?, ?)", {std::string(channel), std::string(payload)});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<void> Executor::TakeTurns(std::string_view topic, int64_t id) {
  if (dialect() != Dialect::kPostgres) return {};
  // One 64-bit key per (topic, id); a collision only makes two unrelated callers wait.
  auto r = Query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
                 {std::string(topic) + ":" + std::to_string(id)});
  if (!r.ok()) return r.error();
  return {};
}

std::string_view Executor::SkipLockedClause() const {
  return dialect() == Dialect::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
}

core::Result<Row> Executor::WriteOne(std::string_view sql, const Params& params) {
  auto rows = Write(sql, params);
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return core::Error::NotFound("no row");
  return std::move(rows->front());
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

bool IsPostgresUrl(std::string_view url) {
  return url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0;
}

std::unique_ptr<ChangeListener> OpenChangeListener(const std::string& store_url,
                                                   std::vector<std::string> channels,
                                                   ChangeCallback callback) {
  if (!IsPostgresUrl(store_url)) return nullptr;
  return std::make_unique<PgListener>(store_url, std::move(channels), std::move(callback));
}

core::Result<std::unique_ptr<Db>> Open(const std::string& url, const StoreOptions& options) {
  constexpr std::string_view kSqlite = "sqlite://";
  if (url.rfind(kSqlite, 0) == 0) {
    std::string path = url.substr(kSqlite.size());
    if (path.empty()) return core::Error::InvalidArgument("store URL '" + url + "' has no path");
    auto db = SqliteDb::Open(path, 8);
    if (!db.ok()) return db.error();
    return std::unique_ptr<Db>(std::move(db.value()));
  }
  if (IsPostgresUrl(url)) {
    auto db = PgDb::Open(url, options.pool_size);
    if (!db.ok()) return db.error();
    return std::unique_ptr<Db>(std::move(db.value()));
  }
  return core::Error::InvalidArgument("store URL '" + url +
                                      "' must start with sqlite:// or postgres://");
}

}  // namespace dateline::store
