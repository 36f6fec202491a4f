#include "subscriptions/stripe_webhook.hpp"

#include <optional>

#include "subscriptions/provider_sync.hpp"
#include "subscriptions/stripe_objects.hpp"
#include "subscriptions/stripe_signature.hpp"

namespace dateline::subscriptions {

core::Result<std::string> StripeWebhook::Receive(std::string_view payload,
                                                 std::string_view signature_header) {
  int64_t now = clock_.NowSeconds();
  // Both refusals are the sender's to fix, and Stripe's guide answers them with 400: they
  // are invalid requests here, each with the short sentence the sender is shown.
  auto signed_ok = VerifyStripeSignature(signature_header, payload, secret_, now);
  if (!signed_ok.ok()) {
    return core::Error::InvalidArgument("webhook signature: " + signed_ok.error().message)
        .WithReader("signature verification failed");
  }
  auto event = ParseStripeEvent(payload);
  if (!event.ok()) {
    return core::Error::InvalidArgument(event.error().message).WithReader("not a Stripe event");
  }

  // A completed checkout names its subscription; its state comes from Stripe itself, read
  // now (before the transaction), so the reader has access when they land back here.
  std::optional<ProviderSubscription> fetched;
  if (event->kind == StripeEvent::Kind::kCheckoutCompleted && !event->subscription_ref.empty()) {
    auto s = provider_.FetchSubscription(event->subscription_ref);
    if (!s.ok()) return core::Error::Unavailable(s.error().message);
    if (s->user_id == 0) s->user_id = event->user_id;
    if (s->customer_ref.empty()) s->customer_ref = event->customer_ref;
    fetched = std::move(s.value());
  }
  // A subscription's event carries its state as of a whole second. When we already hold a
  // report from that same second (our own change, answered by Stripe, is one), the
  // order within the second is unknown: Stripe's current state decides, not the payload.
  if (event->kind == StripeEvent::Kind::kSubscription) {
    auto held = HeldReportStamp(db_, "stripe", event->subscription.ref);
    if (!held.ok()) return core::Error::Unavailable(held.error().message);
    if (*held == event->created) {
      auto s = provider_.FetchSubscription(event->subscription.ref);
      // Stripe unreachable: ask for a retry. Stripe not knowing it: the payload stands.
      if (s.ok()) {
        fetched = std::move(s.value());
      } else if (s.error().code == core::ErrorCode::kUnavailable) {
        return s.error();
      }
    }
  }

  std::string outcome;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto fresh = RecordPaymentEvent(tx, "stripe", event->id, event->type, event->created, now);
    if (!fresh.ok()) return fresh.error();
    if (!*fresh) {
      outcome = "duplicate";
      return {};
    }
    core::Result<std::string> applied = std::string("ignored: event type not used");
    switch (event->kind) {
      case StripeEvent::Kind::kSubscription:
        applied = fetched ? ApplyProviderSubscription(tx, "stripe", *fetched, now, now)
                          : ApplyProviderSubscription(tx, "stripe", event->subscription,
                                                      event->created, now);
        break;
      case StripeEvent::Kind::kCheckoutCompleted:
        // Fetched just now: newer than any event created before this moment.
        applied = fetched ? ApplyProviderSubscription(tx, "stripe", *fetched, now, now)
                          : core::Result<std::string>(std::string("ignored: not a subscription"));
        break;
      case StripeEvent::Kind::kInvoicePaid:
      case StripeEvent::Kind::kInvoiceFailed:
        applied = ApplyInvoice(tx, "stripe", event->subscription_ref,
                               event->kind == StripeEvent::Kind::kInvoicePaid, event->period_end,
                               event->created, now);
        break;
      case StripeEvent::Kind::kOther:
        break;
    }
    if (!applied.ok()) return applied.error();
    outcome = *applied;
    return SetPaymentEventOutcome(tx, "stripe", event->id, outcome);
  });
  if (!status.ok()) return core::Error::Unavailable(status.error().message);
  return outcome;
}

}  // namespace dateline::subscriptions
