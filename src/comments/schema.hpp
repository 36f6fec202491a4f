#pragma once
// The comments domain's tables: comments, votes, flags, commenters (counts and suspensions), and
// the rules of moderation. Its migrations (the parts of the schema's history that are its own,
// never edited once released) and how copy-store moves its rows. Only the domain's *_store.cpp
// files read or write these tables.

#include "store/migrations.hpp"

namespace dateline::comments {

const store::SchemaPart& Schema();

}  // namespace dateline::comments
