#include "web/comments/comment_admin_pages.hpp"

#include <climits>

#include "comments/comment.hpp"
#include "core/text.hpp"
#include "core/time_format.hpp"
#include "http/form.hpp"
#include "web/comments/comment_pages.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"
#include "web/kit/visitor.hpp"

namespace dateline::web {
namespace {

constexpr int kQueueSize = 100;

int64_t Number(std::string_view text, int64_t fallback = -1) {
  return core::ParseInt64(text).value_or(fallback);
}

// A moderator's posted form, or the answer for anyone else. The comment rules decide who
// moderates (comment_policy's kModerate); this only turns a refusal into a page.
struct ModeratorForm {
  PostedForm posted;
  comments::Commenter who;
};
std::optional<ModeratorForm> LoadModerator(const CommentsContext& ctx, const http::Request& request,
                                           http::Response& instead) {
  auto posted = SignedInForm(ctx, request, instead, "/admin/comments");
  if (!posted) return std::nullopt;
  auto who = CommenterOf(ctx, &posted->visitor);
  if (!who.ok()) {
    instead = ErrorPageFor(ctx, who.error());
    return std::nullopt;
  }
  auto allowed =
      comments::Require(comments::Action::kModerate, *who, nullptr, true, ctx.clock.NowSeconds());
  if (!allowed.ok()) {
    instead = NotForYou(ctx, posted->visitor, allowed.error());
    return std::nullopt;
  }
  return ModeratorForm{std::move(*posted), *who};
}

http::Response After(const CommentsContext& ctx, const ModeratorForm& m,
                     const core::Result<void>& r, const std::string& done) {
  if (r.ok()) return SeeOther("/admin/comments?done=" + done);
  if (r.error().code == core::ErrorCode::kNotFound ||
      r.error().code == core::ErrorCode::kInvalidArgument) {
    return NoticePage(ctx, m.posted.visitor, "That did not work", {ReaderSentence(r.error())},
                      "/admin/comments", "Back to the queue", HttpStatusFor(r.error().code));
  }
  return ErrorPageFor(ctx, r.error());
}

int64_t CommentIdOf(const http::Request& request) { return Number(request.PathParam("id"), 0); }

}  // namespace

namespace {

// What the rules form shows: the saved rules, or what a moderator typed that was refused.
struct RulesForm {
  std::string mode, premoderation_first, max_links, auto_close_days, banned_words;
  std::string error;
};

RulesForm SavedRules(const comments::ModerationSettings& s) {
  std::string mode = s.premoderation == comments::PreModeration::kAll             ? "all"
                     : s.premoderation == comments::PreModeration::kFirstComments ? "first"
                                                                                  : "off";
  return {mode,
          std::to_string(s.premoderation_first),
          std::to_string(s.max_links),
          std::to_string(s.auto_close_days),
          s.banned_words,
          ""};
}

http::Response RenderModeration(const CommentsContext& ctx, const Visitor& visitor,
                                const comments::Commenter& who, const std::string& notice,
                                const std::optional<RulesForm>& typed, int status,
                                int64_t suspended_after = 0) {
  auto queue = ctx.comments.Queue(who, kQueueSize);
  if (!queue.ok()) {
    if (queue.error().code != core::ErrorCode::kPermissionDenied)
      return ErrorPageFor(ctx, queue.error());
    return NotForYou(ctx, visitor, queue.error());
  }
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
  // Who may not comment now, with who decided, when, why and until when; and a way back.
  auto suspended = ctx.comments.Suspensions(who, suspended_after, kQueueSize + 1);
  if (!suspended.ok()) return ErrorPageFor(ctx, suspended.error());
  bool more = static_cast<int>(suspended->size()) > kQueueSize;
  if (more) suspended->resize(kQueueSize);
  for (const auto& s : *suspended) {
    render::View v;
    v["user_id"] = std::to_string(s.user_id);
    v["name"] = s.name.empty() ? "Former reader" : s.name;
    v["banned"] = s.until == INT64_MAX;
    if (s.until != INT64_MAX) v["until_human"] = core::FormatHumanDateTime(s.until);
    v["by"] = s.by.empty() ? "a moderator" : s.by;
    if (s.at != 0) v["at_human"] = core::FormatHumanDateTime(s.at);
    v["reason"] = s.reason;
    view["suspensions"].Push(std::move(v));
  }
  view["has_suspensions"] = !suspended->empty();
  if (more)
    view["more_suspensions"] =
        "/admin/comments?suspended_after=" + std::to_string(suspended->back().user_id) +
        "#suspended";
  RulesForm rules;
  if (typed) {
    rules = *typed;
  } else {
    auto settings = ctx.comments.Settings();
    if (!settings.ok()) return ErrorPageFor(ctx, settings.error());
    rules = SavedRules(*settings);
  }
  view["mode_off"] = rules.mode != "all" && rules.mode != "first";
  view["mode_first"] = rules.mode == "first";
  view["mode_all"] = rules.mode == "all";
  view["premoderation_first"] = rules.premoderation_first;
  view["max_links"] = rules.max_links;
  view["auto_close_days"] = rules.auto_close_days;
  view["banned_words"] = rules.banned_words;
  if (!rules.error.empty()) view["rules_error"] = rules.error;
  if (!notice.empty()) view["notice"] = notice;
  PageMeta meta;
  meta.title = "Comments to review";
  return VisitorPage(ctx, visitor, meta, "pages/admin_comments", std::move(view), status);
}

}  // namespace

http::Response AdminCommentsPage(const CommentsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, nullptr, "/admin/comments");
  if (!visitor) return instead;
  auto who = CommenterOf(ctx, &*visitor);
  if (!who.ok()) return ErrorPageFor(ctx, who.error());
  auto query = http::Form::Parse(request.query);
  std::string done = query.ok() ? query->Value("done") : "";
  int64_t after = query.ok() ? Number(query->Value("suspended_after"), 0) : 0;
  std::string notice = done == "lifted"     ? "The reader may comment again."
                       : done == "settings" ? "The rules are saved."
                       : done.empty()       ? ""
                                            : "Done.";
  return RenderModeration(ctx, *visitor, *who, notice, std::nullopt, 200, after);
}

