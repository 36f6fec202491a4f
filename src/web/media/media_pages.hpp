#pragma once
// The media library (/admin/media: upload, search, describe, delete) and the image files
// themselves (/media/KEY-640.webp), answered from memory after their first request.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/media/context.hpp"

namespace dateline::web {

http::Response MediaLibraryPage(const MediaContext& ctx, const http::Request& request);
http::Response MediaUploadSubmit(const MediaContext& ctx, const http::Request& request);
http::Response MediaDescribeSubmit(const MediaContext& ctx, const http::Request& request);
http::Response MediaDeleteSubmit(const MediaContext& ctx, const http::Request& request);
http::Response MediaFile(const MediaContext& ctx, const http::Request& request);

void RegisterMediaRoutes(http::Router& router, const MediaContext& ctx);

}  // namespace dateline::web
