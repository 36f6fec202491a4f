#include "store/postgres/placeholders.hpp"

#include <gtest/gtest.h>

namespace dateline::store {
namespace {

TEST(PlaceholdersTest, NumbersOnlyRealPlaceholders) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"SELECT 1", "SELECT 1"},
      {"SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = $1 AND b = $2"},
      {"INSERT INTO t VALUES (?, '?', ?)", "INSERT INTO t VALUES ($1, '?', $2)"},
      {"SELECT 'it''s ?' , ?", "SELECT 'it''s ?' , $1"},
      {"SELECT \"odd?name\" FROM t WHERE x = ?", "SELECT \"odd?name\" FROM t WHERE x = $1"},
      {"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2"},
      {"SELECT '?", "SELECT '?"},  // unterminated literal: left as is
  };
  for (const auto& c : cases) EXPECT_EQ(NumberPlaceholders(c.in), c.out) << c.in;
  std::string many = "VALUES (?,?,?,?,?,?,?,?,?,?,?)";
  EXPECT_EQ(NumberPlaceholders(many), "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)");
}

}  // namespace
}  // namespace dateline::store