http::Response AdminCommenterLift(const CommentsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto m = LoadModerator(ctx, request, instead);
  if (!m) return instead;
  return After(ctx, *m, ctx.comments.LiftSuspension(m->who, CommentIdOf(request)), "lifted");
}

http::Response AdminCommentApprove(const CommentsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto m = LoadModerator(ctx, request, instead);
  if (!m) return instead;
  return After(ctx, *m, ctx.comments.Approve(m->who, CommentIdOf(request)), "approved");
}

http::Response AdminCommentReject(const CommentsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto m = LoadModerator(ctx, request, instead);
  if (!m) return instead;
  return After(ctx, *m, ctx.comments.Reject(m->who, CommentIdOf(request)), "rejected");
}

http::Response AdminCommentFeature(const CommentsContext& ctx, const http::Request& request) {
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

http::Response AdminCommentSuspend(const CommentsContext& ctx, const http::Request& request) {
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
  return After(ctx, *m,
               ctx.comments.SuspendAuthor(m->who, CommentIdOf(request), until,
                                          m->posted.form.Value("reason")),
               "suspended");
}

http::Response AdminCommentSettingsSubmit(const CommentsContext& ctx,
                                          const http::Request& request) {
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
  if (saved.ok()) {
    ctx.cache.Clear();  // the rules touch every article (closing dates)
    return SeeOther("/admin/comments?done=settings");
  }
  if (saved.error().code != core::ErrorCode::kInvalidArgument) return After(ctx, *m, saved, "");
  // Refused: the same form again, with everything as typed and the reason beside it.
  RulesForm typed{mode,
                  f.Value("premoderation_first"),
                  f.Value("max_links"),
                  f.Value("auto_close_days"),
                  f.Value("banned_words"),
                  ReaderSentence(saved.error())};
  return RenderModeration(ctx, m->posted.visitor, m->who, "", typed, 400);
}

http::Response AdminArticleCommentsSubmit(const CommentsContext& ctx,
                                          const http::Request& request) {
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
