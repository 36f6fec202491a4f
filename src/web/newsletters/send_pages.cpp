#include "web/newsletters/send_pages.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "core/time_format.hpp"
#include "core/time_zone.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

constexpr Check kMayManage = newsletters::NewsletterService::MayManage;

// What the send form holds, from a posted form or a query (the editor's link, a preview).
struct SendFields {
  std::string newsletter;
  std::string articles;  // one per line
  std::string subject;
  std::string segment = "all";
  std::string send_at;  // the site's civil time, as <input type="datetime-local"> sends it
};

SendFields FieldsOf(const http::Form& f) {
  SendFields s;
  s.newsletter = f.Value("newsletter");
  s.articles = f.Value("articles");
  if (s.articles.empty()) {  // the editor's link names the story as ?article=
    for (const auto& [k, v] : f.fields()) {
      if (k == "article") s.articles += v + "\n";
    }
  }
  s.subject = f.Value("subject");
  if (!f.Value("segment").empty()) s.segment = f.Value("segment");
  s.send_at = f.Value("send_at");
  return s;
}

// The request the fields describe; kInvalidArgument for a time that is not one.
core::Result<newsletters::IssueRequest> RequestOf(const SendFields& s) {
  newsletters::IssueRequest r;
  r.newsletter_slug = s.newsletter;
  r.article_slugs = StorySlugLines(s.articles);
  r.subject = s.subject;
  auto segment = newsletters::ParseSegment(s.segment);
  if (!segment) return core::Error::InvalidArgument("segment").WithReader("Choose the readers.");
  r.segment = *segment;
  if (!core::Trim(s.send_at).empty()) {
    auto at = core::ParseSiteTime(core::Trim(s.send_at));
    if (!at) {
      return core::Error::InvalidArgument("send time")
          .WithReader("The time is not one; use the date and time fields.");
    }
    r.send_at = *at;
  }
  return r;
}

std::string PreviewQuery(const SendFields& s, const char* copy, const char* format) {
  return fmt::format(
      "/admin/newsletters/preview?newsletter={}&articles={}&subject={}&segment={}"
      "&copy={}&format={}",
      http::PercentEncode(s.newsletter), http::PercentEncode(s.articles),
      http::PercentEncode(s.subject), http::PercentEncode(s.segment), copy, format);
}

http::Response RenderSend(const NewslettersContext& ctx, const Visitor& v, const SendFields& s,
                          const std::string& error, const std::string& notice, int status,
                          const newsletters::IssueContent* preview = nullptr,
                          bool has_cut = false) {
  auto all = ctx.newsletters.List();
  if (!all.ok()) return ErrorPageFor(ctx, all.error());
  render::View view;
  render::View::List list;
  for (const auto& n : *all) {
    render::View item;
    item["slug"] = n.slug;
    item["name"] = n.name;
    item["selected"] = n.slug == s.newsletter;
    list.push_back(std::move(item));
  }
  view["newsletters"] = std::move(list);
  view["articles"] = s.articles;
  view["subject"] = s.subject;
  view["seg_all"] = s.segment == "all";
  view["seg_paid"] = s.segment == "paid";
  view["seg_free"] = s.segment == "free";
  view["send_at"] = s.send_at;
  view["zone"] = core::SiteTimeZone();
  if (!error.empty()) view["error"] = error;
  if (!notice.empty()) view["notice"] = notice;
  if (preview) {
    view["has_preview"] = true;
    size_t bytes = preview->html.size();
    view["size"] = fmt::format("{:.1f} KB", static_cast<double>(bytes) / 1024.0);
    // Gmail clips past 102 KB; say so before it happens.
    if (bytes > newsletters::kGmailClipBytes * 9 / 10) {
      view["size_warning"] = fmt::format(
          "This email's HTML is {:.0f} KB: Gmail cuts messages past 102 KB behind a “View "
          "entire message” link, and the unsubscribe link with them. Shorten it or send a "
          "digest.",
          static_cast<double>(bytes) / 1024.0);
    }
    view["preview_url"] = PreviewQuery(s, "full", "html");
    view["text_url"] = PreviewQuery(s, "full", "text");
    if (has_cut) {
      view["cut"] = true;
      view["cut_url"] = PreviewQuery(s, "cut", "html");
    }
  }
  PageMeta meta;
  meta.title = "Send as a newsletter";
  return VisitorPage(ctx, v, meta, "pages/admin_newsletter_send", std::move(view), status);
}

http::Response Refused(const NewslettersContext& ctx, const Visitor& v, const SendFields& s,
                       const core::Error& e) {
  if (e.code == core::ErrorCode::kPermissionDenied) return NotForYou(ctx, v, e);
  auto shown = FormErrorFor(e);
  if (!shown) return ErrorPageFor(ctx, e);
  return RenderSend(ctx, v, s, shown->message, "", shown->status);
}

}  // namespace

http::Response AdminSendPage(const NewslettersContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, kMayManage);
  if (!visitor) return instead;
  SendFields s;
  auto query = http::Form::Parse(request.query);
  if (query.ok()) s = FieldsOf(*query);
  return RenderSend(ctx, *visitor, s, "", "", 200);
}

