// dateline article publish|list|unpublish|revisions|restore and dateline image add: the
// newsroom's verbs at the command line, for the operator or (with --as) for a named account, under
// the same rules as the browser (the article service checks them).

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "accounts/actor.hpp"
#include "accounts/email_address.hpp"
#include "app/commands.hpp"
#include "app/services.hpp"
#include "articles/front_matter.hpp"
#include "core/time_format.hpp"

namespace dateline::app {
namespace {

// Exit codes: 1 for the store or the machine, 2 for what the command was asked.
int Fail(const core::Error& error, std::string_view context = {}) {
  fmt::print(stderr, "error: {}{}{}\n", context, context.empty() ? "" : ": ",
             error.reader.empty() ? error.message : error.reader);
  return error.code == core::ErrorCode::kInternal || error.code == core::ErrorCode::kUnavailable
             ? 1
             : 2;
}

core::Result<accounts::Actor> ActorNamed(Services& s, const std::string& email) {
  if (email.empty()) return accounts::OperatorActor();
  auto normal = accounts::NormalizeEmail(email);
  if (!normal) return core::Error::InvalidArgument("--as: not an email address: " + email);
  auto record = s.users->FindByEmail(*normal);
  if (!record.ok()) return record.error();
  if (!*record) return core::Error::NotFound("--as: no account " + *normal);
  return accounts::ActorFor((*record)->user, "cli");
}

int PublishOne(Services& s, const accounts::Actor& actor, const std::string& file, bool quiet) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "error: cannot read {}\n", file);
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  // Parse before touching the store: a malformed file changes nothing.
  auto parsed = articles::ParseArticleFile(text.str());
  if (!parsed.ok()) return Fail(parsed.error(), file);
  auto imported = s.articles->Import(actor, *parsed, *s.structure);
  if (!imported.ok()) return Fail(imported.error(), file);
  const auto& a = imported->article;
  if (!quiet) {
    fmt::print("{} /articles/{} (story {}, {}, {})\n", imported->created ? "created" : "updated",
               a.slug, a.id, articles::StatusName(a.status), core::FormatIso8601(a.published_at));
  }
  return 0;
}

// Several files (an archive coming in): one after another, each on its own, stopping at
// the first refused; a progress line every few hundred when there are many.
int Publish(Services& s, const accounts::Actor& actor, const std::vector<std::string>& files) {
  bool many = files.size() > 20;
  for (size_t i = 0; i < files.size(); ++i) {
    if (int failed = PublishOne(s, actor, files[i], many); failed != 0) {
      if (many) fmt::print(stderr, "stopped after {} of {} files\n", i, files.size());
      return failed;
    }
    if (many && ((i + 1) % 500 == 0 || i + 1 == files.size())) {
      fmt::print(stderr, "published {} of {} ({}%)\n", i + 1, files.size(),
                 (i + 1) * 100 / files.size());
    }
  }
  if (many) fmt::print("published {} stories\n", files.size());
  return 0;
}

int List(Services& s, const accounts::Actor& actor, const std::string& status) {
  articles::NewsroomFilter filter;
  if (!status.empty()) {
    filter.status = articles::ParseStatus(status);
    if (!filter.status) {
      fmt::print(stderr,
                 "error: --status '{}' must be draft, review, scheduled, published or "
                 "unpublished\n",
                 status);
      return 2;
    }
  }
  fmt::print("{:<6}  {:<20}  {:<11}  {:<11}  {}\n", "ID", "PUBLISHED", "ACCESS", "STATUS",
             "SLUG / HEADLINE");
  std::string cursor;
  int64_t shown = 0;
  do {  // page by page: nothing loads the whole table
    auto page = s.articles->ListNewsroom(actor, filter, cursor, 200);
    if (!page.ok()) return Fail(page.error());
    for (const auto& a : page->items) {
      fmt::print("{:<6}  {:<20}  {:<11}  {:<11}  {}\n", a.id, core::FormatIso8601(a.published_at),
                 articles::AccessName(a.access), articles::StatusName(a.status), a.slug);
      fmt::print("{:<6}  {:<20}  {:<11}  {:<11}  {}\n", "", "", "", "", a.headline);
      ++shown;
    }
    cursor = page->next;
  } while (!cursor.empty());
  fmt::print("{} article{}\n", shown, shown == 1 ? "" : "s");
  return 0;
}

