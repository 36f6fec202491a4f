#pragma once
// One page of a list, with the cursor of the next (empty on the last page). Every list
// the articles domain hands out is one of these: nothing loads a whole table.

#include <cstdint>
#include <string>
#include <vector>

namespace dateline::articles {

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;  // 0 when the list was asked for without a count
  std::string next;
};

// Whether a list also counts what it pages through. A page that shows no total asks for
// none: a count reads every entry of the list, which grows with the archive.
enum class Total { kCount, kSkip };

}  // namespace dateline::articles
