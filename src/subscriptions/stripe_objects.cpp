#include "subscriptions/stripe_objects.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "core/text.hpp"

namespace dateline::subscriptions {
namespace {

namespace json = boost::json;

const json::value* Field(const json::value* v, std::string_view name) {
  if (!v || !v->is_object()) return nullptr;
  return v->as_object().if_contains(name);
}

// Follows a path of object fields; array steps take the first element.
const json::value* Path(const json::value* v, std::initializer_list<std::string_view> names) {
  for (auto name : names) {
    if (v && v->is_array()) v = v->as_array().empty() ? nullptr : &v->as_array()[0];
    v = Field(v, name);
  }
  return v;
}

std::string Text(const json::value* v) {
  if (!v) return "";
  if (v->is_string()) return std::string(v->as_string());
  // An expanded object in place of an id: {"id": "sub_..."}.
  if (const json::value* id = Field(v, "id"); id && id->is_string())
    return std::string(id->as_string());
  return "";
}

int64_t Number(const json::value* v) {
  if (!v) return 0;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<int64_t>(v->as_uint64());
  return 0;
}

// Metadata values are strings: "user_id": "42".
int64_t IdIn(const std::string& text) { return core::ParseId(text); }

core::Result<json::value> Parse(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec || !v.is_object()) return core::Error::InvalidArgument("not a JSON object");
  return v;
}

Status StatusFromStripe(std::string_view s) {
  if (s == "active") return Status::kActive;
  if (s == "trialing") return Status::kTrialing;
  // unpaid: Stripe gave up retrying but the subscription is not canceled; the grace
  // period (counted from the period end) decides.
  if (s == "past_due" || s == "unpaid") return Status::kPastDue;
  if (s == "canceled" || s == "incomplete_expired" || s == "paused") return Status::kCanceled;
  return Status::kIncomplete;
}

ProviderSubscription SubscriptionFrom(const json::value& o) {
  ProviderSubscription s;
  s.ref = Text(Field(&o, "id"));
  s.customer_ref = Text(Field(&o, "customer"));
  s.price_ref = Text(Path(&o, {"items", "data", "price", "id"}));
  if (s.price_ref.empty()) s.price_ref = Text(Path(&o, {"plan", "id"}));
  s.plan_code = Text(Path(&o, {"metadata", "plan"}));
  s.user_id = IdIn(Text(Path(&o, {"metadata", "user_id"})));
  s.status = StatusFromStripe(Text(Field(&o, "status")));
  s.current_period_end = Number(Field(&o, "current_period_end"));
  if (s.current_period_end == 0)
    s.current_period_end = Number(Path(&o, {"items", "data", "current_period_end"}));
  const json::value* cancel = Field(&o, "cancel_at_period_end");
  s.cancel_at_period_end = cancel && cancel->is_bool() && cancel->as_bool();
  // A subscription that ended early (canceled now, refunded) ends when it ended.
  int64_t ended = Number(Field(&o, "ended_at"));
  if (s.status == Status::kCanceled && ended > 0)
    s.current_period_end = std::min(s.current_period_end, ended);
  return s;
}

}  // namespace

core::Result<ProviderSubscription> ParseStripeSubscription(std::string_view text) {
  auto v = Parse(text);
  if (!v.ok()) return v.error();
  if (Text(Field(&*v, "object")) != "subscription" || Text(Field(&*v, "id")).empty())
    return core::Error::InvalidArgument("not a Stripe subscription");
  return SubscriptionFrom(*v);
}

core::Result<StripeEvent> ParseStripeEvent(std::string_view text) {
  auto v = Parse(text);
  if (!v.ok()) return v.error();
  StripeEvent e;
  e.id = Text(Field(&*v, "id"));
  e.type = Text(Field(&*v, "type"));
  e.created = Number(Field(&*v, "created"));
  const json::value* object = Path(&*v, {"data", "object"});
  if (e.id.empty() || e.type.empty() || e.created <= 0 || !object || !object->is_object())
    return core::Error::InvalidArgument("not a Stripe event (id, type, created, data.object)");
  if (e.type == "customer.subscription.created" || e.type == "customer.subscription.updated" ||
      e.type == "customer.subscription.deleted") {
    e.kind = StripeEvent::Kind::kSubscription;
    e.subscription = SubscriptionFrom(*object);
    if (e.subscription.ref.empty()) return core::Error::InvalidArgument("subscription has no id");
  } else if (e.type == "checkout.session.completed") {
    e.kind = StripeEvent::Kind::kCheckoutCompleted;
    e.subscription_ref = Text(Field(object, "subscription"));
    e.customer_ref = Text(Field(object, "customer"));
    e.user_id = IdIn(Text(Field(object, "client_reference_id")));
    if (e.user_id == 0) e.user_id = IdIn(Text(Path(object, {"metadata", "user_id"})));
  } else if (e.type == "invoice.paid" || e.type == "invoice.payment_failed") {
    e.kind = e.type == "invoice.paid" ? StripeEvent::Kind::kInvoicePaid
                                      : StripeEvent::Kind::kInvoiceFailed;
    e.subscription_ref = Text(Field(object, "subscription"));
    if (e.subscription_ref.empty())
      e.subscription_ref = Text(Path(object, {"parent", "subscription_details", "subscription"}));
    e.customer_ref = Text(Field(object, "customer"));
    e.period_end = Number(Path(object, {"lines", "data", "period", "end"}));
  }
  return e;
}

core::Result<std::string> StripeAnswerField(std::string_view text, std::string_view field) {
  auto v = Parse(text);
  if (!v.ok()) return core::Error::Unavailable("Stripe answered with something other than JSON");
  if (const json::value* error = Field(&*v, "error"))
    return core::Error::Unavailable("Stripe: " + Text(Field(error, "message")));
  std::string value = Text(Field(&*v, field));
  if (value.empty())
    return core::Error::Unavailable("Stripe's answer has no " + std::string(field));
  return value;
}

}  // namespace dateline::subscriptions
