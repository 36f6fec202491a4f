#include "subscriptions/billing.hpp"

#include "subscriptions/provider_sync.hpp"
#include "subscriptions/subscription_store.hpp"

namespace dateline::subscriptions {

core::Result<std::string> Billing::StartCheckout(int64_t user_id, std::string_view email,
                                                 std::string_view plan_code,
                                                 const std::string& success_url,
                                                 const std::string& cancel_url) {
  if (!provider_.SellsOnline()) return core::Error::Unavailable("online payment is not set up");
  auto access = subscriptions_.HasDigitalAccess(user_id);
  if (!access.ok()) return access.error();
  if (*access) return core::Error::Conflict("You already have digital access.").ForReaders();
  auto plans = subscriptions_.ActivePlans();
  if (!plans.ok()) return plans.error();
  const Plan* plan = nullptr;
  for (const auto& p : *plans) plan = p.code == plan_code && !p.stripe_price.empty() ? &p : plan;
  if (!plan) return core::Error::InvalidArgument("That plan is not on sale.").ForReaders();
  // A returning customer keeps one customer record (and their saved card) at Stripe.
  auto customer = SubscriptionStore::CustomerOf(db_, user_id, provider_.Name());
  if (!customer.ok()) return customer.error();
  CheckoutRequest request;
  request.user_id = user_id;
  request.email = std::string(email);
  request.plan = *plan;
  request.customer_ref = *customer;
  request.success_url = success_url;
  request.cancel_url = cancel_url;
  return provider_.StartCheckout(request);
}

core::Result<Subscription> Billing::Paid(int64_t user_id) {
  auto current = subscriptions_.Current(user_id);
  if (!current.ok()) return current.error();
  if (!*current || (*current)->provider != provider_.Name() || (*current)->provider_ref.empty())
    return core::Error::NotFound("no paid subscription");
  return **current;
}

core::Result<std::string> Billing::PortalUrl(int64_t user_id, const std::string& return_url) {
  auto paid = Paid(user_id);
  if (!paid.ok()) return paid.error();
  return provider_.BillingPortalUrl(paid->customer_ref, return_url);
}

core::Result<void> Billing::StopRenewalForDeletion(int64_t user_id) {
  auto paid = Paid(user_id);
  if (!paid.ok())
    return paid.error().code == core::ErrorCode::kNotFound ? core::Result<void>() : paid.error();
  bool renews = !paid->cancel_at_period_end && paid->status != Status::kCanceled &&
                paid->current_period_end > clock_.NowSeconds();
  if (!renews) return {};
  auto stopped = provider_.SetCancelAtPeriodEnd(paid->provider_ref, true);
  if (!stopped.ok()) return stopped.error();
  return {};
}

core::Result<Subscription> Billing::SetCancelAtPeriodEnd(int64_t user_id, bool cancel) {
  auto paid = Paid(user_id);
  if (!paid.ok()) return paid.error();
  auto reported = provider_.SetCancelAtPeriodEnd(paid->provider_ref, cancel);
  if (!reported.ok()) return reported.error();
  int64_t now = clock_.NowSeconds();
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto applied = ApplyProviderSubscription(tx, provider_.Name(), *reported, now, now);
    if (!applied.ok()) return applied.error();
    return {};
  });
  if (!status.ok()) return status.error();
  auto after = Paid(user_id);
  return after;
}

}  // namespace dateline::subscriptions
