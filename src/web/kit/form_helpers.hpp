#pragma once
// What every form handler does first: read the visitor, parse the posted form, check the
// CSRF token. On failure the answer is ready in `rejection`.

#include <optional>

#include "http/form.hpp"
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
};

// Either the checked form, or the response to send instead (403, 400, 415, 503...).
struct FormOrRejection {
  std::optional<PostedForm> posted;
  http::Response rejection;
};

// `repair`: take a form that is not UTF-8 with the bad bytes mended (see PostedForm), for
// handlers that can show their form again; otherwise such a form is refused outright.
FormOrRejection ReadPostedForm(const Kit& ctx, const http::Request& request, bool repair = false);

// ReadPostedForm for a signed-in reader: the form, or the answer to send instead (the
// sign-in page, returning to `return_path`, for anonymous readers).
std::optional<PostedForm> SignedInForm(const Kit& ctx, const http::Request& request,
                                       http::Response& instead, const std::string& return_path,
                                       bool repair = false);

// The status and reader's sentence for a refused form (HttpStatusFor, ReaderSentence), or
// nullopt when it is a server-side failure or a missing thing that deserves the error page.
struct FormError {
  int status;
  std::string message;
};
std::optional<FormError> FormErrorFor(const core::Error& error);

}  // namespace dateline::web
