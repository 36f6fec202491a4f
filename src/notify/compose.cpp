#include "notify/compose.hpp"

#include <spdlog/spdlog.h>

namespace dateline::notify {

mail::Message ComposeEmail(const render::Templates& templates, const core::Config& config,
                           const std::string& to, const std::string& subject,
                           const std::string& name, render::View view) {
  view["site_title"] = config.site_title;
  view["site_url"] = config.SiteUrl();
  mail::Message m;
  m.to = to;
  m.subject = subject;
  auto text = templates.Render("emails/" + name + ".txt", view);
  auto html = templates.Render("emails/" + name + ".html", view);
  if (!text.ok() || !html.ok()) {
    // Templates are checked at start, so this is a bug; still send something readable.
    spdlog::error("email template {} failed", name);
  }
  m.text_body = text.ok() ? *text : subject;
  m.html_body = html.ok() ? *html : "";
  return m;
}

}  // namespace dateline::notify
