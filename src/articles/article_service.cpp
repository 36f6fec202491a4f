#include "articles/article_service.hpp"

#include <fmt/format.h>

#include <limits>

#include "articles/paywall.hpp"
#include "articles/search_store.hpp"
#include "articles/service_support.hpp"
#include "articles/story_rules.hpp"
#include "core/text.hpp"

namespace dateline::articles {
namespace {

// A refusal whose sentence is also the reader's (the editor's form, the Admin API).
core::Error Refusal(std::string sentence) {
  core::Error e = core::Error::InvalidArgument(sentence);
  sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
  return std::move(e).WithReader(sentence + ".");
}

core::Result<void> CheckField(std::string_view name, const std::string& value, size_t max,
                              bool required) {
  if (!core::IsValidUtf8(value)) return Refusal(fmt::format("{} is not valid UTF-8", name));
  if (required && core::Trim(value).empty()) return Refusal(fmt::format("{} is required", name));
  if (core::CodePointCount(value) > max) {
    return Refusal(fmt::format("{} is longer than {} characters", name, max));
  }
  return {};
}

}  // namespace

core::Result<void> ArticleService::Validate(const ArticleDraft& d) {
  if (!core::IsValidSlug(d.slug)) {
    return Refusal("slug must be lowercase letters, digits and single dashes");
  }
  DL_TRY(CheckField("headline", d.headline, kMaxHeadline, true));
  DL_TRY(CheckField("dek", d.dek, kMaxDek, false));
  DL_TRY(CheckField("dateline", d.dateline, kMaxDateline, false));
  DL_TRY(CheckField("byline", d.byline, kMaxByline, false));
  DL_TRY(CheckField("body", d.body_markdown, kMaxBodyBytes, true));
  return {};
}

core::Result<std::optional<Article>> ArticleService::FindPublished(std::string_view slug) {
  if (!core::IsValidSlug(slug)) return std::optional<Article>();
  auto found = store_.FindBySlug(slug);
  if (!found.ok()) return found.error();
  if (*found && !(*found)->LiveAt(clock_.NowSeconds())) return std::optional<Article>();
  return found;
}

core::Result<std::optional<Article>> ArticleService::FindPublishedById(int64_t id) {
  auto found = store_.FindById(id);
  if (!found.ok()) return found.error();
  if (*found && !(*found)->LiveAt(clock_.NowSeconds())) return std::optional<Article>();
  return found;
}

core::Result<std::vector<Article>> ArticleService::LiveInOrder(const std::vector<int64_t>& ids) {
  auto found = store_.FindByIds(ids);
  if (!found.ok()) return found.error();
  int64_t now = clock_.NowSeconds();
  std::vector<Article> out;
  for (int64_t id : ids) {
    auto it = found->find(id);
    if (it != found->end() && it->second.LiveAt(now)) out.push_back(it->second);
  }
  return out;
}

core::Result<Lookup> ArticleService::LookUp(std::string_view slug) {
  Lookup out;
  if (!core::IsValidSlug(slug)) return out;
  auto found = store_.FindBySlug(slug);
  if (!found.ok()) return found.error();
  int64_t now = clock_.NowSeconds();
  if (*found) {
    const Article& a = **found;
    if (a.LiveAt(now)) {
      out.article = a;
    } else if (a.deleted_at || a.status == Status::kUnpublished) {
      out.gone = true;
    }
    return out;  // a draft or a story not yet due: nothing here yet
  }
  auto retired = store_.FindRetiredSlug(slug);
  if (!retired.ok()) return retired.error();
  if (!*retired) return out;
  auto now_at = store_.FindById(**retired);
  if (!now_at.ok()) return now_at.error();
  if (*now_at && (*now_at)->LiveAt(now)) {
    out.moved_to = (*now_at)->slug;
  } else if (*now_at && ((*now_at)->deleted_at || (*now_at)->status == Status::kUnpublished)) {
    out.gone = true;
  }
  return out;
}

core::Result<std::vector<SitemapGroup>> ArticleService::SitemapGroups(int64_t per_group) {
  return store_.SitemapGroups(clock_.NowSeconds(), per_group);
}

core::Result<std::vector<SitemapEntry>> ArticleService::SitemapEntries(int64_t group,
                                                                       int64_t per_group) {
  if (group < 0 || per_group <= 0 || group > std::numeric_limits<int64_t>::max() / per_group - 1) {
    return std::vector<SitemapEntry>();
  }
  return store_.SitemapEntries(clock_.NowSeconds(), group * per_group, (group + 1) * per_group);
}

core::Result<Page<Article>> ArticleService::ListPublishedPage(std::string_view cursor, int limit,
                                                              Total total) {
  auto after = ParseCursor(cursor);
  if (!after.ok()) return after.error();
  int64_t now = clock_.NowSeconds();
  auto list = store_.ListPublishedAfter(now, *after, limit + 1);
  if (!list.ok()) return list.error();
  int64_t count = 0;
  if (total == Total::kCount) {
    auto counted = store_.CountPublished(now);
    if (!counted.ok()) return counted.error();
    count = *counted;
  }
  return PageOf(std::move(*list), count, limit,
                [](const Article& a) { return Cursor(a.published_at, a.id); });
}

core::Result<Page<Article>> ArticleService::ListShelfPage(const Shelf& shelf,
                                                          std::string_view cursor, int limit) {
  auto after = ParseCursor(cursor);
  if (!after.ok()) return after.error();
  int64_t now = clock_.NowSeconds();
  auto list = store_.ListShelf(now, shelf, *after, limit + 1);
  if (!list.ok()) return list.error();
  auto total = store_.CountShelf(now, shelf);
  if (!total.ok()) return total.error();
  return PageOf(std::move(*list), *total, limit,
                [](const Article& a) { return Cursor(a.published_at, a.id); });
}

core::Result<std::vector<Article>> ArticleService::LatestOnShelf(const Shelf& shelf, int limit) {
  return store_.ListShelf(clock_.NowSeconds(), shelf, std::nullopt, limit);
}

core::Result<std::vector<std::pair<std::string, int64_t>>> ArticleService::ArchiveMonths() {
  return store_.MonthsWithStories(clock_.NowSeconds());
}

core::Result<std::optional<int64_t>> ArticleService::NextScheduledPublication() {
  return store_.NextScheduledAfter(clock_.NowSeconds());
}

core::Result<Page<SearchHit>> ArticleService::Search(const accounts::Actor& actor,
                                                     const SearchRequest& request,
                                                     std::string_view cursor, int limit) {
  int64_t offset = 0;
  if (!cursor.empty()) {
    auto parsed = core::ParseInt64(cursor);
    if (!parsed || *parsed <= 0 || *parsed > kMaxSearchDepth) {
      return core::Error::InvalidArgument("That page does not exist; start from the first.")
          .ForReaders();
    }
    offset = *parsed;
  }
  SearchFilter filter;
  filter.terms = ParseSearch(request.query);
  Reader reader = ReaderFor(actor);
  filter.full_text_for.push_back(Access::kFree);
  if (reader.signed_in || reader.digital_access)
    filter.full_text_for.push_back(Access::kRegistered);
  if (reader.digital_access) filter.full_text_for.push_back(Access::kSubscribers);
  filter.section_id = request.section_id;
  filter.author_id = request.author_id;
  filter.from = request.from;
  filter.until = request.until;
  filter.newest_first = request.newest_first;
  int64_t now = clock_.NowSeconds();
  int want = static_cast<int>(std::min<int64_t>(limit, kMaxSearchDepth - offset));
  auto ids = store_.search().Find(filter, now, static_cast<int>(offset), want + 1);
  if (!ids.ok()) return ids.error();
  auto total = store_.search().Count(filter, now);
  if (!total.ok()) return total.error();
  Page<SearchHit> page;
  page.total = *total;
  if (static_cast<int>(ids->size()) > want) {
    ids->resize(static_cast<size_t>(want));
    if (offset + want < kMaxSearchDepth) page.next = std::to_string(offset + want);
  }
  auto stories = store_.FindByIds(*ids);
  if (!stories.ok()) return stories.error();
  for (int64_t id : *ids) {
    auto found = stories->find(id);
    if (found == stories->end()) continue;
    const Article& a = found->second;
    // The snippet comes from what this reader may read, nothing else.
    SearchDocument doc = SearchDocumentOf(TextOf(a), free_paragraphs_);
    std::string readable = doc.public_text;
    if (CanReadInFull(a, reader) && !doc.hidden_text.empty()) readable += "\n" + doc.hidden_text;
    page.items.push_back({a, HighlightedSnippet(readable, filter.terms)});
  }
  return page;
}

core::Result<int64_t> ArticleService::RebuildSearchIndexIfStale(
    const std::function<void(int64_t, int64_t)>& progress) {
  auto built = store_.search().BuiltWith();
  if (!built.ok()) return built.error();
  if (*built && **built == free_paragraphs_) return int64_t{0};
  auto total = store_.CountAll();
  if (!total.ok()) return total.error();
  int64_t done = 0;
  int64_t after = 0;
  constexpr int kBatch = 200;
  for (;;) {
    auto batch = store_.ListAllAfter(after, kBatch);
    if (!batch.ok()) return batch.error();
    if (batch->empty()) break;
    std::vector<std::pair<int64_t, SearchDocument>> docs;
    for (const auto& a : *batch)
      docs.emplace_back(a.id, SearchDocumentOf(TextOf(a), free_paragraphs_));
    DL_TRY(store_.search().PutMany(docs));
    done += static_cast<int64_t>(batch->size());
    after = batch->back().id;
    if (progress) progress(done, std::max(done, *total));
  }
  DL_TRY(store_.search().MarkBuilt(free_paragraphs_, clock_.NowSeconds()));
  return done;
}

core::Result<Article> ArticleService::Found(core::Result<std::optional<Article>> found) {
  if (!found.ok()) return found.error();
  if (!*found) return NoSuchStory();
  return std::move(**found);
}

core::Result<ArticleService::Imported> ArticleService::Import(const accounts::Actor& actor,
                                                              const ArticleFile& given,
                                                              StructureService& structure) {
  DL_TRY(Validate(given.draft));
  ArticleFile file = given;
  if (file.filing) {
    auto filing = structure.Resolve(actor, *file.filing);
    if (!filing.ok()) return filing.error();
    file.draft.filing = std::move(*filing);
  }
  Status wanted = file.status.value_or(Status::kPublished);
  std::optional<Article> target;
  if (file.id) {
    auto found = Found(store_.FindById(*file.id));
    if (!found.ok()) return found.error();
    target = std::move(*found);
  } else if (file.update) {
    auto found = store_.FindBySlug(file.draft.slug);
    if (!found.ok()) return found.error();
    if (!*found) {
      return core::Error::NotFound("no story to update")
          .WithReader("The file says update: true, but no story has the slug “" + file.draft.slug +
                      "”.");
    }
    target = std::move(*found);
  }
  if (!target) {
    auto created = Write(actor, file.draft, wanted);
    if (!created.ok()) return created.error();
    return Imported{std::move(*created), true};
  }
  auto saved = Save(actor, target->id, file.draft, target->revision_id);
  if (!saved.ok()) return saved.error();
  // The file's status, when it names one the story is not at, is a move.
  bool live_wanted = wanted == Status::kPublished;
  bool live_now = saved->status == Status::kPublished || saved->status == Status::kScheduled;
  if (file.status && saved->status != wanted && !(live_wanted && live_now)) {
    auto moved = Move(actor, target->id, wanted, file.draft.published_at);
    if (!moved.ok()) return moved.error();
    return Imported{std::move(*moved), false};
  }
  return Imported{std::move(*saved), false};
}

core::Result<std::vector<int64_t>> ArticleService::PublishDue() {
  return store_.PublishDue(clock_.NowSeconds());
}

core::Result<int64_t> ArticleService::EmptyTrash() {
  auto heartbeats = store_.PrunePresence(clock_.NowSeconds() - 3600);
  if (!heartbeats.ok()) return heartbeats.error();
  auto stories = store_.PurgeTrash(clock_.NowSeconds() - kTrashSeconds);
  if (!stories.ok()) return stories.error();
  return *heartbeats + *stories;
}

core::Result<std::vector<Correction>> ArticleService::CorrectionsOf(int64_t article_id) {
  return store_.CorrectionsOf(article_id);
}

core::Result<Page<std::pair<Correction, Article>>> ArticleService::RecentCorrections(
    std::string_view cursor, int limit) {
  auto after = ParseCursor(cursor);
  if (!after.ok()) return after.error();
  auto list = store_.RecentCorrections(clock_.NowSeconds(), *after, limit + 1);
  if (!list.ok()) return list.error();
  int64_t shown = static_cast<int64_t>(list->size());
  return PageOf(std::move(*list), shown, limit, [](const std::pair<Correction, Article>& c) {
    return Cursor(c.first.created_at, c.first.id);
  });
}

}  // namespace dateline::articles
