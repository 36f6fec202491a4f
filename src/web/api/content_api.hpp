#pragma once
// The Content API (/api/content/...): what any reader may read, for programs holding a
// content key (Authorization: Bearer dlk_..., or ?key=). Stories, authors, sections, tags
// and the site's pages; lists page by cursor. A story's body is only ever its public part:
// no key reads paywalled text. Described in docs/openapi.json.

#include "http/router.hpp"
#include "web/api/context.hpp"

namespace dateline::web {

void RegisterContentApi(http::Router& router, const ApiContext& ctx);

}  // namespace dateline::web
