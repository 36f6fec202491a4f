// Webhooks on a real store with a fake clock, delivered over real HTTP (the libcurl poster)
// to a real endpoint in the test: who may register endpoints; each endpoint hears only its
// types; every delivery is signed and verifiable, and a tampered or stale one is not;
// failures are retried after 30 s, 1 min, ... and given up after eight tries; an endpoint
// nobody answers at is retried; a change rolled back announces nothing; the newsroom's
// story workflow announces published, updated and unpublished. On both stores.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "accounts/actor.hpp"
#include "articles/article_service.hpp"
#include "harness_nginx.hpp"
#include "jobs/webhook_sender.hpp"
#include "store_fixture.hpp"
#include "webhook_receiver.hpp"
#include "webhooks/announce.hpp"
#include "webhooks/poster.hpp"
#include "webhooks/signature.hpp"
#include "webhooks/webhook_service.hpp"

namespace dateline::testing {
namespace {

using accounts::Role;
using jobs::WebhookSender;
using webhooks::Delivery;
using webhooks::DeliveryState;
using webhooks::Endpoint;

class WebhooksTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    AddAccountPerRole();
    if (HasFatalFailure()) return;
    service_ = std::make_unique<webhooks::WebhookService>(*db_, clock_);
    poster_ = webhooks::MakeHttpPoster(5);
    sender_ = std::make_unique<WebhookSender>(*db_, *poster_, clock_, std::chrono::hours(1));
    ASSERT_TRUE(receiver_.running());
  }

  static accounts::Actor As(Role role) { return ActingAs(role); }
  Endpoint Add(const std::string& url, const std::vector<std::string>& events) {
    auto e = service_->Add(As(Role::kAdmin), url, events);
    EXPECT_TRUE(e.ok()) << e.error().message;
    return e.ok() ? *e : Endpoint{};
  }
  void Announce(const std::string& type, const std::string& data) {
    auto done = db_->InTransaction([&](store::Executor& tx) {
      return webhooks::Announce(tx, type, data, clock_.NowSeconds());
    });
    ASSERT_TRUE(done.ok()) << done.error().message;
  }
  std::vector<Delivery> Recent(int64_t endpoint_id) {
    auto r = service_->Recent(As(Role::kAdmin), endpoint_id, 20);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : std::vector<Delivery>{};
  }
  int64_t Pending() {
    auto row = db_->QueryOne(
        "SELECT COUNT(*) FROM webhook_deliveries WHERE delivered_at IS NULL AND failed_at IS NULL");
    return row.ok() ? row->Int(0) : -1;
  }
  std::string Payload(int64_t delivery_id) {
    auto row = db_->QueryOne("SELECT payload FROM webhook_deliveries WHERE id = ?", {delivery_id});
    EXPECT_TRUE(row.ok());
    return row.ok() ? row->Text(0) : "";
  }
  static boost::json::object Body(const ReceivedRequest& r) {
    boost::json::error_code ec;
    auto v = boost::json::parse(r.body, ec);
    if (ec || !v.is_object()) {
      ADD_FAILURE() << "not a JSON object: " << r.body;
      return {};
    }
    return v.as_object();
  }

  WebhookReceiver receiver_;
  std::unique_ptr<webhooks::WebhookService> service_;
  std::unique_ptr<webhooks::Poster> poster_;
  std::unique_ptr<WebhookSender> sender_;
};

