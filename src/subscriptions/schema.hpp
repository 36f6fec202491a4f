#pragma once
// The subscriptions domain's tables: plans, subscriptions, payment events, the article meter, gift
// codes and subscription requests. Its migrations (the parts of the schema's history that are its
// own, never edited once released) and how copy-store moves its rows. Only the domain's *_store.cpp
// files read or write these tables.

#include "store/migrations.hpp"

namespace dateline::subscriptions {

const store::SchemaPart& Schema();

}  // namespace dateline::subscriptions
