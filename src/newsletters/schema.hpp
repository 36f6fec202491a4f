#pragma once
// The newsletters domain's tables.

#include "store/migrations.hpp"

namespace dateline::newsletters {

const store::SchemaPart& Schema();

}  // namespace dateline::newsletters
