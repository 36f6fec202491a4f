#include "web/kit/page_holes.hpp"

#include "core/crypto.hpp"

namespace dateline::web {
namespace {

// \x01 never appears in our HTML (templates escape nothing into it; cmark drops it), so
// the scan below looks for it alone; the process's secret follows it.
constexpr char kMark = '\x01';

const std::string& Secret() {
  static const std::string secret = core::RandomToken(12);
  return secret;
}

}  // namespace

std::string Hole(std::string_view name) {
  std::string hole(1, kMark);
  hole += Secret();
  hole += name;
  hole += kMark;
  return hole;
}

std::string FillHoles(std::string_view page,
                      const std::vector<std::pair<std::string_view, std::string_view>>& fillings) {
  std::string out;
  size_t extra = 0;
  for (const auto& [name, filling] : fillings) extra += filling.size();
  out.reserve(page.size() + extra);
  const std::string& secret = Secret();
  size_t at = 0;
  while (at < page.size()) {
    size_t open = page.find(kMark, at);
    if (open == std::string_view::npos) break;
    size_t close = page.find(kMark, open + 1);
    if (close == std::string_view::npos) break;
    std::string_view inside = page.substr(open + 1, close - open - 1);
    if (inside.substr(0, secret.size()) != secret) {
      // Not one of ours: keep it as it was, and look again from the second mark.
      out.append(page.substr(at, close - at));
      at = close;
      continue;
    }
    out.append(page.substr(at, open - at));
    std::string_view name = inside.substr(secret.size());
    for (const auto& [hole, filling] : fillings) {
      if (hole == name) {
        out.append(filling);
        break;
      }
    }
    at = close + 1;
  }
  out.append(page.substr(at));
  return out;
}

}  // namespace dateline::web
