#pragma once
// The audit domain's tables: the log of security events. Its migrations (the parts of the
// schema's history that are its own, never edited once released) and how copy-store moves
// its rows. Only the domain's *_store.cpp files read or write these tables.

#include "store/migrations.hpp"

namespace dateline::audit {

const store::SchemaPart& Schema();

}  // namespace dateline::audit
