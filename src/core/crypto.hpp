#pragma once
// The few cryptographic operations the domains need, through libsodium: random tokens,
// keyed hashes (HMAC-SHA256) and constant-time comparison. Keys come from the secret
// file, never from the store.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dateline::core {

// 32 bytes: the server secret (see app/secret.cpp for where it lives).
using SecretKey = std::array<unsigned char, 32>;

// Fills with cryptographically secure random bytes.
void RandomBytes(void* out, size_t size);
uint32_t RandomUniform(uint32_t upper_bound);

// `bytes` random bytes as unpadded base64url (43 characters for 32 bytes): cookie tokens.
std::string RandomToken(size_t bytes = 32);

// HMAC-SHA256(key, message) as lowercase hex.
std::string HmacHex(const SecretKey& key, std::string_view message);
// HMAC-SHA256 under a key of any length (a third party's shared secret) as lowercase hex.
std::string HmacSha256Hex(std::string_view key, std::string_view message);
// A keyed hash for a purpose, so one key serves several uses without their values ever
// matching: HmacHex(key, purpose + '\0' + message).
std::string KeyedHash(const SecretKey& key, std::string_view purpose, std::string_view message);

// SHA-256 as lowercase hex (for looking up tokens that are already random).
std::string Sha256Hex(std::string_view message);

bool ConstantTimeEquals(std::string_view a, std::string_view b);

std::string Base64UrlEncode(std::string_view bytes);
// Standard base64 with padding, and back (nullopt for text that is not base64).
std::string Base64Encode(std::string_view bytes);
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace dateline::core
