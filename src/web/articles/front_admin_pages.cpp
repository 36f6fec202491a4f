#include "web/articles/front_admin_pages.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "core/time_format.hpp"
#include "http/form.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

constexpr Check kArrange = &articles::StructureService::MayArrange;
constexpr int kCandidates = 15;  // the newest stories offered for pinning

// The plan as slugs (pinned stories) and section slugs, for the forms.
struct PlanText {
  std::vector<std::string> stories;
  std::vector<std::string> sections;
};

core::Result<PlanText> CurrentPlan(const ArticlesContext& ctx) {
  auto plan = ctx.structure.Front();
  if (!plan.ok()) return plan.error();
  auto stories = ctx.articles.LiveInOrder(plan->pinned);
  if (!stories.ok()) return stories.error();
  auto sections = ctx.structure.Sections();
  if (!sections.ok()) return sections.error();
  PlanText text;
  for (const auto& a : *stories) text.stories.push_back(a.slug);
  for (int64_t id : plan->sections) {
    for (const auto& s : *sections) {
      if (s.id == id) text.sections.push_back(s.slug);
    }
  }
  return text;
}

http::Response Render(const ArticlesContext& ctx, const Visitor& visitor, const PlanText& plan,
                      const std::string& notice, const std::string& error, int status) {
  render::View view;
  if (!notice.empty()) view["notice"] = notice;
  if (!error.empty()) view["error"] = error;
  std::string lines;
  for (const auto& slug : plan.stories) lines += slug + "\n";
  view["pinned_text"] = lines;
  // The pinned stories with their headlines, and the newest ones to pin.
  auto newest = ctx.articles.ListPublishedPage("", kCandidates);
  if (!newest.ok()) return ErrorPageFor(ctx, newest.error());
  for (size_t i = 0; i < plan.stories.size(); ++i) {
    auto story = ctx.articles.FindPublished(plan.stories[i]);
    if (!story.ok()) return ErrorPageFor(ctx, story.error());
    render::View item;
    item["slug"] = plan.stories[i];
    item["headline"] = *story ? (*story)->headline : plan.stories[i];
    item["place"] = i == 0 ? std::string("Lead") : "Top story " + std::to_string(i);
    item["can_move_up"] = i > 0;
    view["pinned"].Push(std::move(item));
  }
  view["has_pinned"] = !plan.stories.empty();
  for (const auto& a : newest->items) {
    if (std::find(plan.stories.begin(), plan.stories.end(), a.slug) != plan.stories.end()) continue;
    render::View item;
    item["slug"] = a.slug;
    item["headline"] = a.headline;
    item["when"] = core::FormatHumanDateTime(a.published_at);
    view["candidates"].Push(std::move(item));
  }
  auto sections = ctx.structure.Sections();
  if (!sections.ok()) return ErrorPageFor(ctx, sections.error());
  for (const auto& s : *sections) {
    render::View item;
    item["slug"] = s.slug;
    item["name"] = s.name;
    item["checked"] =
        std::find(plan.sections.begin(), plan.sections.end(), s.slug) != plan.sections.end();
    view["sections"].Push(std::move(item));
  }
  PageMeta meta;
  meta.title = "Front page";
  return VisitorPage(ctx, visitor, meta, "pages/admin_front", std::move(view), status);
}

}  // namespace

http::Response AdminFrontPage(const ArticlesContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, kArrange);
  if (!visitor) return instead;
  auto plan = CurrentPlan(ctx);
  if (!plan.ok()) return ErrorPageFor(ctx, plan.error());
  auto query = http::Form::Parse(request.query);
  bool saved = query.ok() && query->Value("done") == "saved";
  return Render(ctx, *visitor, *plan, saved ? "The front page is arranged." : "", "", 200);
}

http::Response AdminFrontSubmit(const ArticlesContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/admin/front", false, kArrange);
  if (!posted) return instead;
  const auto& form = posted->form;
  auto current = CurrentPlan(ctx);
  if (!current.ok()) return ErrorPageFor(ctx, current.error());
  PlanText plan = *current;
  std::string action = form.Value("action");
  std::string slug(core::Trim(form.Value("slug")));
  auto at = std::find(plan.stories.begin(), plan.stories.end(), slug);
  if (action == "pin") {
    if (at == plan.stories.end()) plan.stories.push_back(slug);
  } else if (action == "unpin") {
    if (at != plan.stories.end()) plan.stories.erase(at);
  } else if (action == "up") {
    if (at != plan.stories.end() && at != plan.stories.begin()) std::iter_swap(at, at - 1);
  } else {  // save: the whole plan as typed
    plan.stories = StorySlugLines(form.Value("pinned"));
    plan.sections.clear();
    for (const auto& [name, value] : form.fields()) {
      if (name == "section") plan.sections.push_back(value);
    }
  }
  auto arranged = ctx.structure.ArrangeFront(posted->visitor.actor, plan.stories, plan.sections);
  if (!arranged.ok()) {
    auto shown = FormErrorFor(arranged.error());
    if (!shown) return ErrorPageFor(ctx, arranged.error());
    return Render(ctx, posted->visitor, plan, "", shown->message, shown->status);
  }
  // The front page changes at once on this node; others follow the content generation.
  ctx.cache.Clear();
  return SeeOther("/admin/front?done=saved");
}

}  // namespace dateline::web
