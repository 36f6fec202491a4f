#include "accounts/password.hpp"

#include <sodium.h>

namespace dateline::accounts {

core::Result<std::string> HashPassword(std::string_view password) {
  if (sodium_init() < 0) return core::Error::Internal("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kArgonOpsLimit, kArgonMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return core::Error::Unavailable("out of memory while hashing a password");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& encoded_hash) {
  if (sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

std::string GenerateOneTimePassword(size_t length) {
  // No 0/O, 1/l/I: the password is read off a terminal and typed by a person.
  static constexpr char kAlphabet[] = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ";
  constexpr uint32_t kSize = sizeof(kAlphabet) - 1;
  if (sodium_init() < 0) return {};
  std::string out;
  out.reserve(length);
  for (size_t i = 0; i < length; ++i) out += kAlphabet[randombytes_uniform(kSize)];
  return out;
}

}  // namespace dateline::accounts