TEST_F(WebhooksTest, OnlyAdministratorsRegisterEndpointsAndOnlyWorkingAddresses) {
  for (Role role :
       {Role::kReader, Role::kContributor, Role::kAuthor, Role::kEditor, Role::kModerator}) {
    auto added = service_->Add(As(role), receiver_.url(), {"story.published"});
    ASSERT_FALSE(added.ok()) << accounts::RoleName(role);
    EXPECT_EQ(added.error().code, core::ErrorCode::kPermissionDenied);
    EXPECT_FALSE(service_->List(As(role)).ok());
  }
  EXPECT_FALSE(
      service_->Add(accounts::ActorFor(std::nullopt), receiver_.url(), {"story.published"}).ok());
  for (const std::string& url : std::vector<std::string>{
           "ftp://example.org/hook", "https://user:pass@example.org/hook", "https://exa mple.org/",
           "example.org/hook", "https://", std::string("https://example.org/\xff"),
           "https://example.org/" + std::string(600, 'a')}) {
    auto added = service_->Add(As(Role::kAdmin), url, {"story.published"});
    ASSERT_FALSE(added.ok()) << url;
    EXPECT_EQ(added.error().code, core::ErrorCode::kInvalidArgument) << url;
    EXPECT_FALSE(added.error().reader.empty()) << url;
  }
  EXPECT_FALSE(service_->Add(As(Role::kAdmin), receiver_.url(), {}).ok());
  EXPECT_FALSE(service_->Add(As(Role::kAdmin), receiver_.url(), {"story.deleted"}).ok());
  auto listed = service_->List(As(Role::kAdmin));
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty()) << "nothing refused was stored";

  Endpoint e = Add(receiver_.url(), {"story.published", "story.published", "member.created"});
  EXPECT_EQ(e.events, (std::vector<std::string>{"story.published", "member.created"}));
  EXPECT_EQ(e.secret.rfind("whsec_", 0), 0u);
  listed = service_->List(As(Role::kAdmin));
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->at(0).url, receiver_.url());
  EXPECT_EQ(service_->Remove(As(Role::kEditor), e.id).error().code,
            core::ErrorCode::kPermissionDenied);
  EXPECT_TRUE(service_->Remove(As(Role::kAdmin), e.id).ok());
  EXPECT_EQ(service_->Remove(As(Role::kAdmin), e.id).error().code, core::ErrorCode::kNotFound);
}

