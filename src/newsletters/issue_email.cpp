#include "newsletters/issue_email.hpp"

#include <spdlog/spdlog.h>

#include "articles/markdown.hpp"
#include "articles/paywall.hpp"
#include "core/text.hpp"

namespace dateline::newsletters {
namespace {

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

// The site's own links and images as absolute addresses (an email has no base URL), and
// images that shrink to the column: mail clients ignore stylesheets, so styles go inline.
std::string ForEmail(std::string html, const std::string& site_url) {
  ReplaceAll(html, "href=\"/", "href=\"" + site_url + "/");
  ReplaceAll(html, "src=\"/", "src=\"" + site_url + "/");
  ReplaceAll(html, "<img ", "<img style=\"max-width:100%;height:auto;border:0\" ");
  ReplaceAll(html, "<p>", "<p style=\"margin:0 0 16px\">");
  ReplaceAll(html, "<blockquote>",
             "<blockquote style=\"margin:0 0 16px;padding-left:16px;border-left:3px solid "
             "#ccc;color:#444\">");
  return html;
}

// The widest variant that fits a 600-pixel column at twice the density.
int EmailWidth(const media::Image& image) {
  int chosen = image.widths.empty() ? image.width : image.widths.front();
  for (int w : image.widths) {
    if (w <= 1200) chosen = w;
  }
  return chosen;
}

}  // namespace

IssueContent RenderIssue(const render::Templates& templates, const core::Config& config,
                         const Newsletter& newsletter, const std::string& subject,
                         const StoryForEmail& story, bool full_text) {
  const articles::Article& a = *story.article;
  std::string site = config.SiteUrl();
  std::string url = site + "/articles/" + a.slug;
  bool cut = !full_text && a.access != articles::Access::kFree;
  std::string markdown =
      cut ? articles::FreePortion(a.body_markdown, config.paywall_free_paragraphs)
          : a.body_markdown;
  std::string body = articles::RenderMarkdown(markdown);
  if (!a.dateline.empty()) {
    body = articles::PrependDateline(body, core::EscapeMarkup(a.dateline));
  }
  render::View view;
  view["site_title"] = config.site_title;
  view["site_url"] = site;
  view["newsletter_name"] = newsletter.name;
  view["newsletter_url"] = site + "/newsletters/" + newsletter.slug;
  view["headline"] = a.headline;
  view["dek"] = a.dek;
  view["url"] = url;
  view["body_html"] = ForEmail(body, site);
  view["body_text"] = a.dateline.empty() ? markdown : a.dateline + " — " + markdown;
  view["unsubscribe_url"] = std::string(kUnsubscribePlaceholder);
  view["preferences_url"] = std::string(kPreferencesPlaceholder);
  if (cut) view["cut"] = true;
  std::string byline = a.byline;
  if (story.placement) {
    if (story.placement->section) view["kicker"] = story.placement->section->name;
    if (!story.placement->authors.empty()) {
      byline = "By ";
      for (size_t i = 0; i < story.placement->authors.size(); ++i) {
        if (i > 0) byline += i + 1 == story.placement->authors.size() ? " and " : ", ";
        byline += story.placement->authors[i].author.name;
      }
    }
  }
  if (!byline.empty()) view["byline"] = byline;
  if (story.lead_image) {
    const media::Image& image = *story.lead_image;
    int w = EmailWidth(image);
    view["image_src"] = site + image.Url(std::to_string(w) + ".jpg");
    view["image_alt"] = image.alt;
    view["image_height"] = std::to_string(image.HeightAt(600));
    if (!image.caption.empty()) view["image_caption"] = image.caption;
  }
  IssueContent out;
  out.subject = subject;
  auto html = templates.Render("newsletters/issue.html", view);
  auto text = templates.Render("newsletters/issue.txt", view);
  if (!html.ok() || !text.ok()) {
    // Templates are checked at start; a failure here is a bug, and the copy still reads.
    spdlog::error("newsletter issue template failed");
  }
  out.html = html.ok() ? *html : "";
  out.text = text.ok() ? *text : subject + "\n\n" + markdown + "\n\n" + url + "\n";
  return out;
}

IssueContent RenderDigest(const render::Templates& templates, const core::Config& config,
                          const Newsletter& newsletter, const std::string& subject,
                          const std::vector<StoryForEmail>& stories) {
  std::string site = config.SiteUrl();
  render::View view;
  view["site_title"] = config.site_title;
  view["site_url"] = site;
  view["newsletter_name"] = newsletter.name;
  view["newsletter_url"] = site + "/newsletters/" + newsletter.slug;
  view["subject"] = subject;
  view["unsubscribe_url"] = std::string(kUnsubscribePlaceholder);
  view["preferences_url"] = std::string(kPreferencesPlaceholder);
  render::View::List list;
  for (const auto& story : stories) {
    const articles::Article& a = *story.article;
    render::View item;
    item["headline"] = a.headline;
    item["dek"] = a.dek;
    item["url"] = site + "/articles/" + a.slug;
    if (a.access == articles::Access::kSubscribers) item["subscribers"] = true;
    if (story.placement && story.placement->section) {
      item["kicker"] = story.placement->section->name;
    }
    if (story.lead_image) {
      const media::Image& image = *story.lead_image;
      item["image_src"] = site + image.Url(std::to_string(EmailWidth(image)) + ".jpg");
      item["image_alt"] = image.alt;
    }
    list.push_back(std::move(item));
  }
  view["stories"] = std::move(list);
  IssueContent out;
  out.subject = subject;
  auto html = templates.Render("newsletters/digest.html", view);
  auto text = templates.Render("newsletters/digest.txt", view);
  if (!html.ok() || !text.ok()) spdlog::error("newsletter digest template failed");
  out.html = html.ok() ? *html : "";
  out.text = text.ok() ? *text : subject;
  return out;
}

std::string PersonalizeCopy(std::string body, const std::string& unsubscribe_url,
                            const std::string& preferences_url) {
  ReplaceAll(body, kUnsubscribePlaceholder, unsubscribe_url);
  ReplaceAll(body, kPreferencesPlaceholder, preferences_url);
  return body;
}

}  // namespace dateline::newsletters
