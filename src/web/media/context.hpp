#pragma once
// What the media pages use beyond the kit: the images.

#include "media/media_service.hpp"
#include "web/kit/kit.hpp"

namespace dateline::web {

struct MediaContext : Kit {
  media::MediaService& media;
};

}  // namespace dateline::web
