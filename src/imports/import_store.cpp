#include "imports/import_store.hpp"

namespace dateline::imports {

core::Result<std::optional<int64_t>> FindImported(store::Executor& tx, std::string_view source,
                                                  std::string_view kind,
                                                  std::string_view source_id) {
  auto rows = tx.Query(
      "SELECT target_id FROM imported_items WHERE source = ? AND kind = ? AND source_id = ?",
      {std::string(source), std::string(kind), std::string(source_id)});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->front().Int(0));
}

core::Result<void> RecordImported(store::Executor& tx, std::string_view source,
                                  std::string_view kind, std::string_view source_id,
                                  int64_t target_id, int64_t now) {
  return tx.Run(
      "INSERT INTO imported_items (source, kind, source_id, target_id, imported_at) VALUES "
      "(?, ?, ?, ?, ?)",
      {std::string(source), std::string(kind), std::string(source_id), target_id, now});
}

core::Result<bool> AddRedirect(store::Executor& tx, std::string_view address,
                               std::string_view target, int64_t now) {
  auto added = tx.Execute(
      "INSERT INTO redirects (address, target, created_at) VALUES (?, ?, ?) "
      "ON CONFLICT (address) DO NOTHING",
      {std::string(address), std::string(target), now});
  if (!added.ok()) return added.error();
  return *added > 0;
}

std::string NormalizeAddress(std::string_view path, std::string_view query) {
  if (path.empty() || path.front() != '/' || path.size() > 1000) return "";
  std::string out(path);
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  // Only the queries WordPress addressed posts by; the rest (tracking tags) are dropped.
  std::string_view wanted;
  size_t at = 0;
  while (at <= query.size()) {
    size_t amp = query.find('&', at);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(at, amp - at);
    if (pair.rfind("p=", 0) == 0 || pair.rfind("page_id=", 0) == 0) {
      wanted = pair;
      break;
    }
    at = amp + 1;
  }
  if (!wanted.empty()) out += "?" + std::string(wanted);
  return out;
}

core::Result<std::optional<std::string>> Redirects::Find(std::string_view path,
                                                         std::string_view query) {
  std::string address = NormalizeAddress(path, query);
  if (address.empty()) return std::optional<std::string>();
  auto rows = db_.Query("SELECT target FROM redirects WHERE address = ?", {address});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->front().Text(0));
}

core::Result<int64_t> Redirects::Count() {
  auto row = db_.QueryOne("SELECT COUNT(*) FROM redirects");
  if (!row.ok()) return row.error();
  return row->Int(0);
}

}  // namespace dateline::imports
