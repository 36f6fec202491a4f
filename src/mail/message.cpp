#include "mail/message.hpp"

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/time_format.hpp"

namespace dateline::mail {
namespace {

std::string Base64Lines(const std::string& data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t line = 0;
  for (size_t i = 0; i < data.size(); i += 3) {
    uint32_t n = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) n |= static_cast<unsigned char>(data[i + 1]) << 8;
    if (i + 2 < data.size()) n |= static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < data.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < data.size() ? kAlphabet[n & 63] : '=';
    line += 4;
    if (line >= 76) {
      out += "\r\n";
      line = 0;
    }
  }
  if (line) out += "\r\n";
  return out;
}

bool IsAscii(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::string SanitizeHeaderValue(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c != '\r' && c != '\n') out += c;
  }
  return out;
}

std::string EncodeHeaderWord(const std::string& text) {
  std::string clean = SanitizeHeaderValue(text);
  if (IsAscii(clean)) return clean;
  std::string b64 = Base64Lines(clean);
  std::string joined;
  for (char c : b64) {
    if (c != '\r' && c != '\n') joined += c;
  }
  return "=?UTF-8?B?" + joined + "?=";
}

std::string FormatRfc5322(const Message& m, const Sender& sender, int64_t now,
                          const std::string& message_id) {
  std::string boundary = "=_dateline_" + core::RandomToken(12);
  std::string out;
  std::string date = core::FormatHttpDate(now);  // "..., 06 Nov 1994 08:49:37 GMT"
  date.replace(date.size() - 3, 3, "+0000");
  out += "Date: " + date + "\r\n";
  out += "From: " + EncodeHeaderWord(sender.from_name) + " <" +
         SanitizeHeaderValue(sender.from_address) + ">\r\n";
  out += "To: " + SanitizeHeaderValue(m.to) + "\r\n";
  out += "Subject: " + EncodeHeaderWord(m.subject) + "\r\n";
  out += "Message-ID: <" + SanitizeHeaderValue(message_id) + ">\r\n";
  for (const auto& [name, value] : m.extra_headers) {
    out += SanitizeHeaderValue(name) + ": " + SanitizeHeaderValue(value) + "\r\n";
  }
  out += "MIME-Version: 1.0\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  if (m.html_body.empty()) {
    out += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    out += Base64Lines(m.text_body);
    return out;
  }
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "This is a multi-part message in MIME format.\r\n";
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += Base64Lines(m.text_body);
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += Base64Lines(m.html_body);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace dateline::mail
