#pragma once
// Password hashing with argon2id through libsodium, at OWASP's floor or above
// (19 MiB, 2 passes). Slow on purpose: never call it on an I/O thread.

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace dateline::accounts {

inline constexpr unsigned long long kArgonOpsLimit = 2;
inline constexpr size_t kArgonMemLimit = 19 * 1024 * 1024;

// An encoded hash ("$argon2id$v=19$m=19456,t=2,p=1$...") that carries its own parameters.
core::Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);

// A random password of `length` characters from an unambiguous alphabet, for one-time
// use (the first admin).
std::string GenerateOneTimePassword(size_t length = 20);

}  // namespace dateline::accounts
