#include "tests/support/gzip_encoder.h"

#include <zlib.h>

#include <array>
#include <cstdlib>

namespace sightline::testing {

struct GzipEncoder::State {
  z_stream stream{};
  bool finished = false;
};

GzipEncoder::GzipEncoder() : state_(std::make_unique<State>()) {
  // windowBits 15 + 16 selects the gzip wrapper; memLevel 8 is zlib's default.
  if (deflateInit2(&state_->stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    std::abort();  // only fails on out-of-memory or a broken zlib
  }
}

GzipEncoder::~GzipEncoder() { deflateEnd(&state_->stream); }

namespace {

std::string Run(z_stream& stream, std::string_view data, int flush) {
  std::string out;
  std::array<unsigned char, 16384> buffer;
  // zlib's API is not const-correct; it never writes through next_in.
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  do {
    stream.next_out = buffer.data();
    stream.avail_out = static_cast<uInt>(buffer.size());
    deflate(&stream, flush);
    out.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - stream.avail_out);
  } while (stream.avail_out == 0 || stream.avail_in > 0);
  return out;
}

}  // namespace

std::string GzipEncoder::Compress(std::string_view data) {
  if (state_->finished || data.empty()) return {};
  std::string out;
  // avail_in is 32-bit; feed huge inputs in slices.
  constexpr std::size_t kSlice = 1u << 30;
  while (!data.empty()) {
    std::string_view slice = data.substr(0, kSlice);
    out += Run(state_->stream, slice, Z_NO_FLUSH);
    data.remove_prefix(slice.size());
  }
  return out;
}

std::string GzipEncoder::Finish() {
  if (state_->finished) return {};
  state_->finished = true;
  return Run(state_->stream, {}, Z_FINISH);
}

std::string GzipCompress(std::string_view data) {
  GzipEncoder encoder;
  std::string out = encoder.Compress(data);
  out += encoder.Finish();
  return out;
}

}  // namespace sightline::testing
