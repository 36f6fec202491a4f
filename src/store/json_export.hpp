#pragma once
// The whole site as JSON Lines (docs/EXPORT.md): a header line, then for each table a line
// naming it and its columns followed by one line per row (an array of values, in column
// order), then an end line with the row count. Streamed both ways, so a site of any size
// passes through bounded memory; read in one snapshot, written in one transaction into an
// empty store; identical after a round trip, whichever stores are at either end.

#include <functional>
#include <istream>
#include <ostream>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/copy_store.hpp"
#include "store/db.hpp"
#include "store/migrations.hpp"

namespace dateline::store {

inline constexpr int kExportFormat = 1;

core::Result<CopyReport> ExportJsonLines(Db& from, const Schema& schema, std::ostream& out,
                                         const core::Clock& clock,
                                         const std::function<void(const CopyProgress&)>& progress);

// Into an empty store at this binary's schema (kAlreadyExists when it is not empty);
// kInvalidArgument, with the line, for anything that is not such an export, or an export
// of another schema version. Nothing is written unless all of it is.
core::Result<CopyReport> ImportJsonLines(Db& to, const Schema& schema, std::istream& in,
                                         const core::Clock& clock,
                                         const std::function<void(const CopyProgress&)>& progress);

}  // namespace dateline::store
