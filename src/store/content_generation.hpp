#pragma once
// A store-wide counter that every change to published content bumps in the same
// transaction. Page caches compare it to what they rendered from, so a change made by
// another process (the CLI, another node) reaches every cache without messaging.

#include <cstdint>

#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::store {

// The channel on which PostgreSQL nodes hear that the generation moved.
inline constexpr const char* kContentChannel = "dateline_content";

// Bumps the counter; on PostgreSQL also NOTIFYs kContentChannel (delivered at commit).
core::Result<void> BumpContentGeneration(Executor& tx);
core::Result<int64_t> ReadContentGeneration(Executor& db);

}  // namespace dateline::store
