#pragma once
// Dateline's whole schema, joined from the parts each domain declares beside its store
// (<domain>/schema.cpp).

#include "store/migrations.hpp"

namespace dateline::app {

const store::Schema& Schema();

}  // namespace dateline::app
