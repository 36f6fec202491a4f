#pragma once
// DKIM signatures (RFC 6376): rsa-sha256 with relaxed/relaxed canonicalization, the key
// from a PEM file named in the config. The only file that knows OpenSSL. The headers
// signed include List-Unsubscribe and List-Unsubscribe-Post, as RFC 8058 requires for a
// one-click unsubscribe to be trusted.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace dateline::mail {

class DkimSigner {
 public:
  // Reads the private key (PEM, RSA of 1024 bits or more) from `key_file`.
  static core::Result<std::unique_ptr<DkimSigner>> Load(const std::string& key_file,
                                                        std::string domain, std::string selector);
  ~DkimSigner();
  DkimSigner(const DkimSigner&) = delete;

  // `message` (CRLF line ends, as FormatRfc5322 writes) with a DKIM-Signature header
  // in front. Thread-safe.
  core::Result<std::string> Sign(const std::string& message, int64_t now) const;

  const std::string& domain() const { return domain_; }
  const std::string& selector() const { return selector_; }

 private:
  DkimSigner() = default;
  struct Key;
  std::unique_ptr<Key> key_;
  std::string domain_;
  std::string selector_;
};

// The canonical forms, exposed for the tests.
std::string DkimRelaxedHeader(std::string_view name, std::string_view value);
std::string DkimRelaxedBody(std::string_view body);

}  // namespace dateline::mail
