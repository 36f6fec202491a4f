#include "app/schema.hpp"

#include "accounts/schema.hpp"
#include "articles/schema.hpp"
#include "audit/schema.hpp"
#include "comments/schema.hpp"
#include "imports/schema.hpp"
#include "mail/schema.hpp"
#include "media/schema.hpp"
#include "newsletters/schema.hpp"
#include "pages/schema.hpp"
#include "ratelimit/schema.hpp"
#include "subscriptions/schema.hpp"
#include "webhooks/schema.hpp"

namespace dateline::app {

const store::Schema& Schema() {
  static std::vector<std::string> joined_sql;
  // Foreign-key order: accounts and articles first, what refers to them after.
  static const store::Schema kSchema = store::JoinSchema(
      {&accounts::Schema(), &articles::Schema(), &pages::Schema(), &store::StoreSchema(),
       &ratelimit::Schema(), &mail::Schema(), &audit::Schema(), &subscriptions::Schema(),
       &comments::Schema(), &media::Schema(), &newsletters::Schema(), &imports::Schema(),
       &webhooks::Schema()},
      joined_sql);
  return kSchema;
}

}  // namespace dateline::app