http::Response AdminSendSubmit(const NewslettersContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted =
      SignedInForm(ctx, request, instead, "/admin/newsletters/send", /*repair=*/true, kMayManage);
  if (!posted) return instead;
  const Visitor& v = posted->visitor;
  SendFields s = FieldsOf(posted->form);
  if (posted->repaired) {
    return RenderSend(ctx, v, s, "Some characters were not valid text.", "", 400);
  }
  auto r = RequestOf(s);
  if (!r.ok()) return Refused(ctx, v, s, r.error());
  std::string action = posted->form.Value("action");
  if (action == "preview") {
    auto copies = ctx.deliveries.Preview(v.actor, *r);
    if (!copies.ok()) return Refused(ctx, v, s, copies.error());
    return RenderSend(ctx, v, s, "", "", 200, &copies->full, copies->cut.html != copies->full.html);
  }
  if (action == "test") {
    auto sent = ctx.deliveries.SendTest(v.actor, *r);
    if (!sent.ok()) return Refused(ctx, v, s, sent.error());
    return RenderSend(ctx, v, s, "", "A test copy is on its way to " + v.viewer->user.email + ".",
                      200);
  }
  auto issue = ctx.deliveries.Schedule(v.actor, *r);
  if (!issue.ok()) return Refused(ctx, v, s, issue.error());
  return SeeOther("/admin/newsletters/issues/" + std::to_string(issue->id));
}

http::Response AdminPreview(const NewslettersContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, kMayManage);
  if (!visitor) return instead;
  auto query = http::Form::Parse(request.query);
  if (!query.ok()) return ErrorPage(ctx, 400);
  auto r = RequestOf(FieldsOf(*query));
  if (!r.ok()) return ErrorPageFor(ctx, r.error());
  auto copies = ctx.deliveries.Preview(visitor->actor, *r);
  if (!copies.ok()) return ErrorPageFor(ctx, copies.error());
  const newsletters::IssueContent* content =
      query->Value("copy") == "cut" ? &copies->cut : &copies->full;
  std::string page = ctx.config.SiteUrl() + "/newsletters";
  if (query->Value("format") == "text") {
    http::Response text =
        http::Response::Text(200, newsletters::PersonalizeCopy(content->text, page, page));
    text.SetHeader("Cache-Control", "no-store");
    return text;
  }
  // The email as a mail client shows it: its inline styles allowed, no script, nothing
  // but images loaded, framed only by our own send page.
  http::Response r2;
  r2.status = 200;
  r2.body = newsletters::PersonalizeCopy(content->html, page, page);
  r2.SetHeader("Content-Security-Policy",
               "default-src 'none'; img-src 'self' https: http: data:; style-src "
               "'unsafe-inline'; frame-ancestors 'self'; sandbox");
  r2.SetHeader("X-Frame-Options", "SAMEORIGIN");
  r2.SetHeader("Cache-Control", "no-store");
  return r2;
}

http::Response AdminIssuePage(const NewslettersContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, kMayManage);
  if (!visitor) return instead;
  int64_t id = core::ParseId(request.PathParam("id"));
  auto p = ctx.deliveries.ProgressOf(visitor->actor, id);
  if (!p.ok()) return ErrorPageFor(ctx, p.error());
  auto all = ctx.newsletters.List();
  if (!all.ok()) return ErrorPageFor(ctx, all.error());
  render::View view;
  for (const auto& n : *all) {
    if (n.id == p->issue.newsletter_id) view["newsletter"] = n.name;
  }
  const auto& c = p->counts;
  int64_t total = std::max<int64_t>(p->issue.recipients, c.Total());
  int64_t settled = c.sent + c.failed + c.bounced + c.skipped;
  int percent = total == 0 ? (p->issue.state == newsletters::IssueState::kSent ? 100 : 0)
                           : static_cast<int>(settled * 100 / total);
  view["id"] = std::to_string(p->issue.id);
  view["subject"] = p->issue.subject;
  view["recipients"] = std::to_string(p->issue.recipients);
  view["queued"] = std::to_string(c.queued);
  view["sent"] = std::to_string(c.sent);
  view["failed"] = std::to_string(c.failed);
  view["bounced"] = std::to_string(c.bounced);
  view["unsubscribed"] = std::to_string(c.unsubscribed);
  view["other_skipped"] = std::to_string(c.skipped - c.unsubscribed);
  view["percent_class"] = std::to_string(percent / 10 * 10);
  PageMeta meta;
  meta.title = p->issue.subject;
  switch (p->issue.state) {
    case newsletters::IssueState::kScheduled:
      view["scheduled"] = true;
      view["state_text"] = "Scheduled for " + core::FormatHumanDateTime(p->issue.send_at) +
                           " (or when its story is published).";
      break;
    case newsletters::IssueState::kSending:
      view["sending"] = true;
      view["state_text"] = fmt::format("Sending: {} of {} settled ({}%).", settled, total, percent);
      // Live without script: the page asks again every few seconds while copies go out.
      meta.head_extra_html = "<meta http-equiv=\"refresh\" content=\"3\">";
      break;
    case newsletters::IssueState::kSent:
      view["state_text"] =
          "Sent" + (p->issue.finished_at
                        ? " " + core::FormatHumanDateTime(*p->issue.finished_at) + "."
                        : std::string("."));
      break;
  }
  return VisitorPage(ctx, *visitor, meta, "pages/admin_newsletter_issue", std::move(view));
}

http::Response AdminIssueCancel(const NewslettersContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/admin/newsletters", false, kMayManage);
  if (!posted) return instead;
  int64_t id = core::ParseId(request.PathParam("id"));
  auto cancelled = ctx.deliveries.Cancel(posted->visitor.actor, id);
  if (!cancelled.ok()) {
    if (cancelled.error().code == core::ErrorCode::kConflict) {
      return NoticePage(ctx, posted->visitor, "Too late to take it back",
                        {cancelled.error().reader},
                        "/admin/newsletters/issues/" + std::to_string(id), "See its progress", 409);
    }
    return ErrorPageFor(ctx, cancelled.error());
  }
  return SeeOther("/admin/newsletters");
}

}  // namespace dateline::web
