#pragma once
// The command-line verbs. Each returns the process exit code and prints its own errors.

#include <cstdint>
#include <string>
#include <vector>

#include "core/config.hpp"

namespace dateline::app {

int Serve(const core::Config& config);
int MigrateCommand(const core::Config& config);

struct ArticleCommandArgs {
  std::string verb;                // publish, list, unpublish, revisions, restore
  std::vector<std::string> files;  // publish
  std::string slug;                // unpublish, revisions, restore
  int64_t revision = 0;            // restore
  std::string status;              // list: only stories at this status
  std::string as;                  // act as this account (email); empty: as the operator
  std::string note;                // unpublish: why
};
int ArticleCommand(const core::Config& config, const ArticleCommandArgs& args);
struct ImageCommandArgs {
  std::string file;
  std::string alt;
  std::string credit;
  std::string caption;
  std::string as;
};
int ImageCommand(const core::Config& config, const ImageCommandArgs& args);
struct UserCommandArgs {
  std::string verb;  // add, list, set-role, disable, enable
  std::string email;
  std::string name;
  std::string role;
};
int UserCommand(const core::Config& config, const UserCommandArgs& args);

struct SubscriptionCommandArgs {
  std::string verb;  // grant, revoke
  std::string email;
  std::string plan;
  std::string until;  // ISO date (grant), or when gift codes expire
  int days = 0;       // gift
  int count = 1;      // gift
};
int SubscriptionCommand(const core::Config& config, const SubscriptionCommandArgs& args);

// Prints the plans on sale: code, name, price and period, Stripe price.
int PlanListCommand(const core::Config& config);
struct NewsletterCommandArgs {
  std::string verb;  // list, add, import, send, status
  std::string name;
  std::string slug;
  std::string description;
  std::string from;  // the sender's address
  bool paid = false;
  std::string file;                   // import: a CSV file, or - for standard input
  std::vector<std::string> articles;  // send: the story's slug, or a digest's (in order)
  std::string segment = "all";
  std::string at;       // send: when (ISO 8601); empty: now
  std::string subject;  // send: empty: the headline
};
int NewsletterCommand(const core::Config& config, const NewsletterCommandArgs& args);

// Backs the site up into DEST/dateline-YYYYMMDD-HHMMSS while it serves; restores such a
// folder into an empty store (see backup_commands.cpp).
// dateline import FORMAT FILE: another system's site brought in (imports/).
struct ImportCommandArgs {
  std::string format;  // wordpress, ghost, substack, dateline
  std::string file;
  std::string media;  // the old site's uploads folder, or empty
  bool dry_run = false;
  int batch = 100;
};
int ImportCommand(const core::Config& config, const ImportCommandArgs& args);
// dateline export FILE: the whole site as JSON Lines; dateline import dateline FILE reads
// one back into an empty store (export_commands.cpp).
int ExportCommand(const core::Config& config, const std::string& file);
int ImportDatelineExport(const core::Config& config, const std::string& file);

int BackupCommand(const core::Config& config, const std::string& dest);
// Checks the configuration, data folder, secret, store, clock, mail and backups; says what
// is wrong in plain words. 0 when nothing is, 1 otherwise.
int DoctorCommand(const core::Config& config);
int RestoreCommand(const core::Config& config, const std::string& src);

int CopyStoreCommand(const core::Config& config, const std::string& from_url,
                     const std::string& to_url, bool force);

}  // namespace dateline::app
