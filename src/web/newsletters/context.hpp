#pragma once
// What the newsletter pages use beyond the kit.

#include "articles/article_service.hpp"
#include "newsletters/delivery_service.hpp"
#include "newsletters/membership_service.hpp"
#include "newsletters/newsletter_service.hpp"
#include "web/kit/kit.hpp"

namespace dateline::web {

struct NewslettersContext : Kit {
  newsletters::NewsletterService& newsletters;
  newsletters::MembershipService& memberships;
  newsletters::DeliveryService& deliveries;
  articles::ArticleService& articles;  // the stories past issues link to
};

}  // namespace dateline::web
