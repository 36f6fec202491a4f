#include "imports/importer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "accounts/actor.hpp"
#include "accounts/email_address.hpp"
#include "articles/article_service.hpp"
#include "articles/article_store.hpp"
#include "articles/search_store.hpp"
#include "articles/structure_store.hpp"
#include "comments/comment.hpp"
#include "comments/comment_store.hpp"
#include "core/text.hpp"
#include "imports/html_to_markdown.hpp"
#include "imports/import_store.hpp"
#include "newsletters/member_store.hpp"
#include "newsletters/newsletter_store.hpp"
#include "subscriptions/provider_sync.hpp"
#include "subscriptions/subscription.hpp"

namespace dateline::imports {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kMaxImageBytes = 20 * 1024 * 1024;

// A post made ready outside the transaction (its HTML converted, its images uploaded).
struct PreparedPost {
  SourcePost post;
  std::string markdown;
  std::vector<std::string> notes;
  bool known = false;      // imported by an earlier run
  std::string lead_image;  // the media library's key for the post's feature image
  // Comment authors' accounts here, by the email they gave.
  std::map<std::string, int64_t> accounts;
};

// Text from the source fit for one line of a story: tags gone, controls gone, trimmed, cut
// at `limit` bytes on a character boundary.
std::string PlainLine(std::string_view html, size_t limit) {
  std::string text = HtmlToText(html);
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\t') ? ' ' : c;
  out = std::string(core::Trim(out));
  if (out.size() > limit) {
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

// The uploads folder's file for an image address ("https://old/wp-content/uploads/2016/08/
// a.jpg" -> DIR/2016/08/a.jpg; Ghost's "/content/images/2023/05/b.jpg" -> DIR/2023/05/b.jpg),
// if it is there.
std::optional<fs::path> LocalFileFor(const std::string& media_dir, std::string_view src) {
  if (media_dir.empty()) return std::nullopt;
  // WordPress keeps them under /wp-content/uploads/, Ghost under /content/images/.
  size_t at = src.find("/uploads/");
  size_t skip = 9;
  if (at == std::string_view::npos) {
    at = src.find("/content/images/");
    skip = 16;
  }
  std::string_view rest = at == std::string_view::npos ? src : src.substr(at + skip);
  if (at == std::string_view::npos) {
    size_t slash = src.rfind('/');
    rest = slash == std::string_view::npos ? src : src.substr(slash + 1);
  }
  size_t query = rest.find_first_of("?#");
  if (query != std::string_view::npos) rest = rest.substr(0, query);
  std::string relative(rest);
  if (relative.empty() || relative.find("..") != std::string::npos) return std::nullopt;
  fs::path path = fs::path(media_dir) / relative;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  return path;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

articles::Status StatusFor(const SourcePost& p, int64_t now, std::vector<std::string>& notes) {
  switch (p.status) {
    case SourceStatus::kPublished:
    case SourceStatus::kScheduled:  // its time decides: a scheduled post past it is published
      return p.published_at > now ? articles::Status::kScheduled : articles::Status::kPublished;
    case SourceStatus::kReview:
      return articles::Status::kReview;
    case SourceStatus::kPrivate:
      notes.push_back("a private post: it came in as a draft, for no reader to see");
      return articles::Status::kDraft;
    case SourceStatus::kDraft:
      break;
  }
  return articles::Status::kDraft;
}

class BatchWriter {
 public:
  BatchWriter(store::Db& db, const ImportOptions& options, const std::string& source,
              const std::map<std::string, SourceAuthor>& authors, int64_t now, ImportReport& report)
      : db_(db),
        options_(options),
        source_(source),
        authors_(authors),
        now_(now),
        report_(report) {}

  // Writes one batch in one transaction (rolled back for a dry run).
  core::Result<void> Batch(const std::vector<PreparedPost>& posts,
                           const std::vector<SourceMember>& members) {
    std::map<std::string, ImportCounts> counts;
    std::vector<SourceNote> notes;
    std::set<std::string> slugs_here;
    auto done = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
      counts.clear();
      notes.clear();
      slugs_here.clear();
      for (const PreparedPost& p : posts) DL_TRY(Post(tx, p, counts, notes, slugs_here));
      for (const SourceMember& m : members) DL_TRY(Member(tx, m, counts, notes));
      if (options_.dry_run) return core::Error::Conflict(kDryRun);
      return {};
    });
    if (!done.ok() && !(options_.dry_run && done.error().message == kDryRun)) return done.error();
    for (const auto& [kind, c] : counts) {
      report_.counts[kind].created += c.created;
      report_.counts[kind].skipped += c.skipped;
      report_.counts[kind].refused += c.refused;
    }
    for (auto& n : notes) Note(std::move(n));
    return {};
  }

  void Note(SourceNote note) {
    if (report_.notes.size() < ImportReport::kMaxNotes) {
      report_.notes.push_back(std::move(note));
    } else {
      ++report_.notes_left_out;
    }
  }

 private:
  static constexpr const char* kDryRun = "dry run: rolled back";

  core::Result<int64_t> Named(
      store::Executor& tx, std::string_view kind, const std::string& name,
      std::map<std::string, ImportCounts>& counts,
      const std::function<core::Result<int64_t>(const std::string&)>& make) {
    auto known = FindImported(tx, source_, kind, name);
    if (!known.ok()) return known.error();
    if (*known) return **known;
    auto id = make(core::Slugify(name));
    if (!id.ok()) return id.error();
    DL_TRY(RecordImported(tx, source_, kind, name, *id, now_));
    ++counts[std::string(kind) + "s"].created;
    return *id;
  }

  core::Result<std::string> FreeSlug(store::Executor& tx, std::string base,
                                     std::set<std::string>& here, std::vector<std::string>& notes) {
    if (!core::IsValidSlug(base)) base = "story";
    for (int n = 1; n < 1000; ++n) {
      std::string slug = n == 1 ? base : fmt::format("{}-{}", base.substr(0, 90), n);
      if (here.count(slug)) continue;
      auto taken = articles::ArticleStore::SlugTakenWithin(tx, slug);
      if (!taken.ok()) return taken.error();
      if (*taken) continue;
      if (n > 1)
        notes.push_back(fmt::format("the slug \"{}\" was taken: it came in as \"{}\"", base, slug));
      here.insert(slug);
      return slug;
    }
    return core::Error::Conflict("no free slug near " + base);
  }

  core::Result<void> Post(store::Executor& tx, const PreparedPost& prepared,
                          std::map<std::string, ImportCounts>& counts,
                          std::vector<SourceNote>& notes, std::set<std::string>& slugs_here) {
    const SourcePost& p = prepared.post;
    std::string where = "post " + p.id;
    auto known = FindImported(tx, source_, "story", p.id);
    if (!known.ok()) return known.error();
    int64_t story_id = 0;
    std::string slug;
    if (*known) {
      ++counts["stories"].skipped;
      story_id = **known;
    } else {
      std::vector<std::string> post_notes = prepared.notes;
      articles::ArticleDraft draft;
      draft.headline = PlainLine(p.title, articles::kMaxHeadline);
      if (draft.headline.empty()) {
        ++counts["stories"].refused;
        notes.push_back({where, "refused: it has no title"});
        return {};
      }
      draft.body_markdown = prepared.markdown;
      if (core::Trim(draft.body_markdown).empty()) {
        ++counts["stories"].refused;
        notes.push_back({where, fmt::format("refused: \"{}\" has no text", draft.headline)});
        return {};
      }
      draft.dek = PlainLine(p.excerpt, articles::kMaxDek);
      std::string base = core::Slugify(p.slug.empty() ? draft.headline : p.slug);
      auto free = FreeSlug(tx, base, slugs_here, post_notes);
      if (!free.ok()) return free.error();
      draft.slug = slug = *free;
      if (p.published_at > 0) draft.published_at = p.published_at;
      if (auto valid = articles::ArticleService::Validate(draft); !valid.ok()) {
        ++counts["stories"].refused;
        notes.push_back({where, "refused: " + valid.error().message});
        return {};
      }
      articles::ResolvedFiling filing;
      std::string section_name = PlainLine(p.section, 100);
      if (!section_name.empty() && core::AsciiLower(section_name) != "uncategorized" &&
          core::IsValidSlug(core::Slugify(section_name))) {
        const std::string& name = section_name;
        auto section = Named(tx, "section", name, counts, [&](const std::string& s) {
          return articles::EnsureSection(tx, s, name, now_);
        });
        if (section.ok()) {
          filing.section_id = *section;
        } else {
          post_notes.push_back("no section: " + section.error().message);
        }
      }
      std::set<int64_t> author_ids;
      for (const auto& key : p.author_keys) {
        auto a = authors_.find(key);
        std::string name = PlainLine(a == authors_.end() ? key : a->second.name, 100);
        if (name.empty() || !core::IsValidSlug(core::Slugify(name))) continue;
        auto author = Named(tx, "author", name, counts, [&](const std::string& s) {
          return articles::EnsureAuthor(tx, s, name, now_);
        });
        if (!author.ok()) return author.error();
        if (author_ids.insert(*author).second) filing.authors.emplace_back(*author, "");
      }
      filing.lead_image = prepared.lead_image;
      draft.access = articles::ParseAccess(p.access).value_or(articles::Access::kFree);
      std::set<int64_t> tag_ids;
      for (const auto& tag : p.tags) {
        std::string name = PlainLine(tag, 100);
        if (name.empty() || !core::IsValidSlug(core::Slugify(name))) continue;
        auto id = Named(tx, "tag", name, counts, [&](const std::string& s) {
          return articles::EnsureTag(tx, s, name, now_);
        });
        if (!id.ok()) return id.error();
        if (tag_ids.insert(*id).second) filing.tag_ids.push_back(*id);
      }
      draft.filing = filing;
      std::vector<std::string> status_notes;
      articles::Status status = StatusFor(p, now_, post_notes);
      int64_t changed = p.modified_at > 0    ? p.modified_at
                        : p.published_at > 0 ? p.published_at
                                             : now_;
      auto created = articles::ArticleStore::CreateWithin(
          tx, draft, status, std::nullopt,
          articles::SearchDocumentOf(draft, options_.free_paragraphs), changed);
      if (!created.ok()) return created.error();
      story_id = *created;
      DL_TRY(RecordImported(tx, source_, "story", p.id, story_id, now_));
      ++counts["stories"].created;
      if (status == articles::Status::kPublished || status == articles::Status::kScheduled) {
        for (const auto& old : p.old_addresses) {
          size_t q = old.find('?');
          std::string address =
              NormalizeAddress(old.substr(0, q), q == std::string::npos ? "" : old.substr(q + 1));
          std::string target = "/articles/" + slug;
          if (address.empty() || address == "/" || address == target) continue;
          auto added = AddRedirect(tx, address, target, now_);
          if (!added.ok()) return added.error();
          ++(*added ? counts["redirects"].created : counts["redirects"].skipped);
        }
      }
      for (auto& n : post_notes) notes.push_back({where, std::move(n)});
    }
    return Comments(tx, prepared, story_id, counts, notes);
  }

  // A reader of the old site: the newsletters they get (unless they are suppressed here or
  // had left), and their paid subscriptions, applied as Stripe's own events are (so a
  // later webhook about the same subscription simply updates it).
  core::Result<void> Member(store::Executor& tx, const SourceMember& m,
                            std::map<std::string, ImportCounts>& counts,
                            std::vector<SourceNote>& notes) {
    std::string where = "member " + m.id;
    auto known = FindImported(tx, source_, "member", m.id);
    if (!known.ok()) return known.error();
    if (*known) {
      ++counts["members"].skipped;
      return {};
    }
    auto email = accounts::NormalizeEmail(m.email);
    if (!email) {
      ++counts["members"].refused;
      notes.push_back(
          {where, "refused: \"" + PlainLine(m.email, 100) + "\" is not an email address"});
      return {};
    }
    std::string name = PlainLine(m.name, 100);
    if (core::HasInvisibleOrControl(name)) name.clear();
    int64_t consent = m.created_at > 0 ? m.created_at : now_;
    if (!m.newsletters.empty()) {
      auto suppressed = newsletters::MemberStore::IsSuppressedIn(tx, *email);
      if (!suppressed.ok()) return suppressed.error();
      for (const auto& [slug, title] : m.newsletters) {
        if (*suppressed) {
          ++counts["memberships"].refused;
          notes.push_back(
              {where, "not added to \"" + title + "\": the address is suppressed here"});
          continue;
        }
        std::string newsletter_name = PlainLine(title.empty() ? slug : title, 100);
        if (newsletter_name.empty() || !core::IsValidSlug(core::Slugify(newsletter_name))) continue;
        auto id = Named(tx, "newsletter", newsletter_name, counts, [&](const std::string& s) {
          return newsletters::EnsureNewsletter(tx, s, newsletter_name, now_);
        });
        if (!id.ok()) {
          ++counts["memberships"].refused;
          notes.push_back({where, id.error().message});
          continue;
        }
        auto joined = newsletters::MemberStore::JoinConfirmed(tx, *id, *email, name, "import",
                                                              consent, false, now_);
        if (!joined.ok()) return joined.error();
        if (*joined) {
          ++counts["memberships"].created;
        } else {
          ++counts["memberships"].refused;
          notes.push_back(
              {where, "not added to \"" + newsletter_name + "\": they had unsubscribed"});
        }
      }
    }
    bool whole = true;  // false: a subscription waits for its plan; the next run retries
    if (!m.subscriptions.empty()) {
      auto account = accounts::UserStore::EnsureReader(
          tx, *email, name.empty() ? email->substr(0, email->find('@')) : name, consent);
      if (!account.ok()) return account.error();
      ++(account->second ? counts["accounts"].created : counts["accounts"].skipped);
      for (const auto& paid : m.subscriptions) {
        subscriptions::ProviderSubscription s;
        s.ref = paid.id;
        s.customer_ref = paid.customer_id;
        s.price_ref = paid.price_id;
        s.user_id = account->first;
        s.status = subscriptions::ParseStatus(paid.status)
                       .value_or(paid.status == "unpaid" ? subscriptions::Status::kPastDue
                                                         : subscriptions::Status::kCanceled);
        s.current_period_end = paid.current_period_end;
        s.cancel_at_period_end = paid.cancel_at_period_end;
        // Stamped 0: any event Stripe sends about it later is newer, and wins.
        auto outcome = subscriptions::ApplyProviderSubscription(tx, "stripe", s, 0, now_);
        if (!outcome.ok()) return outcome.error();
        if (*outcome == "applied") {
          ++counts["subscriptions"].created;
        } else if (*outcome == "stale") {
          ++counts["subscriptions"].skipped;
        } else {
          ++counts["subscriptions"].refused;
          whole = false;
          notes.push_back({where, "subscription " + paid.id + " " + *outcome +
                                      ": add it to [[plans]] as stripe_price, then import again"});
        }
      }
    } else if (m.complimentary) {
      notes.push_back({where,
                       "complimentary access is not brought in: grant it with `dateline "
                       "subscription grant " +
                           *email + " --plan CODE --until DATE`"});
    }
    if (!whole) {
      ++counts["members"].refused;
      return {};
    }
    DL_TRY(RecordImported(tx, source_, "member", m.id, 0, now_));
    ++counts["members"].created;
    return {};
  }

  core::Result<void> Comments(store::Executor& tx, const PreparedPost& prepared, int64_t story_id,
                              std::map<std::string, ImportCounts>& counts,
                              std::vector<SourceNote>& notes) {
    const SourcePost& p = prepared.post;
    // Parents before their replies, whatever order the file lists them in.
    std::vector<const SourceComment*> order;
    for (const auto& c : p.comments) order.push_back(&c);
    std::stable_sort(order.begin(), order.end(),
                     [](const SourceComment* a, const SourceComment* b) {
                       auto x = core::ParseInt64(a->id), y = core::ParseInt64(b->id);
                       return x && y ? *x < *y : a->id < b->id;
                     });
    std::map<std::string, std::pair<int64_t, int64_t>> placed;  // source id -> (id, thread)
    for (const SourceComment* c : order) {
      std::string where = "comment " + c->id + " on post " + p.id;
      auto known = FindImported(tx, source_, "comment", c->id);
      if (!known.ok()) return known.error();
      if (*known) {
        ++counts["comments"].skipped;
        placed[c->id] = {**known, 0};
        continue;
      }
      auto body = comments::CleanCommentText(HtmlToText(c->html));
      if (!body.ok()) {
        ++counts["comments"].refused;
        notes.push_back({where, "refused: " + body.error().message});
        continue;
      }
      comments::ImportedComment in;
      in.article_id = story_id;
      in.body = *body;
      in.status = c->approved ? comments::Status::kApproved : comments::Status::kPending;
      in.created_at = c->created_at > 0 ? c->created_at : now_;
      if (!c->parent_id.empty()) {
        auto parent = placed.find(c->parent_id);
        std::optional<int64_t> parent_id;
        std::optional<int64_t> thread_id;
        if (parent != placed.end()) {
          parent_id = parent->second.first;
          thread_id = parent->second.second ? parent->second.second : parent->second.first;
        } else {
          notes.push_back(
              {where, "its parent comment is not in the file: it came in as a new thread"});
        }
        in.parent_id = parent_id;
        in.thread_id = thread_id;
      }
      auto account = prepared.accounts.find(c->email);
      if (account != prepared.accounts.end()) {
        in.user_id = account->second;
      } else {
        in.former_author = PlainLine(c->author, 80);
        if (core::HasInvisibleOrControl(in.former_author)) in.former_author.clear();
      }
      auto id = comments::ImportComment(tx, in);
      if (!id.ok()) return id.error();
      DL_TRY(RecordImported(tx, source_, "comment", c->id, *id, now_));
      placed[c->id] = {*id, in.thread_id.value_or(0)};
      ++counts["comments"].created;
    }
    return {};
  }

  store::Db& db_;
  const ImportOptions& options_;
  const std::string& source_;
  const std::map<std::string, SourceAuthor>& authors_;
  int64_t now_;
  ImportReport& report_;
};

}  // namespace

core::Result<ImportReport> Importer::Run(SourceReader& source, const ImportOptions& options,
                                         const std::function<void(int64_t, int64_t)>& progress) {
  ImportReport report;
  std::map<std::string, SourceAuthor> authors;
  std::vector<PreparedPost> batch;
  std::vector<SourceMember> members;
  int64_t now = clock_.NowSeconds();
  std::string source_name;
  std::unique_ptr<BatchWriter> run;
  // Images: uploaded once per file however many posts show it (the media library also
  // keeps one copy of the same bytes).
  std::map<std::string, std::optional<std::string>> images_done;
  auto flush = [&]() -> core::Result<void> {
    if (batch.empty() && members.empty()) return {};
    if (!run) {
      source_name = source.SourceName();
      report.source = source_name;
      run = std::make_unique<BatchWriter>(db_, options, source_name, authors, now, report);
    }
    DL_TRY(run->Batch(batch, members));
    batch.clear();
    members.clear();
    for (auto& note : source.TakeNotes()) run->Note(std::move(note));
    if (progress) progress(source.BytesRead(), source.BytesTotal());
    return {};
  };
  std::vector<SourceNote> early_notes;
  for (;;) {
    auto item = source.Next();
    if (!item.ok()) return item.error();
    if (!*item) break;
    if (auto* author = std::get_if<SourceAuthor>(&**item)) {
      authors[author->key] = std::move(*author);
      continue;
    }
    if (auto* member = std::get_if<SourceMember>(&**item)) {
      members.push_back(std::move(*member));
      if (static_cast<int>(members.size()) >= std::max(1, options.batch_size) * 5) {
        DL_TRY(flush());
      }
      continue;
    }
    PreparedPost prepared;
    prepared.post = std::move(std::get<SourcePost>(**item));
    const SourcePost& p = prepared.post;
    // A story brought in before is not converted (nor its images fetched) again: only
    // its comments are looked at.
    auto known = FindImported(db_, source.SourceName(), "story", p.id);
    if (!known.ok()) return known.error();
    prepared.known = known->has_value();
    ImageResolver images = [&](const ImageFound& image) -> std::optional<std::string> {
      auto seen = images_done.find(image.src);
      if (seen != images_done.end()) return seen->second;
      std::string scheme = core::AsciiLower(image.src.substr(0, 8));
      bool same_site = image.src.rfind('/', 0) == 0 && image.src.rfind("//", 0) != 0;
      if (scheme.rfind("http://", 0) != 0 && scheme.rfind("https://", 0) != 0 && !same_site) {
        return std::nullopt;  // the converter drops it, and says so
      }
      std::optional<std::string> address;
      auto file = LocalFileFor(options.media_dir, image.src);
      std::error_code ec;
      if (file && media_ && fs::file_size(*file, ec) <= static_cast<uint64_t>(kMaxImageBytes)) {
        if (options.dry_run) {
          address = "/media/dry-run";
        } else {
          std::string alt = image.alt.empty() ? PlainLine(p.title, 200) : image.alt;
          auto uploaded = media_->Upload(accounts::OperatorActor(), ReadFile(*file), {alt, "", ""});
          if (uploaded.ok()) {
            address = "/media/" + uploaded->key;
          } else {
            prepared.notes.push_back(fmt::format("image {} could not be brought in: {}", image.src,
                                                 uploaded.error().message));
          }
        }
      }
      ++(address ? report.counts["images"].created : report.counts["images"].refused);
      if (!address && report.images_not_fetched.size() < ImportReport::kMaxNotes) {
        report.images_not_fetched.push_back(image.src);
      }
      images_done[image.src] = address;
      return address;
    };
    if (!prepared.known && !p.feature_image.empty()) {
      auto lead = images({p.feature_image, PlainLine(p.title, 200)});
      if (lead && lead->rfind("/media/", 0) == 0) prepared.lead_image = lead->substr(7);
      if (prepared.lead_image == "dry-run") prepared.lead_image.clear();
    }
    if (!prepared.known) {
      auto converted = HtmlToMarkdown(p.html, images);
      prepared.markdown = std::move(converted.markdown);
      for (auto& n : converted.notes) prepared.notes.push_back(std::move(n));
    }
    for (const auto& c : p.comments) {
      auto email = accounts::NormalizeEmail(c.email);
      if (!email || prepared.accounts.count(c.email)) continue;
      auto user = users_.FindByEmail(*email);
      if (!user.ok()) return user.error();
      if (*user) prepared.accounts[c.email] = (*user)->user.id;
    }
    batch.push_back(std::move(prepared));
    if (static_cast<int>(batch.size()) >= std::max(1, options.batch_size)) DL_TRY(flush());
  }
  DL_TRY(flush());
  report.source = source.SourceName();
  if (!run) {
    run = std::make_unique<BatchWriter>(db_, options, report.source, authors, now, report);
  }
  for (auto& note : source.TakeNotes()) run->Note(std::move(note));
  return report;
}

}  // namespace dateline::imports
