#include "web/comment_admin_pages.hpp"

#include <charconv>
#include <climits>

#include "comments/comment.hpp"
#include "core/time_format.hpp"
#include "http/form.hpp"
#include "web/comment_pages.hpp"
#include "web/error_pages.hpp"
#include "web/form_helpers.hpp"
#include "web/page_response.hpp"
#include "web/visitor.hpp"

namespace dateline::web {
namespace {

constexpr int kQueueSize = 100;

int64_t Number(std::string_view text, int64_t fallback = -1) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  return ec == std::errc() && end == text.data() + text.size() ? n : fallback;
}

// A moderator's posted form, or the answer for anyone else. The comment rules decide who
// moderates (comment_policy's kModerate); this only turns a refusal into a page.
struct ModeratorForm {
  PostedForm posted;
  comments::Commenter who;
};
std::optional<ModeratorForm> LoadModerator(const SiteContext& ctx, const http::Request& request,
                                           http::Response& instead) {
  auto posted = SignedInForm(ctx, request, instead, "/admin/comments");
  if (!posted) return std::nullopt;
  auto who = CommenterOf(ctx, &posted->visitor);
  if (!who.ok()) {
    instead = ErrorPageFor(ctx, who.error());
    return std::nullopt;
  }
  if (!comments::Permit(comments::Action::kModerate, *who, nullptr, true, ctx.clock.NowSeconds())
           .allowed) {
    instead =
        NoticePage(ctx, posted->visitor, "Not for you", {"This is for the newsroom's moderators."},
                   "/", "Go to the front page", 403);
    return std::nullopt;
  }
  return ModeratorForm{std::move(*posted), *who};
}

http::Response After(const SiteContext& ctx, const ModeratorForm& m, const core::Result<void>& r,
                     const std::string& done) {
  if (r.ok()) return SeeOther("/admin/comments?done=" + done);
  if (r.error().code == core::ErrorCode::kNotFound ||
      r.error().code == core::ErrorCode::kInvalidArgument) {
    return NoticePage(ctx, m.posted.visitor, "That did not work", {r.error().message},
                      "/admin/comments", "Back to the queue", 400);
  }
  return ErrorPageFor(ctx, r.error());
}

int64_t CommentIdOf(const http::Request& request) { return Number(request.PathParam("id"), 0); }

}  // namespace

http::Response AdminCommentsPage(const SiteContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  if (!visitor->signed_in()) return SeeOther("/login?next=%2Fadmin%2Fcomments");
  auto who = CommenterOf(ctx, &*visitor);
  if (!who.ok()) return ErrorPageFor(ctx, who.error());
  auto queue = ctx.comments.Queue(*who, kQueueSize);
  if (!queue.ok()) {
    if (queue.error().code != core::ErrorCode::kPermissionDenied)
      return ErrorPageFor(ctx, queue.error());
    return NoticePage(ctx, *visitor, "Not for you", {"This is for the newsroom's moderators."}, "/",
                      "Go to the front page", 403);
  }
  auto settings = ctx.comments.Settings();
  if (!settings.ok()) return ErrorPageFor(ctx, settings.error());
  render::View view;
  for (const auto& item : *queue) {
    const auto& c = item.comment;
    render::View v;
    v["id"] = std::to_string(c.id);
    v["author"] = c.author;
    v["has_author"] = c.user_id != 0;
    v["slug"] = item.article_slug;
    v["headline"] = item.article_headline;
    v["created_iso"] = core::FormatIso8601(c.created_at);
    v["created_human"] = core::FormatHumanDateTime(c.created_at);
    if (!c.held_reason.empty() && c.status == comments::Status::kPending)
      v["held_reason"] = c.held_reason;
    v["has_flags"] = !item.flags.empty();
    for (const auto& f : item.flags) v["flags"].Push(render::View(f));
    v["body_html"] = comments::RenderCommentHtml(c.body);
    view["items"].Push(std::move(v));
  }
  view["mode_off"] = settings->premoderation == comments::PreModeration::kOff;
  view["mode_first"] = settings->premoderation == comments::PreModeration::kFirstComments;
  view["mode_all"] = settings->premoderation == comments::PreModeration::kAll;
  view["premoderation_first"] = std::to_string(settings->premoderation_first);
  view["max_links"] = std::to_string(settings->max_links);
  view["auto_close_days"] = std::to_string(settings->auto_close_days);
  view["banned_words"] = settings->banned_words;
  auto query = http::Form::Parse(request.query);
  if (query.ok() && query->Has("done")) view["notice"] = "Done.";
  PageMeta meta;
  meta.title = "Comments to review";
  return VisitorPage(ctx, *visitor, meta, "pages/admin_comments", std::move(view));
}

