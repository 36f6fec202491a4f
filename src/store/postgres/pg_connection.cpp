#include "store/postgres/pg_connection.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <cstdlib>

#include "core/text.hpp"
#include "store/postgres/placeholders.hpp"

namespace dateline::store {
namespace {

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700,
              kFloat8 = 701, kNumeric = 1700;

Value ToValue(const PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col)) return nullptr;
  const char* text = PQgetvalue(r, row, col);
  switch (PQftype(r, col)) {
    case kInt2:
    case kInt4:
    case kInt8:
    case kOid:
      return static_cast<int64_t>(std::strtoll(text, nullptr, 10));
    case kFloat4:
    case kFloat8:
      return std::strtod(text, nullptr);
    case kNumeric:
      if (std::string_view(text).find_first_of(".eE") == std::string_view::npos) {
        return static_cast<int64_t>(std::strtoll(text, nullptr, 10));
      }
      return std::strtod(text, nullptr);
    case kBool:
      return int64_t{text[0] == 't' ? 1 : 0};
    default:
      return std::string(text, static_cast<size_t>(PQgetlength(r, row, col)));
  }
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// Server notices ("relation already exists, skipping") are chatter, not errors.
void LogNotice(void*, const char* message) { spdlog::debug("postgres: {}", core::Trim(message)); }

}  // namespace

std::string DescribePgTarget(pg_conn* conn) {
  const char* host = PQhost(conn);
  const char* port = PQport(conn);
  return fmt::format("{}:{}", host && *host ? host : "localhost", port && *port ? port : "5432");
}

core::Result<std::unique_ptr<PgConnection>> PgConnection::Connect(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (!conn) return core::Error::Unavailable("PostgreSQL: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message(core::Trim(PQerrorMessage(conn)));
    std::string where = DescribePgTarget(conn);
    PQfinish(conn);
    return core::Error::Unavailable(
        fmt::format("cannot connect to PostgreSQL at {}: {}", where, message));
  }
  PQsetClientEncoding(conn, "UTF8");
  PQsetNoticeProcessor(conn, LogNotice, nullptr);
  std::unique_ptr<PgConnection> c(new PgConnection(conn));
  // Times are epoch integers; keep the session free of locale surprises.
  DL_TRY(c->ExecuteScript("SET TIME ZONE 'UTC'"));
  return c;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

core::Result<void> PgConnection::Reset() {
  statements_.clear();
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) {
    return core::Error::Unavailable(fmt::format("cannot reconnect to PostgreSQL at {}: {}",
                                                DescribePgTarget(conn_),
                                                core::Trim(PQerrorMessage(conn_))));
  }
  PQsetClientEncoding(conn_, "UTF8");
  return ExecuteScript("SET TIME ZONE 'UTC'");
}

core::Error PgConnection::ErrorFrom(pg_result* result, std::string_view what) const {
  std::string message(core::Trim(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_)));
  if (message.empty()) message = core::Trim(PQerrorMessage(conn_));
  std::string text = fmt::format("postgres: {}: {}", what, message);
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string_view code = state ? state : "";
  if (PQstatus(conn_) != CONNECTION_OK || code.rfind("08", 0) == 0 || code.rfind("57P", 0) == 0) {
    return core::Error::Unavailable(std::move(text));  // connection lost or server stopping
  }
  if (code == "23505") return core::Error::AlreadyExists(std::move(text));
  if (code.rfind("23", 0) == 0) return core::Error::Conflict(std::move(text));
  if (code == "40001" || code == "40P01") return core::Error::Unavailable(std::move(text));
  return core::Error::Internal(std::move(text));
}

core::Result<Rows> PgConnection::Run(std::string_view sql, const Params& params, int64_t* changed) {
  std::string key(sql);
  auto it = statements_.find(key);
  if (it == statements_.end()) {
    std::string name = "dl" + std::to_string(statements_.size() + 1);
    ResultPtr prepared(PQprepare(conn_, name.c_str(), NumberPlaceholders(sql).c_str(), 0, nullptr));
    if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
      return ErrorFrom(prepared.get(), "prepare");
    }
    it = statements_.emplace(std::move(key), std::move(name)).first;
  }
  std::vector<std::string> storage(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  for (size_t i = 0; i < params.size(); ++i) {
    const Value& v = params[i];
    if (auto* n = std::get_if<int64_t>(&v)) {
      storage[i] = std::to_string(*n);
    } else if (auto* d = std::get_if<double>(&v)) {
      storage[i] = fmt::format("{}", *d);
    } else if (auto* s = std::get_if<std::string>(&v)) {
      storage[i] = *s;
    } else {
      continue;  // NULL
    }
    values[i] = storage[i].c_str();
  }
  ResultPtr result(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()),
                                  values.data(), nullptr, nullptr, 0));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    auto error = ErrorFrom(result.get(), "query");
    // A statement the server no longer knows (after a reconnect elsewhere) is prepared
    // afresh next time.
    if (error.code == core::ErrorCode::kUnavailable) statements_.clear();
    return error;
  }
  if (changed) {
    const char* tuples = PQcmdTuples(result.get());
    *changed = tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0;
  }
  Rows rows;
  int n = PQntuples(result.get()), cols = PQnfields(result.get());
  rows.reserve(static_cast<size_t>(n));
  for (int r = 0; r < n; ++r) {
    std::vector<Value> values_out;
    values_out.reserve(static_cast<size_t>(cols));
    for (int c = 0; c < cols; ++c) values_out.push_back(ToValue(result.get(), r, c));
    rows.emplace_back(std::move(values_out));
  }
  return rows;
}

core::Result<Rows> PgConnection::Query(std::string_view sql, const Params& params) {
  return Run(sql, params, nullptr);
}

core::Result<int64_t> PgConnection::Execute(std::string_view sql, const Params& params) {
  int64_t changed = 0;
  auto rows = Run(sql, params, &changed);
  if (!rows.ok()) return rows.error();
  return changed;
}

core::Result<void> PgConnection::ExecuteScript(std::string_view sql) {
  std::string text(sql);
  ResultPtr result(PQexec(conn_, text.c_str()));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return ErrorFrom(result.get(), "script");
  }
  return {};
}

}  // namespace dateline::store
