#include "crawler/internal/gunzip.h"

#include <zlib.h>

#include <algorithm>
#include <climits>

namespace sightline::crawler::internal {

bool LooksGzipped(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

GunzipResult Gunzip(std::string_view compressed, size_t max_output) {
  GunzipResult out;
  z_stream zs{};
  // 32 + MAX_WBITS: detect gzip or zlib headers automatically.
  if (inflateInit2(&zs, 32 + MAX_WBITS) != Z_OK) return out;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs.avail_in = static_cast<uInt>(std::min<size_t>(compressed.size(), UINT_MAX));
  char buffer[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof(buffer);
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    const size_t produced = sizeof(buffer) - zs.avail_out;
    const size_t room = max_output - out.data.size();
    out.data.append(buffer, std::min(produced, room));
    if (produced > room) {
      out.truncated = true;
      rc = Z_STREAM_END;
      break;
    }
    if (produced == 0 && zs.avail_in == 0) break;
  }
  out.ok = rc == Z_STREAM_END || (rc == Z_OK && out.truncated);
  inflateEnd(&zs);
  return out;
}

}  // namespace sightline::crawler::internal
