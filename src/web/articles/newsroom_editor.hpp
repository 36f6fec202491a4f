#pragma once
// The story editor's page and what the newsroom's handlers share to reach it: the form's
// fields read back into a draft, the editor drawn for a story (or a new one), the story a
// path names, and the editor shown again with a refusal. (newsroom_pages.cpp and its
// siblings hold the handlers.)

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "articles/article.hpp"
#include "core/word_diff.hpp"
#include "http/form.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "render/view.hpp"
#include "web/articles/context.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/visitor.hpp"

namespace dateline::web {

inline constexpr Check kNewsroom = &articles::ArticleService::MayUseNewsroom;

inline std::string EditorPath(int64_t id) { return "/admin/articles/" + std::to_string(id); }

// "Draft", "In review", ... "In the trash".
const char* StatusLabel(const articles::Article& a);

// A time from a datetime-local field (in the site's zone), or an ISO time with its offset.
// Empty: unset. Malformed: kInvalidArgument with the field named.
core::Result<std::optional<int64_t>> FormTime(const std::string& text, std::string_view field);

// The story's text as the editor's form posted it; `when` gets the publication time field.
articles::ArticleDraft DraftFrom(const http::Form& form,
                                 core::Result<std::optional<int64_t>>& when);

// The story's section, authors and tags as the editor's fields posted them.
articles::Filing FilingFrom(const http::Form& form);

// The name of account `id` from `names`; the operator when unset.
std::string NameOf(const std::map<int64_t, std::string>& names, std::optional<int64_t> id);

// A word diff as the templates draw it (same, removed, added pieces).
render::View DiffView(const std::vector<core::DiffPiece>& pieces);

// The editor for a story being written (`story` unset) or an existing one. `text` is what
// the fields hold: the stored text, or what was posted when it is shown again.
struct EditorState {
  std::optional<articles::Article> story;
  articles::ArticleDraft text;
  int64_t base_revision = 0;
  std::optional<articles::Filing> filing;  // unset: the story's own (or none, for a new one)
  std::string notice;
  std::string error;
  std::optional<articles::Article> theirs;  // a conflict: the text saved meanwhile
  bool restored_autosave = false;           // the fields hold the text the script kept
  std::string share_url;                    // a preview link just made
  std::string share_until;
  int status = 200;
};

http::Response RenderEditor(const ArticlesContext& ctx, const Visitor& v, const EditorState& s);

// The story named by the path, opened for the visitor, or the page to show instead.
std::optional<articles::Article> OpenFromPath(const ArticlesContext& ctx,
                                              const http::Request& request, const Visitor& v,
                                              http::Response& instead);

// A refused action on a story: its editor again with the service's sentence.
http::Response EditorWithError(const ArticlesContext& ctx, const Visitor& v, int64_t id,
                               const core::Error& error);

}  // namespace dateline::web
