// Every enum's name table reads both ways for every value: a value added to an enum
// without its name fails here (the tables replaced switches the compiler checked).

#include "core/enum_names.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "accounts/user.hpp"
#include "articles/article.hpp"
#include "comments/comment.hpp"
#include "comments/comment_policy.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "subscriptions/subscription.hpp"

namespace dateline::core {
namespace {

// Values 0..count-1 of an enum with no gaps: each has its own name, and names parse back
// when the enum has a parser.
template <typename Enum, typename NameFn>
std::set<std::string> NamesOf(int count, NameFn name) {
  std::set<std::string> names;
  for (int i = 0; i < count; ++i) names.insert(name(static_cast<Enum>(i)));
  EXPECT_EQ(static_cast<int>(names.size()), count) << "two values share a name";
  return names;
}

TEST(EnumNamesTest, EveryValueHasItsOwnNameAndParsesBack) {
  for (const auto& n : NamesOf<accounts::Role>(5, accounts::RoleName))
    EXPECT_EQ(accounts::RoleName(*accounts::ParseRole(n)), n);
  for (const auto& n : NamesOf<articles::Access>(3, articles::AccessName))
    EXPECT_EQ(articles::AccessName(*articles::ParseAccess(n)), n);
  for (const auto& n : NamesOf<comments::Status>(4, comments::StatusName))
    EXPECT_EQ(comments::StatusName(*comments::ParseStatus(n)), n);
  for (const auto& n : NamesOf<comments::Sort>(3, comments::SortName))
    EXPECT_EQ(comments::SortName(comments::ParseSort(n)), n);
  for (const auto& n : NamesOf<subscriptions::Status>(5, subscriptions::StatusName))
    EXPECT_EQ(subscriptions::StatusName(*subscriptions::ParseStatus(n)), n);
  NamesOf<comments::Action>(8, comments::ActionName);
  NamesOf<http::Method>(8, http::MethodName);
  NamesOf<ErrorCode>(9, ErrorCodeName);
  EXPECT_EQ(accounts::ParseRole("Admin"), std::nullopt) << "names are exact";
  EXPECT_EQ(comments::ParseSort("sideways"), comments::Sort::kNewest);
}

}  // namespace
}  // namespace dateline::core
