#include "web/articles/story_images.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace dateline::web {
namespace {

std::string Srcset(const media::Image& image, const char* extension) {
  std::string out;
  for (int w : image.widths) {
    if (!out.empty()) out += ", ";
    out += image.Url(std::to_string(w) + extension) + " " + std::to_string(w) + "w";
  }
  return out;
}

// The value of attribute `name` in an HTML tag cmark wrote (always double-quoted).
std::string Attribute(std::string_view tag, std::string_view name) {
  std::string needle = " " + std::string(name) + "=\"";
  size_t at = tag.find(needle);
  if (at == std::string_view::npos) return "";
  at += needle.size();
  size_t end = tag.find('"', at);
  return end == std::string_view::npos ? "" : std::string(tag.substr(at, end - at));
}

// cmark escapes attribute text; the template escapes again, so undo cmark's.
std::string Unescape(std::string text) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, plain] : kEntities) {
    size_t at = 0;
    while ((at = text.find(entity, at)) != std::string::npos) {
      text.replace(at, std::string_view(entity).size(), plain);
      at += 1;
    }
  }
  return text;
}

}  // namespace

core::Result<std::string> PictureHtml(const ArticlesContext& ctx, const media::Image& image,
                                      const std::string& sizes, bool eager,
                                      const std::string& alt) {
  render::View v;
  v["webp_srcset"] = Srcset(image, ".webp");
  v["jpg_srcset"] = Srcset(image, ".jpg");
  v["sizes"] = sizes;
  int fallback = image.widths.empty() ? image.width : image.widths.front();
  for (int w : image.widths) {
    if (w <= 960) fallback = w;
  }
  v["src"] = image.Url(std::to_string(fallback) + ".jpg");
  // The intrinsic size of the largest variant: the browser reserves the box's ratio.
  int largest = image.widths.empty() ? image.width : image.widths.back();
  v["width"] = std::to_string(largest);
  v["height"] = std::to_string(image.HeightAt(largest));
  v["alt"] = alt.empty() ? image.alt : alt;
  v["eager"] = eager;
  auto html = ctx.templates.Render("parts/picture", v);
  if (!html.ok()) return html.error();
  std::string out = *html;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

core::Result<std::string> WithResponsiveImages(const ArticlesContext& ctx,
                                               const std::string& html) {
  static constexpr std::string_view kOpen = "<img src=\"/media/";
  std::vector<std::string> keys;
  for (size_t at = html.find(kOpen); at != std::string::npos; at = html.find(kOpen, at + 1)) {
    std::string key = html.substr(at + kOpen.size(), 32);
    if (articles::LooksLikeImageKey(key) && html.compare(at + kOpen.size() + 32, 1, "\"") == 0) {
      keys.push_back(key);
    }
  }
  if (keys.empty()) return html;
  auto images = ctx.media.FindByKeys(keys);
  if (!images.ok()) return images.error();
  std::string out;
  size_t copied = 0;
  for (size_t at = html.find(kOpen); at != std::string::npos; at = html.find(kOpen, at + 1)) {
    auto found = images->find(html.substr(at + kOpen.size(), 32));
    size_t end = html.find('>', at);
    if (found == images->end() || end == std::string::npos) continue;
    std::string_view tag(html.data() + at, end + 1 - at);
    auto picture = PictureHtml(ctx, found->second, "(min-width: 46rem) 42rem, 100vw", false,
                               Unescape(Attribute(tag, "alt")));
    if (!picture.ok()) return picture.error();
    out.append(html, copied, at - copied);
    out += *picture;
    if (!found->second.credit.empty()) {
      out += "<span class=\"image-credit\">" + core::EscapeMarkup(found->second.credit) + "</span>";
    }
    copied = end + 1;
  }
  out.append(html, copied, std::string::npos);
  return out;
}

core::Result<std::optional<media::Image>> LeadImageOf(const ArticlesContext& ctx,
                                                      const articles::Placement& placement) {
  if (placement.lead_image.empty()) return std::optional<media::Image>();
  return ctx.media.FindByKey(placement.lead_image);
}

}  // namespace dateline::web
