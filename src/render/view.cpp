#include "render/view.hpp"

namespace dateline::render {

View& View::operator[](std::string_view key) {
  if (!std::holds_alternative<Map>(v_)) v_ = Map{};
  auto& map = std::get<Map>(v_);
  auto it = map.find(key);
  if (it == map.end()) it = map.emplace(std::string(key), View()).first;
  return it->second;
}

void View::Push(View v) {
  if (!std::holds_alternative<List>(v_)) v_ = List{};
  std::get<List>(v_).push_back(std::move(v));
}

}  // namespace dateline::render
