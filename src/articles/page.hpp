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
  int64_t total = 0;
  std::string next;
};

}  // namespace dateline::articles
