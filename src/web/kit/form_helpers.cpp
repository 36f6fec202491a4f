#include "web/kit/form_helpers.hpp"

#include "core/text.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {

FormOrRejection ReadPostedForm(const Kit& ctx, const http::Request& request, bool repair,
                               bool files) {
  FormOrRejection out;
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) {
    out.rejection = ErrorPageFor(ctx, visitor.error());
    return out;
  }
  std::string_view type = request.Header("content-type");
  if (files && http::MediaTypeIs(type, "multipart/form-data")) {
    auto multipart = http::ParseMultipart(type, request.body, repair);
    if (!multipart.ok()) {
      out.rejection = NoticePage(ctx, *visitor, "That form could not be read",
                                 {ReaderSentence(multipart.error()) + " Nothing was changed."}, "/",
                                 "Go to the front page", 400);
      return out;
    }
    http::Form form = http::Form::FromFields(std::move(multipart->fields));
    if (!CsrfOk(ctx, request, *visitor, form)) {
      out.rejection = CsrfRejected(ctx, *visitor);
      return out;
    }
    out.posted = PostedForm{std::move(visitor.value()), std::move(form), multipart->repaired,
                            std::move(multipart->files)};
    return out;
  }
  if (!http::MediaTypeIs(type, "application/x-www-form-urlencoded")) {
    out.rejection = NoticePage(ctx, *visitor, "That was not a form we can read",
                               {"Send the form from our page. Nothing was changed."}, "/",
                               "Go to the front page", 415);
    return out;
  }
  bool repaired = false;
  auto form =
      repair ? http::Form::ParseRepairing(request.body, repaired) : http::Form::Parse(request.body);
  if (!form.ok()) {
    out.rejection = NoticePage(ctx, *visitor, "That form could not be read",
                               {"What was sent is not valid text (" + ReaderSentence(form.error()) +
                                "). Nothing was changed."},
                               "/", "Go to the front page", 400);
    return out;
  }
  if (!CsrfOk(ctx, request, *visitor, *form)) {
    out.rejection = CsrfRejected(ctx, *visitor);
    return out;
  }
  out.posted = PostedForm{std::move(visitor.value()), std::move(form.value()), repaired};
  return out;
}

namespace {

// Why this visitor may not go on (sign in first, or the service's refusal), if they may
// not.
std::optional<http::Response> Turned(const Kit& ctx, const Visitor& visitor, Check may,
                                     const std::string& return_path) {
  if (!visitor.signed_in()) {
    return SeeOther("/login?next=" + http::PercentEncode(return_path));
  }
  if (may) {
    auto allowed = may(visitor.actor);
    if (!allowed.ok()) return NotForYou(ctx, visitor, allowed.error());
  }
  return std::nullopt;
}

}  // namespace

std::optional<Visitor> SignedInVisitor(const Kit& ctx, const http::Request& request,
                                       http::Response& instead, Check may,
                                       const std::string& return_path) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) {
    instead = ErrorPageFor(ctx, visitor.error());
    return std::nullopt;
  }
  if (auto turned = Turned(ctx, *visitor, may, return_path.empty() ? request.path : return_path)) {
    instead = std::move(*turned);
    return std::nullopt;
  }
  return std::move(visitor.value());
}

std::optional<PostedForm> SignedInForm(const Kit& ctx, const http::Request& request,
                                       http::Response& instead, const std::string& return_path,
                                       bool repair, Check may, bool files) {
  auto read = ReadPostedForm(ctx, request, repair, files);
  if (!read.posted) {
    instead = std::move(read.rejection);
    return std::nullopt;
  }
  if (auto turned = Turned(ctx, read.posted->visitor, may,
                           return_path.empty() ? request.path : return_path)) {
    instead = std::move(*turned);
    return std::nullopt;
  }
  return std::move(read.posted);
}

std::optional<FormError> FormErrorFor(const core::Error& error) {
  int status = HttpStatusFor(error.code);
  // Server-side failures and missing things get the error page, not the form again.
  if (status >= 500 || status == 404) return std::nullopt;
  return FormError{status, ReaderSentence(error)};
}

std::vector<std::string> StorySlugLines(std::string_view text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = core::Trim(text.substr(at, end - at));
    // A pasted address works as well as a slug.
    if (size_t slash = line.rfind("/articles/"); slash != std::string_view::npos) {
      line = line.substr(slash + 10);
    }
    if (!line.empty()) out.emplace_back(line);
    at = end + 1;
  }
  return out;
}

}  // namespace dateline::web
