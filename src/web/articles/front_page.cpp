#include "web/articles/front_page.hpp"

#include <set>

#include "articles/markdown_blocks.hpp"
#include "http/form.hpp"
#include "web/articles/story_cards.hpp"
#include "web/articles/story_images.hpp"
#include "web/kit/cached_page.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/layout.hpp"

namespace dateline::web {
namespace {

constexpr int kFrontPageSize = 25;
constexpr size_t kTopStories = 4;     // under the lead, in a grid
constexpr int kSectionBlockSize = 4;  // stories in each section's block

// The lead's card, drawn larger: its picture first on the page (not lazy), its excerpt
// when the story is free (a paywalled story's text never leaves).
core::Result<void> MakeLead(const ArticlesContext& ctx, const articles::Article& a,
                            render::View& card) {
  if (a.access == articles::Access::kFree) {
    card["excerpt"] = articles::FirstParagraphText(a.body_markdown);
  }
  if (auto key = card["lead_image_key"].value(); std::holds_alternative<std::string>(key)) {
    auto image = ctx.media.FindByKey(std::get<std::string>(key));
    if (!image.ok()) return image.error();
    if (*image) {
      auto picture = PictureHtml(ctx, **image, "(min-width: 62rem) 44rem, 100vw", true);
      if (!picture.ok()) return picture.error();
      card["image_html"] = std::move(*picture);
      if (!(*image)->credit.empty()) card["image_credit"] = (*image)->credit;
    }
  }
  return {};
}

// The first page as editors arranged it: pinned stories first, then the newest.
core::Result<void> ArrangeFirstPage(const ArticlesContext& ctx,
                                    const std::vector<articles::Article>& newest,
                                    render::View& view) {
  auto plan = ctx.structure.Front();
  if (!plan.ok()) return plan.error();
  auto pinned = ctx.articles.LiveInOrder(plan->pinned);
  if (!pinned.ok()) return pinned.error();
  // The lead and the top stories: pinned in their order, then the newest not yet shown.
  std::vector<articles::Article> top = *pinned;
  std::set<int64_t> shown;
  for (const auto& a : top) shown.insert(a.id);
  for (const auto& a : newest) {
    if (top.size() >= 1 + kTopStories) break;
    if (shown.insert(a.id).second) top.push_back(a);
  }
  std::vector<articles::Article> rail;
  for (const auto& a : newest) {
    if (!shown.count(a.id)) rail.push_back(a);
  }
  std::vector<int64_t> ids;
  ids.reserve(top.size() + rail.size());
  for (const auto& a : top) ids.push_back(a.id);
  for (const auto& a : rail) ids.push_back(a.id);
  // Counts on the first page only, which every comment's change refreshes.
  auto counts = ctx.comments.ApprovedCounts(ids);
  if (!counts.ok()) return counts.error();
  auto top_cards = StoryCards(ctx, top, &*counts);
  if (!top_cards.ok()) return top_cards.error();
  for (size_t i = 0; i < top_cards->size(); ++i) {
    render::View& card = (*top_cards)[i];
    if (i < pinned->size()) card["pinned"] = true;
    if (i == 0) {
      DL_TRY(MakeLead(ctx, top[0], card));
      view["lead"] = std::move(card);
    } else {
      view["top"].Push(std::move(card));
      view["has_top"] = true;
    }
  }
  auto rail_cards = StoryCards(ctx, rail, &*counts);
  if (!rail_cards.ok()) return rail_cards.error();
  for (auto& card : *rail_cards) {
    card["image_html"] = false;  // the Latest rail is headlines only
    DL_TRY(DrawCard(ctx, card));
    view["more"].Push(std::move(card));
  }
  view["has_more"] = !rail_cards->empty();
  // The sections editors chose, each with its newest stories not already above.
  auto sections = ctx.structure.Sections();
  if (!sections.ok()) return sections.error();
  for (int64_t section_id : plan->sections) {
    auto section = std::find_if(sections->begin(), sections->end(),
                                [&](const articles::Section& s) { return s.id == section_id; });
    if (section == sections->end()) continue;
    articles::Shelf shelf;
    shelf.section_id = section_id;
    auto latest = ctx.articles.LatestOnShelf(shelf, kSectionBlockSize + 2);
    if (!latest.ok()) return latest.error();
    std::vector<articles::Article> stories;
    for (const auto& a : *latest) {
      if (!shown.count(a.id) && static_cast<int>(stories.size()) < kSectionBlockSize) {
        stories.push_back(a);
      }
    }
    if (stories.empty()) continue;
    auto cards = StoryCards(ctx, stories);
    if (!cards.ok()) return cards.error();
    render::View block;
    block["name"] = section->name;
    block["url"] = "/section/" + section->slug;
    block["slug"] = section->slug;
    for (auto& card : *cards) block["cards"].Push(std::move(card));
    view["section_blocks"].Push(std::move(block));
    view["has_section_blocks"] = true;
  }
  return {};
}

core::Result<BuiltPage> BuildFrontPage(const ArticlesContext& ctx, const Visitor* visitor,
                                       const std::string& after) {
  // The front page shows no total: counting every live story would grow with the archive.
  auto page = ctx.articles.ListPublishedPage(after, kFrontPageSize, articles::Total::kSkip);
  if (!page.ok()) return page.error();
  auto next = ctx.articles.NextScheduledPublication();
  if (!next.ok()) return next.error();
  bool first_page = after.empty();
  render::View view;
  view["site_title"] = ctx.config.site_title;
  view["more_heading"] = first_page ? "Latest" : "Older stories";
  view["first_page"] = first_page;
  if (first_page) {
    DL_TRY(ArrangeFirstPage(ctx, page->items, view));
  } else {
    auto cards = StoryCards(ctx, page->items);
    if (!cards.ok()) return cards.error();
    for (auto& card : *cards) view["more"].Push(std::move(card));
    view["has_more"] = !cards->empty();
  }
  if (!page->next.empty()) view["older_url"] = "/?after=" + http::PercentEncode(page->next);
  if (!first_page) view["newest_url"] = "/";
  PageMeta meta;
  meta.description = "The latest news from " + ctx.config.site_title + ".";
  meta.canonical_path = first_page ? "/" : "/?after=" + http::PercentEncode(after);
  meta.title = first_page ? "" : "Older stories";
  meta.body_class = "page-front";
  meta.visitor = visitor;
  auto html = RenderPage(ctx, meta, "pages/front", view);
  if (!html.ok()) return html.error();
  return BuiltPage{std::move(html.value()), *next};
}

}  // namespace

http::Response FrontPage(const ArticlesContext& ctx, const http::Request& request) {
  auto query = http::Form::Parse(request.query);
  std::string after = query.ok() ? query->Value("after") : "";
  if (!query.ok() || after.size() > 64) return ErrorPage(ctx, 400);
  return ServeCached(ctx, request, after.empty() ? "front" : "front:" + after,
                     [&](const Visitor* v) { return BuildFrontPage(ctx, v, after); });
}

}  // namespace dateline::web
