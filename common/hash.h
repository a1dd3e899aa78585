// Content hashes: SHA-256 in lower-case hex (snapshots are stored once per hash) and a short
// stable fingerprint for finding ids.
#pragma once

#include <string>
#include <string_view>

namespace sightline {

std::string Sha256Hex(std::string_view data);

// The first `hex_chars` characters of Sha256Hex: stable across runs and platforms.
std::string Fingerprint(std::string_view data, size_t hex_chars = 16);

}  // namespace sightline
