#include "web/admin/home_page.hpp"

#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

constexpr int64_t kWeekSeconds = 7 * 86400;

// Anyone with a section of the newsroom gets the home page; readers get "Not for you".
core::Result<void> MayEnter(const accounts::Actor& actor) {
  if (accounts::DeskOf(actor).any()) return {};
  return core::Error::PermissionDenied("no newsroom section")
      .WithReader("The newsroom pages are for the site's staff.");
}

std::string Plural(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void AddSection(render::View& view, const std::string& href, const std::string& title,
                const std::string& about, const std::string& count = {}) {
  render::View s;
  s["href"] = href;
  s["title"] = title;
  s["about"] = about;
  if (!count.empty()) s["count"] = count;
  view["sections"].Push(std::move(s));
}

}  // namespace

http::Response AdminHomePage(const AdminContext& ctx, const http::Request& request) {
  http::Response instead;
  auto v = SignedInVisitor(ctx, request, instead, &MayEnter);
  if (!v) return instead;
  accounts::Desk desk = accounts::DeskOf(v->actor);
  render::View view;
  if (desk.stories) {
    articles::NewsroomFilter waiting;
    waiting.status = articles::Status::kReview;
    auto review = ctx.articles.ListNewsroom(v->actor, waiting, "", 1);
    if (!review.ok()) return ErrorPageFor(ctx, review.error());
    articles::NewsroomFilter drafts;
    drafts.status = articles::Status::kDraft;
    auto drafted = ctx.articles.ListNewsroom(v->actor, drafts, "", 1);
    if (!drafted.ok()) return ErrorPageFor(ctx, drafted.error());
    AddSection(view, "/admin/articles?status=review", "Stories",
               "Write, review, schedule and publish; revisions and the trash.",
               Plural(review->total, "story waits for review", "stories wait for review") + ", " +
                   Plural(drafted->total, "draft", "drafts"));
    view["write"] = true;
  }
  if (desk.comments) {
    auto who = ctx.comments.CommenterFor(v->actor);
    if (!who.ok()) return ErrorPageFor(ctx, who.error());
    auto held = ctx.comments.QueueSize(*who);
    if (!held.ok()) return ErrorPageFor(ctx, held.error());
    AddSection(view, "/admin/comments", "Comments", "Held and flagged comments, suspensions.",
               Plural(*held, "comment waits", "comments wait"));
  }
  if (desk.members) {
    auto fresh = ctx.subscriptions.StartedSince(v->actor, ctx.clock.NowSeconds() - kWeekSeconds);
    if (!fresh.ok()) return ErrorPageFor(ctx, fresh.error());
    AddSection(view, "/admin/members", "Members", "Readers and staff; complimentary subscriptions.",
               Plural(*fresh, "new subscriber this week", "new subscribers this week"));
  }
  if (desk.subscriptions) {
    AddSection(view, "/admin/requests", "Subscription requests",
               "Plans asked for by readers who pay offline.");
    AddSection(view, "/admin/gifts", "Gift codes", "Codes that give days of digital access.");
  }
  if (desk.plans) AddSection(view, "/admin/plans", "Plans", "What is on sale, at what price.");
  if (desk.structure) {
    AddSection(view, "/admin/front", "Front page",
               "Pin the lead and top stories, choose the section blocks.");
    AddSection(view, "/admin/sections", "Sections",
               "The paper's sections: their fronts, order and place in the navigation.");
    AddSection(view, "/admin/authors", "Authors",
               "The people credited on stories, with their pages and biographies.");
    AddSection(view, "/admin/tags", "Tags", "Topics that gather stories across sections.");
    AddSection(view, "/admin/newsletters", "Newsletters",
               "Lists readers join, issues sent from stories, bounces and suppressions.");
  }
  if (desk.stories) {
    AddSection(view, "/admin/media", "Media library",
               "Upload images, find them, and use them in stories.");
  }
  if (desk.pages) {
    AddSection(view, "/admin/pages", "Pages",
               "About, contact, privacy, terms, and the comments policy behind “Here’s why”.");
  }
  if (desk.integrations) {
    AddSection(view, "/admin/integrations", "API keys and webhooks",
               "Keys for the Content and Admin APIs; endpoints told of new stories and members.");
  }
  if (desk.settings) {
    AddSection(view, "/admin/settings", "Settings",
               "What this server runs with: the site, the paywall, accounts, mail.");
  }
  PageMeta meta;
  meta.title = "Newsroom";
  return VisitorPage(ctx, *v, meta, "pages/admin_home", std::move(view));
}

}  // namespace dateline::web
