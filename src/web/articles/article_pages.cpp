#include "web/articles/article_pages.hpp"

#include "articles/json_ld.hpp"
#include "articles/markdown.hpp"
#include "articles/markdown_blocks.hpp"
#include "core/json_text.hpp"
#include "core/text.hpp"
#include "core/time_format.hpp"
#include "http/form.hpp"
#include "web/articles/article_access.hpp"
#include "web/articles/story_cards.hpp"
#include "web/articles/story_images.hpp"
#include "web/comments/comment_pages.hpp"
#include "web/kit/cached_page.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/layout.hpp"
#include "web/kit/page_holes.hpp"
#include "web/kit/page_response.hpp"
#include "web/kit/visitor.hpp"

namespace dateline::web {
render::View CorrectionView(const articles::Correction& c) {
  render::View v;
  v["label"] = c.kind == articles::CorrectionKind::kCorrection ? "Correction" : "Clarification";
  v["text"] = c.body;
  v["when_iso"] = core::FormatIso8601(c.created_at);
  v["when"] = core::FormatHumanDateTime(c.created_at);
  return v;
}

namespace {

// The story as `reader` may read it (null: an anonymous reader), in the view the article
// template draws. Shared by the reader's page and the newsroom's preview.
core::Result<render::View> StoryView(const ArticlesContext& ctx, const articles::Article& a,
                                     const Visitor* reader, MeterUse meter_use,
                                     const std::vector<articles::Correction>& corrections,
                                     const ArticleAccess* known_access = nullptr) {
  articles::Placement placement;
  if (a.id != 0) {
    auto placements = ctx.structure.PlacementsOf({a.id});
    if (!placements.ok()) return placements.error();
    placement = std::move((*placements)[a.id]);
  }
  render::View view = StoryCard(a, &placement);
  for (const auto& t : placement.tags) {
    render::View tag;
    tag["name"] = t.name;
    tag["url"] = "/tag/" + t.slug;
    view["tags"].Push(std::move(tag));
  }
  view["has_tags"] = !placement.tags.empty();
  // Only a real revision counts; a backdated publication time is not an update.
  if (a.updated_at > a.created_at && a.updated_at > a.published_at) {
    view["updated"] = true;
    view["updated_iso"] = core::FormatIso8601(a.updated_at);
    view["updated_human"] = core::FormatHumanDateTime(a.updated_at);
  }
  // Readers without access get the first paragraphs and a box; the rest is never sent.
  core::Result<ArticleAccess> access =
      known_access ? *known_access : ArticleAccessFor(ctx, a, reader, meter_use);
  if (!access.ok()) return access.error();
  auto body = WithResponsiveImages(ctx, articles::RenderMarkdown(access->markdown));
  if (!body.ok()) return body.error();
  view["body_html"] = articles::PrependDateline(*body, core::EscapeMarkup(a.dateline));
  auto lead = LeadImageOf(ctx, placement);
  if (!lead.ok()) return lead.error();
  if (*lead) {
    auto picture = PictureHtml(ctx, **lead, "(min-width: 46rem) 42rem, 100vw", true);
    if (!picture.ok()) return picture.error();
    view["lead_image_html"] = std::move(*picture);
    if (!(*lead)->caption.empty()) view["lead_caption"] = (*lead)->caption;
    if (!(*lead)->credit.empty()) view["lead_credit"] = (*lead)->credit;
  }
  view["paywalled"] = a.access != articles::Access::kFree;
  // Sign-up, sign-in and gift redemption bring the reader back to this story.
  view["path_query"] = http::PercentEncode(ArticlePath(a));
  if (!access->full) {
    view["locked"] = true;
    view["locked_registered"] = a.access == articles::Access::kRegistered;
    view["signed_in"] = access->signed_in;
  }
  if (const auto& meter = access->meter) {
    view[meter->allowed ? "metered" : "meter_spent"] = true;
    view["meter_allowance"] = std::to_string(meter->allowance);
    view["meter_remaining"] = std::to_string(meter->remaining);
  }
  // Corrections are for everyone, paywall or not.
  for (const auto& c : corrections) view["corrections"].Push(CorrectionView(c));
  view["has_corrections"] = !corrections.empty();
  return view;
}

// The article page for `visitor` (null: anonymous) around `comments_html`.
core::Result<std::string> RenderArticlePage(const ArticlesContext& ctx, const articles::Article& a,
                                            const Visitor* visitor, MeterUse meter_use,
                                            const ArticleAccess* access,
                                            std::string comments_html) {
  auto corrections = ctx.articles.CorrectionsOf(a.id);
  if (!corrections.ok()) return corrections.error();
  auto view = StoryView(ctx, a, visitor, meter_use, *corrections, access);
  if (!view.ok()) return view.error();
  (*view)["comments_html"] = std::move(comments_html);
  // The newsletter box: a plain GET form, so the page stays cacheable; the newsletters page
  // it leads to carries the form token and the button.
  auto featured = ctx.newsletters.Featured();
  if (!featured.ok()) return featured.error();
  if (*featured) {
    render::View box;
    box["slug"] = (*featured)->slug;
    box["name"] = (*featured)->name;
    box["description"] = (*featured)->description;
    (*view)["newsletter_box"] = std::move(box);
  }
  PageMeta meta;
  meta.title = a.headline;
  meta.description = a.dek;
  meta.canonical_path = ArticlePath(a);
  meta.og_type = "article";
  meta.body_class = "page-article";
  meta.visitor = visitor;
  auto placements = ctx.structure.PlacementsOf({a.id});
  if (!placements.ok()) return placements.error();
  articles::JsonLdContext json_ld{ctx.config.SiteUrl() + ArticlePath(a), ctx.config.SiteUrl(),
                                  ctx.config.site_title, (*placements)[a.id], *corrections};
  auto lead = LeadImageOf(ctx, (*placements)[a.id]);
  if (!lead.ok()) return lead.error();
  if (*lead) {
    // The 1200-pixel image for sharing cards and search results.
    meta.image_url = ctx.config.SiteUrl() + (*lead)->Url("share.jpg");
    meta.image_width = std::min((*lead)->width, media::kShareWidth);
    meta.image_height = (*lead)->HeightAt(meta.image_width);
    meta.image_alt = (*lead)->alt;
    json_ld.image_url = meta.image_url;
    json_ld.image_width = meta.image_width;
    json_ld.image_height = meta.image_height;
  }
  meta.head_extra_html = articles::NewsArticleJsonLd(a, json_ld) + "<script src=\"" +
                         ctx.static_files.Url("js/comments-live.js") + "\" defer></script>\n";
  return RenderPage(ctx, meta, "pages/article", *view);
}

// A signed-in reader's article page. Most of it is the same for every reader who may read
// as much of the story as they may and works at the same desk (or none): that part is
// rendered once, kept as a fragment, and each request fills in only the reader's own
// name, form token and comments (the conversation is theirs: their pending comments,
// what they recommended). A reader on the meter sees their own count: rendered whole.
core::Result<BuiltPage> SignedInArticlePage(const ArticlesContext& ctx, const articles::Article& a,
                                            const Visitor& visitor, MeterUse meter_use,
                                            const std::string& fragment_key,
                                            const render::CacheVersion& version) {
  auto access = ArticleAccessFor(ctx, a, &visitor, meter_use);
  if (!access.ok()) return access.error();
  auto comments =
      RenderCommentsSection(ctx.discussion, a, &visitor, comments::Sort::kNewest, std::string());
  if (!comments.ok()) return comments.error();
  if (access->meter) {
    auto html =
        RenderArticlePage(ctx, a, &visitor, meter_use, &*access, std::move(comments.value()));
    if (!html.ok()) return html.error();
    return BuiltPage{std::move(html.value()), std::nullopt};
  }
  std::string variant = std::string(access->full ? "full" : "cut") +
                        (accounts::DeskOf(visitor.actor).any() ? "+desk" : "");
  int64_t now = ctx.clock.NowSeconds();
  auto page = ctx.cache.GetFragment(fragment_key, variant, now);
  if (!page) {
    Visitor anyone = visitor;
    anyone.viewer->user.display_name = Hole("name");
    anyone.csrf_token = Hole("csrf");
    auto html = RenderArticlePage(ctx, a, &anyone, meter_use, &*access, Hole("comments"));
    if (!html.ok()) return html.error();
    // The masthead shows the date: no fragment outlives midnight.
    page = ctx.cache.PutFragment(fragment_key, variant, std::move(html.value()), NextMidnight(now),
                                 version);
  }
  std::string name = core::EscapeMarkup(visitor.viewer->user.display_name);
  return BuiltPage{
      FillHoles(*page, {{"name", name}, {"csrf", visitor.csrf_token}, {"comments", *comments}}),
      std::nullopt};
}

core::Result<BuiltPage> BuildArticlePage(const ArticlesContext& ctx, std::string_view slug,
                                         const Visitor* visitor, MeterUse meter_use) {
  // Signed-in readers' fragments are kept under the story, not the page: a new comment
  // drops the page but not them (the comments are filled in per request). An edit to the
  // story clears the whole cache.
  std::string fragment_key = "story:" + std::string(slug);
  render::CacheVersion version = ctx.cache.VersionOf(fragment_key);
  auto found = ctx.articles.FindPublished(slug);
  if (!found.ok()) return found.error();
  if (!*found) return core::Error::NotFound("no published article " + std::string(slug));
  const articles::Article& a = **found;
  if (visitor && visitor->signed_in()) {
    return SignedInArticlePage(ctx, a, *visitor, meter_use, fragment_key, version);
  }
  auto comments_html =
      RenderCommentsSection(ctx.discussion, a, visitor, comments::Sort::kNewest, std::string());
  if (!comments_html.ok()) return comments_html.error();
  auto html =
      RenderArticlePage(ctx, a, visitor, meter_use, nullptr, std::move(comments_html.value()));
  if (!html.ok()) return html.error();
  return BuiltPage{std::move(html.value()), std::nullopt};
}

}  // namespace

http::Response ArticlePage(const ArticlesContext& ctx, const http::Request& request) {
  std::string slug(request.PathParam("slug"));
  MeterUse meter_use = request.method == http::Method::kGet ? MeterUse::kSpend : MeterUse::kPeek;
  auto response = ServeCached(ctx, request, "article:" + slug, [&](const Visitor* v) {
    return BuildArticlePage(ctx, slug, v, meter_use);
  });
  if (response.status != 404) return response;
  // Not live here: the story may have moved to another slug, or been taken down.
  auto lookup = ctx.articles.LookUp(slug);
  if (!lookup.ok()) return ErrorPageFor(ctx, lookup.error());
  if (!lookup->moved_to.empty()) {
    return http::Response::Redirect(301, "/articles/" + lookup->moved_to);
  }
  if (lookup->gone) return ErrorPage(ctx, 410);
  return response;
}

http::Response StoryPreview(const ArticlesContext& ctx, const Visitor& staff,
                            const articles::Article& story, const std::string& banner) {
  // The paywall as a reader without a subscription meets it: no meter, no comments.
  std::vector<articles::Correction> corrections;
  if (story.id != 0) {
    auto found = ctx.articles.CorrectionsOf(story.id);
    if (!found.ok()) return ErrorPageFor(ctx, found.error());
    corrections = std::move(*found);
  }
  auto view = StoryView(ctx, story, nullptr, MeterUse::kPeek, corrections);
  if (!view.ok()) return ErrorPageFor(ctx, view.error());
  (*view)["preview"] = banner;
  PageMeta meta;
  meta.title = "Preview: " + story.headline;
  meta.head_extra_html = "<meta name=\"robots\" content=\"noindex\">\n";
  return VisitorPage(ctx, staff, meta, "pages/article", std::move(*view));
}

core::Result<std::string> StoryPreviewFragment(const ArticlesContext& ctx,
                                               const articles::Article& story) {
  std::vector<articles::Correction> corrections;
  if (story.id != 0) {
    auto found = ctx.articles.CorrectionsOf(story.id);
    if (!found.ok()) return found.error();
    corrections = std::move(*found);
  }
  auto view = StoryView(ctx, story, nullptr, MeterUse::kPeek, corrections);
  if (!view.ok()) return view.error();
  return ctx.templates.Render("pages/article", *view);
}

http::Response SharedPreviewPage(const ArticlesContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  auto query = http::Form::Parse(request.query);
  if (!query.ok()) return ErrorPage(ctx, 400);
  auto story = ctx.articles.OpenPreview(core::ParseId(request.PathParam("id")),
                                        core::ParseInt64(query->Value("until")).value_or(0),
                                        query->Value("sig"));
  if (!story.ok()) {
    if (story.error().code != core::ErrorCode::kNotFound) return ErrorPageFor(ctx, story.error());
    return NoticePage(ctx, *visitor, "Preview link not valid", {ReaderSentence(story.error())}, "/",
                      "Go to the front page", 404);
  }
  auto response = StoryPreview(
      ctx, *visitor, *story,
      "A preview shared by the newsroom: this story is not published. Please do not share it.");
  // The link is the key: it must not leave in a Referer, or be indexed.
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("X-Robots-Tag", "noindex");
  return response;
}

void ForgetArticlePages(const ArticlesContext& ctx, int64_t article_id) {
  auto a = ctx.articles.FindPublishedById(article_id);
  if (!a.ok() || !*a) {
    ctx.cache.Clear();
    return;
  }
  ctx.cache.Erase("article:" + (*a)->slug);
  ctx.cache.Erase("front");
}

}  // namespace dateline::web
