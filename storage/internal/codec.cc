#include "storage/internal/codec.h"

#include <fmt/format.h>
#include <zstd.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <memory>

namespace sightline::storage::internal {

namespace {
constexpr int kZstdLevel = 3;  // fast; HTML compresses ~5x at this level

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

std::optional<std::string> FormatDate(int year, int month, int day) {
  if (year < 1990 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  return fmt::format("{:04d}-{:02d}-{:02d}T00:00:00Z", year, month, day);
}
}  // namespace

Result<std::string> CompressSnapshot(std::string_view raw) {
  // One context per thread, reused: ZSTD_compress would allocate and initialise a fresh one
  // (about 1 MB at this level) for every page.
  struct ContextDeleter {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
  };
  thread_local const std::unique_ptr<ZSTD_CCtx, ContextDeleter> context(ZSTD_createCCtx());
  if (!context) return Fail(ErrorCode::kInternal, "zstd: cannot create a compression context");
  std::string out(ZSTD_compressBound(raw.size()), '\0');
  size_t n =
      ZSTD_compressCCtx(context.get(), out.data(), out.size(), raw.data(), raw.size(), kZstdLevel);
  if (ZSTD_isError(n)) {
    return Fail(ErrorCode::kInternal, fmt::format("zstd: {}", ZSTD_getErrorName(n)));
  }
  out.resize(n);
  return out;
}

Result<std::string> DecompressSnapshot(std::string_view zstd, size_t raw_size) {
  std::string out(raw_size, '\0');
  size_t n = ZSTD_decompress(out.data(), out.size(), zstd.data(), zstd.size());
  if (ZSTD_isError(n) || n != raw_size) {
    return Fail(ErrorCode::kCorrupt,
                fmt::format("snapshot does not decompress: {}",
                            ZSTD_isError(n) ? ZSTD_getErrorName(n) : "size mismatch"));
  }
  return out;
}

std::string DumpJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json ParseJson(std::string_view text, nlohmann::json fallback) {
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return fallback;
  return j;
}

std::string StringsToJson(const std::vector<std::string>& v) { return DumpJson(v); }

std::vector<std::string> StringsFromJson(std::string_view text) {
  std::vector<std::string> out;
  auto j = ParseJson(text, nlohmann::json::array());
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

std::optional<std::string> NormalizePageDate(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  // ISO 8601 date, with or without a time: the date part is enough.
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-' && AllDigits(text.substr(0, 4)) &&
      AllDigits(text.substr(5, 2)) && AllDigits(text.substr(8, 2))) {
    return FormatDate(std::stoi(std::string(text.substr(0, 4))),
                      std::stoi(std::string(text.substr(5, 2))),
                      std::stoi(std::string(text.substr(8, 2))));
  }
  // RFC 9110 IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int day = 0, year = 0;
  char month[4] = {};
  std::string copy(text);
  if (std::sscanf(copy.c_str(), "%*3s, %2d %3s %4d", &day, month, &year) == 3) {
    for (size_t i = 0; i < kMonths.size(); ++i) {
      if (std::strcmp(month, kMonths[i]) == 0) {
        return FormatDate(year, static_cast<int>(i) + 1, day);
      }
    }
  }
  return std::nullopt;
}

}  // namespace sightline::storage::internal
