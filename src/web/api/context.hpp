#pragma once
// What the APIs and the integrations page use beyond the kit: the stories and the paper's
// structure, the site's pages, the media library, the keys, and the webhooks.

#include "accounts/api_keys.hpp"
#include "articles/article_service.hpp"
#include "articles/structure_service.hpp"
#include "media/media_service.hpp"
#include "pages/site_page.hpp"
#include "web/kit/kit.hpp"
#include "webhooks/webhook_service.hpp"

namespace dateline::web {

struct ApiContext : Kit {
  articles::ArticleService& articles;
  articles::StructureService& structure;
  pages::SitePages& site_pages;
  media::MediaService& media;
  accounts::ApiKeys& api_keys;
  webhooks::WebhookService& webhooks;
};

}  // namespace dateline::web
