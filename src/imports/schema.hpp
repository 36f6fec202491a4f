#pragma once
// The imports domain's tables: what each import brought in (by its source's ids) and the
// old addresses that now redirect.

#include "store/migrations.hpp"

namespace dateline::imports {

const store::SchemaPart& Schema();

}  // namespace dateline::imports
