#pragma once
// The webhooks domain's tables: endpoints, and the deliveries waiting or done. Its
// migrations and how copy-store moves its rows. Only webhook_store.cpp reads or writes them.

#include "store/migrations.hpp"

namespace dateline::webhooks {

const store::SchemaPart& Schema();

}  // namespace dateline::webhooks
