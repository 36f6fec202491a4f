#pragma once
// The imported_items and redirects tables. Writes run inside the importer's transaction
// (one per batch), so a batch's stories, their comments and these records commit together
// or not at all: an import stopped at any point and run again picks up where it was.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::imports {

// The Dateline id an item of `source` became, if it was imported before.
core::Result<std::optional<int64_t>> FindImported(store::Executor& tx, std::string_view source,
                                                  std::string_view kind,
                                                  std::string_view source_id);
core::Result<void> RecordImported(store::Executor& tx, std::string_view source,
                                  std::string_view kind, std::string_view source_id,
                                  int64_t target_id, int64_t now);

// An old address ("/2016/08/26/slug", "/?p=123": see NormalizeAddress) that answers 301
// to `target` (a path on this site). An address already mapped keeps its first target.
core::Result<bool> AddRedirect(store::Executor& tx, std::string_view address,
                               std::string_view target, int64_t now);

// The form addresses are kept in: the path without trailing slashes (but "/"), and a
// query only when it names a WordPress post or page ("?p=123", "?page_id=7"). Empty when
// nothing of it could be an old address.
std::string NormalizeAddress(std::string_view path, std::string_view query);

// What web/ asks when no route answered.
class Redirects {
 public:
  explicit Redirects(store::Db& db) : db_(db) {}
  // Where `path` (with `query`) moved to, if an import mapped it.
  core::Result<std::optional<std::string>> Find(std::string_view path, std::string_view query);
  core::Result<int64_t> Count();

 private:
  store::Db& db_;
};

}  // namespace dateline::imports
