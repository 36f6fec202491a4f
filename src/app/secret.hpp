#pragma once
// The server secret: 32 random bytes in a file outside the store (DATA_DIR/secret.key by
// default, mode 0600), created on first use. It keys reset-code hashes and CSRF tokens, so
// a stolen database yields neither. Nodes that share a store must share this file.

#include <string>

#include "core/crypto.hpp"
#include "core/result.hpp"

namespace dateline::app {

core::Result<core::SecretKey> LoadOrCreateSecret(const std::string& path);

}  // namespace dateline::app
