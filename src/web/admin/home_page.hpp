#pragma once
// /admin: the staff's home. Links to every section the visitor may open, with the counts
// that say where work waits (stories in review, held comments, new subscribers).

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/admin/context.hpp"

namespace dateline::web {

http::Response AdminHomePage(const AdminContext& ctx, const http::Request& request);

}  // namespace dateline::web
