#pragma once
// The accounts domain's tables: users and their sessions, email confirmations, reset codes and
// queued reset requests. Its migrations (the parts of the schema's history that are its own, never
// edited once released) and how copy-store moves its rows. Only the domain's *_store.cpp files read
// or write these tables.

#include "store/migrations.hpp"

namespace dateline::accounts {

const store::SchemaPart& Schema();

}  // namespace dateline::accounts
