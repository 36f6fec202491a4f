#pragma once
// Who is on the other end. Behind nginx every socket peer is the proxy; the reader's
// address is in X-Forwarded-For, but only a proxy we trust may say so. Resolved once per
// request, here, and used by rate limits, the audit log and the devices list alike.
//
// The rule (as nginx's real_ip_recursive and RFC 7239's guidance): start at the socket
// peer; while the address in hand is a trusted proxy, step to the hop it reports (the
// right-most X-Forwarded-For entry not yet taken). The first untrusted address is the
// client. A forged left part of the header is never reached unless every proxy after it
// is trusted.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace dateline::http {

// An IPv4 or IPv6 address as 16 bytes (IPv4 as ::ffff:a.b.c.d).
struct IpAddress {
  std::array<uint8_t, 16> bytes{};
  bool v4 = false;
};

std::optional<IpAddress> ParseIpAddress(std::string_view text);
// Canonical text: dotted IPv4 (also for IPv4-mapped IPv6), RFC 5952 IPv6.
std::string FormatIpAddress(const IpAddress& address);

// A list of addresses and CIDR ranges ("127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8").
class TrustedProxies {
 public:
  // Fails naming the entry that is not an address or range.
  static core::Result<TrustedProxies> Parse(const std::vector<std::string>& entries);
  static TrustedProxies Loopback();  // the default: 127.0.0.0/8 and ::1
  bool Contains(const IpAddress& address) const;
  bool empty() const { return ranges_.empty(); }

 private:
  struct Range {
    IpAddress base;
    int prefix_bits;  // over the 16-byte form
  };
  std::vector<Range> ranges_;
};

// The client's address for a request from `peer` with these X-Forwarded-For header
// values (in the order received). Garbage in the header stops the walk at the last
// trusted hop rather than inventing an address.
std::string ResolveClientAddress(std::string_view peer,
                                 const std::vector<std::string_view>& forwarded_for,
                                 const TrustedProxies& trusted);

// The key rate limits count under: the address itself for IPv4, its /64 network for
// IPv6 (one subscriber line holds a whole /64, so counting single addresses counts nothing).
std::string RateLimitKey(std::string_view address);

}  // namespace dateline::http
