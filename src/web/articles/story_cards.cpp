#include "web/articles/story_cards.hpp"

#include "core/time_format.hpp"
#include "web/articles/story_images.hpp"

namespace dateline::web {

std::string ArticlePath(const articles::Article& a) { return "/articles/" + a.slug; }

void AddBylines(render::View& view, const articles::Placement& placement) {
  std::vector<const articles::Credit*> by;
  for (const auto& c : placement.authors) {
    if (c.credit.empty()) by.push_back(&c);
  }
  for (size_t i = 0; i < by.size(); ++i) {
    render::View person;
    person["name"] = by[i]->author.name;
    person["url"] = "/author/" + by[i]->author.slug;
    person["before"] = i == 0 ? "" : i + 1 == by.size() ? " and " : ", ";
    view["authors"].Push(std::move(person));
  }
  view["has_authors"] = !by.empty();
  for (const auto& c : placement.authors) {
    if (c.credit.empty()) continue;
    render::View credit;
    credit["credit"] = c.credit;
    credit["name"] = c.author.name;
    credit["url"] = "/author/" + c.author.slug;
    view["credits"].Push(std::move(credit));
  }
}

render::View StoryCard(const articles::Article& a, const articles::Placement* placement) {
  render::View v;
  v["url"] = ArticlePath(a);
  v["headline"] = a.headline;
  if (!a.dek.empty()) v["dek"] = a.dek;
  if (!a.dateline.empty()) v["dateline"] = a.dateline;
  if (!a.byline.empty()) v["byline"] = a.byline;
  v["published_iso"] = core::FormatIso8601(a.published_at);
  v["published_human"] = core::FormatHumanDateTime(a.published_at);
  if (a.access == articles::Access::kSubscribers) v["for_subscribers"] = true;
  if (placement) {
    if (const auto& s = placement->section) {
      v["kicker"] = s->opinion ? "Opinion" : s->name;
      v["kicker_url"] = "/section/" + s->slug;
      v["opinion"] = s->opinion;
    }
    AddBylines(v, *placement);
    // The free-text byline is the wire's credit: shown when no author is on record.
    if (!placement->authors.empty()) v["byline"] = false;
  }
  return v;
}

core::Result<void> DrawCard(const ArticlesContext& ctx, render::View& card) {
  auto html = ctx.templates.Render("parts/story_card", card);
  if (!html.ok()) return html.error();
  card["html"] = std::move(*html);
  return {};
}

core::Result<std::vector<render::View>> StoryCards(
    const ArticlesContext& ctx, const std::vector<articles::Article>& list,
    const std::map<int64_t, int64_t>* comment_counts) {
  std::vector<int64_t> ids;
  ids.reserve(list.size());
  for (const auto& a : list) ids.push_back(a.id);
  auto placements = ctx.structure.PlacementsOf(ids);
  if (!placements.ok()) return placements.error();
  std::vector<std::string> keys;
  for (const auto& [id, placement] : *placements) {
    if (!placement.lead_image.empty()) keys.push_back(placement.lead_image);
  }
  auto images = ctx.media.FindByKeys(keys);
  if (!images.ok()) return images.error();
  std::vector<render::View> cards;
  cards.reserve(list.size());
  for (const auto& a : list) {
    auto p = placements->find(a.id);
    cards.push_back(StoryCard(a, p == placements->end() ? nullptr : &p->second));
    if (p != placements->end()) {
      if (auto image = images->find(p->second.lead_image); image != images->end()) {
        auto picture = PictureHtml(
            ctx, image->second, "(min-width: 62rem) 22rem, (min-width: 40rem) 45vw, 100vw", false);
        if (!picture.ok()) return picture.error();
        cards.back()["image_html"] = std::move(*picture);
        cards.back()["lead_image_key"] = image->second.key;
      }
    }
    if (comment_counts) {
      if (auto n = comment_counts->find(a.id); n != comment_counts->end()) {
        cards.back()["comments"] =
            n->second == 1 ? "1 comment" : std::to_string(n->second) + " comments";
      }
    }
    DL_TRY(DrawCard(ctx, cards.back()));
  }
  return cards;
}

}  // namespace dateline::web
