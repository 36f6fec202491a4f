#pragma once
// What the article service's two files share (article_service.cpp, article_newsroom.cpp):
// list cursors and pages, and the words for who acted and what was not found.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accounts/actor.hpp"
#include "articles/article_service.hpp"
#include "core/text.hpp"

namespace dateline::articles {

// A list's position: "A.B" of the last row on the page before (a time and an id).
inline std::string Cursor(int64_t a, int64_t b) {
  return std::to_string(a) + "." + std::to_string(b);
}

inline core::Result<std::optional<std::pair<int64_t, int64_t>>> ParseCursor(
    std::string_view cursor) {
  using Position = std::optional<std::pair<int64_t, int64_t>>;
  if (cursor.empty()) return Position();
  size_t dot = cursor.find('.');
  auto a = core::ParseInt64(cursor.substr(0, dot));
  auto b = dot == std::string_view::npos ? std::nullopt : core::ParseInt64(cursor.substr(dot + 1));
  if (!a || !b || *b <= 0) {
    return core::Error::InvalidArgument("That page does not exist; start from the first.")
        .ForReaders();
  }
  return Position(std::make_pair(*a, *b));
}

// The page from `limit + 1` rows: the extra row says there is a next page.
template <typename T, typename CursorOf>
Page<T> PageOf(std::vector<T> rows, int64_t total, int limit, CursorOf cursor_of) {
  Page<T> page;
  page.total = total;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(static_cast<size_t>(limit));
    page.next = cursor_of(rows.back());
  }
  page.items = std::move(rows);
  return page;
}

// Who acted, for the records: unset for the operator at the command line.
inline std::optional<int64_t> ActorId(const accounts::Actor& actor) {
  return actor.signed_in() ? std::optional<int64_t>(actor.user_id()) : std::nullopt;
}

inline core::Error NoSuchStory() {
  return core::Error::NotFound("no such story").WithReader("No such story.");
}

}  // namespace dateline::articles
