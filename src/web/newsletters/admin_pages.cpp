#include "web/newsletters/admin_pages.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "core/time_format.hpp"
#include "web/kit/csv_download.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

constexpr Check kMayManage = newsletters::NewsletterService::MayManage;
constexpr int kIssuesShown = 3;
constexpr int kSuppressionsPerPage = 50;
constexpr int kExportPage = 1000;

http::Response RenderAdmin(const NewslettersContext& ctx, const Visitor& v,
                           const std::string& edit_slug, const std::string& error,
                           const std::string& notice, int status, const http::Form* form = nullptr,
                           const newsletters::ImportReport* report = nullptr) {
  auto all = ctx.newsletters.List();
  if (!all.ok()) return ErrorPageFor(ctx, all.error());
  render::View view;
  render::View::List list;
  const newsletters::Newsletter* editing = nullptr;
  for (const auto& n : *all) {
    if (n.slug == edit_slug) editing = &n;
    auto counts = ctx.memberships.CountsFor(v.actor, n.id);
    if (!counts.ok()) return ErrorPageFor(ctx, counts.error());
    auto issues = ctx.deliveries.Progress(v.actor, n.id, 0, kIssuesShown);
    if (!issues.ok()) return ErrorPageFor(ctx, issues.error());
    render::View item;
    item["slug"] = n.slug;
    item["name"] = n.name;
    item["paid"] = n.paid;
    item["confirmed"] = std::to_string(counts->confirmed);
    item["pending"] = std::to_string(counts->pending);
    item["unsubscribed"] = std::to_string(counts->unsubscribed);
    render::View::List shown;
    for (const auto& p : *issues) {
      render::View i;
      i["id"] = std::to_string(p.issue.id);
      i["subject"] = p.issue.subject;
      i["state"] = newsletters::IssueStateName(p.issue.state);
      i["sent"] = std::to_string(p.counts.sent);
      i["recipients"] = std::to_string(p.issue.recipients);
      shown.push_back(std::move(i));
    }
    if (!shown.empty()) item["issues"] = std::move(shown);
    list.push_back(std::move(item));
  }
  view["has_newsletters"] = !list.empty();
  view["newsletters"] = std::move(list);
  if (form) {
    view["form_id"] = form->Value("id");
    view["form_name"] = form->Value("name");
    view["form_slug"] = form->Value("slug");
    view["form_description"] = form->Value("description");
    view["form_sender_name"] = form->Value("sender_name");
    view["form_sender_address"] = form->Value("sender_address");
    view["form_paid"] = form->Value("paid") == "on";
    view["form_default_on"] = form->Value("default_on") == "on";
    view["editing"] = !form->Value("id").empty() && form->Value("id") != "0";
  } else if (editing) {
    view["form_id"] = std::to_string(editing->id);
    view["form_name"] = editing->name;
    view["form_slug"] = editing->slug;
    view["form_description"] = editing->description;
    view["form_sender_name"] = editing->sender_name;
    view["form_sender_address"] = editing->sender_address;
    view["form_paid"] = editing->paid;
    view["form_default_on"] = editing->default_on;
    view["editing"] = true;
  } else {
    view["form_id"] = "0";
  }
  if (!error.empty()) view["error"] = error;
  if (!notice.empty()) view["notice"] = notice;
  if (report) {
    view["has_report"] = true;
    view["report"] = fmt::format(
        "{} lines read: {} on the list, {} kept out (unsubscribed or suppressed), {} refused.",
        report->rows, report->joined, report->kept_out, report->refused.size());
    render::View::List refused;
    for (size_t i = 0; i < report->refused.size() && i < 50; ++i) {
      refused.emplace_back(report->refused[i]);
    }
    view["has_refused"] = !refused.empty();
    view["refused"] = std::move(refused);
  }
  PageMeta meta;
  meta.title = "Newsletters";
  return VisitorPage(ctx, v, meta, "pages/admin_newsletters", std::move(view), status);
}

http::Response RenderSuppressions(const NewslettersContext& ctx, const Visitor& v,
                                  const std::string& after, const std::string& error,
                                  const std::string& notice, int status,
                                  const http::Form* form = nullptr) {
  auto rows = ctx.memberships.Suppressions(v.actor, after, kSuppressionsPerPage + 1);
  if (!rows.ok()) return ErrorPageFor(ctx, rows.error());
  auto count = ctx.memberships.CountSuppressions(v.actor);
  if (!count.ok()) return ErrorPageFor(ctx, count.error());
  bool more = rows->size() > static_cast<size_t>(kSuppressionsPerPage);
  if (more) rows->pop_back();
  render::View view;
  render::View::List list;
  for (const auto& r : *rows) {
    render::View item;
    item["email"] = r.email;
    item["reason"] = r.reason == newsletters::SuppressionReason::kBounce      ? "Bounced"
                     : r.reason == newsletters::SuppressionReason::kComplaint ? "Reported as spam"
                                                                              : "Put here by staff";
    item["detail"] = r.detail;
    item["since"] = core::FormatHumanDateTime(r.created_at);
    list.push_back(std::move(item));
  }
  view["count"] = fmt::format("{} address{} suppressed", *count, *count == 1 ? "" : "es");
  view["has_rows"] = !list.empty();
  view["rows"] = std::move(list);
  if (!after.empty()) view["first_url"] = "/admin/newsletters/suppressions";
  if (more) {
    view["next_url"] =
        "/admin/newsletters/suppressions?after=" + http::PercentEncode(rows->back().email);
  }
  if (form) {
    view["email"] = form->Value("email");
    view["note"] = form->Value("note");
  }
  if (!error.empty()) view["error"] = error;
  if (!notice.empty()) view["notice"] = notice;
  PageMeta meta;
  meta.title = "Suppressed addresses";
  return VisitorPage(ctx, v, meta, "pages/admin_suppressions", std::move(view), status);
}

