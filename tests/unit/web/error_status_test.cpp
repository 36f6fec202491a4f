// Errors have two faces: readers see the reader's sentence or a generic one, never the
// operator's message; and one mapping turns codes into HTTP statuses.

#include <gtest/gtest.h>

#include "core/result.hpp"
#include "web/kit/error_pages.hpp"

namespace dateline::web {
namespace {

TEST(ErrorStatusTest, OneMappingForEveryCode) {
  using core::ErrorCode;
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kRateLimited), 429);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500);
}

TEST(ErrorStatusTest, ReadersNeverSeeTheOperatorsMessage) {
  const std::string secret = "UPDATE users SET password_hash failed at db.cpp:42";
  for (auto code :
       {core::ErrorCode::kInvalidArgument, core::ErrorCode::kUnauthenticated,
        core::ErrorCode::kPermissionDenied, core::ErrorCode::kNotFound,
        core::ErrorCode::kAlreadyExists, core::ErrorCode::kConflict, core::ErrorCode::kRateLimited,
        core::ErrorCode::kUnavailable, core::ErrorCode::kInternal}) {
    core::Error e{code, secret};
    std::string shown = ReaderSentence(e);
    EXPECT_FALSE(shown.empty()) << core::ErrorCodeName(code);
    EXPECT_EQ(shown.find("db.cpp"), std::string::npos) << core::ErrorCodeName(code);
  }
  auto limited = core::Error::RateLimited("bucket login:203.0.113.9 full").WithReader("Wait.");
  EXPECT_EQ(ReaderSentence(limited), "Wait.");
  EXPECT_EQ(limited.message, "bucket login:203.0.113.9 full") << "the log keeps its detail";
  auto written = core::Error::InvalidArgument("Write something before posting.").ForReaders();
  EXPECT_EQ(ReaderSentence(written), "Write something before posting.");
}

}  // namespace
}  // namespace dateline::web
