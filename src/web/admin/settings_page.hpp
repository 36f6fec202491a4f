#pragma once
// /admin/settings: the configuration this node runs with, read-only, each value beside
// the config key that sets it. Secrets (keys, passwords, store credentials) are never
// shown, only whether they are set.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/admin/context.hpp"

namespace dateline::web {

http::Response AdminSettingsPage(const AdminContext& ctx, const http::Request& request);

}  // namespace dateline::web
