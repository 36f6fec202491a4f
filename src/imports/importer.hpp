#pragma once
// Brings another system's site into Dateline: stories (HTML made Markdown), their
// authors, sections and tags, publication times and drafts, comments in their threads
// (by an account with the same email, else by name as a former reader), images from the
// old site's uploads folder into the media library, and the old addresses as redirects.
//
// Posts go in batches, one transaction each: a batch's stories, comments, redirects and
// the records of what came from where commit together. Everything is keyed by the
// source's ids, so a run stopped at any point and started again brings in only what is
// missing, and a newer export of the same site adds its new posts and comments. A dry
// run does all of it, batch by batch, and rolls every batch back: its report is exactly
// what a real run would do.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "accounts/user_store.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "imports/source.hpp"
#include "media/media_service.hpp"
#include "store/db.hpp"

namespace dateline::imports {

struct ImportOptions {
  bool dry_run = false;
  int batch_size = 100;   // posts per transaction
  std::string media_dir;  // the old site's uploads folder (wp-content/uploads), or empty
  int free_paragraphs = 2;
};

struct ImportCounts {
  int64_t created = 0;
  int64_t skipped = 0;  // there already (imported before)
  int64_t refused = 0;  // could not be used: see the notes
};

struct ImportReport {
  std::string source;
  // "stories", "comments", "authors", "sections", "tags", "redirects", "images";
  // "members", "newsletters", "memberships", "accounts", "subscriptions".
  std::map<std::string, ImportCounts> counts;
  std::vector<SourceNote> notes;                // what was refused, skipped or changed, and why
  int64_t notes_left_out = 0;                   // past the first kMaxNotes
  std::vector<std::string> images_not_fetched;  // kept as links (first kMaxNotes)
  static constexpr size_t kMaxNotes = 2000;
};

class Importer {
 public:
  // `media` may be null (no images are brought in: all stay links).
  Importer(store::Db& db, accounts::UserStore& users, media::MediaService* media,
           const core::Clock& clock)
      : db_(db), users_(users), media_(media), clock_(clock) {}

  // Reads `source` to its end. `progress` hears (bytes read, bytes in all) after each
  // batch. Fails only when the source cannot be read at all or the store fails; what is
  // wrong with single items is in the report.
  core::Result<ImportReport> Run(SourceReader& source, const ImportOptions& options,
                                 const std::function<void(int64_t, int64_t)>& progress);

 private:
  store::Db& db_;
  accounts::UserStore& users_;
  media::MediaService* media_;
  const core::Clock& clock_;
};

}  // namespace dateline::imports
