// Gzip (RFC 1952) encoding on zlib for the loopback test server: one-shot and streaming.
// GzipEncoder owns its z_stream (kept out of this header); not thread-safe, one per body.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace sightline::testing {

// Gzip-compresses `data` in one go.
std::string GzipCompress(std::string_view data);

// Incremental encoder: Compress() returns whatever compressed bytes are ready, Finish()
// the rest plus the trailer. Output concatenated in order is one gzip member.
class GzipEncoder {
 public:
  GzipEncoder();
  ~GzipEncoder();
  GzipEncoder(const GzipEncoder&) = delete;
  GzipEncoder& operator=(const GzipEncoder&) = delete;

  std::string Compress(std::string_view data);
  std::string Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sightline::testing
