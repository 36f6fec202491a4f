#pragma once
// The newsletter pages: /newsletters (sign up), its confirmation, the keyed links in every
// email (unsubscribe, preferences), each newsletter's archive, and /account's choices.

#include "http/router.hpp"
#include "web/newsletters/context.hpp"

namespace dateline::web {

void RegisterNewsletterRoutes(http::Router& router, const NewslettersContext& ctx);

}  // namespace dateline::web
