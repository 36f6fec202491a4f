#pragma once
// Mustache templates (kainjow), read and parsed once at start from a folder:
// templates/pages/article.mustache is named "pages/article". {{x}} escapes HTML;
// {{{x}}} is for HTML we produced ourselves (rendered Markdown, nested templates).
// Thread-safe.

#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "render/view.hpp"

namespace dateline::render {

class Templates {
 public:
  static core::Result<std::unique_ptr<Templates>> Load(const std::string& dir);
  ~Templates();

  core::Result<std::string> Render(std::string_view name, const View& view) const;
  bool Has(std::string_view name) const;

 private:
  Templates();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dateline::render
