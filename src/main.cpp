// dateline: the command line. Parses flags and settings, then hands over to app/.

#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "app/commands.hpp"
#include "app/logging.hpp"
#include "core/config.hpp"
#include "core/time_zone.hpp"

int main(int argc, char** argv) {
  // What Dateline writes (the store, the secret, backups, mail files) is no one else's to
  // read: group at most, never other users, whatever umask the shell had.
  ::umask(::umask(0) | 0027);
  using dateline::core::ConfigOverrides;
  CLI::App cli{"Dateline: a self-hosted news publishing server"};
  cli.require_subcommand(1);
  ConfigOverrides overrides;
  std::string config_file, listen, data_dir, store;
  auto add_store_flags = [&](CLI::App* cmd) {
    cmd->add_option("--config", config_file, "TOML configuration file (or DATELINE_CONFIG)");
    cmd->add_option("--data-dir", data_dir, "data folder (or DATELINE_DATA_DIR)");
    cmd->add_option("--store", store,
                    "store URL: sqlite:///path/to.db (or DATELINE_STORE; default "
                    "DATA_DIR/dateline.db)");
  };

  auto* serve = cli.add_subcommand("serve", "serve the site");
  add_store_flags(serve);
  serve->add_option("--listen", listen, "HOST:PORT to listen on (or DATELINE_LISTEN)");

  auto* migrate = cli.add_subcommand("migrate", "apply pending schema migrations");
  add_store_flags(migrate);

  cli.add_subcommand("version", "print the version");

  auto* article = cli.add_subcommand("article", "manage articles");
  article->require_subcommand(1);
  dateline::app::ArticleCommandArgs article_args;
  auto* publish = article->add_subcommand(
      "publish",
      "publish a Markdown file with front matter (a slug in use needs 'update: true' or 'id')");
  publish->add_option("files", article_args.files, "article files (several: one after another)")
      ->required();
  auto* list = article->add_subcommand("list", "list stories, most recently changed first");
  list->add_option("--status", article_args.status,
                   "only draft, review, scheduled, published or unpublished stories");
  auto* unpublish = article->add_subcommand("unpublish", "take a story down (readers get 410)");
  unpublish->add_option("slug", article_args.slug, "the story's slug")->required();
  unpublish->add_option("--note", article_args.note, "why, for the story's history");
  auto* revisions = article->add_subcommand("revisions", "list a story's saved revisions");
  revisions->add_option("slug", article_args.slug, "the story's slug")->required();
  auto* restore = article->add_subcommand("restore", "make an old revision the story's text");
  restore->add_option("slug", article_args.slug, "the story's slug")->required();
  restore->add_option("revision", article_args.revision, "the revision's number")->required();
  for (auto* cmd : {publish, list, unpublish, revisions, restore}) {
    cmd->add_option("--as", article_args.as,
                    "act as this account (its role's rules apply); default: the operator");
    add_store_flags(cmd);
  }

  auto* image = cli.add_subcommand("image", "manage the media library");
  image->require_subcommand(1);
  dateline::app::ImageCommandArgs image_args;
  auto* image_add = image->add_subcommand(
      "add", "upload an image: prints its key and the addresses of its sizes");
  image_add->add_option("file", image_args.file, "a JPEG, PNG or WebP file")->required();
  image_add->add_option("--alt", image_args.alt, "what the image shows (required)")->required();
  image_add->add_option("--credit", image_args.credit, "who made it");
  image_add->add_option("--caption", image_args.caption, "the caption under it");
  image_add->add_option("--as", image_args.as,
                        "act as this account (its role's rules apply); default: the operator");
  add_store_flags(image_add);

  auto* user = cli.add_subcommand("user", "manage accounts");
  user->require_subcommand(1);
  dateline::app::UserCommandArgs user_args;
  auto* user_add = user->add_subcommand("add", "add an account with a one-time password");
  user_add->add_option("email", user_args.email, "email address")->required();
  user_add->add_option("--name", user_args.name, "display name");
  user_add->add_option("--role", user_args.role,
                       "reader, contributor, author, editor, moderator or admin");
  auto* user_list = user->add_subcommand("list", "list accounts");
  auto* user_role = user->add_subcommand("set-role", "change an account's role");
  user_role->add_option("email", user_args.email, "email address")->required();
  user_role
      ->add_option("role", user_args.role,
                   "reader, contributor, author, editor, moderator or admin")
      ->required();
  auto* user_disable = user->add_subcommand("disable", "disable an account and end its sessions");
  user_disable->add_option("email", user_args.email, "email address")->required();
  auto* user_enable = user->add_subcommand("enable", "enable a disabled account");
  user_enable->add_option("email", user_args.email, "email address")->required();
  for (auto* cmd : {user_add, user_list, user_role, user_disable, user_enable}) {
    add_store_flags(cmd);
  }

  auto* subscription = cli.add_subcommand("subscription", "complimentary subscriptions");
  subscription->require_subcommand(1);
  dateline::app::SubscriptionCommandArgs sub_args;
  auto* grant = subscription->add_subcommand("grant", "give a reader a plan until a date");
  grant->add_option("email", sub_args.email, "the reader's email")->required();
  grant->add_option("--plan", sub_args.plan, "plan code, e.g. digital-monthly")->required();
  grant->add_option("--until", sub_args.until, "end date, e.g. 2027-12-31")->required();
  auto* revoke = subscription->add_subcommand("revoke", "end a reader's subscriptions now");
  revoke->add_option("email", sub_args.email, "the reader's email")->required();
  auto* gift = subscription->add_subcommand("gift", "create gift codes a reader can redeem");
  gift->add_option("--plan", sub_args.plan, "plan code")->required();
  gift->add_option("--days", sub_args.days, "days of access each code gives")->required();
  gift->add_option("--expires", sub_args.until, "last day to redeem, e.g. 2027-12-31")->required();
  gift->add_option("--count", sub_args.count, "how many codes (default 1)");
  add_store_flags(gift);
  add_store_flags(grant);
  add_store_flags(revoke);

  auto* plan = cli.add_subcommand("plan", "subscription plans");
  plan->require_subcommand(1);
  auto* plan_list = plan->add_subcommand(
      "list", "list the plans on sale, with the codes `subscription grant --plan` takes");
  add_store_flags(plan_list);

  auto* newsletter = cli.add_subcommand("newsletter", "the site's newsletters");
  newsletter->require_subcommand(1);
  dateline::app::NewsletterCommandArgs newsletter_args;
  auto* newsletter_list = newsletter->add_subcommand("list", "list the newsletters");
  auto* newsletter_add = newsletter->add_subcommand("add", "add a newsletter");
  newsletter_add->add_option("name", newsletter_args.name, "its name")->required();
  newsletter_add->add_option("--slug", newsletter_args.slug,
                             "its address (default: from the name)");
  newsletter_add->add_option("--description", newsletter_args.description, "what readers get");
  newsletter_add->add_option("--from", newsletter_args.from, "the sender's address");
  newsletter_add->add_flag("--paid", newsletter_args.paid, "only for readers with digital access");
  auto* newsletter_import = newsletter->add_subcommand(
      "import", "add readers from a CSV file (email, name, consent date)");
  newsletter_import->add_option("newsletter", newsletter_args.slug, "the newsletter's slug")
      ->required();
  newsletter_import->add_option("file", newsletter_args.file, "the CSV file, or - for stdin")
      ->required();
  auto* newsletter_send =
      newsletter->add_subcommand("send", "queue a story as an issue (the server sends it)");
  newsletter_send->add_option("newsletter", newsletter_args.slug, "the newsletter's slug")
      ->required();
  newsletter_send
      ->add_option("--article", newsletter_args.articles,
                   "the story's slug; repeat it for a digest of several")
      ->required();
  newsletter_send->add_option("--segment", newsletter_args.segment, "all, paid or free")
      ->check(CLI::IsMember({"all", "paid", "free"}));
  newsletter_send->add_option("--at", newsletter_args.at, "when (2026-12-01T07:00Z); default now");
  newsletter_send->add_option("--subject", newsletter_args.subject, "default: the headline");
  auto* newsletter_status =
      newsletter->add_subcommand("status", "members, and each recent issue's copies by state");
  newsletter_status->add_option("newsletter", newsletter_args.slug, "the newsletter's slug")
      ->required();
  auto* newsletter_bounces = newsletter->add_subcommand(
      "bounces", "read bounce and complaint reports (DSN, ARF) and suppress those addresses");
  newsletter_bounces->add_option("file", newsletter_args.file, "a mailbox or message, or -")
      ->required();
  for (auto* cmd : {newsletter_list, newsletter_add, newsletter_import, newsletter_send,
                    newsletter_status, newsletter_bounces}) {
    add_store_flags(cmd);
  }

  auto* import =
      cli.add_subcommand("import",
                         "bring in a site from WordPress, Ghost or Substack: stories, authors, "
                         "sections, tags, comments, images, the paywall, members, old "
                         "addresses");
  dateline::app::ImportCommandArgs import_args;
  import
      ->add_option("format", import_args.format,
                   "wordpress, ghost, substack, or dateline (an export of this version, into "
                   "an empty store)")
      ->required();
  import
      ->add_option("file", import_args.file,
                   "the export (WordPress: Tools > Export, XML; Ghost: Settings > Advanced > "
                   "Export, JSON; Substack: Settings > Exports, the unzipped folder)")
      ->required();
  import->add_option("--media", import_args.media,
                     "the old site's images folder (WordPress: wp-content/uploads; Ghost: "
                     "content/images): images found there go into the media library; others "
                     "stay links");
  import->add_flag("--dry-run", import_args.dry_run,
                   "do everything and roll it back: a report of what would happen");
  import->add_option("--batch", import_args.batch, "posts per transaction (default 100)")
      ->check(CLI::Range(1, 10000));
  add_store_flags(import);

  auto* export_site = cli.add_subcommand(
      "export", "write the whole site as JSON Lines (docs/EXPORT.md), while it serves");
  std::string export_file;
  export_site->add_option("file", export_file, "where to write it (mode 0600)")->required();
  add_store_flags(export_site);

  auto* doctor = cli.add_subcommand(
      "doctor", "check the configuration, store, mail, files and backups; say what is wrong");
  add_store_flags(doctor);

  auto* backup = cli.add_subcommand(
      "backup", "copy the whole site into DEST/dateline-DATE-TIME while it serves");
  std::string backup_dest;
  backup->add_option("dest", backup_dest, "the folder backups go in")->required();
  add_store_flags(backup);
  auto* restore_site =
      cli.add_subcommand("restore", "put a backup folder back into an empty store");
  std::string restore_src;
  restore_site->add_option("src", restore_src, "a folder made by dateline backup")->required();
  add_store_flags(restore_site);

  auto* copy = cli.add_subcommand("copy-store", "copy a whole site from one store to another");
  std::string copy_from, copy_to;
  bool copy_force = false;
  copy->add_option("--from", copy_from, "source store URL")->required();
  copy->add_option("--to", copy_to, "target store URL")->required();
  copy->add_flag("--force", copy_force, "replace the contents of a non-empty target");
  copy->add_option("--config", config_file, "TOML configuration file");

  CLI11_PARSE(cli, argc, argv);

  if (cli.got_subcommand("version")) {
    std::printf("dateline %s\n", DATELINE_VERSION);
    return 0;
  }
  if (!config_file.empty()) overrides.config_file = config_file;
  if (!listen.empty()) overrides.listen = listen;
  if (!data_dir.empty()) overrides.data_dir = data_dir;
  if (!store.empty()) overrides.store = store;
  auto config = dateline::core::LoadConfig(overrides, dateline::core::ProcessEnvironment());
  if (!config.ok()) {
    std::fprintf(stderr, "error: %s\n", config.error().message.c_str());
    return 2;
  }
  dateline::app::SetUpLogging(config->log_level, config->log_format);
  // Before any thread: the zone is the process's (checked when the config was read).
  if (auto zone = dateline::core::SetSiteTimeZone(config->time_zone); !zone.ok()) {
    std::fprintf(stderr, "error: %s\n", zone.error().message.c_str());
    return 2;
  }
  if (cli.got_subcommand("serve")) return dateline::app::Serve(*config);
  if (cli.got_subcommand("migrate")) return dateline::app::MigrateCommand(*config);
  for (auto* cmd : {publish, list, unpublish, revisions, restore}) {
    if (cmd->parsed()) {
      article_args.verb = cmd->get_name();
      return dateline::app::ArticleCommand(*config, article_args);
    }
  }
  if (image_add->parsed()) return dateline::app::ImageCommand(*config, image_args);
  for (auto* cmd : {user_add, user_list, user_role, user_disable, user_enable}) {
    if (cmd->parsed()) {
      user_args.verb = cmd->get_name();
      return dateline::app::UserCommand(*config, user_args);
    }
  }
  if (grant->parsed() || revoke->parsed() || gift->parsed()) {
    sub_args.verb = grant->parsed() ? "grant" : revoke->parsed() ? "revoke" : "gift";
    return dateline::app::SubscriptionCommand(*config, sub_args);
  }
  if (plan_list->parsed()) return dateline::app::PlanListCommand(*config);
  for (auto* cmd : {newsletter_list, newsletter_add, newsletter_import, newsletter_send,
                    newsletter_status, newsletter_bounces}) {
    if (cmd->parsed()) {
      newsletter_args.verb = cmd->get_name();
      return dateline::app::NewsletterCommand(*config, newsletter_args);
    }
  }
  if (doctor->parsed()) return dateline::app::DoctorCommand(*config);
  if (export_site->parsed()) return dateline::app::ExportCommand(*config, export_file);
  if (import->parsed()) return dateline::app::ImportCommand(*config, import_args);
  if (backup->parsed()) return dateline::app::BackupCommand(*config, backup_dest);
  if (restore_site->parsed()) return dateline::app::RestoreCommand(*config, restore_src);
  if (copy->parsed()) {
    return dateline::app::CopyStoreCommand(*config, copy_from, copy_to, copy_force);
  }
  return 1;
}
