#pragma once
// The media domain's tables: images and their variants.

#include "store/migrations.hpp"

namespace dateline::media {

const store::SchemaPart& Schema();

}  // namespace dateline::media