std::string QueryValue(const http::Request& request, std::string_view name) {
  auto query = http::Form::Parse(request.query);
  return query.ok() ? query->Value(name) : "";
}

}  // namespace

http::Response AdminNewslettersPage(const NewslettersContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, kMayManage);
  if (!visitor) return instead;
  return RenderAdmin(ctx, *visitor, QueryValue(request, "edit"), "", "", 200);
}

http::Response AdminNewslettersSubmit(const NewslettersContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted =
      SignedInForm(ctx, request, instead, "/admin/newsletters", /*repair=*/true, kMayManage);
  if (!posted) return instead;
  const http::Form& f = posted->form;
  if (posted->repaired) {
    return RenderAdmin(ctx, posted->visitor, "", "Some characters were not valid text.", "", 400,
                       &f);
  }
  newsletters::Newsletter n;
  n.id = core::ParseId(f.Value("id"));
  n.name = f.Value("name");
  n.slug = f.Value("slug");
  n.description = f.Value("description");
  n.sender_name = f.Value("sender_name");
  n.sender_address = f.Value("sender_address");
  n.paid = f.Value("paid") == "on";
  n.default_on = f.Value("default_on") == "on";
  auto saved = ctx.newsletters.Save(posted->visitor.actor, n);
  if (!saved.ok()) {
    auto shown = FormErrorFor(saved.error());
    if (!shown) return ErrorPageFor(ctx, saved.error());
    return RenderAdmin(ctx, posted->visitor, "", shown->message, "", shown->status, &f);
  }
  return RenderAdmin(ctx, posted->visitor, "", "",
                     (n.id == 0 ? "Added " : "Saved ") + saved->name + ".", 200);
}

http::Response AdminNewsletterImport(const NewslettersContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/admin/newsletters", false, kMayManage,
                             /*files=*/true);
  if (!posted) return instead;
  if (posted->files.empty()) {
    return RenderAdmin(ctx, posted->visitor, "", "Choose a CSV file to import.", "", 400);
  }
  auto report = ctx.memberships.Import(posted->visitor.actor, posted->form.Value("newsletter"),
                                       posted->files.front().data);
  if (!report.ok()) {
    auto shown = FormErrorFor(report.error());
    if (!shown) return ErrorPageFor(ctx, report.error());
    return RenderAdmin(ctx, posted->visitor, "", shown->message, "", shown->status);
  }
  return RenderAdmin(ctx, posted->visitor, "", "", "", 200, nullptr, &*report);
}

http::Response AdminMembersCsv(const NewslettersContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, kMayManage);
  if (!visitor) return instead;
  auto all = ctx.newsletters.List();
  if (!all.ok()) return ErrorPageFor(ctx, all.error());
  std::map<int64_t, std::string> slugs;
  for (const auto& n : *all) slugs[n.id] = n.slug;
  // Read a page at a time: only the text of the file is held, never the rows at once.
  std::string csv = "email,name,newsletter,state,consent_at,source,since\r\n";
  int64_t after = 0;
  for (;;) {
    auto page = ctx.memberships.ExportPage(visitor->actor, after, kExportPage);
    if (!page.ok()) return ErrorPageFor(ctx, page.error());
    for (const auto& m : *page) {
      csv += CsvField(m.email) + "," + CsvField(m.name) + "," + CsvField(slugs[m.newsletter_id]) +
             "," + newsletters::MemberStateName(m.state) + "," +
             (m.consent_at ? core::FormatIso8601(*m.consent_at) : "") + "," + CsvField(m.source) +
             "," + core::FormatIso8601(m.created_at) + "\r\n";
      after = m.id;
    }
    if (page->size() < static_cast<size_t>(kExportPage)) break;
  }
  return CsvDownload(std::move(csv), "newsletter-members.csv");
}

http::Response AdminSuppressionsPage(const NewslettersContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, kMayManage);
  if (!visitor) return instead;
  return RenderSuppressions(ctx, *visitor, QueryValue(request, "after"), "", "", 200);
}

http::Response AdminSuppressionsSubmit(const NewslettersContext& ctx,
                                       const http::Request& request) {
  http::Response instead;
  auto posted =
      SignedInForm(ctx, request, instead, "/admin/newsletters/suppressions", false, kMayManage);
  if (!posted) return instead;
  const http::Form& f = posted->form;
  bool add = f.Value("action") == "add";
  auto done =
      add ? ctx.memberships.Suppress(posted->visitor.actor, f.Value("email"), f.Value("note"))
          : ctx.memberships.Unsuppress(posted->visitor.actor, f.Value("email"));
  if (!done.ok()) {
    auto shown = FormErrorFor(done.error());
    if (!shown) return ErrorPageFor(ctx, done.error());
    return RenderSuppressions(ctx, posted->visitor, "", shown->message, "", shown->status, &f);
  }
  return RenderSuppressions(
      ctx, posted->visitor, "", "",
      add ? f.Value("email") + " is suppressed." : f.Value("email") + " may get newsletters again.",
      200);
}

}  // namespace dateline::web
