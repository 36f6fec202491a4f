#pragma once
// One email from its templates: emails/NAME.txt and emails/NAME.html rendered with `view`
// (plus the site's title and address), addressed and titled. Every mailer composes here.

#include <string>

#include "core/config.hpp"
#include "mail/message.hpp"
#include "render/templates.hpp"
#include "render/view.hpp"

namespace dateline::notify {

mail::Message ComposeEmail(const render::Templates& templates, const core::Config& config,
                           const std::string& to, const std::string& subject,
                           const std::string& name, render::View view);

}  // namespace dateline::notify
