// WaybackDigest: base32 (RFC 4648 alphabet, no padding) of the payload's SHA-1, the form the
// Wayback CDX server and Common Crawl's index give in their `digest` field.
#include <openssl/evp.h>

#include <array>
#include <string>
#include <string_view>

#include "crawler/archive/archive_client.h"

namespace sightline::archive {

std::string WaybackDigest(std::string_view body) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> sha1{};
  unsigned int length = 0;
  if (EVP_Digest(body.data(), body.size(), sha1.data(), &length, EVP_sha1(), nullptr) != 1 ||
      length != 20) {
    return {};
  }
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  out.reserve(32);
  // 160 bits = 32 groups of 5 bits exactly, so no padding is ever needed.
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned i = 0; i < length; ++i) {
    buffer = (buffer << 8) | sha1[i];
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 0x1f]);
      bits -= 5;
    }
  }
  return out;
}

}  // namespace sightline::archive
