#include "subscriptions/schema.hpp"

namespace dateline::subscriptions {

const store::SchemaPart& Schema() {
  static const store::SchemaPart kPart = {
      {
          {6, "create_subscriptions",  // subscriptions
           R"sql(
CREATE TABLE plans (
  id {id},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  price_cents BIGINT NOT NULL,
  currency TEXT NOT NULL DEFAULT 'USD',
  period TEXT NOT NULL CHECK (period IN ('month', 'year')),
  active BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);
CREATE TABLE subscriptions (
  id {id},
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  plan_id BIGINT NOT NULL REFERENCES plans (id),
  provider TEXT NOT NULL,
  provider_ref TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL
    CHECK (status IN ('active', 'trialing', 'past_due', 'canceled', 'incomplete')),
  current_period_end BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX subscriptions_by_user ON subscriptions (user_id, current_period_end);
)sql"},
          {7, "create_gift_codes",  // subscriptions
           R"sql(
CREATE TABLE gift_codes (
  id {id},
  code_hash TEXT NOT NULL UNIQUE,
  plan_id BIGINT NOT NULL REFERENCES plans (id),
  days BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  redeemed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  redeemed_at BIGINT,
  created_at BIGINT NOT NULL
);
)sql"},
          {8, "add_online_payment_and_meter",  // subscriptions
           R"sql(
ALTER TABLE plans ADD COLUMN stripe_price TEXT NOT NULL DEFAULT '';
ALTER TABLE subscriptions ADD COLUMN provider_customer TEXT NOT NULL DEFAULT '';
ALTER TABLE subscriptions ADD COLUMN cancel_at_period_end BIGINT NOT NULL DEFAULT 0;
ALTER TABLE subscriptions ADD COLUMN provider_updated_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX subscriptions_by_provider_ref ON subscriptions (provider, provider_ref);
CREATE TABLE payment_events (
  id {id},
  provider TEXT NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  created BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  outcome TEXT NOT NULL DEFAULT '',
  UNIQUE (provider, event_id)
);
CREATE TABLE meter_reads (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  read_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, article_id)
);
)sql"},
          {13, "create_subscription_requests",  // subscriptions: offline requests staff decide
           R"sql(
CREATE TABLE subscription_requests (
  id {id},
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('subscribe', 'print')),
  plan_id BIGINT REFERENCES plans (id),
  full_name TEXT NOT NULL,
  postal_address TEXT NOT NULL DEFAULT '',
  account_number TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
  decided_by BIGINT,
  decided_at BIGINT,
  decision_note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX subscription_requests_by_status ON subscription_requests (status, id);
CREATE INDEX subscription_requests_by_user ON subscription_requests (user_id, status);
)sql"},
      },
      {
          {"plans",
           "id, code, name, description, price_cents, currency, period, active, created_at, "
           "stripe_price",
           "id", true},
          {"subscriptions",
           "id, user_id, plan_id, provider, provider_ref, status, current_period_end, created_at, "
           "updated_at, provider_customer, cancel_at_period_end, provider_updated_at",
           "id", true},
          {"payment_events", "id, provider, event_id, type, created, received_at, outcome", "id",
           true},
          {"meter_reads", "user_id, article_id, read_at", "user_id, article_id"},
          {"subscription_requests",
           "id, user_id, kind, plan_id, full_name, postal_address, account_number, note, status, "
           "decided_by, decided_at, decision_note, created_at",
           "id", true},
          {"gift_codes",
           "id, code_hash, plan_id, days, expires_at, redeemed_by, redeemed_at, created_at", "id",
           true},
      },
  };
  return kPart;
}

}  // namespace dateline::subscriptions
