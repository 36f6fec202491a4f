#pragma once
// The one way both drivers run a transaction's body on a connection: begin, run, then
// commit (rolled back on a failure, an exception, or when `commit` is false: a read).

#include <functional>
#include <string_view>

#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::store {

template <typename Connection>
core::Result<void> RunTransactionBody(Connection& conn, std::string_view begin,
                                      const std::function<core::Result<void>(Executor&)>& body,
                                      bool commit) {
  DL_TRY(conn.ExecuteScript(begin));
  core::Result<void> result;
  try {
    result = body(conn);
  } catch (...) {
    (void)conn.ExecuteScript("ROLLBACK");
    throw;
  }
  if (!result.ok() || !commit) {
    (void)conn.ExecuteScript("ROLLBACK");
    return result;
  }
  auto committed = conn.ExecuteScript("COMMIT");
  if (!committed.ok()) {
    (void)conn.ExecuteScript("ROLLBACK");
    return committed;
  }
  return {};
}

}  // namespace dateline::store
