#include "web/comments/comment_pages.hpp"

#include <spdlog/spdlog.h>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "core/time_format.hpp"
#include "http/form.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"
#include "web/kit/visitor.hpp"

namespace dateline::web {
namespace {

using comments::Comment;
using comments::Commenter;

// Enough threads that a busy article's first screenfuls need no second request.
constexpr int kThreadsPerPage = 50;

int64_t IdParam(const http::Request& request) { return core::ParseId(request.PathParam("id")); }

struct Renderer {
  const CommentsContext& ctx;
  const articles::Article& article;
  const Commenter& who;
  bool open;
  int64_t now;
  std::string csrf;
  std::string token;
  // What the reader did to these comments already (null for the anonymous version).
  const comments::CommentService::ReaderMarks* marks = nullptr;

  core::Result<std::string> One(const Comment& c, bool reply) const {
    render::View v;
    v["id"] = std::to_string(c.id);
    v["slug"] = article.slug;
    v["reply"] = reply;
    // A tombstone keeps its place in the thread and nothing else: no text, no name.
    bool gone = c.status == comments::Status::kDeleted || c.status == comments::Status::kRejected;
    v["deleted"] = gone;
    v["removed"] = c.status == comments::Status::kRejected;
    if (gone) return ctx.templates.Render("pages/comment", v);
    v["pending"] = c.status == comments::Status::kPending;
    if (!c.held_reason.empty()) v["held_reason"] = c.held_reason;
    v["author"] = c.author;
    v["staff"] = c.by_staff;
    if (!c.parent_author.empty()) v["parent_author"] = c.parent_author;
    v["created_iso"] = core::FormatIso8601(c.created_at);
    v["created_human"] = core::FormatHumanDateTime(c.created_at);
    v["edited"] = c.edited_at != 0;
    v["featured"] = c.featured;
    v["body"] = c.body;
    v["body_html"] = comments::RenderCommentHtml(c.body);
    if (c.recommendations > 0) v["recommendations"] = std::to_string(c.recommendations);
    if (who.user_id != 0) {
      v["csrf"] = csrf;
      v["token"] = token;
      bool recommended = marks && marks->recommended.count(c.id) != 0;
      bool flagged = marks && marks->flagged.count(c.id) != 0;
      comments::CommentControls can =
          comments::ControlsFor(who, c, open, now, recommended, flagged);
      v["can_reply"] = can.reply;
      v["can_edit"] = can.edit;
      // One way to take a comment down each: authors delete their own, moderators
      // remove others' (and are asked to confirm either).
      v["can_delete"] = can.remove_own;
      v["recommended_by_you"] = recommended;
      v["can_recommend"] = can.recommend;
      v["flagged_by_you"] = flagged;
      v["can_flag"] = can.flag;
      v["can_moderate"] = can.moderate;
    }
    return ctx.templates.Render("pages/comment", v);
  }
};

// Which notice a visitor who cannot post sees.
void NoticeFor(const Commenter& who, bool open, int64_t now, render::View& view) {
  if (who.user_id == 0) {
    view["anonymous"] = true;
  } else if (!who.verified) {
    view["unverified"] = true;
  } else if (who.suspended_until > now) {
    view["suspended"] = true;
    if (who.suspended_until != INT64_MAX) {
      view["suspended_until"] = core::FormatHumanDateTime(who.suspended_until);
    }
  } else if (!who.digital_access && !who.staff) {
    view["needs_subscription"] = true;
  } else if (!open) {
    view["closed"] = true;
  }
}

std::string ArticleCommentsPath(const std::string& slug) { return "/articles/" + slug; }

// After a change (the comment service has already dropped the cached pages it touched):
// back to the comment on its article.
http::Response BackTo(const std::string& slug, int64_t comment_id) {
  return SeeOther(ArticleCommentsPath(slug) +
                  (comment_id ? "#comment-" + std::to_string(comment_id) : "#comments"));
}

struct CommentForm {
  std::string action;
  std::string body;
  std::string token;
  int64_t parent = 0;
  bool can_retry = true;
};

http::Response RenderCommentForm(const CommentsContext& ctx, const Visitor& v,
                                 const articles::Article& a, const CommentForm& form,
                                 const std::string& error, int status) {
  render::View view;
  view["slug"] = a.slug;
  view["headline"] = a.headline;
  view["error"] = error;
  view["action"] = form.action;
  view["body"] = form.body;
  if (!form.token.empty()) view["token"] = form.token;
  if (form.parent) view["parent"] = std::to_string(form.parent);
  view["can_retry"] = form.can_retry;
  PageMeta meta;
  meta.title = "Your comment was not posted";
  return VisitorPage(ctx, v, meta, "pages/comment_form", std::move(view), status);
}

// The reader-facing answer to a refused comment action.
struct Refusal {
  int status;
  std::string message;
  bool retry;
};
Refusal RefusalFor(const core::Error& e) {
  int status = HttpStatusFor(e.code);
  // Worth sending again: what was typed (fixed), later, or after a failure on our side.
  bool retry = status != 403 && status != 401 && status != 404;
  if (status >= 500) {
    spdlog::warn("comment action failed: {}: {}", core::ErrorCodeName(e.code), e.message);
    return {status, "Comments are unavailable at the moment. Please try again shortly.", retry};
  }
  return {status, ReaderSentence(e), retry};
}

// The comment a form acts on, with its article; or the answer to send instead.
struct Target {
  PostedForm posted;
  Comment comment;
  articles::Article article;
  Commenter who;
};
std::optional<Target> LoadTarget(const CommentsContext& ctx, const http::Request& request,
                                 http::Response& instead) {
  int64_t id = IdParam(request);
  auto posted = SignedInForm(ctx, request, instead, "/");
  if (!posted) return std::nullopt;
  auto found = id ? ctx.comments.Find(id) : core::Result<std::optional<Comment>>(std::nullopt);
  if (!found.ok()) {
    instead = ErrorPageFor(ctx, found.error());
    return std::nullopt;
  }
  if (!*found) {
    instead = ErrorPage(ctx, 404);
    return std::nullopt;
  }
  auto article = ctx.articles.FindPublishedById((*found)->article_id);
  if (!article.ok() || !*article) {
    instead = article.ok() ? ErrorPage(ctx, 404) : ErrorPageFor(ctx, article.error());
    return std::nullopt;
  }
  auto who = CommenterOf(ctx, &posted->visitor);
  if (!who.ok()) {
    instead = ErrorPageFor(ctx, who.error());
    return std::nullopt;
  }
  return Target{std::move(*posted), std::move(**found), std::move(**article), *who};
}

http::Response Refused(const CommentsContext& ctx, const Target& t, const core::Error& e) {
  Refusal r = RefusalFor(e);
  return NoticePage(
      ctx, t.posted.visitor, "That did not work", {r.message},
      ArticleCommentsPath(t.article.slug) + "#comment-" + std::to_string(t.comment.id),
      "Back to the comment", r.status);
}

}  // namespace

core::Result<Commenter> CommenterOf(const CommentsContext& ctx, const Visitor* visitor) {
  if (!visitor) return Commenter{};
  return ctx.comments.CommenterFor(visitor->actor);
}

core::Result<std::string> RenderPublicComment(const CommentsContext& ctx,
                                              const articles::Article& article,
                                              const Comment& comment) {
  Commenter anonymous;
  Renderer one{ctx, article, anonymous, false, ctx.clock.NowSeconds(), "", ""};
  return one.One(comment, comment.parent_id != 0);
}

core::Result<std::string> RenderCommentsSection(const CommentsContext& ctx,
                                                const articles::Article& article,
                                                const Visitor* visitor, comments::Sort sort,
                                                const std::string& cursor, int64_t thread_id) {
  auto who = CommenterOf(ctx, visitor);
  if (!who.ok()) return who.error();
  auto open = ctx.comments.IsOpen(article.id, article.published_at);
  if (!open.ok()) return open.error();
  auto page = ctx.comments.Threads(article.id, sort, cursor, kThreadsPerPage, who->user_id);
  if (!page.ok()) return page.error();
  if (thread_id != 0) {
    auto one = ctx.comments.FullThread(article.id, thread_id, who->user_id);
    if (!one.ok()) return one.error();
    if (!*one) return core::Error::NotFound("no such thread");
    page->threads = {std::move(**one)};
    page->featured.clear();
    page->next_cursor.clear();
  }
  int64_t now = ctx.clock.NowSeconds();
  comments::CommentService::ReaderMarks marks;
  if (who->user_id != 0) {
    std::vector<int64_t> ids;
    for (const auto& c : page->featured) ids.push_back(c.id);
    for (const auto& t : page->threads) {
      ids.push_back(t.top.id);
      for (const auto& r : t.replies) ids.push_back(r.id);
    }
    auto found = ctx.comments.MarksBy(who->user_id, ids);
    if (!found.ok()) return found.error();
    marks = std::move(found.value());
  }
  Renderer one{
      ctx,   article, *who, *open, now, visitor ? visitor->csrf_token : "", core::RandomToken(12),
      &marks};
  render::View view;
  view["slug"] = article.slug;
  if (page->approved_count > 0) view["count"] = std::to_string(page->approved_count);
  comments::ThreadControls thread = comments::ThreadControlsFor(*who, *open, now);
  bool can_post = thread.post;
  view["can_post"] = can_post;
  view["open"] = *open;
  // The live script asks for each new comment as this reader sees it (with controls).
  view["signed_in"] = who->user_id != 0;
  if (thread.moderate) {
    view["can_moderate"] = true;
    view["csrf"] = visitor->csrf_token;
  }
  if (can_post) {
    view["csrf"] = visitor->csrf_token;
    view["token"] = one.token;
  } else {
    NoticeFor(*who, *open, now, view);
  }
  std::string featured;
  for (const auto& c : page->featured) {
    auto html = one.One(c, false);
    if (!html.ok()) return html.error();
    featured += *html;
  }
  if (!featured.empty()) view["featured_html"] = featured;
  view["has_threads"] = !page->threads.empty();
  for (const auto& t : page->threads) {
    std::string html;
    auto top = one.One(t.top, false);
    if (!top.ok()) return top.error();
    html += *top;
    for (const auto& r : t.replies) {
      auto reply = one.One(r, true);
      if (!reply.ok()) return reply.error();
      html += *reply;
    }
    render::View item;
    item["html"] = std::move(html);
    if (t.more_replies > 0) {
      item["more_replies"] = t.more_replies == 1
                                 ? std::string("Show 1 more reply")
                                 : "Show " + std::to_string(t.more_replies) + " more replies";
      item["thread_id"] = std::to_string(t.top.id);
    }
    view["threads"].Push(std::move(item));
  }
  for (auto [s, label] : {std::pair{comments::Sort::kNewest, "Newest"},
                          {comments::Sort::kOldest, "Oldest"},
                          {comments::Sort::kRecommended, "Most recommended"}}) {
    render::View item;
    item["name"] = comments::SortName(s);
    item["label"] = label;
    item["current"] = s == sort;
    view["sorts"].Push(std::move(item));
  }
  view["sort"] = comments::SortName(sort);
  if (!page->next_cursor.empty()) view["next"] = http::PercentEncode(page->next_cursor);
  return ctx.templates.Render("pages/comments", view);
}

http::Response CommentsPage(const CommentsContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  auto found = ctx.articles.FindPublished(request.PathParam("slug"));
  if (!found.ok()) return ErrorPageFor(ctx, found.error());
  if (!*found) return ErrorPage(ctx, 404);
  auto query = http::Form::Parse(request.query);
  comments::Sort sort = comments::ParseSort(query.ok() ? query->Value("sort") : "");
  std::string after = query.ok() ? query->Value("after") : "";
  int64_t thread = query.ok() ? core::ParseId(query->Value("thread")) : 0;
  auto section = RenderCommentsSection(ctx, **found, &*visitor, sort, after, thread);
  if (!section.ok()) return ErrorPageFor(ctx, section.error());
  render::View view;
  view["slug"] = (*found)->slug;
  view["headline"] = (*found)->headline;
  view["comments_html"] = *section;
  PageMeta meta;
  meta.title = "Comments: " + (*found)->headline;
  meta.canonical_path = "/articles/" + (*found)->slug + "/comments";
  meta.head_extra_html =
      "<script src=\"" + ctx.static_files.Url("js/comments-live.js") + "\" defer></script>\n";
  return VisitorPage(ctx, *visitor, meta, "pages/comments_page", std::move(view));
}

http::Response CommentSubmit(const CommentsContext& ctx, const http::Request& request) {
  std::string slug(request.PathParam("slug"));
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/articles/" + slug, /*repair=*/true);
  if (!posted) return instead;
  auto found = ctx.articles.FindPublished(slug);
  if (!found.ok()) return ErrorPageFor(ctx, found.error());
  if (!*found) return ErrorPage(ctx, 404);
  const articles::Article& a = **found;
  auto who = CommenterOf(ctx, &posted->visitor);
  if (!who.ok()) return ErrorPageFor(ctx, who.error());
  CommentForm form;
  form.action = "/articles/" + a.slug + "/comments";
  form.body = posted->form.Value("body");
  form.token = posted->form.Value("token");
  form.parent = core::ParseId(posted->form.Value("parent"));
  if (posted->repaired) {
    // Not text as sent (another encoding, a broken paste): nothing is saved, and the
    // reader gets their words back, the unreadable bits marked, to fix and post again.
    form.can_retry = true;
    return RenderCommentForm(ctx, posted->visitor, a, form,
                             "Part of your comment could not be read as text (it shows as \uFFFD "
                             "below). Check it, then post it again.",
                             400);
  }
  auto saved = ctx.comments.Post(*who, {a.id, a.published_at, form.parent, form.body, form.token});
  if (!saved.ok()) {
    Refusal r = RefusalFor(saved.error());
    form.can_retry = r.retry;
    // The token was spent on another comment: a fresh form needs a fresh one.
    if (saved.error().code == core::ErrorCode::kConflict) form.token = core::RandomToken(12);
    return RenderCommentForm(ctx, posted->visitor, a, form, r.message, r.status);
  }
  return BackTo(a.slug, saved->id);
}

http::Response CommentEditSubmit(const CommentsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto t = LoadTarget(ctx, request, instead);
  if (!t) return instead;
  auto r = ctx.comments.Edit(t->who, t->comment.id, t->posted.form.Value("body"));
  if (!r.ok()) {
    Refusal refusal = RefusalFor(r.error());
    if (refusal.retry) {
      CommentForm form{"/comments/" + std::to_string(t->comment.id) + "/edit",
                       t->posted.form.Value("body"), "", 0, true};
      return RenderCommentForm(ctx, t->posted.visitor, t->article, form, refusal.message,
                               refusal.status);
    }
    return Refused(ctx, *t, r.error());
  }
  return BackTo(t->article.slug, t->comment.id);
}

http::Response CommentDeleteSubmit(const CommentsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto t = LoadTarget(ctx, request, instead);
  if (!t) return instead;
  auto r = ctx.comments.Delete(t->who, t->comment.id);
  if (!r.ok()) return Refused(ctx, *t, r.error());
  return BackTo(t->article.slug, t->comment.thread_id ? t->comment.thread_id : 0);
}

http::Response CommentRecommendSubmit(const CommentsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto t = LoadTarget(ctx, request, instead);
  if (!t) return instead;
  auto r = ctx.comments.Recommend(t->who, t->comment.id);
  if (!r.ok()) return Refused(ctx, *t, r.error());
  return BackTo(t->article.slug, t->comment.id);
}

http::Response CommentFragment(const CommentsContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  auto found = ctx.comments.Find(IdParam(request));
  if (!found.ok()) return ErrorPageFor(ctx, found.error());
  auto who = CommenterOf(ctx, &*visitor);
  if (!who.ok()) return ErrorPageFor(ctx, who.error());
  // Only what the page would show this visitor: approved comments, or their own.
  if (!*found || ((*found)->status != comments::Status::kApproved &&
                  ((*found)->user_id != who->user_id || who->user_id == 0))) {
    return ErrorPage(ctx, 404);
  }
  auto article = ctx.articles.FindPublishedById((*found)->article_id);
  if (!article.ok()) return ErrorPageFor(ctx, article.error());
  if (!*article) return ErrorPage(ctx, 404);
  auto open = ctx.comments.IsOpen((*article)->id, (*article)->published_at);
  if (!open.ok()) return ErrorPageFor(ctx, open.error());
  auto marks = ctx.comments.MarksBy(who->user_id, {(*found)->id});
  if (!marks.ok()) return ErrorPageFor(ctx, marks.error());
  Renderer one{ctx,
               **article,
               *who,
               *open,
               ctx.clock.NowSeconds(),
               visitor->csrf_token,
               core::RandomToken(12),
               &*marks};
  auto html = one.One(**found, (*found)->parent_id != 0);
  if (!html.ok()) return ErrorPageFor(ctx, html.error());
  http::Response r;
  r.body = std::move(html.value());
  r.headers.emplace_back("Cache-Control", "no-store");
  FinishVisitorResponse(ctx, *visitor, r);
  return r;
}

http::Response CommentFlagSubmit(const CommentsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto t = LoadTarget(ctx, request, instead);
  if (!t) return instead;
  auto r = ctx.comments.Flag(t->who, t->comment.id, t->posted.form.Value("reason"));
  if (!r.ok()) return Refused(ctx, *t, r.error());
  // Back where the reader was; the comment now says it was flagged (and thanks them).
  return BackTo(t->article.slug, t->comment.id);
}

}  // namespace dateline::web
