#include "crawler/internal/address.h"

#include <arpa/inet.h>

#include <cstdint>
#include <cstring>
#include <string>

namespace sightline::crawler::internal {
namespace {

bool IsPrivateV4(const uint8_t a[4]) {
  if (a[0] == 10 || a[0] == 127 || a[0] == 0) return true;  // private, loopback, "this"
  if (a[0] == 172 && (a[1] & 0xF0) == 16) return true;      // 172.16/12
  if (a[0] == 192 && a[1] == 168) return true;              // 192.168/16
  if (a[0] == 169 && a[1] == 254) return true;              // link-local
  if (a[0] == 100 && (a[1] & 0xC0) == 64) return true;      // 100.64/10 (CGNAT)
  if (a[0] >= 224) return true;                             // multicast, reserved
  return false;
}

}  // namespace

bool IsPrivateAddress(std::string_view ip) {
  std::string text(ip);
  if (!text.empty() && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  if (const size_t pct = text.find('%'); pct != std::string::npos) text.resize(pct);  // zone id
  uint8_t v4[4];
  if (inet_pton(AF_INET, text.c_str(), v4) == 1) return IsPrivateV4(v4);
  uint8_t v6[16];
  if (inet_pton(AF_INET6, text.c_str(), v6) != 1) return true;
  static const uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (std::memcmp(v6, kMapped, 12) == 0) return IsPrivateV4(v6 + 12);
  bool all_zero_but_last = true;
  for (int i = 0; i < 15; ++i) all_zero_but_last = all_zero_but_last && v6[i] == 0;
  if (all_zero_but_last && (v6[15] == 0 || v6[15] == 1)) return true;  // :: and ::1
  if (v6[0] == 0xFE && (v6[1] & 0xC0) == 0x80) return true;            // fe80::/10
  if ((v6[0] & 0xFE) == 0xFC) return true;                             // fc00::/7
  if (v6[0] == 0xFF) return true;                                      // multicast
  return false;
}

}  // namespace sightline::crawler::internal
