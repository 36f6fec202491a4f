#pragma once
// What an import reads from another system's export, before it becomes Dateline's: the
// same shape whatever the source (WordPress, Ghost, Substack), so one importer writes
// them all. Text is as the source had it (HTML bodies, source ids as text); the importer
// converts and checks.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace dateline::imports {

struct SourceAuthor {
  std::string key;  // the source's id or login: what posts name their author by
  std::string name;
  std::string email;
};

struct SourceComment {
  std::string id;
  std::string parent_id;  // empty: a top-level comment
  std::string author;
  std::string email;
  std::string html;  // the text, with what little markup the source allowed
  int64_t created_at = 0;
  bool approved = true;
};

enum class SourceStatus { kPublished, kScheduled, kDraft, kReview, kPrivate };

struct SourcePost {
  std::string id;  // the source's id: an import is idempotent by it
  std::string slug;
  std::string title;
  std::string html;
  std::string excerpt;
  SourceStatus status = SourceStatus::kDraft;
  int64_t published_at = 0;  // 0: unknown
  int64_t modified_at = 0;
  std::vector<std::string> author_keys;  // in credit order
  std::string section;                   // the first category's name, or empty
  std::vector<std::string> tags;         // names
  // Who may read it in full: "free", "registered" or "subscribers" (articles::Access).
  std::string access = "free";
  std::string feature_image;  // its lead image's address, or empty
  // Where readers found it on the old site: paths, and "/?p=ID" style addresses.
  std::vector<std::string> old_addresses;
  std::vector<SourceComment> comments;
};

// A paid subscription as the payment provider (Stripe) knows it.
struct SourcePaidSubscription {
  std::string id;           // "sub_..."
  std::string customer_id;  // "cus_..."
  std::string price_id;     // "price_...": the plan it is, through [[plans]] stripe_price
  std::string status;       // Stripe's: active, trialing, past_due, canceled, unpaid...
  int64_t current_period_end = 0;
  bool cancel_at_period_end = false;
};

// A reader of the old site: an email list member, perhaps paying.
struct SourceMember {
  std::string id;
  std::string email;
  std::string name;
  int64_t created_at = 0;  // when they signed up: the consent an email list keeps
  std::vector<std::pair<std::string, std::string>> newsletters;  // (slug, name) they get
  std::vector<SourcePaidSubscription> subscriptions;
  bool complimentary = false;  // given access without paying
};

// Something the reader had to say about the file: a post it skipped (a page, an
// attachment, one in the trash) or what it could not read.
struct SourceNote {
  std::string where;  // "post 123", "line 88"
  std::string what;
};

using SourceItem = std::variant<SourceAuthor, SourcePost, SourceMember>;

// An export read one item at a time, so a site of any size passes through bounded memory.
class SourceReader {
 public:
  virtual ~SourceReader() = default;
  // The next item, nullopt at the end, or an error that stops the import (a file that
  // is not the format at all). Items that cannot be used are noted and passed over.
  virtual core::Result<std::optional<SourceItem>> Next() = 0;
  // The notes since the last call.
  virtual std::vector<SourceNote> TakeNotes() = 0;
  // What names this source in the import's records ("wordpress https://old.example"):
  // ids are unique within it.
  virtual std::string SourceName() const = 0;
  // How far through the input (bytes), of how much, for the progress bar.
  virtual int64_t BytesRead() const = 0;
  virtual int64_t BytesTotal() const = 0;
};

}  // namespace dateline::imports
