#pragma once
// What every form handler does first: read the visitor, parse the posted form, check the
// CSRF token. On failure the answer is ready in `rejection`.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/form.hpp"
#include "http/multipart.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "web/kit/visitor.hpp"

namespace dateline::web {

struct PostedForm {
  Visitor visitor;
  http::Form form;
  // Some bytes were not UTF-8 and now read U+FFFD (only when the caller asked to repair):
  // the handler shows its form again with the text, and saves nothing.
  bool repaired = false;
  // A multipart form's files (only for handlers that take them); views into the body.
  std::vector<http::UploadedFile> files;
};

// Either the checked form, or the response to send instead (403, 400, 415, 503...).
struct FormOrRejection {
  std::optional<PostedForm> posted;
  http::Response rejection;
};

// `repair`: take a form that is not UTF-8 with the bad bytes mended (see PostedForm), for
// handlers that can show their form again; otherwise such a form is refused outright.
// `files`: also take multipart/form-data (a form with a file), whose text fields become the
// form and whose files are kept apart.
FormOrRejection ReadPostedForm(const Kit& ctx, const http::Request& request, bool repair = false,
                               bool files = false);

// A service's check of who may act (SubscriptionService::MayManagePlans and the like):
// nothing, or kPermissionDenied with the sentence to show.
using Check = core::Result<void> (*)(const accounts::Actor&);

// The one preamble of every page for signed-in people: the visitor, or the answer to send
// instead. Anonymous visitors go to sign in and come back to `return_path` (the request's
// own path when empty); when `may` is given and refuses, "Not for you" with its sentence.
std::optional<Visitor> SignedInVisitor(const Kit& ctx, const http::Request& request,
                                       http::Response& instead, Check may = nullptr,
                                       const std::string& return_path = {});

// The same for a posted form, which must also pass ReadPostedForm's checks (CSRF, media
// type, UTF-8 or `repair`).
std::optional<PostedForm> SignedInForm(const Kit& ctx, const http::Request& request,
                                       http::Response& instead, const std::string& return_path,
                                       bool repair = false, Check may = nullptr,
                                       bool files = false);

// The status and reader's sentence for a refused form (HttpStatusFor, ReaderSentence), or
// nullopt when it is a server-side failure or a missing thing that deserves the error page.
struct FormError {
  int status;
  std::string message;
};
std::optional<FormError> FormErrorFor(const core::Error& error);

// The stories named in a textarea, one per line: slugs, or pasted addresses
// (".../articles/SLUG"); blank lines skipped.
std::vector<std::string> StorySlugLines(std::string_view text);

}  // namespace dateline::web