http::Response AdminCommentApprove(const SiteContext& ctx, const http::Request& request) {
  http::Response instead;
  auto m = LoadModerator(ctx, request, instead);
  if (!m) return instead;
  return After(ctx, *m, ctx.comments.Approve(m->who, CommentIdOf(request)), "approved");
}

http::Response AdminCommentReject(const SiteContext& ctx, const http::Request& request) {
  http::Response instead;
  auto m = LoadModerator(ctx, request, instead);
  if (!m) return instead;
  return After(ctx, *m, ctx.comments.Reject(m->who, CommentIdOf(request)), "rejected");
}

http::Response AdminCommentFeature(const SiteContext& ctx, const http::Request& request) {
  http::Response instead;
  auto m = LoadModerator(ctx, request, instead);
  if (!m) return instead;
  int64_t id = CommentIdOf(request);
  auto r = ctx.comments.SetFeatured(m->who, id, m->posted.form.Value("featured") == "1");
  if (!r.ok()) return After(ctx, *m, r, "");
  auto c = ctx.comments.Find(id);
  auto a = c.ok() && *c ? ctx.articles.FindPublishedById((*c)->article_id)
                        : core::Result<std::optional<articles::Article>>(std::nullopt);
  if (a.ok() && *a) return SeeOther("/articles/" + (*a)->slug + "#comment-" + std::to_string(id));
  return SeeOther("/admin/comments?done=featured");
}

http::Response AdminCommentSuspend(const SiteContext& ctx, const http::Request& request) {
  http::Response instead;
  auto m = LoadModerator(ctx, request, instead);
  if (!m) return instead;
  std::string days = m->posted.form.Value("days");
  int64_t until = INT64_MAX;  // a ban
  if (days != "ban") {
    int64_t n = Number(days);
    if (n < 1 || n > 3650) {
      return NoticePage(ctx, m->posted.visitor, "That did not work",
                        {"Choose how long the suspension lasts."}, "/admin/comments",
                        "Back to the queue", 400);
    }
    until = ctx.clock.NowSeconds() + n * 86400;
  }
  return After(ctx, *m, ctx.comments.SuspendAuthor(m->who, CommentIdOf(request), until),
               "suspended");
}

http::Response AdminCommentSettingsSubmit(const SiteContext& ctx, const http::Request& request) {
  http::Response instead;
  auto m = LoadModerator(ctx, request, instead);
  if (!m) return instead;
  const http::Form& f = m->posted.form;
  comments::ModerationSettings s;
  std::string mode = f.Value("premoderation");
  s.premoderation = mode == "all"     ? comments::PreModeration::kAll
                    : mode == "first" ? comments::PreModeration::kFirstComments
                                      : comments::PreModeration::kOff;
  s.premoderation_first = Number(f.Value("premoderation_first"));
  s.max_links = Number(f.Value("max_links"));
  s.auto_close_days = Number(f.Value("auto_close_days"));
  s.banned_words = f.Value("banned_words");
  auto saved = ctx.comments.SaveSettings(m->who, s);
  if (saved.ok()) ctx.cache.Clear();  // the rules touch every article (closing dates)
  return After(ctx, *m, saved, "settings");
}

http::Response AdminArticleCommentsSubmit(const SiteContext& ctx, const http::Request& request) {
  http::Response instead;
  auto m = LoadModerator(ctx, request, instead);
  if (!m) return instead;
  auto a = ctx.articles.FindPublished(request.PathParam("slug"));
  if (!a.ok()) return ErrorPageFor(ctx, a.error());
  if (!*a) return ErrorPage(ctx, 404);
  auto r = ctx.comments.SetClosed(m->who, (*a)->id, m->posted.form.Value("closed") == "1");
  if (!r.ok()) return After(ctx, *m, r, "");
  return SeeOther("/articles/" + (*a)->slug + "#comments");
}

}  // namespace dateline::web
