#pragma once
// The newsroom's pages for the paper's structure: /admin/sections, /admin/tags and
// /admin/authors (list by cursor, add, change, delete). The service decides who may.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/articles/context.hpp"

namespace dateline::web {

http::Response AdminSectionsPage(const ArticlesContext& ctx, const http::Request& request);
http::Response AdminSectionSubmit(const ArticlesContext& ctx, const http::Request& request);
http::Response AdminSectionDelete(const ArticlesContext& ctx, const http::Request& request);
http::Response AdminTagsPage(const ArticlesContext& ctx, const http::Request& request);
http::Response AdminTagSubmit(const ArticlesContext& ctx, const http::Request& request);
http::Response AdminTagDelete(const ArticlesContext& ctx, const http::Request& request);
http::Response AdminAuthorsPage(const ArticlesContext& ctx, const http::Request& request);
http::Response AdminAuthorSubmit(const ArticlesContext& ctx, const http::Request& request);
http::Response AdminAuthorDelete(const ArticlesContext& ctx, const http::Request& request);

}  // namespace dateline::web