int Revisions(Services& s, const accounts::Actor& actor, const std::string& slug) {
  auto story = s.articles->OpenBySlug(actor, slug);
  if (!story.ok()) return Fail(story.error());
  fmt::print("{:<8}  {:<20}  {:<8}  {}\n", "REVISION", "SAVED", "BY", "HEADLINE");
  std::string cursor;
  do {
    auto page = s.articles->Revisions(actor, story->id, cursor, 200);
    if (!page.ok()) return Fail(page.error());
    for (const auto& r : page->items) {
      fmt::print("{:<8}  {:<20}  {:<8}  {}{}\n", r.id, core::FormatIso8601(r.created_at),
                 r.saved_by ? std::to_string(*r.saved_by) : "cli", r.text.headline,
                 r.id == story->revision_id ? "  (current)" : "");
    }
    cursor = page->next;
  } while (!cursor.empty());
  return 0;
}

// The services, and the actor a command acts as (`as`: an account's email, or empty for
// the operator); or the exit code of what went wrong.
struct Opened {
  std::unique_ptr<Services> services;
  accounts::Actor actor;
  int failed = 0;
};

Opened OpenAs(const core::Config& config, const std::string& as) {
  Opened out;
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  auto services = OpenServices(config);
  if (!services.ok()) {
    out.failed = Fail(services.error());
    return out;
  }
  out.services = std::move(*services);
  auto actor = ActorNamed(*out.services, as);
  if (!actor.ok()) {
    out.failed = Fail(actor.error());
    return out;
  }
  out.actor = std::move(*actor);
  return out;
}

}  // namespace

int ImageCommand(const core::Config& config, const ImageCommandArgs& args) {
  std::ifstream in(args.file, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "error: cannot read {}\n", args.file);
    return 2;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  Opened opened = OpenAs(config, args.as);
  if (opened.failed) return opened.failed;
  Services& s = *opened.services;
  const accounts::Actor* actor = &opened.actor;
  fmt::print(stderr, "decoding and resizing {} ({} bytes)...\n", args.file, bytes.str().size());
  auto image = s.media->Upload(*actor, bytes.str(), {args.alt, args.caption, args.credit});
  if (!image.ok()) return Fail(image.error(), args.file);
  fmt::print("image {} key {} ({} x {})\n", image->id, image->key, image->width, image->height);
  const std::string site = config.SiteUrl();
  for (int w : image->widths) {
    fmt::print("  {}{}  {}{}\n", site, image->Url(std::to_string(w) + ".webp"), site,
               image->Url(std::to_string(w) + ".jpg"));
  }
  fmt::print("  {}{}  (for sharing)\n", site, image->Url("share.jpg"));
  fmt::print("In a story: ![{}](/media/{})   As its lead image: image: {}\n", image->alt,
             image->key, image->key);
  return 0;
}

int ArticleCommand(const core::Config& config, const ArticleCommandArgs& args) {
  Opened opened = OpenAs(config, args.as);
  if (opened.failed) return opened.failed;
  Services& s = *opened.services;
  const accounts::Actor* actor = &opened.actor;
  if (args.verb == "publish") return Publish(s, *actor, args.files);
  if (args.verb == "list") return List(s, *actor, args.status);
  if (args.verb == "revisions") return Revisions(s, *actor, args.slug);
  auto story = s.articles->OpenBySlug(*actor, args.slug);
  if (!story.ok()) return Fail(story.error());
  if (args.verb == "unpublish") {
    auto moved = s.articles->Move(*actor, story->id, articles::Status::kUnpublished, std::nullopt,
                                  args.note);
    if (!moved.ok()) return Fail(moved.error());
    fmt::print("unpublished /articles/{}: readers now get 410 Gone\n", moved->slug);
    return 0;
  }
  if (args.verb == "restore") {
    auto restored = s.articles->RestoreRevision(*actor, story->id, args.revision);
    if (!restored.ok()) return Fail(restored.error());
    fmt::print("restored revision {} of /articles/{} as revision {}\n", args.revision,
               restored->slug, restored->revision_id);
    return 0;
  }
  fmt::print(stderr, "error: unknown verb {}\n", args.verb);
  return 2;
}

}  // namespace dateline::app
