#pragma once
// The data a template sees: strings, booleans, lists and maps. Plain C++ so that only
// templates.cpp includes the Mustache library.

#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace dateline::render {

class View {
 public:
  using List = std::vector<View>;
  using Map = std::map<std::string, View, std::less<>>;

  View() : v_(Map{}) {}
  View(std::string s) : v_(std::move(s)) {}    // NOLINT: implicit by design
  View(const char* s) : v_(std::string(s)) {}  // NOLINT
  View(bool b) : v_(b) {}                      // NOLINT
  View(List l) : v_(std::move(l)) {}           // NOLINT

  // Map access; turns the view into a map if it is not one.
  View& operator[](std::string_view key);
  // List append; turns the view into a list if it is not one.
  void Push(View v);

  const std::variant<std::string, bool, List, Map>& value() const { return v_; }

 private:
  std::variant<std::string, bool, List, Map> v_;
};

}  // namespace dateline::render
