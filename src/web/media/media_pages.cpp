#include "web/media/media_pages.hpp"

#include "core/text.hpp"
#include "core/time_format.hpp"
#include "http/form.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

constexpr int kPageSize = 24;
constexpr Check kUpload = &media::MediaService::MayUpload;

render::View ImageView(const media::Image& image) {
  render::View v;
  v["id"] = std::to_string(image.id);
  v["key"] = image.key;
  v["alt"] = image.alt;
  v["caption"] = image.caption;
  v["credit"] = image.credit;
  v["size"] = std::to_string(image.width) + " × " + std::to_string(image.height);
  int thumb = image.widths.empty() ? image.width : image.widths.front();
  v["thumb_url"] = image.Url(std::to_string(thumb) + ".webp");
  v["thumb_width"] = "160";
  v["thumb_height"] = std::to_string(image.HeightAt(160));
  v["markdown"] = "![" + image.alt + "](/media/" + image.key + ")";
  v["uploaded"] = core::FormatHumanDateTime(image.created_at);
  return v;
}

// What was typed into the upload form, shown again after a refusal.
struct Typed {
  std::string alt, caption, credit;
};

http::Response RenderLibrary(const MediaContext& ctx, const Visitor& visitor,
                             const std::string& words, const std::string& cursor,
                             const std::string& notice, const std::string& error, int status,
                             const Typed& typed = {}) {
  auto page = ctx.media.Library(visitor.actor, words, cursor, kPageSize);
  if (!page.ok()) {
    if (page.error().code == core::ErrorCode::kInvalidArgument) return ErrorPage(ctx, 400);
    return ErrorPageFor(ctx, page.error());
  }
  render::View view;
  view["q"] = words;
  view["count"] =
      page->total == 1 ? std::string("1 image") : std::to_string(page->total) + " images";
  view["max_size"] = media::HumanBytes(ctx.media.limits().max_bytes);
  if (!notice.empty()) view["notice"] = notice;
  if (!error.empty()) view["error"] = error;
  view["typed_alt"] = typed.alt;
  view["typed_caption"] = typed.caption;
  view["typed_credit"] = typed.credit;
  for (const auto& image : page->items) view["images"].Push(ImageView(image));
  if (!page->next.empty()) {
    view["next_url"] = "/admin/media?q=" + http::PercentEncode(words) +
                       "&after=" + http::PercentEncode(page->next);
  }
  if (!cursor.empty()) view["first_url"] = "/admin/media?q=" + http::PercentEncode(words);
  PageMeta meta;
  meta.title = "Media library";
  return VisitorPage(ctx, visitor, meta, "pages/admin_media", std::move(view), status);
}

}  // namespace

http::Response MediaLibraryPage(const MediaContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, kUpload);
  if (!visitor) return instead;
  auto query = http::Form::Parse(request.query);
  if (!query.ok()) return ErrorPage(ctx, 400);
  std::string done = query->Value("done");
  return RenderLibrary(ctx, *visitor, query->Value("q").substr(0, 100), query->Value("after"),
                       done == "uploaded"    ? "Uploaded. Use the image by its key or its Markdown."
                       : done == "described" ? "Saved."
                       : done == "deleted"   ? "Deleted."
                                             : "",
                       "", 200);
}

http::Response MediaUploadSubmit(const MediaContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/admin/media", /*repair=*/true, kUpload,
                             /*files=*/true);
  if (!posted) return instead;
  const auto& form = posted->form;
  Typed typed{form.Value("alt"), form.Value("caption"), form.Value("credit")};
  auto refuse = [&](const std::string& sentence, int status) {
    return RenderLibrary(ctx, posted->visitor, "", "", "", sentence, status, typed);
  };
  if (posted->repaired) {
    return refuse("Some characters could not be read; check the text and upload again.", 400);
  }
  const http::UploadedFile* file = nullptr;
  for (const auto& f : posted->files) {
    if (f.field == "image") file = &f;
  }
  if (!file || file->data.empty()) return refuse("Choose an image file to upload.", 400);
  auto image =
      ctx.media.Upload(posted->visitor.actor, file->data, {typed.alt, typed.caption, typed.credit});
  if (!image.ok()) {
    auto shown = FormErrorFor(image.error());
    if (!shown) return ErrorPageFor(ctx, image.error());
    return refuse(shown->message, shown->status);
  }
  // From a story's editor: back to it, with the image in its lead image field.
  std::string story = form.Value("story");
  if (core::ParseId(story) != 0) {
    return SeeOther("/admin/articles/" + std::to_string(core::ParseId(story)) +
                    "?lead_image=" + image->key);
  }
  return SeeOther("/admin/media?done=uploaded#image-" + std::to_string(image->id));
}

http::Response MediaDescribeSubmit(const MediaContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/admin/media", false, kUpload);
  if (!posted) return instead;
  const auto& form = posted->form;
  auto saved = ctx.media.Describe(posted->visitor.actor, core::ParseId(request.PathParam("id")),
                                  {form.Value("alt"), form.Value("caption"), form.Value("credit")});
  if (!saved.ok()) {
    auto shown = FormErrorFor(saved.error());
    if (!shown) return ErrorPageFor(ctx, saved.error());
    return RenderLibrary(ctx, posted->visitor, "", "", "", shown->message, shown->status);
  }
  // Pages printing its alt text or caption change at once on this node.
  ctx.cache.Clear();
  return SeeOther("/admin/media?done=described#image-" + std::to_string(saved->id));
}

http::Response MediaDeleteSubmit(const MediaContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/admin/media", false, kUpload);
  if (!posted) return instead;
  auto deleted = ctx.media.Delete(posted->visitor.actor, core::ParseId(request.PathParam("id")));
  if (!deleted.ok()) {
    if (deleted.error().code == core::ErrorCode::kPermissionDenied) {
      return NotForYou(ctx, posted->visitor, deleted.error());
    }
    return ErrorPageFor(ctx, deleted.error());
  }
  ctx.cache.Clear();
  return SeeOther("/admin/media?done=deleted");
}

http::Response MediaFile(const MediaContext& ctx, const http::Request& request) {
  auto file = ctx.media.File(request.PathParam("file"));
  if (!file.ok()) {
    if (file.error().code == core::ErrorCode::kNotFound) return ErrorPage(ctx, 404);
    return ErrorPageFor(ctx, file.error());
  }
  http::Response r;
  r.content_type = (*file)->content_type;
  // Shared with the cache: no copy per request. A name never changes what it holds.
  r.shared_body = std::shared_ptr<const std::string>(*file, &(*file)->bytes);
  r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  r.headers.emplace_back("ETag", "\"" + std::string(request.PathParam("file")) + "\"");
  r.ranges = true;
  return r;
}

void RegisterMediaRoutes(http::Router& router, const MediaContext& ctx) {
  using http::Method;
  router.Add(Method::kGet, "/admin/media", Bind(ctx, MediaLibraryPage));
  router.Add(Method::kPost, "/admin/media", Bind(ctx, MediaUploadSubmit));
  router.Add(Method::kPost, "/admin/media/{id}", Bind(ctx, MediaDescribeSubmit));
  router.Add(Method::kPost, "/admin/media/{id}/delete", Bind(ctx, MediaDeleteSubmit));
  // Answered on the I/O thread like the page cache's pages: from memory after the first
  // request (which reads the store once, as a cached page's first build does).
  constexpr http::Lane kQuick = http::Lane::kInline;
  router.Add(Method::kGet, "/media/{file}", Bind(ctx, MediaFile), kQuick);
}

}  // namespace dateline::web
