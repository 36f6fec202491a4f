#include "media/media_store.hpp"

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "store/content_generation.hpp"

namespace dateline::media {
namespace {

constexpr std::string_view kColumns =
    "id, image_key, width, height, alt, caption, credit, format, bytes, widths, uploaded_by, "
    "created_at";

std::string JoinWidths(const std::vector<int>& widths) {
  std::string out;
  for (int w : widths) out += (out.empty() ? "" : ",") + std::to_string(w);
  return out;
}

std::vector<int> SplitWidths(std::string_view text) {
  std::vector<int> out;
  size_t at = 0;
  while (at < text.size()) {
    size_t comma = text.find(',', at);
    if (comma == std::string_view::npos) comma = text.size();
    if (auto w = core::ParseInt64(text.substr(at, comma - at)); w && *w > 0) {
      out.push_back(static_cast<int>(*w));
    }
    at = comma + 1;
  }
  return out;
}

Image FromRow(const store::Row& r) {
  Image i;
  i.id = r.Int(0);
  i.key = r.Text(1);
  i.width = static_cast<int>(r.Int(2));
  i.height = static_cast<int>(r.Int(3));
  i.alt = r.Text(4);
  i.caption = r.Text(5);
  i.credit = r.Text(6);
  i.format = r.Text(7);
  i.bytes = r.Int(8);
  i.widths = SplitWidths(r.Text(9));
  i.uploaded_by = r.OptionalInt(10);
  i.created_at = r.Int(11);
  return i;
}

core::Result<std::optional<Image>> First(core::Result<store::Rows> rows) {
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Image>();
  return std::optional<Image>(FromRow(rows->front()));
}

std::string Select(std::string_view rest) {
  return fmt::format("SELECT {} FROM images {}", kColumns, rest);
}

// The WHERE clause for words in an image's text ('!' escapes LIKE's wildcards).
std::pair<std::string, store::Params> WordsWhere(const std::string& words) {
  std::string trimmed(core::Trim(words));
  if (trimmed.empty()) return {"", {}};
  std::string pattern = "%";
  for (char c : core::AsciiLower(trimmed)) {
    if (c == '%' || c == '_' || c == '!') pattern += '!';
    pattern += c;
  }
  pattern += '%';
  return {
      " AND (LOWER(alt) LIKE ? ESCAPE '!' OR LOWER(caption) LIKE ? ESCAPE '!' OR "
      "LOWER(credit) LIKE ? ESCAPE '!')",
      {pattern, pattern, pattern}};
}

}  // namespace

core::Result<Image> MediaStore::Insert(const Image& image, const std::vector<Variant>& variants) {
  int64_t id = 0;
  auto done = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(tx.TakeTurns("image-key", 0));
    auto existing = tx.Query("SELECT id FROM images WHERE image_key = ?", {image.key});
    if (!existing.ok()) return existing.error();
    if (!existing->empty()) {
      id = existing->front().Int(0);
      return {};
    }
    auto row = tx.WriteOne(
        "INSERT INTO images (image_key, width, height, alt, caption, credit, format, bytes, "
        "widths, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {image.key, int64_t{image.width}, int64_t{image.height}, image.alt, image.caption,
         image.credit, image.format, image.bytes, JoinWidths(image.widths),
         store::OrNull(image.uploaded_by), image.created_at});
    if (!row.ok()) return row.error();
    id = row->Int(0);
    for (const auto& v : variants) {
      DL_TRY(
          tx.Run("INSERT INTO image_variants (image_id, name, content_type, width, height, data) "
                 "VALUES (?, ?, ?, ?, ?, ?)",
                 {id, v.name, v.content_type, int64_t{v.width}, int64_t{v.height},
                  core::Base64Encode(v.bytes)}));
    }
    return {};
  });
  if (!done.ok()) return done.error();
  auto saved = FindById(id);
  if (!saved.ok()) return saved.error();
  if (!*saved) return core::Error::Internal("image vanished after insert");
  return std::move(**saved);
}

core::Result<std::optional<Image>> MediaStore::FindByKey(std::string_view key) {
  static const std::string sql = Select("WHERE image_key = ?");
  return First(db_.Query(sql, {std::string(key)}));
}

core::Result<std::optional<Image>> MediaStore::FindById(int64_t id) {
  static const std::string sql = Select("WHERE id = ?");
  return First(db_.Query(sql, {id}));
}

core::Result<std::map<std::string, Image>> MediaStore::FindByKeys(
    const std::vector<std::string>& keys) {
  std::map<std::string, Image> out;
  if (keys.empty()) return out;
  auto rows = db_.Query(Select("WHERE image_key IN (" + store::Placeholders(keys.size()) + ")"),
                        store::Params(keys.begin(), keys.end()));
  if (!rows.ok()) return rows.error();
  for (const auto& r : *rows) {
    Image i = FromRow(r);
    out[i.key] = std::move(i);
  }
  return out;
}

core::Result<std::vector<Image>> MediaStore::List(int64_t before, const std::string& words,
                                                  int limit) {
  auto [where, params] = WordsWhere(words);
  store::Params all;
  std::string sql = Select("WHERE 1 = 1");
  if (before > 0) {
    sql += " AND id < ?";
    all.emplace_back(before);
  }
  sql += where + " ORDER BY id DESC LIMIT ?";
  all.insert(all.end(), params.begin(), params.end());
  all.emplace_back(int64_t{limit});
  auto rows = db_.Query(sql, all);
  if (!rows.ok()) return rows.error();
  std::vector<Image> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

core::Result<int64_t> MediaStore::Count(const std::string& words) {
  auto [where, params] = WordsWhere(words);
  auto row = db_.QueryOne("SELECT COUNT(*) FROM images WHERE 1 = 1" + where, params);
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<Image> MediaStore::UpdateText(int64_t id, const std::string& alt,
                                           const std::string& caption, const std::string& credit) {
  auto done = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto changed = tx.ChangeOne("UPDATE images SET alt = ?, caption = ?, credit = ? WHERE id = ?",
                                {alt, caption, credit, id});
    if (!changed.ok()) return changed.error();
    if (!*changed) return core::Error::NotFound("no such image").WithReader("No such image.");
    // Pages drawing the image print its alt text and caption.
    return store::BumpContentGeneration(tx);
  });
  if (!done.ok()) return done.error();
  auto saved = FindById(id);
  if (!saved.ok()) return saved.error();
  if (!*saved) return core::Error::NotFound("no such image").WithReader("No such image.");
  return std::move(**saved);
}

core::Result<void> MediaStore::Delete(int64_t id) {
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto changed = tx.ChangeOne("DELETE FROM images WHERE id = ?", {id});
    if (!changed.ok()) return changed.error();
    if (!*changed) return core::Error::NotFound("no such image").WithReader("No such image.");
    return store::BumpContentGeneration(tx);
  });
}

core::Result<std::optional<StoredVariant>> MediaStore::FindVariant(std::string_view key,
                                                                   std::string_view name) {
  auto rows = db_.Query(
      "SELECT v.content_type, v.data FROM image_variants v JOIN images i ON i.id = v.image_id "
      "WHERE i.image_key = ? AND v.name = ?",
      {std::string(key), std::string(name)});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<StoredVariant>();
  auto bytes = core::Base64Decode(rows->front().Text(1));
  if (!bytes) return core::Error::Internal("image variant is not base64");
  return std::optional<StoredVariant>(StoredVariant{rows->front().Text(0), std::move(*bytes)});
}

}  // namespace dateline::media
