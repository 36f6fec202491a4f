#include "http/client_address.hpp"

#include <arpa/inet.h>

#include <cstring>

#include "core/text.hpp"

namespace dateline::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Some proxies write "[2001:db8::1]:443" or "203.0.113.9:5000"; the port is not ours.
std::string_view StripPort(std::string_view s) {
  if (!s.empty() && s.front() == '[') {
    size_t close = s.find(']');
    return close == std::string_view::npos ? std::string_view() : s.substr(1, close - 1);
  }
  size_t colon = s.find(':');
  if (colon != std::string_view::npos && s.find(':', colon + 1) == std::string_view::npos) {
    return s.substr(0, colon);  // one colon: IPv4 with a port
  }
  return s;
}

bool InRange(const IpAddress& a, const IpAddress& base, int bits) {
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    uint8_t mask = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
    if ((a.bytes[i] & mask) != (base.bytes[i] & mask)) return false;
  }
  return true;
}

}  // namespace

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  std::string s(text);
  if (auto zone = s.find('%'); zone != std::string::npos) s.resize(zone);  // fe80::1%eth0
  IpAddress out;
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out.v4 = true;
    out.bytes[10] = out.bytes[11] = 0xff;
    std::memcpy(&out.bytes[12], &v4, 4);
    return out;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) != 1) return std::nullopt;
  std::memcpy(out.bytes.data(), &v6, 16);
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  out.v4 = std::memcmp(out.bytes.data(), kMapped, 12) == 0;
  return out;
}

std::string FormatIpAddress(const IpAddress& address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.v4) {
    inet_ntop(AF_INET, &address.bytes[12], text, sizeof text);
  } else {
    inet_ntop(AF_INET6, address.bytes.data(), text, sizeof text);
  }
  return text;
}

core::Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& entries) {
  TrustedProxies out;
  for (const std::string& entry : entries) {
    std::string_view e = Trim(entry);
    size_t slash = e.find('/');
    auto base = ParseIpAddress(e.substr(0, slash));
    if (!base) {
      return core::Error::InvalidArgument("'" + entry + "' is not an address or CIDR range");
    }
    int bits = base->v4 ? 32 : 128;
    if (slash != std::string_view::npos) {
      std::string_view digits = e.substr(slash + 1);
      int64_t n = core::ParseInt64(digits).value_or(-1);
      if (n < 0 || n > bits) {
        return core::Error::InvalidArgument("'" + entry + "' has a bad prefix length");
      }
      bits = static_cast<int>(n);
    }
    out.ranges_.push_back({*base, base->v4 ? bits + 96 : bits});
  }
  return out;
}

TrustedProxies TrustedProxies::Loopback() {
  auto loopback = Parse({"127.0.0.0/8", "::1"});
  return std::move(loopback.value());
}

bool TrustedProxies::Contains(const IpAddress& address) const {
  for (const Range& r : ranges_) {
    if (InRange(address, r.base, r.prefix_bits)) return true;
  }
  return false;
}

std::string ResolveClientAddress(std::string_view peer,
                                 const std::vector<std::string_view>& forwarded_for,
                                 const TrustedProxies& trusted) {
  auto current = ParseIpAddress(peer);
  if (!current) return std::string(peer);
  if (!trusted.Contains(*current) || forwarded_for.empty()) return FormatIpAddress(*current);
  // Hops from right (nearest) to left, across every X-Forwarded-For line in order.
  std::vector<std::string_view> hops;
  for (std::string_view line : forwarded_for) {
    size_t pos = 0;
    while (pos <= line.size()) {
      size_t comma = line.find(',', pos);
      if (comma == std::string_view::npos) comma = line.size();
      std::string_view hop = Trim(line.substr(pos, comma - pos));
      if (!hop.empty()) hops.push_back(hop);
      pos = comma + 1;
      if (hops.size() > 64) break;  // nobody chains that many proxies
    }
  }
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    auto hop = ParseIpAddress(StripPort(*it));
    if (!hop) break;  // garbage: keep the last address a trusted proxy vouched for
    current = hop;
    if (!trusted.Contains(*current)) break;
  }
  return FormatIpAddress(*current);
}

std::string RateLimitKey(std::string_view address) {
  auto parsed = ParseIpAddress(address);
  if (!parsed) return std::string(address);
  if (parsed->v4) return FormatIpAddress(*parsed);
  IpAddress network = *parsed;
  for (int i = 8; i < 16; ++i) network.bytes[i] = 0;
  return FormatIpAddress(network) + "/64";
}

}  // namespace dateline::http