TEST_F(WebhooksTest, EachEndpointHearsItsTypesSignedSoTheReceiverCanTellItIsUs) {
  WebhookReceiver other;
  Endpoint stories = Add(receiver_.url(), {"story.published"});
  Endpoint members = Add(other.url(), {"member.created"});
  Announce("story.published", R"({"slug": "talks-resume"})");
  EXPECT_EQ(Pending(), 1) << "one delivery, for the one endpoint that hears the type";
  EXPECT_EQ(sender_->RunOnce(), 1);
  EXPECT_EQ(other.Count(), 0u);
  auto got = receiver_.Received();
  ASSERT_EQ(got.size(), 1u);
  const auto& r = got[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/hooks");
  EXPECT_EQ(r.Header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(r.Header("dateline-event"), "story.published");
  auto body = Body(r);
  EXPECT_EQ(body.at("type"), "story.published");
  EXPECT_EQ(body.at("created").as_int64(), clock_.NowSeconds());
  EXPECT_EQ(body.at("data").at("slug"), "talks-resume");
  EXPECT_EQ(body.at("id").as_string().subview().substr(0, 4), "evt_");

  // The signature holds for this body under this endpoint's secret, now and within five
  // minutes; not for another body, another secret, an altered header, or a replay later.
  std::string signature = r.Header("dateline-signature");
  int64_t now = clock_.NowSeconds();
  EXPECT_TRUE(webhooks::VerifySignature(signature, r.body, stories.secret, now).ok());
  EXPECT_TRUE(webhooks::VerifySignature(signature, r.body, stories.secret, now + 299).ok());
  EXPECT_FALSE(webhooks::VerifySignature(signature, r.body, stories.secret, now + 301).ok());
  EXPECT_FALSE(webhooks::VerifySignature(signature, r.body + " ", stories.secret, now).ok());
  EXPECT_FALSE(webhooks::VerifySignature(signature, r.body, members.secret, now).ok());
  std::string shifted = signature;
  shifted.replace(shifted.find("t=") + 2, std::to_string(now).size(), std::to_string(now + 1));
  EXPECT_FALSE(webhooks::VerifySignature(shifted, r.body, stories.secret, now).ok());
  EXPECT_FALSE(webhooks::VerifySignature("", r.body, stories.secret, now).ok());
  EXPECT_FALSE(webhooks::VerifySignature("v1=abc", r.body, stories.secret, now).ok());

  // Delivered: kept as a record, without its payload.
  auto recent = Recent(stories.id);
  ASSERT_EQ(recent.size(), 1u);
  EXPECT_EQ(recent[0].state, DeliveryState::kDelivered);
  EXPECT_EQ(recent[0].last_status, 204);
  EXPECT_EQ(recent[0].attempts, 1);
  EXPECT_TRUE(Payload(recent[0].id).empty());
  EXPECT_EQ(sender_->RunOnce(), 0) << "delivered once";
  EXPECT_EQ(receiver_.Count(), 1u);

  Announce("member.created", R"({"id": 7})");
  EXPECT_EQ(sender_->RunOnce(), 1);
  ASSERT_EQ(other.Count(), 1u);
  EXPECT_EQ(other.Received()[0].Header("dateline-event"), "member.created");
  EXPECT_TRUE(webhooks::VerifySignature(other.Received()[0].Header("dateline-signature"),
                                        other.Received()[0].body, members.secret, now)
                  .ok());
}

TEST_F(WebhooksTest, AFailedDeliveryIsTriedAgainAfterThirtySecondsThenAMinute) {
  Endpoint e = Add(receiver_.url(), {"subscription.changed"});
  receiver_.AnswerWith({500, 503});
  Announce("subscription.changed", R"({"member": 3})");
  EXPECT_EQ(sender_->RunOnce(), 0);
  ASSERT_EQ(receiver_.Count(), 1u);
  auto recent = Recent(e.id);
  ASSERT_EQ(recent.size(), 1u);
  EXPECT_EQ(recent[0].state, DeliveryState::kPending);
  EXPECT_EQ(recent[0].last_status, 500);
  EXPECT_NE(recent[0].last_error.find("500"), std::string::npos);
  EXPECT_FALSE(Payload(recent[0].id).empty()) << "kept for the next try";

  EXPECT_EQ(sender_->RunOnce(), 0);
  clock_.Advance(29);
  EXPECT_EQ(sender_->RunOnce(), 0);
  EXPECT_EQ(receiver_.Count(), 1u) << "not before 30 s";
  clock_.Advance(1);
  EXPECT_EQ(sender_->RunOnce(), 0);
  EXPECT_EQ(receiver_.Count(), 2u) << "the second try, answered 503";
  clock_.Advance(59);
  EXPECT_EQ(sender_->RunOnce(), 0);
  EXPECT_EQ(receiver_.Count(), 2u) << "not before a minute";
  clock_.Advance(1);
  EXPECT_EQ(sender_->RunOnce(), 1);
  auto got = receiver_.Received();
  ASSERT_EQ(got.size(), 3u);
  // The same delivery each time, signed again at each try's time.
  for (const auto& r : got) {
    EXPECT_EQ(r.body, got[0].body);
    EXPECT_EQ(r.Header("dateline-delivery"), got[0].Header("dateline-delivery"));
  }
  EXPECT_TRUE(webhooks::VerifySignature(got[2].Header("dateline-signature"), got[2].body, e.secret,
                                        clock_.NowSeconds(), 0)
                  .ok());
  recent = Recent(e.id);
  ASSERT_EQ(recent.size(), 1u);
  EXPECT_EQ(recent[0].state, DeliveryState::kDelivered);
  EXPECT_EQ(recent[0].attempts, 3);
  EXPECT_EQ(Pending(), 0);
}

TEST_F(WebhooksTest, AnEndpointThatNeverAcceptsIsGivenUpAfterEightTries) {
  Endpoint e = Add(receiver_.url(), {"story.unpublished"});
  receiver_.AnswerWith(std::vector<int>(20, 410));
  Announce("story.unpublished", R"({"slug": "withdrawn"})");
  for (int round = 0; round < 12; ++round) {
    sender_->RunOnce();
    clock_.Advance(86400);
  }
  EXPECT_EQ(receiver_.Count(), static_cast<size_t>(WebhookSender::kMaxAttempts));
  auto recent = Recent(e.id);
  ASSERT_EQ(recent.size(), 1u);
  EXPECT_EQ(recent[0].state, DeliveryState::kFailed);
  EXPECT_EQ(recent[0].attempts, WebhookSender::kMaxAttempts);
  EXPECT_EQ(recent[0].last_status, 410);
  EXPECT_TRUE(Payload(recent[0].id).empty()) << "a given-up delivery keeps no member data";
  EXPECT_EQ(Pending(), 0);
}

TEST_F(WebhooksTest, AnAddressNobodyAnswersAtIsRetriedAndAnswersNothingToTheSender) {
  Endpoint e = Add("http://127.0.0.1:" + std::to_string(FreePort()) + "/hooks", {"member.created"});
  Announce("member.created", R"({"id": 1})");
  EXPECT_EQ(sender_->RunOnce(), 0);
  auto recent = Recent(e.id);
  ASSERT_EQ(recent.size(), 1u);
  EXPECT_EQ(recent[0].state, DeliveryState::kPending);
  EXPECT_EQ(recent[0].last_status, 0);
  EXPECT_FALSE(recent[0].last_error.empty());
  EXPECT_EQ(Pending(), 1);
}

TEST_F(WebhooksTest, AChangeRolledBackAnnouncesNothing) {
  Add(receiver_.url(), {"member.created"});
  auto rolled_back = db_->InTransaction([&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(webhooks::Announce(tx, "member.created", "{}", clock_.NowSeconds()));
    return core::Error::Conflict("the change failed after announcing");
  });
  EXPECT_FALSE(rolled_back.ok());
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(sender_->RunOnce(), 0);
  EXPECT_EQ(receiver_.Count(), 0u);
}

TEST_F(WebhooksTest, TheStoryWorkflowAnnouncesPublishedUpdatedAndUnpublished) {
  Add(receiver_.url(), {"story.published", "story.updated", "story.unpublished"});
  articles::ArticleStore store(*db_);
  articles::ArticleService stories(store, clock_);
  articles::ArticleDraft draft;
  draft.slug = "talks-resume";
  draft.headline = "Talks resume";
  draft.body_markdown = "Delegates met again.\n";
  auto written = stories.Write(As(Role::kEditor), draft);  // a draft: nobody hears of it
  ASSERT_TRUE(written.ok()) << written.error().message;
  auto published = stories.Move(As(Role::kEditor), written->id, articles::Status::kPublished);
  ASSERT_TRUE(published.ok()) << published.error().message;
  clock_.Advance(60);
  draft.body_markdown = "Delegates met again on Monday.\n";
  auto saved = stories.Save(As(Role::kEditor), written->id, draft, published->revision_id);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  auto taken_down = stories.Move(As(Role::kEditor), written->id, articles::Status::kUnpublished);
  ASSERT_TRUE(taken_down.ok()) << taken_down.error().message;
  EXPECT_EQ(sender_->RunOnce(), 3);
  auto got = receiver_.Received();
  ASSERT_EQ(got.size(), 3u);
  std::multiset<std::string> types;
  for (const auto& r : got) {
    types.insert(r.Header("dateline-event"));
    auto body = Body(r);
    EXPECT_EQ(body.at("data").at("slug"), "talks-resume");
    EXPECT_EQ(body.at("data").at("path"), "/articles/talks-resume");
  }
  EXPECT_EQ(types,
            (std::multiset<std::string>{"story.published", "story.updated", "story.unpublished"}));
}

}  // namespace
}  // namespace dateline::testing
