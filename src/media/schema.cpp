#include "media/schema.hpp"

namespace dateline::media {

const store::SchemaPart& Schema() {
  static const store::SchemaPart kPart = {
      {
          {20, "create_images",  // media: uploaded images and their resized variants
           R"sql(
CREATE TABLE images (
  id {id},
  image_key TEXT NOT NULL UNIQUE,
  width BIGINT NOT NULL,
  height BIGINT NOT NULL,
  alt TEXT NOT NULL,
  caption TEXT NOT NULL DEFAULT '',
  credit TEXT NOT NULL DEFAULT '',
  format TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  widths TEXT NOT NULL,
  uploaded_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE image_variants (
  image_id BIGINT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  width BIGINT NOT NULL,
  height BIGINT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (image_id, name)
);
)sql"},
      },
      {
          {"images",
           "id, image_key, width, height, alt, caption, credit, format, bytes, widths, "
           "uploaded_by, created_at",
           "id", true},
          {"image_variants", "image_id, name, content_type, width, height, data", "image_id, name"},
      },
  };
  return kPart;
}

}  // namespace dateline::media
