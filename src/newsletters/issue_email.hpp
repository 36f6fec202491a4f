#pragma once
// What an issue says: a story as an email, in HTML (a table layout with inline styles,
// which Gmail, Outlook and Apple Mail all render) and plain text. Rendered once per issue
// for each of the two readers the paywall knows: entitled to the full story, or not (the
// free part and a link). Each recipient's own links replace the placeholders below, so no
// copy is rendered per recipient. No tracking pixels and no rewritten links.

#include <optional>
#include <string>
#include <vector>

#include "articles/article.hpp"
#include "articles/structure.hpp"
#include "core/config.hpp"
#include "media/image.hpp"
#include "newsletters/newsletter.hpp"
#include "render/templates.hpp"

namespace dateline::newsletters {

inline constexpr std::string_view kUnsubscribePlaceholder = "%%DATELINE_UNSUBSCRIBE%%";
inline constexpr std::string_view kPreferencesPlaceholder = "%%DATELINE_PREFERENCES%%";

// Gmail clips a message's HTML past this many bytes (behind a "view entire message" link).
inline constexpr size_t kGmailClipBytes = 102 * 1024;

struct IssueContent {
  std::string subject;
  std::string html;  // with the placeholders
  std::string text;  // with the placeholders
};

struct StoryForEmail {
  const articles::Article* article = nullptr;
  const articles::Placement* placement = nullptr;  // may be null
  std::optional<media::Image> lead_image;
};

IssueContent RenderIssue(const render::Templates& templates, const core::Config& config,
                         const Newsletter& newsletter, const std::string& subject,
                         const StoryForEmail& story, bool full_text);

// A digest: several stories as headlines, summaries and links (no body text, so the same
// copy suits every reader).
IssueContent RenderDigest(const render::Templates& templates, const core::Config& config,
                          const Newsletter& newsletter, const std::string& subject,
                          const std::vector<StoryForEmail>& stories);

// A rendered copy for one reader: the placeholders replaced by their links (absolute).
std::string PersonalizeCopy(std::string body, const std::string& unsubscribe_url,
                            const std::string& preferences_url);

}  // namespace dateline::newsletters
