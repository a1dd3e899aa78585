// Gunzip: decompresses a gzip (RFC 1952) or zlib stream with zlib, stopping at a cap on the
// output so that a decompression bomb cannot exhaust memory. Used for .xml.gz sitemaps, which
// servers send as application/gzip rather than with Content-Encoding. Stateless, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sightline::crawler::internal {

bool LooksGzipped(std::string_view data);

struct GunzipResult {
  std::string data;
  bool truncated = false;  // output reached max_output
  bool ok = false;         // the stream decoded (possibly truncated) without error
};

GunzipResult Gunzip(std::string_view compressed, size_t max_output);

}  // namespace sightline::crawler::internal
