// DKIM through OpenSSL's EVP interface.

#include "mail/dkim.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <cstdio>
#include <vector>

#include "core/crypto.hpp"
#include "core/text.hpp"

namespace dateline::mail {
namespace {

// Signed when present, in this order. A name listed once more than it appears stops a
// header of that name from being added later in transit without breaking the signature
// (RFC 6376 §8.15) for the ones a reader relies on.
constexpr const char* kSignedHeaders[] = {
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "reply-to",
    "list-id",
    "list-unsubscribe",
    "list-unsubscribe-post",
    "list-archive",
    "feedback-id",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
};
constexpr const char* kOversigned[] = {"from", "subject", "list-unsubscribe",
                                       "list-unsubscribe-post"};

bool IsWsp(char c) { return c == ' ' || c == '\t'; }

struct Header {
  std::string name;   // as written
  std::string value;  // after the colon, folded lines included
};

// Splits a message into its header fields and body (after the blank line).
void SplitMessage(const std::string& message, std::vector<Header>& headers, std::string& body) {
  size_t pos = 0;
  while (pos < message.size()) {
    size_t eol = message.find("\r\n", pos);
    if (eol == std::string::npos) eol = message.size();
    if (eol == pos) {  // the blank line
      body = message.substr(std::min(message.size(), eol + 2));
      return;
    }
    std::string line = message.substr(pos, eol - pos);
    if (IsWsp(line[0]) && !headers.empty()) {
      headers.back().value += "\r\n" + line;  // a folded continuation
    } else {
      size_t colon = line.find(':');
      Header h;
      h.name = line.substr(0, colon);
      h.value = colon == std::string::npos ? "" : line.substr(colon + 1);
      headers.push_back(std::move(h));
    }
    pos = eol + 2;
  }
}

std::string Base64(const unsigned char* data, size_t size) {
  return core::Base64Encode(std::string_view(reinterpret_cast<const char*>(data), size));
}

}  // namespace

std::string DkimRelaxedHeader(std::string_view name, std::string_view value) {
  std::string out = core::AsciiLower(core::Trim(name));
  out += ':';
  // Unfold, turn every run of WSP into one space, and drop WSP at both ends.
  std::string v;
  bool space = false;
  for (char c : value) {
    if (c == '\r' || c == '\n') continue;
    if (IsWsp(c)) {
      space = true;
      continue;
    }
    if (space && !v.empty()) v += ' ';
    space = false;
    v += c;
  }
  out += v;
  return out;
}

std::string DkimRelaxedBody(std::string_view body) {
  std::string out;
  size_t pos = 0;
  std::string pending_blank;  // empty lines, written only if text follows
  while (pos < body.size()) {
    size_t eol = body.find("\r\n", pos);
    bool last = eol == std::string_view::npos;
    std::string_view line = body.substr(pos, last ? std::string_view::npos : eol - pos);
    std::string reduced;
    bool space = false;
    for (char c : line) {
      if (IsWsp(c)) {
        space = true;
        continue;
      }
      if (space) reduced += ' ';
      space = false;
      reduced += c;
    }
    // Trailing WSP is dropped (a pending space is never written).
    if (reduced.empty()) {
      pending_blank += "\r\n";
    } else {
      out += pending_blank;
      pending_blank.clear();
      out += reduced;
      out += "\r\n";
    }
    if (last) break;
    pos = eol + 2;
  }
  return out;
}

struct DkimSigner::Key {
  EVP_PKEY* pkey = nullptr;
  ~Key() { EVP_PKEY_free(pkey); }
};

DkimSigner::~DkimSigner() = default;

core::Result<std::unique_ptr<DkimSigner>> DkimSigner::Load(const std::string& key_file,
                                                           std::string domain,
                                                           std::string selector) {
  std::FILE* f = std::fopen(key_file.c_str(), "r");
  if (!f) {
    return core::Error::InvalidArgument("newsletters.dkim_key_file: cannot read " + key_file);
  }
  EVP_PKEY* pkey = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  if (!pkey) {
    return core::Error::InvalidArgument("newsletters.dkim_key_file: " + key_file +
                                        " is not a PEM private key");
  }
  std::unique_ptr<DkimSigner> signer(new DkimSigner());
  signer->key_ = std::make_unique<Key>();
  signer->key_->pkey = pkey;
  if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_RSA || EVP_PKEY_get_bits(pkey) < 1024) {
    return core::Error::InvalidArgument("newsletters.dkim_key_file: " + key_file +
                                        " must hold an RSA key of 1024 bits or more (2048 is "
                                        "usual)");
  }
  signer->domain_ = std::move(domain);
  signer->selector_ = std::move(selector);
  return signer;
}

core::Result<std::string> DkimSigner::Sign(const std::string& message, int64_t now) const {
  std::vector<Header> headers;
  std::string body;
  SplitMessage(message, headers, body);
  // The body hash.
  std::string canonical_body = DkimRelaxedBody(body);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  EVP_Digest(canonical_body.data(), canonical_body.size(), digest, &digest_size, EVP_sha256(),
             nullptr);
  // The headers to sign, bottom-up for repeated names (RFC 6376 §5.4.2).
  std::string names;
  std::string signed_text;
  for (const char* wanted : kSignedHeaders) {
    for (auto it = headers.rbegin(); it != headers.rend(); ++it) {
      if (core::AsciiLower(core::Trim(it->name)) != wanted) continue;
      if (!names.empty()) names += ':';
      names += wanted;
      signed_text += DkimRelaxedHeader(it->name, it->value) + "\r\n";
      break;
    }
  }
  for (const char* name : kOversigned) names += std::string(":") + name;
  std::string signature_value = fmt::format(
      " v=1; a=rsa-sha256; c=relaxed/relaxed; d={}; s={}; t={}; h={}; bh={}; b=", domain_,
      selector_, now, names, Base64(digest, digest_size));
  // The signature header itself, with an empty b=, last and without its CRLF.
  signed_text += DkimRelaxedHeader("DKIM-Signature", signature_value);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (!ctx) return core::Error::Internal("DKIM: out of memory");
  size_t size = 0;
  std::vector<unsigned char> signature;
  bool ok = EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key_->pkey) == 1 &&
            EVP_DigestSign(ctx, nullptr, &size,
                           reinterpret_cast<const unsigned char*>(signed_text.data()),
                           signed_text.size()) == 1;
  if (ok) {
    signature.resize(size);
    ok = EVP_DigestSign(ctx, signature.data(), &size,
                        reinterpret_cast<const unsigned char*>(signed_text.data()),
                        signed_text.size()) == 1;
  }
  EVP_MD_CTX_free(ctx);
  if (!ok) return core::Error::Internal("DKIM: signing failed");
  // Folded at the b= tag's natural breaks so no line passes 998 characters.
  std::string b = Base64(signature.data(), size);
  std::string folded;
  for (size_t i = 0; i < b.size(); i += 72) folded += "\r\n\t" + b.substr(i, 72);
  return "DKIM-Signature:" + signature_value + folded + "\r\n" + message;
}

}  // namespace dateline::mail
