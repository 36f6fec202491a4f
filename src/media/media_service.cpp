#include "media/media_service.hpp"

#include <fmt/format.h>

#include <chrono>

#include "core/field_check.hpp"
#include "core/text.hpp"

namespace dateline::media {
namespace {

using accounts::Capability;

core::Error NoSuchImage() {
  return core::Error::NotFound("no such image").WithReader("No such image.");
}

}  // namespace

bool IsImageKey(std::string_view key) { return key.size() == 32 && core::IsLowerHex(key); }

core::Result<void> MediaService::MayUpload(const accounts::Actor& actor) {
  if (actor.Can(Capability::kUploadImages)) return {};
  return core::Error::PermissionDenied("actor may not upload images")
      .WithReader("Only the newsroom uploads images.");
}

core::Result<void> MediaService::CheckText(ImageText& text) {
  DL_TRY(core::CheckLineOfText("alt text", text.alt, kMaxAlt, false));
  if (text.alt.empty()) {
    return core::Error::InvalidArgument("alt text required")
        .WithReader(
            "The alt text is required: say what the image shows, for readers who "
            "cannot see it.");
  }
  DL_TRY(core::CheckLineOfText("caption", text.caption, kMaxCaption, false));
  DL_TRY(core::CheckLineOfText("credit", text.credit, kMaxCredit, false));
  return {};
}

core::Result<Image> MediaService::Upload(const accounts::Actor& actor, std::string_view bytes,
                                         const ImageText& given) {
  DL_TRY(MayUpload(actor));
  ImageText text = given;
  DL_TRY(CheckText(text));
  if (bytes.empty()) {
    return core::Error::InvalidArgument("empty upload")
        .WithReader("Choose an image file to upload.");
  }
  std::string key = core::KeyedHash(key_, "image", bytes).substr(0, 32);
  auto existing = store_.FindByKey(key);
  if (!existing.ok()) return existing.error();
  if (*existing) return std::move(**existing);
  if (!decoding_.try_acquire_for(std::chrono::seconds(30))) {
    return core::Error::Unavailable("image decoding busy")
        .WithReader("The server is busy with other images; try again in a minute.");
  }
  auto processed = ProcessImage(bytes, limits_);
  decoding_.release();
  if (!processed.ok()) return processed.error();
  Image image;
  image.key = key;
  image.width = processed->width;
  image.height = processed->height;
  image.alt = text.alt;
  image.caption = text.caption;
  image.credit = text.credit;
  image.format = processed->format;
  image.bytes = static_cast<int64_t>(bytes.size());
  image.widths = processed->widths;
  if (actor.signed_in()) image.uploaded_by = actor.user_id();
  image.created_at = clock_.NowSeconds();
  return store_.Insert(image, processed->variants);
}

core::Result<ImagePage> MediaService::Library(const accounts::Actor& actor,
                                              const std::string& words, std::string_view cursor,
                                              int limit) {
  DL_TRY(MayUpload(actor));
  int64_t before = 0;
  if (!cursor.empty()) {
    before = core::ParseId(cursor);
    if (before == 0) {
      return core::Error::InvalidArgument("That page does not exist; start from the first.")
          .ForReaders();
    }
  }
  auto rows = store_.List(before, words, limit + 1);
  if (!rows.ok()) return rows.error();
  auto total = store_.Count(words);
  if (!total.ok()) return total.error();
  ImagePage page;
  page.total = *total;
  if (static_cast<int>(rows->size()) > limit) {
    rows->resize(static_cast<size_t>(limit));
    page.next = std::to_string(rows->back().id);
  }
  page.items = std::move(*rows);
  return page;
}

core::Result<Image> MediaService::Open(const accounts::Actor& actor, int64_t id) {
  DL_TRY(MayUpload(actor));
  auto found = store_.FindById(id);
  if (!found.ok()) return found.error();
  if (!*found) return NoSuchImage();
  return std::move(**found);
}

core::Result<Image> MediaService::Describe(const accounts::Actor& actor, int64_t id,
                                           const ImageText& given) {
  DL_TRY(MayUpload(actor));
  ImageText text = given;
  DL_TRY(CheckText(text));
  return store_.UpdateText(id, text.alt, text.caption, text.credit);
}

core::Result<void> MediaService::Delete(const accounts::Actor& actor, int64_t id) {
  DL_TRY(accounts::Require(actor, Capability::kArrangeSite, "Only editors delete images."));
  auto found = store_.FindById(id);
  if (!found.ok()) return found.error();
  if (!*found) return NoSuchImage();
  DL_TRY(store_.Delete(id));
  cache_.Erase((*found)->key + "-");
  return {};
}

core::Result<std::optional<Image>> MediaService::FindByKey(std::string_view key) {
  if (!IsImageKey(key)) return std::optional<Image>();
  return store_.FindByKey(key);
}

core::Result<std::map<std::string, Image>> MediaService::FindByKeys(
    const std::vector<std::string>& keys) {
  std::vector<std::string> valid;
  for (const auto& k : keys) {
    if (IsImageKey(k)) valid.push_back(k);
  }
  return store_.FindByKeys(valid);
}

core::Result<std::shared_ptr<const CachedVariant>> MediaService::File(std::string_view name) {
  // KEY-640.webp, KEY-640.jpg, KEY-share.jpg
  if (name.size() < 34 || name.size() > 48 || name[32] != '-' || !IsImageKey(name.substr(0, 32))) {
    return NoSuchImage();
  }
  std::string file(name);
  if (auto cached = cache_.Get(file)) return cached;
  auto stored = store_.FindVariant(name.substr(0, 32), name.substr(33));
  if (!stored.ok()) return stored.error();
  if (!*stored) return NoSuchImage();
  auto variant = std::make_shared<const CachedVariant>(
      CachedVariant{std::move((*stored)->content_type), std::move((*stored)->bytes)});
  cache_.Put(file, variant);
  return variant;
}

}  // namespace dateline::media
